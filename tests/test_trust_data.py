"""Data that would run in a spreadsheet or break a format: neutralised, refused or normalised,
through the real CLI (exit code, message with line and column, files on disk)."""

from __future__ import annotations

import csv

import pytest
from trust_helpers import cli, one_line_error

from workbench.formats.spreadsheet import neutralise, restore
from workbench.glossary.model import load_glossary
from workbench.store.alignment_file import load_alignment

RISKY = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "'=already quoted", "''+two", "=cmd|'/c calc'!A1"]

HEAD = "workbench: alignment/1\ntitle: t\nsource: {lang: zh}\ntarget: {lang: en}\npairs:\n"


def alignment_with(en: list[str]) -> str:
    body = "".join(f"- id: {k}\n  zh:\n  - 第{k}句。\n  en:\n  - \"{s.replace(chr(34), chr(92) + chr(34))}\"\n"
                   for k, s in enumerate(en, 1))
    return HEAD + body


def test_neutralise_and_restore_are_exact_inverses():
    for cell in [*RISKY, "plain", "", "'", "'plain", "\tx", "\rx", "'\tx", "中文=1"]:
        assert restore(neutralise(cell)) == cell
        assert neutralise(cell)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_export_tsv_neutralises_formulas_and_import_gives_them_back(tmp_path):
    src = tmp_path / "a.yaml"
    src.write_text(alignment_with(RISKY), encoding="utf-8")
    out = tmp_path / "a.tsv"
    r = cli("export", src, "--to", "tsv", "-o", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))[1:]
    for row in rows:
        assert row[1][0] not in "=+-@\t\r", row  # a spreadsheet takes none of them as a formula
    assert rows[0][1] == "'" + RISKY[0]
    back = tmp_path / "back.yaml"
    r = cli("import", out, "-o", back)
    assert r.returncode == 0, r.stderr
    assert load_alignment(back).en_sentences() == RISKY


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_glossary_export_neutralises_and_import_is_lossless(tmp_path, fmt):
    g = tmp_path / "g.yaml"
    g.write_text(
        "workbench: glossary/1\nname: g\nterms:\n"
        "- zh: 新质生产力\n  en: '=HYPERLINK(\"http://evil\",\"click\")'\n  variants: ['+new forces', '@x']\n"
        "  forbidden: ['-bad']\n  note: \"'=note\"\n",
        encoding="utf-8",
    )
    out = tmp_path / f"g.{fmt}"
    r = cli("glossary", "export", g, "--to", fmt, "-o", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t" if fmt == "tsv" else ","))
    for cell in rows[1]:
        assert cell[:1] not in ("=", "+", "-", "@"), rows[1]
    back = tmp_path / "back.yaml"
    r = cli("glossary", "import", out, "-o", back, "--name", "g")
    assert r.returncode == 0, r.stderr
    t = load_glossary(back).terms[0]
    assert (t.en, t.variants, t.forbidden, t.note) == ('=HYPERLINK("http://evil","click")', ["+new forces", "@x"], ["-bad"], "'=note")


def test_nul_in_a_sentence_is_refused_on_load_and_never_written(tmp_path):
    src = tmp_path / "nul.yaml"
    src.write_text(HEAD + "- id: 1\n  zh:\n  - 你好。\n  en:\n  - \"Hel\\0lo.\"\n", encoding="utf-8")
    for command in (("check", src), ("export", src, "--to", "tsv", "-o", tmp_path / "out.tsv"), ("terms", src)):
        one_line_error(cli(*command), "nul.yaml:10:5", "NUL")
    assert not (tmp_path / "out.tsv").exists()


@pytest.mark.parametrize("field,line,word", [
    ("- id: 1_000\n", "nul", "plain digits"),
    ("- id: 0x10\n", "nul", "plain digits"),
    ("- id: 1\n  para: -7\n", "nul", "negative"),
    ("- id: 1\n  para: 1_0\n", "nul", "plain digits"),
])
def test_odd_ids_and_paragraphs_are_refused_with_line_and_column(tmp_path, field, line, word):
    src = tmp_path / "odd.yaml"
    src.write_text(HEAD + field + "  zh:\n  - 你好。\n  en:\n  - Hello.\n", encoding="utf-8")
    message = one_line_error(cli("check", src), word)
    assert "odd.yaml:6:" in message or "odd.yaml:7:" in message, message


def test_a_tab_inside_a_sentence_is_refused_with_line_and_column(tmp_path):
    src = tmp_path / "tab.yaml"
    src.write_text(HEAD + "- id: 1\n  zh:\n  - 你好。\n  en:\n  - \"Hello\\tworld.\"\n", encoding="utf-8")
    one_line_error(cli("export", src, "--to", "tsv"), "tab.yaml:10:5", "tab inside a en sentence")


def test_align_and_import_turn_a_tab_inside_a_sentence_into_a_space(tmp_path):
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("你好\t世界。再见。\n", encoding="utf-8")
    en.write_text("Hello\tworld. Bye.\n", encoding="utf-8")
    out = tmp_path / "a.yaml"
    assert cli("align", zh, en, "-o", out).returncode == 0
    al = load_alignment(out)
    assert "Hello world." in al.en_sentences() and all("\t" not in s for s in al.zh_sentences())
    tsv = tmp_path / "t.tsv"
    tsv.write_text('zh\ten\n"你好\t世界"\t"Hello\tworld"\n', encoding="utf-8")
    r = cli("import", tsv)
    assert r.returncode == 0 and "Hello world" in r.stdout and "\\t" not in r.stdout


def test_a_huge_flow_style_alignment_is_refused_naming_the_limit_not_a_memory_error(tmp_path):
    from conftest import run_cli  # address space capped at 1 GB: a reader that balloons fails loudly

    from workbench.store.yamlio import MAX_GENERAL_BYTES

    n = MAX_GENERAL_BYTES // 45 + 1000
    src = tmp_path / "flow.yaml"
    with src.open("w", encoding="utf-8") as fh:
        fh.write("workbench: alignment/1\ntitle: t\nsource: {lang: zh}\ntarget: {lang: en}\npairs: [")
        fh.write(", ".join(f"{{id: {k}, zh: [第{k}句。], en: [Sentence {k}.]}}" for k in range(1, n + 1)))
        fh.write("]\n")
    assert src.stat().st_size > MAX_GENERAL_BYTES
    r = run_cli("check", src)
    assert r.returncode == 2, r.stderr[-500:]
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert f"limit is {MAX_GENERAL_BYTES / 1e6:.0f} MB" in r.stderr
    assert r.max_rss_mb < 600


def test_a_latin1_english_file_is_not_read_as_gb18030(tmp_path):
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_bytes("宝可梦是一家咖啡馆的品牌。它很天真。\n".encode("gb18030"))
    en.write_bytes("Pokémon is a café “brand”. It is naïve.\n".encode("cp1252"))
    out = tmp_path / "a.yaml"
    r = cli("align", zh, en, "-o", out)
    assert r.returncode == 0, r.stderr
    al = load_alignment(out)
    assert " ".join(al.en_sentences()) == "Pokémon is a café “brand”. It is naïve."
    assert "".join(al.zh_sentences()) == "宝可梦是一家咖啡馆的品牌。它很天真。"
    latin1 = tmp_path / "l1.txt"
    latin1.write_bytes("Pokémon, déjà vu.\n".encode("latin-1"))
    r = cli("align", zh, latin1, "--encoding", "latin-1", "-o", tmp_path / "b.yaml")
    assert r.returncode == 0 and "Pokémon, déjà vu." in load_alignment(tmp_path / "b.yaml").en_sentences()
    one_line_error(cli("align", zh, en, "--encoding", "klingon"), "unknown encoding")


@pytest.fixture
def aligned(tmp_path):
    from conftest import ROOT

    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_bytes((ROOT / "seeds" / "zh" / "scio-2024-07-05-page11.txt").read_bytes())
    en.write_bytes((ROOT / "seeds" / "en" / "scio-2024-07-05-page11.txt").read_bytes())
    out = tmp_path / "a.yaml"
    assert cli("align", zh, en, "-o", out).returncode == 0
    return out


def _variant(aligned, name, change):
    from workbench.store.alignment_file import save_alignment

    al = load_alignment(aligned)
    change(al)
    path = aligned.with_name(name)
    save_alignment(al, path)
    return path


def test_a_sentence_in_two_pairs_is_an_error_naming_the_pairs(aligned):
    dup = _variant(aligned, "dup.yaml", lambda al: al.pairs[4].en.append(al.pairs[3].en[-1]))
    before = dup.read_bytes()
    for command in (("check", dup), ("export", dup, "--to", "tsv", "-o", dup.with_suffix(".tsv")), ("open", dup)):
        one_line_error(cli(*command), "in 2 pairs (4, 5)", "dup.yaml")
    assert not dup.with_suffix(".tsv").exists() and dup.read_bytes() == before
    assert cli("check", aligned).returncode in (0, 1)  # the file as aligned is fine


def test_a_sentence_in_no_pair_is_an_error(aligned):
    miss = _variant(aligned, "miss.yaml", lambda al: al.pairs[5].zh.clear())
    one_line_error(cli("check", miss), "is in no pair", "after pair 5")


def test_a_changed_document_is_a_warning(aligned):
    dup = _variant(aligned, "dup.yaml", lambda al: al.pairs[4].en.append(al.pairs[3].en[-1]))
    en = aligned.with_name("en.txt")
    en.write_text(en.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    r = cli("check", dup)
    assert r.returncode in (0, 1), r.stderr
    assert "warning" in r.stderr and "changed since it was aligned" in r.stderr
