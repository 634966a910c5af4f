"""`workbench check` as a user runs it: exit codes, text and JSON, folders, glossaries, dismissals."""

import json
from pathlib import Path

import pytest
from checks_helpers import GLOSSARY, doc
from conftest import run_cli

from workbench.glossary.model import save_glossary
from workbench.model import Ignored
from workbench.store.alignment_file import save_alignment

REPO = Path(__file__).resolve().parent.parent


CLEAN = [("推进新型工业化。", "Advance new industrialization."), ("谢谢。", "Thank you.")]
FAULTY = [("加快发展新质生产力。", "Develop new productive forces."), ("中小企业1.2万家。", "1,200 SMEs.")]


@pytest.fixture
def folder(tmp_path):
    save_glossary(GLOSSARY, tmp_path / "g.yaml")
    clean = doc(*CLEAN)
    clean.glossary = "g.yaml"
    save_alignment(clean, tmp_path / "clean.yaml")
    faulty = doc(*FAULTY)
    faulty.glossary = "g.yaml"
    save_alignment(faulty, tmp_path / "faulty.yaml")
    return tmp_path


def test_no_findings_exit_0(folder):
    r = run_cli("check", folder / "clean.yaml")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "no findings"


def test_findings_exit_1_text_grouped_by_check(folder):
    r = run_cli("check", folder / "faulty.yaml")
    assert r.returncode == 1, r.stderr
    out = r.stdout
    assert "\x1b[" not in out  # no colour when piped
    assert out.index("term-forbidden") < out.index("number-mismatch")
    assert "pair 1" in out and "new productive forces" in out and "1.2万" in out
    assert out.strip().splitlines()[-1].startswith("2 findings")


def test_json_output(folder):
    r = run_cli("check", folder / "faulty.yaml", "--format", "json")
    assert r.returncode == 1
    findings = json.loads(r.stdout)
    assert [(f["check"], f["pair"]) for f in findings] == [("term-forbidden", 1), ("number-mismatch", 2)]
    f = findings[0]
    assert set(f) == {"check", "severity", "pair", "term", "expected", "found", "message"}
    assert (f["severity"], f["term"], f["expected"], f["found"]) == (
        "error", "新质生产力", "new quality productive forces", "new productive forces")


def test_glossary_option_overrides_the_files_own(folder, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("workbench: glossary/1\nname: other\nterms:\n- zh: 谢谢\n  en: thanks a lot\n", encoding="utf-8")
    r = run_cli("check", folder / "clean.yaml", "--glossary", other, "--format", "json")
    assert r.returncode == 1
    assert [f["check"] for f in json.loads(r.stdout)] == ["term-missing"]


def test_without_any_glossary_the_other_checks_run(tmp_path):
    save_alignment(doc(*FAULTY), tmp_path / "a.yaml")
    r = run_cli("check", tmp_path / "a.yaml", "--format", "json")
    assert [f["check"] for f in json.loads(r.stdout)] == ["number-mismatch"]


def test_dismissed_findings_stay_dismissed(folder):
    faulty = doc(*FAULTY, ignored=[Ignored("term-forbidden", 1, "新质生产力", "quoting the reporter")])
    faulty.glossary = "g.yaml"
    save_alignment(faulty, folder / "faulty.yaml")
    r = run_cli("check", folder / "faulty.yaml", "--format", "json")
    assert [f["check"] for f in json.loads(r.stdout)] == ["number-mismatch"]


def test_folder_is_one_corpus(folder):
    a = doc(("推进新型工业化", "advance new industrialization"), ("新型工业化", "new industrialization"))
    b = doc(("推进新型工业化", "advance new-type industrialization"))
    for name, al in (("a.yaml", a), ("b.yaml", b)):
        al.glossary = "g.yaml"
        save_alignment(al, folder / name)
    r = run_cli("check", folder, "--format", "json", "--check", "term-inconsistent")
    assert r.returncode == 1, r.stderr
    (f,) = json.loads(r.stdout)
    assert f["file"].endswith("b.yaml") and f["found"] == "new-type industrialization"


def test_bad_glossary_named_by_the_file_is_one_line_exit_2(folder):
    (folder / "g.yaml").write_text("workbench: glossary/1\nterms:\n- zh: ''\n  en: x\n", encoding="utf-8")
    r = run_cli("check", folder / "clean.yaml")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "g.yaml:3" in r.stderr and "empty term" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_missing_glossary_is_one_line_exit_2(folder):
    r = run_cli("check", folder / "clean.yaml", "--glossary", folder / "nope.yaml")
    assert r.returncode == 2 and "nope.yaml: no such file" in r.stderr


def test_unknown_check_name(folder):
    r = run_cli("check", folder / "clean.yaml", "--check", "spelling")
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_demo_alignment_findings_a_reviser_wants():
    demo = REPO / "alignments" / "scio-2024-07-05.yaml"
    r = run_cli("check", demo, "--glossary", REPO / "glossary" / "scio.yaml", "--format", "json")
    assert r.returncode == 1, r.stderr
    findings = json.loads(r.stdout)
    got = {(f["check"], f.get("found")) for f in findings}
    assert ("term-forbidden", "regional aircrafts") in got
    assert ("term-inconsistent", "new-type industrialization") in got
    # British spelling inside a glossary rendering: term-inconsistent speaks for it, once
    assert ("term-inconsistent", "future-orientated industries") in got
    assert not [f for f in findings if f["check"] in ("number-mismatch", "untranslated")]


def test_colour_only_when_asked():
    from workbench.checks import Finding
    from workbench.cli.cmd_check import format_text

    f = Finding("term-forbidden", "error", 3, "“new productive forces” is a forbidden rendering of 新质生产力: use "
                "“new quality productive forces”", term="新质生产力", expected="new quality productive forces",
                found="new productive forces")
    plain = format_text([f], colour=False)
    painted = format_text([f], colour=True)
    assert "\x1b[" not in plain and plain.startswith("term-forbidden (1, error)")
    assert "\x1b[31m“new productive forces”" in painted and "\x1b[32m“new quality productive forces”" in painted
    assert format_text([], colour=True) == "no findings\n"


def test_min_severity(folder):
    r = run_cli("check", folder / "faulty.yaml", "--format", "json", "--min-severity", "error")
    assert r.returncode == 1 and {f["severity"] for f in json.loads(r.stdout)} == {"error"}
    clean_but_info = doc(*CLEAN, ("", "An English addition."))
    save_alignment(clean_but_info, folder / "info.yaml")
    assert run_cli("check", folder / "info.yaml", "--min-severity", "warning").returncode == 0
    assert run_cli("check", folder / "info.yaml").returncode == 1
