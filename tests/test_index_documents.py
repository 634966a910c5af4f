"""`workbench index` on documents: a bilingual deliverable (a Chinese column beside an English
one) row by row; a Chinese document and its English one (`--pair`) aligned and indexed; a
document in one language refused. And the shared reading options of `open ZH EN`, and the
reader recorded in the aligned YAML."""

from __future__ import annotations

import json
import sqlite3

import docx
import pytest
from conftest import run_cli

from workbench.cli import main

ROWS = [
    ("女士们、先生们，大家上午好！欢迎出席发布会。", "Ladies and gentlemen, good morning. Welcome to the press conference."),
    ("新质生产力是创新起主导作用的先进生产力。",
     "New quality productive forces are advanced productive forces in which innovation plays the leading role."),
    ("谢谢。", "Thank you."),
]


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "archive.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


def bilingual_docx(path, rows=ROWS, header=("序号", "中文", "English")) -> None:
    d = docx.Document()
    d.add_heading("新闻发布会 Press conference", 1)
    d.add_paragraph("下表为中英对照。")
    t = d.add_table(rows=len(rows) + 1, cols=3)
    for r, row in zip(t.rows, [header] + [(str(i), zh, en) for i, (zh, en) in enumerate(rows, 1)]):
        for cell, text in zip(r.cells, row):
            cell.text = text
    d.save(path)


def paragraphs_docx(path, paragraphs) -> None:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)


def hits(capsys, query):
    capsys.readouterr()
    main(["concordance", query, "--format", "json"])
    return json.loads(capsys.readouterr().out or "[]")


def test_bilingual_word_table_is_indexed_row_by_row(tmp_path, db, capsys):
    bilingual_docx(tmp_path / "bi.docx")
    assert main(["index", str(tmp_path / "bi.docx")]) == 0
    assert "1 added" in capsys.readouterr().out
    found = hits(capsys, "新质生产力")
    assert [(h["pair"], h["zh"], h["en"]) for h in found] == [(2, ROWS[1][0], ROWS[1][1])]
    assert found[0]["file"] == str((tmp_path / "bi.docx").resolve())
    assert hits(capsys, "序号") == [] and hits(capsys, "对照") == []  # the header row and the prose are no pairs
    assert main(["index", str(tmp_path / "bi.docx")]) == 0
    assert "0 added, 0 updated, 1 unchanged" in capsys.readouterr().out


def test_bilingual_markdown_and_web_page_tables(tmp_path, db, capsys):
    (tmp_path / "bi.md").write_text("# 对照\n\n| 中文 | English |\n|---|---|\n| 我们将继续努力。 | We will keep working hard. |\n"
                                    "| 制造业是经济的压舱石。 | Manufacturing is the ballast of the economy. |\n", encoding="utf-8")
    (tmp_path / "bi.html").write_text(
        "<html><body><nav>Home</nav><table><tr><th>原文</th><th>译文</th></tr>"
        "<tr><td>高质量发展<br>是首要任务。</td><td>High-quality development<br>is the top task.</td></tr>"
        "</table>"
        "<table><tr><td>2024</td><td>GDP</td></tr></table></body></html>", encoding="utf-8")
    assert main(["index", str(tmp_path / "bi.md"), str(tmp_path / "bi.html")]) == 0
    assert [h["en"] for h in hits(capsys, "压舱石")] == ["Manufacturing is the ballast of the economy."]
    assert [(h["zh"], h["en"]) for h in hits(capsys, "首要")] == [("高质量发展是首要任务。", "High-quality development is the top task.")]
    # A .txt forced to be read as Markdown is a bilingual document too.
    (tmp_path / "table.txt").write_text("| zh | en |\n|--|--|\n| 石墨烯很薄。 | Graphene is thin. |\n", encoding="utf-8")
    assert main(["index", str(tmp_path / "table.txt")]) == 2  # a text file is no document by its name
    assert main(["index", str(tmp_path / "table.txt"), "--input-format", "md"]) == 0
    assert [h["en"] for h in hits(capsys, "石墨烯")] == ["Graphene is thin."]


