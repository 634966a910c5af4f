"""Special files and the output rule, through the real CLI.

- A FIFO, a device, a directory or a symbolic link loop given as an input, a glossary, or
  named inside an alignment: one line, exit 2, never a hang (each run has a time-out).
- Every command that writes a file keeps an existing one unless --force; `-o` never replaces
  a FIFO, a device or a directory, --force or not.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from trust_helpers import ROOT, cli, one_line_error

DEMO = ROOT / "alignments" / "scio-2024-07-05.yaml"
ZH = ROOT / "seeds" / "zh" / "scio-2024-07-05-page11.txt"
EN = ROOT / "seeds" / "en" / "scio-2024-07-05-page11.txt"
SMALL = """workbench: alignment/1
title: small
source: {lang: zh}
target: {lang: en}
pairs:
- id: 1
  zh:
  - 大家好。
  en:
  - Hello.
  status: auto
"""
GLOSSARY = "workbench: glossary/1\nname: g\nterms:\n- zh: 新质生产力\n  en: new quality productive forces\n"


def specials(tmp: Path) -> dict[str, tuple[Path, str]]:
    fifo = tmp / "fifo.yaml"
    os.mkfifo(fifo)
    loop = tmp / "loop.yaml"
    loop.symlink_to(loop.name)
    folder = tmp / "folder.yaml"
    folder.mkdir()
    device = tmp / "device.yaml"
    device.symlink_to("/dev/zero")
    return {
        "fifo": (fifo, "FIFO"),
        "loop": (loop, "symbolic link loop"),
        "directory": (folder, "directory"),
        "device": (device, "device"),
    }


KINDS = ("fifo", "loop", "directory", "device")


@pytest.mark.parametrize("kind", KINDS)
def test_special_file_as_input_is_refused_at_once(tmp_path, kind):
    path, word = specials(tmp_path)[kind]
    small = tmp_path / "small.yaml"
    small.write_text(SMALL, encoding="utf-8")
    commands = [
        ("export", path, "--to", "tsv"),
        ("import", path, "--from", "tsv"),
        ("glossary", "list", path),
        ("glossary", "import", path, "--format", "csv"),
        ("terms", path),
        ("check", small, "--glossary", path),
        ("align", path, EN),
        ("open", path),
    ]
    if kind != "directory":  # `check FOLDER` checks the aligned files in it
        commands.append(("check", path))
    for command in commands:
        one_line_error(cli(*command, timeout=30), word)


@pytest.mark.parametrize("kind", ("fifo", "loop", "device"))
def test_special_file_named_inside_an_alignment_is_refused(tmp_path, kind):
    path, word = specials(tmp_path)[kind]
    f = tmp_path / "a.yaml"
    f.write_text(SMALL.replace("pairs:\n", f"glossary: {path}\npairs:\n"), encoding="utf-8")
    one_line_error(cli("check", f, timeout=30), word)
    one_line_error(cli("terms", f, timeout=30), word)


# -- the output rule -----------------------------------------------------------------------

def writers(tmp: Path) -> dict[str, tuple]:
    """Command name → the arguments that write OUT (the placeholder)."""
    aligned = tmp / "in.yaml"
    aligned.write_text(SMALL, encoding="utf-8")
    tsv = tmp / "in.tsv"
    tsv.write_text("zh\ten\n大家好。\tHello.\n", encoding="utf-8")
    g = tmp / "g.yaml"
    g.write_text(GLOSSARY, encoding="utf-8")
    csv = tmp / "g.csv"
    csv.write_text("zh,en,variants,forbidden,note\n新质生产力,new quality productive forces,,,\n", encoding="utf-8")
    return {
        "align": ("align", ZH, EN, "--presplit", "-o"),
        "export": ("export", aligned, "--to", "tmx", "-o"),
        "import": ("import", tsv, "-o"),
        "glossary-import": ("glossary", "import", csv, "-o"),
        "glossary-export": ("glossary", "export", g, "--to", "tsv", "-o"),
    }


WRITERS = ("align", "export", "import", "glossary-import", "glossary-export")


@pytest.mark.parametrize("name", WRITERS)
def test_an_existing_file_is_kept_without_force(tmp_path, name):
    args = writers(tmp_path)[name]
    out = tmp_path / "out.file"
    out.write_text("precious\n", encoding="utf-8")
    one_line_error(cli(*args, out), "already exists", "--force")
    assert out.read_text(encoding="utf-8") == "precious\n"
    r = cli(*args, out, "--force")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") != "precious\n"


@pytest.mark.parametrize("name", WRITERS)
def test_output_never_replaces_a_fifo_or_a_directory_even_with_force(tmp_path, name):
    args = writers(tmp_path)[name]
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    one_line_error(cli(*args, fifo, "--force", timeout=30), "FIFO", "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    folder = tmp_path / "out.dir"
    folder.mkdir()
    one_line_error(cli(*args, folder, "--force", timeout=30), "directory")
    assert folder.is_dir()


@pytest.mark.parametrize("name", ("export", "import", "glossary-export"))
def test_output_never_replaces_a_device(tmp_path, name):
    # Only against the new code: as root, the old `export -o /dev/null` replaced /dev/null.
    args = writers(tmp_path)[name]
    link = tmp_path / "null.tmx"
    link.symlink_to("/dev/null")
    for target in (Path("/dev/null"), link):
        one_line_error(cli(*args, target, "--force", timeout=30), "device")
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
