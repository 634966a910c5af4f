"""`workbench open FILE` and `workbench` alone: errors are one line and exit 2, before any screen."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from workbench.cli import cmd_open, main


def test_open_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    r = run_cli("open", str(tmp_path / "nope.yaml"))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "nope.yaml" in r.stderr and "Traceback" not in r.stderr


def test_open_bad_yaml_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("workbench: alignment/1\npairs: [\n", encoding="utf-8")
    r = run_cli("open", str(bad))
    assert r.returncode == 2 and "bad.yaml:" in r.stderr and r.stderr.count("\n") == 1


def test_open_other_format_points_to_import(tmp_path: Path, capsys) -> None:
    tmx = tmp_path / "a.tmx"
    tmx.write_text("<tmx/>", encoding="utf-8")
    assert main(["open", str(tmx)]) == 2
    assert "workbench import" in capsys.readouterr().err


def test_demo_missing_is_one_line_exit_2(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setattr(cmd_open, "demo_path", lambda: tmp_path / "alignments" / "scio-2024-07-05.yaml")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "demo alignment is missing" in err


def test_demo_opens_from_a_copy_in_the_user_data_dir(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    path = cmd_open.demo_path()
    assert path == tmp_path / "data" / "demo" / "alignments" / "scio-2024-07-05.yaml"
    from workbench.store.alignment_file import load_alignment

    al = load_alignment(path)
    assert al.pairs and (path.parent / al.glossary).is_file()
    assert (path.parent / al.source.path).is_file() and (path.parent / al.target.path).is_file()
    path.write_text("edited", encoding="utf-8")
    assert cmd_open.demo_path().read_text(encoding="utf-8") == "edited"  # the user's copy is theirs


def test_open_runs_the_editor(monkeypatch, tmp_path: Path) -> None:
    from conftest import make_alignment

    from workbench.store.alignment_file import save_alignment
    from workbench.tui.app import WorkbenchApp

    path = tmp_path / "a.yaml"
    save_alignment(make_alignment(), path)
    seen = {}

    def fake_run(self):
        seen["file"] = self.session.path
        seen["autosave"] = self.autosave_seconds

    monkeypatch.setattr(WorkbenchApp, "run", fake_run)
    assert main(["open", str(path), "--autosave", "5"]) == 0
    assert seen == {"file": path, "autosave": 5.0}


def _fake_editor(monkeypatch) -> dict:
    from workbench.tui.app import WorkbenchApp

    seen: dict = {}

    def fake_run(self):
        seen["file"] = self.session.path
        seen["pairs"] = len(self.session.al.pairs)

    monkeypatch.setattr(WorkbenchApp, "run", fake_run)
    return seen


def test_open_two_documents_aligns_beside_the_chinese_and_opens(monkeypatch, tmp_path: Path, capsys) -> None:
    zh = tmp_path / "brief.txt"
    en = tmp_path / "brief-en.txt"
    zh.write_text("我们发展新质生产力。\n谢谢大家。\n", encoding="utf-8")
    en.write_text("We develop new quality productive forces.\nThank you all.\n", encoding="utf-8")
    seen = _fake_editor(monkeypatch)
    assert main(["open", str(zh), str(en), "--no-semantic"]) == 0
    out = tmp_path / "brief.yaml"
    assert seen == {"file": out, "pairs": 2}
    from workbench.store.alignment_file import load_alignment

    al = load_alignment(out)
    assert [p.en for p in al.pairs] == [["We develop new quality productive forces."], ["Thank you all."]]
    assert "written to" in capsys.readouterr().err

    # the YAML is there now: not aligned over, unless --force or another -o
    out.write_text("mine", encoding="utf-8")
    seen.clear()
    assert main(["open", str(zh), str(en), "--no-semantic"]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "-o" in err and "--force" in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "mine" and not seen
    other = tmp_path / "other.yaml"
    assert main(["open", str(zh), str(en), "--no-semantic", "-o", str(other)]) == 0
    assert seen["file"] == other and out.read_text(encoding="utf-8") == "mine"
    assert main(["open", str(zh), str(en), "--no-semantic", "--force"]) == 0
    assert load_alignment(out).pairs


def test_open_one_document_says_how_to_open_the_pair(tmp_path: Path, capsys) -> None:
    zh = tmp_path / "brief.txt"
    zh.write_text("谢谢。\n", encoding="utf-8")
    assert main(["open", str(zh)]) == 2
    assert "workbench open ZH EN" in capsys.readouterr().err
