"""`workbench index` and `workbench concordance` as a user runs them."""

import json
from pathlib import Path

import pytest
from conftest import run_cli

from workbench.cli import main
from workbench.model import Alignment, Pair
from workbench.store.alignment_file import save_alignment

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "alignments" / "scio-2024-07-05.yaml"


def doc(*pairs):
    al = Alignment(title="t")
    for i, (zh, en) in enumerate(pairs, 1):
        al.pairs.append(Pair(id=i, zh=[zh], en=[en], status="confirmed" if i == 1 else "auto"))
    return al


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "archive.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


def test_index_then_concordance_as_a_user_runs_them(tmp_path, db):
    env = {"WORKBENCH_DB": str(db)}
    r = run_cli("index", DEMO, env=env)
    assert r.returncode == 0, r.stderr
    assert "1 added" in r.stdout and "339 pairs" in r.stdout
    r = run_cli("concordance", "新质生产力", env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("新质生产力 → new quality productive forces ×6")
    assert "[新质生产力]" in r.stdout and "[new quality productive forces]" in r.stdout
    assert "alignments/scio-2024-07-05.yaml  pair 59  confirmed" in r.stdout


def test_json_is_one_hit_per_pair(db, capsys):
    assert main(["index", str(DEMO)]) == 0
    capsys.readouterr()
    assert main(["concordance", "工业", "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 81 and len({(h["file"], h["pair"]) for h in hits}) == 81
    assert set(hits[0]) == {"file", "pair", "zh", "en", "status"}
    assert all("工业" in h["zh"] for h in hits)
    assert main(["concordance", "工业", "--format", "json", "--limit", "3", "--status", "confirmed"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_english_query_and_no_hits(db, capsys):
    assert main(["index", str(DEMO)]) == 0
    capsys.readouterr()
    assert main(["concordance", "little giant*", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "[little giant]" in out and "2 shown" in out
    assert main(["concordance", "石墨烯"]) == 1
    assert "no pair in the archive holds" in capsys.readouterr().out


def test_hostile_text_never_reaches_the_terminal(tmp_path, db, capsys):
    save_alignment(doc(("发展\x1b]0;pwned\x07经济", "grow the \x1b[2J economy \u202eevil")), tmp_path / "h.yaml")
    assert main(["index", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["concordance", "经济"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert main(["concordance", "economy"]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_bad_input_is_one_line_and_exit_2(tmp_path, db, capsys):
    assert main(["concordance", "发展"]) == 2  # no archive yet
    assert "no archive here yet" in capsys.readouterr().err
    save_alignment(doc(("谢谢。", "Thanks.")), tmp_path / "good.yaml")
    (tmp_path / "broken.yaml").write_text("workbench: alignment/1\npairs: [\n", encoding="utf-8")
    assert main(["index", str(tmp_path)]) == 1  # the good file is indexed, the bad one named
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("workbench: skipped ") and "broken.yaml" in err[0]
    for args in (["concordance", ""], ["concordance", "([", "--regex"], ["index"]):
        assert main(args) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("workbench: "), err
    (tmp_path / "junk.sqlite").write_bytes(b"\0junk" * 500)
    assert main(["concordance", "发展", "--db", str(tmp_path / "junk.sqlite")]) == 2
    assert "not a workbench archive" in capsys.readouterr().err


def test_reindex_and_prune(tmp_path, db, capsys):
    a = tmp_path / "a.yaml"
    save_alignment(doc(("谢谢。", "Thanks.")), a)
    assert main(["index", str(tmp_path)]) == 0
    assert main(["index", str(tmp_path)]) == 0
    assert "0 added, 0 updated, 1 unchanged" in capsys.readouterr().out
    a.unlink()
    assert main(["index", "--prune"]) == 0
    out = capsys.readouterr().out
    assert "1 pruned" in out and "holds 0 pairs" in out


def test_check_corpus_reports_departures_from_house_usage(tmp_path, db, capsys):
    from workbench.glossary.model import Glossary, Term, save_glossary

    save_glossary(Glossary(terms=[Term(zh=["新质生产力"], en="new quality productive forces")]), tmp_path / "g.yaml")
    archive = tmp_path / "archive"
    archive.mkdir()
    for k in range(4):
        al = doc(("加快发展新质生产力。", "Speed up new quality productive forces."),
                 ("培育新质生产力。", "Foster new quality productive forces." if k else "Foster new productive forces."))
        save_alignment(al, archive / f"old{k}.yaml")
    assert main(["index", str(archive)]) == 0
    mine = doc(("发展新质生产力。", "Develop new productive forces."), ("谢谢。", "Thank you."))
    mine.glossary = "g.yaml"
    save_alignment(mine, tmp_path / "mine.yaml")
    capsys.readouterr()
    assert main(["check", str(tmp_path / "mine.yaml"), "--corpus", "--check", "term-missing"]) == 1
    out = capsys.readouterr().out
    assert "corpus-inconsistent (1, warning)" in out
    assert ("pair 1     新质生产力: this pair has none of the archive's renderings; the archive renders it "
            "“new quality productive forces” (7 of 8 pairs)") in out
    assert main(["check", str(tmp_path / "mine.yaml"), "--corpus", "--format", "json"]) == 1
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "corpus-inconsistent"]
    assert [(f["pair"], f["severity"], f["expected"]) for f in found] == [
        (1, "warning", "new quality productive forces")]
    # a rendering the glossary accepts departs from house style only: info
    save_glossary(Glossary(terms=[Term(zh=["新质生产力"], en="new quality productive forces",
                                       variants=["new productive forces"])]), tmp_path / "g.yaml")
    assert main(["check", str(tmp_path / "mine.yaml"), "--corpus", "--check", "term-missing"]) == 1
    out = capsys.readouterr().out
    assert "corpus-inconsistent (1, info)" in out
    assert "renders it “new productive forces” (accepted by the glossary); the archive renders it" in out
    # without an archive: one clear line
    assert main(["check", str(tmp_path / "mine.yaml"), "--corpus", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no archive here yet" in capsys.readouterr().err