def test_a_bilingual_edition_of_alternating_paragraphs_pairs_them(tmp_path, db, capsys):
    # 中英对照: each Chinese paragraph followed by its English, in Word and in a PDF; and the
    # English first in Markdown.
    alternating = [x for zh, en in ROWS for x in (zh, en)]
    paragraphs_docx(tmp_path / "ed.docx", ["新闻发布会实录"] + alternating)
    from pdfmake import flow, pdf_bytes

    (tmp_path / "ed.pdf").write_bytes(pdf_bytes(flow(alternating, per_line=40)))
    (tmp_path / "ed.md").write_text("\n\n".join(x for zh, en in ROWS for x in (en, zh)) + "\n", encoding="utf-8")
    for name in ("ed.docx", "ed.pdf", "ed.md"):
        assert main(["index", str(tmp_path / name)]) == 0, name
        found = hits(capsys, "新质生产力")
        assert [(h["zh"], h["en"]) for h in found if h["file"].endswith(name)] == [ROWS[1]], name
    assert [h["en"] for h in hits(capsys, "实录")] == [""]  # the title: a pair with one side
    # A Chinese document quoting a little English is no bilingual edition.
    paragraphs_docx(tmp_path / "zh.docx", [ROWS[0][0], "Made in China 2025", ROWS[1][0], ROWS[2][0], "谢谢大家。"])
    assert main(["index", str(tmp_path / "zh.docx")]) == 2
    assert "one language only" in capsys.readouterr().err


def test_a_document_in_one_language_is_refused_naming_it(tmp_path, db):
    paragraphs_docx(tmp_path / "zh.docx", [zh for zh, _ in ROWS])
    r = run_cli("index", "zh.docx", cwd=tmp_path, env={"WORKBENCH_DB": str(db)})
    assert r.returncode == 2
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("workbench: skipped ") and "zh.docx" in err[0]
    assert "one language only" in err[0] and "--pair ZH EN" in err[0]
    assert "0 added" in r.stdout


