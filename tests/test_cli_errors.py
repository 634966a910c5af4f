"""Every error a user can cause: one line on stderr naming the file, exit 2, nothing lost.

These run the real command line in a subprocess, as a user would.
"""

from pathlib import Path

import pytest
from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
ZH = ROOT / "seeds" / "zh" / "scio-2024-07-05-page11.txt"
EN = ROOT / "seeds" / "en" / "scio-2024-07-05-page11.txt"


def assert_one_line_error(result, *needles):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Name → (file, what the message must say)."""
    (tmp / "folder").mkdir()
    (tmp / "empty.yaml").write_text("")
    (tmp / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x02\x03" * 20)
    (tmp / "malformed.yaml").write_text("workbench: alignment/1\npairs:\n- id: 1\n  zh: [unclosed\n")
    (tmp / "python.yaml").write_text("workbench: alignment/1\npairs: !!python/object/apply:os.system ['echo hacked']\n")
    (tmp / "marker.yaml").write_text("workbench: alignment/9\npairs: []\n")
    return {
        "missing": (tmp / "missing.yaml", "no such file"),
        "directory": (tmp / "folder", "is a directory"),
        "empty": (tmp / "empty.yaml", "empty file"),
        "binary": (tmp / "binary.yaml", "binary"),
        "malformed": (tmp / "malformed.yaml", "malformed YAML"),
        "python-tag": (tmp / "python.yaml", "tag"),
        "format-marker": (tmp / "marker.yaml", "wrong format marker"),
    }


CASES = ["missing", "directory", "empty", "binary", "malformed", "python-tag", "format-marker"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", [["export", "--to", "yaml"], ["check"]], ids=["export", "check"])
def test_bad_aligned_file(tmp_path, case, command):
    path, message = bad_inputs(tmp_path)[case]
    if case == "directory" and command == ["check"]:
        message = "no aligned files"  # check takes a folder of aligned files; this one has none
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    result = run_cli(*command, path)
    assert_one_line_error(result, str(path), message)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before  # nothing written, nothing changed
    assert "hacked" not in result.stdout


def test_malformed_yaml_names_line_and_column(tmp_path):
    path, _ = bad_inputs(tmp_path)["malformed"]
    result = run_cli("export", path, "--to", "yaml")
    assert_one_line_error(result, f"{path}:5:1:")


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary"])
@pytest.mark.parametrize("side", ["zh", "en"])
def test_bad_documents_for_align(tmp_path, case, side):
    path, message = bad_inputs(tmp_path)[case]
    if case == "empty":
        message = "empty file"
    args = (path, EN) if side == "zh" else (ZH, path)
    result = run_cli("align", *args, "-o", tmp_path / "out.yaml")
    assert_one_line_error(result, str(path), message)
    assert not (tmp_path / "out.yaml").exists()


def test_unknown_to_is_refused(tmp_path):
    result = run_cli("align", ZH, EN, "--to", "docx")
    assert_one_line_error(result, "--to", "docx")
    result = run_cli("export", ROOT / "alignments" / "scio-2024-07-05.yaml", "--to", "docx")
    assert_one_line_error(result, "docx")


def test_align_does_not_overwrite_existing_output(tmp_path):
    out = tmp_path / "out.yaml"
    out.write_text("precious work\n")
    result = run_cli("align", ZH, EN, "-o", out)
    assert_one_line_error(result, str(out), "already exists")
    assert out.read_text() == "precious work\n"