def test_a_document_pair_is_aligned_indexed_and_kept_up_to_date(tmp_path, db, capsys):
    zh, en = tmp_path / "zh.docx", tmp_path / "en.pdf"
    paragraphs_docx(zh, [z for z, _ in ROWS])
    from pdfmake import flow, pdf_bytes

    en.write_bytes(pdf_bytes(flow([e for _, e in ROWS], per_line=60)))
    assert main(["index", "--pair", str(zh), str(en)]) == 0
    assert "1 added" in capsys.readouterr().out
    found = hits(capsys, "新质生产力")
    assert [(h["file"], h["en"]) for h in found] == [(str(zh.resolve()), ROWS[1][1])]
    con = sqlite3.connect(db)
    import hashlib

    assert con.execute("SELECT sha256, partner, partner_sha256 FROM files").fetchall() == [
        (hashlib.sha256(zh.read_bytes()).hexdigest(), str(en.resolve()), hashlib.sha256(en.read_bytes()).hexdigest())]
    con.close()
    capsys.readouterr()
    assert main(["index", "--pair", str(zh), str(en)]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    en.write_bytes(pdf_bytes(flow([e for _, e in ROWS[:2]] + ["Thanks a lot."], per_line=60)))
    assert main(["index", "--pair", str(zh), str(en)]) == 0  # the English changed: aligned again
    assert "1 updated" in capsys.readouterr().out
    assert [h["en"] for h in hits(capsys, "谢谢")] == ["Thanks a lot."]
    en.unlink()  # a pair whose English document is gone is pruned
    assert main(["index", "--prune"]) == 0
    assert "1 pruned" in capsys.readouterr().out


def test_folders_of_documents_pair_by_name(tmp_path, db, capsys):
    (tmp_path / "zh").mkdir()
    (tmp_path / "en").mkdir()
    paragraphs_docx(tmp_path / "zh" / "ch1.docx", [z for z, _ in ROWS])
    (tmp_path / "en" / "ch1.md").write_text("\n\n".join(e for _, e in ROWS) + "\n", encoding="utf-8")
    (tmp_path / "zh" / "ch2.txt").write_text("谢谢。\n", encoding="utf-8")
    assert main(["index", "--pair", str(tmp_path / "zh"), str(tmp_path / "en")]) == 1
    out = capsys.readouterr()
    assert "1 added" in out.out and "1 skipped" in out.out
    assert "ch2.txt: no file of the same name in the other folder" in out.err
    assert [h["en"] for h in hits(capsys, "先生们")][0].startswith("Ladies and gentlemen")


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"PK\x03\x04 broken"), "not a Word document"),
    (lambda p: paragraphs_docx(p, ["Thank you all."]), "looks like English"),  # swapped
])
def test_bad_pairs_are_one_line_each_exit_2_nothing_indexed(tmp_path, db, make, message):
    make(tmp_path / "zh.docx")
    paragraphs_docx(tmp_path / "en.docx", ["Thank you."])
    r = run_cli("index", "--pair", "zh.docx", "en.docx", cwd=tmp_path, env={"WORKBENCH_DB": str(db)})
    assert r.returncode == 2
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "zh.docx" in err[0] and message in err[0], err
    assert "no archive made" in r.stdout and not db.exists()  # nothing written
    r = run_cli("index", "--pair", "zh.docx", "missing.docx", cwd=tmp_path, env={"WORKBENCH_DB": str(db)})
    assert r.returncode == 2 and r.stderr.strip() == "workbench: skipped missing.docx: no such file"


# --- open ZH EN shares align's reading options; the YAML records the reader ---------------

def test_open_takes_aligns_reading_options_and_the_yaml_records_them(tmp_path, monkeypatch):
    from workbench.cli import cmd_open
    from workbench.store.alignment_file import load_alignment

    (tmp_path / "zh.txt").write_text("# 标题\n\n谢谢大家。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("# Title\n\nThank you all.\n", encoding="utf-8")
    opened = []
    monkeypatch.setattr(cmd_open, "open_editor", lambda path, **kw: opened.append(path) or 0)
    assert main(["open", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), "--input-format", "md"]) == 0
    al = load_alignment(opened[0])
    assert al.pairs[0].zh == ["标题"]  # read as Markdown: the heading mark is gone
    assert (al.source.format, al.target.format) == ("md", "md")
    text = opened[0].read_text(encoding="utf-8")
    assert "sha256: " in text and ", format: md}" in text
    # Read again as it was read: the file opens with no warning about its documents.
    from workbench.store.invariant import verify_against_documents

    assert verify_against_documents(al, opened[0]) == []
    # --encoding: recorded, and a plain text file read by extension records no reader.
    (tmp_path / "g.txt").write_bytes("谢谢大家。\n".encode("gb18030"))
    assert main(["align", str(tmp_path / "g.txt"), str(tmp_path / "en.txt"), "--encoding", "gb18030",
                 "-o", str(tmp_path / "g.yaml")]) == 0
    g = load_alignment(tmp_path / "g.yaml")
    assert (g.source.format, g.source.encoding) == (None, "gb18030")
    assert main(["open", str(tmp_path / "g.yaml"), "--presplit"]) == 2  # reading options need ZH EN


def test_the_reader_survives_a_round_trip_through_tmx_and_xliff(tmp_path):
    paragraphs_docx(tmp_path / "zh.docx", [z for z, _ in ROWS])
    paragraphs_docx(tmp_path / "en.docx", [e for _, e in ROWS])
    assert main(["align", str(tmp_path / "zh.docx"), str(tmp_path / "en.docx"), "-o", str(tmp_path / "a.yaml")]) == 0
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert "format: docx}" in text
    for fmt in ("tmx", "xliff"):
        assert main(["export", str(tmp_path / "a.yaml"), "--to", fmt, "-o", str(tmp_path / f"a.{fmt}")]) == 0
        assert main(["import", str(tmp_path / f"a.{fmt}"), "-o", str(tmp_path / f"b.{fmt}.yaml")]) == 0
        back = (tmp_path / f"b.{fmt}.yaml").read_text(encoding="utf-8")
        assert [ln for ln in back.splitlines() if ln.startswith(("source:", "target:"))] == \
            [ln for ln in text.splitlines() if ln.startswith(("source:", "target:"))]


def test_older_files_without_a_reader_still_load_and_a_bad_reader_is_refused(tmp_path):
    from workbench.errors import WorkbenchError
    from workbench.store.alignment_file import load_alignment

    old = "workbench: alignment/1\ntitle: t\nsource: {lang: zh, path: a.txt, sha256: ab}\npairs:\n- id: 1\n  zh:\n  - 谢谢。\n  en: []\n  status: auto\n"
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    assert load_alignment(tmp_path / "old.yaml").source.format is None
    (tmp_path / "bad.yaml").write_text(old.replace("sha256: ab}", "sha256: ab, format: rtf}"), encoding="utf-8")
    with pytest.raises(WorkbenchError, match="source.format must be one of"):
        load_alignment(tmp_path / "bad.yaml")


def test_a_format_2_archive_is_upgraded_in_place(tmp_path, db, capsys):
    from workbench.corpus.sqlite import _SCHEMA

    con = sqlite3.connect(db)
    for statement in _SCHEMA.replace(",\n    partner TEXT, partner_sha256 TEXT", "").split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('format', '2')")
    con.commit()
    con.close()
    assert main(["concordance", "谢谢"]) == 1  # read as it is, read-only
    bilingual_docx(tmp_path / "bi.docx")
    assert main(["index", str(tmp_path / "bi.docx")]) == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta").fetchone() == ("3",)
    con.close()


@pytest.mark.parametrize("args, message", [
    (["bad.docx", "en.txt"], "workbench: bad.docx: not a Word document"),
    (["zh.txt", "en.txt", "--input-format", "pdf"], "workbench: zh.txt: not a readable PDF"),
])
def test_open_zh_en_bad_input_is_one_line_exit_2_nothing_written(tmp_path, args, message):
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "zh.txt").write_text("谢谢大家。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Thank you all.\n", encoding="utf-8")
    r = run_cli("open", *args, cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and r.stderr.startswith(message), r.stderr
    assert not list(tmp_path.glob("*.yaml"))


def test_realign_reads_the_documents_with_the_reader_the_file_records(tmp_path):
    from workbench.editing.realign import sentence_paragraphs
    from workbench.store.alignment_file import load_alignment

    (tmp_path / "zh.txt").write_text("# 标题\n\n寿小丽：\n\n谢谢大家。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("# Title\n\nShou Xiaoli:\n\nThank you all.\n", encoding="utf-8")
    assert main(["align", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), "--input-format", "md",
                 "-o", str(tmp_path / "a.yaml")]) == 0
    al = load_alignment(tmp_path / "a.yaml")
    assert sentence_paragraphs(al, tmp_path) == ([1, 2, 3], [1, 2, 3], "documents")


def test_pair_documents_read_with_a_forced_reader(tmp_path, db, capsys):
    (tmp_path / "zh.txt").write_text("# 发布会\n\n我们将继续努力。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("# Briefing\n\nWe will keep working hard.\n", encoding="utf-8")
    assert main(["index", "--pair", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), "--input-format", "md"]) == 0
    assert [(h["zh"], h["en"]) for h in hits(capsys, "发布会")] == [("发布会", "Briefing")]  # no "# "
