"""What an installed workbench gives a user: the demo shipped as package data (`workbench`,
`workbench demo DIR`), and shell completion (`workbench completion bash|zsh|fish`)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from workbench.cli.demo_files import DEMO_FILES, packaged_demo

ROOT = Path(__file__).resolve().parents[1]


def test_package_data_holds_the_demo_as_in_the_repository():
    for name in DEMO_FILES:
        assert (packaged_demo() / name).read_bytes() == (ROOT / name).read_bytes(), name


def test_demo_dir_copies_the_demo_and_keeps_existing_files(tmp_path):
    dest = tmp_path / "play"
    r = run_cli("demo", dest, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "workbench open" in r.stderr
    for name in DEMO_FILES:
        assert (dest / name).read_bytes() == (ROOT / name).read_bytes()
    (dest / "glossary" / "scio.yaml").write_text("mine", encoding="utf-8")
    again = run_cli("demo", dest)
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "already exists" in again.stderr
    assert (dest / "glossary" / "scio.yaml").read_text(encoding="utf-8") == "mine"
    assert run_cli("demo", dest, "--force").returncode == 0
    assert (dest / "glossary" / "scio.yaml").read_bytes() == (ROOT / "glossary" / "scio.yaml").read_bytes()
    checked = run_cli("check", dest / "alignments" / "scio-2024-07-05.yaml", "--format", "json", cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr  # its glossary found through the relative path


def test_demo_into_a_file_is_one_line(tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    r = run_cli("demo", tmp_path / "f")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "not a folder" in r.stderr


@pytest.mark.parametrize("shell, marker", [("bash", "complete "), ("zsh", "compdef"), ("fish", "complete --command workbench")])
def test_completion_scripts(shell, marker):
    r = run_cli("completion", shell)
    assert r.returncode == 0 and marker in r.stdout and "workbench" in r.stdout


def complete(line: str, tmp_path: Path) -> list[str]:
    out = tmp_path / "completions"
    env = {"_ARGCOMPLETE": "1", "_ARGCOMPLETE_SHELL": "bash", "COMP_LINE": line, "COMP_POINT": str(len(line)),
           "COMP_TYPE": "9", "_ARGCOMPLETE_IFS": "\n", "_ARGCOMPLETE_STDOUT_FILENAME": str(out)}
    r = run_cli(env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return [w.strip() for w in out.read_text().split("\n")]


def test_completion_answers_commands_options_and_choices(tmp_path):
    assert "align" in complete("workbench al", tmp_path)
    assert {"demo", "completion", "check"} <= set(complete("workbench ", tmp_path))
    assert "--input-format" in complete("workbench align --inp", tmp_path)
    assert set(complete("workbench align a b --input-format ", tmp_path)) >= {"docx", "html", "md", "pdf", "txt"}


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_through_the_printed_script(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "workbench"  # the console script a pip install makes, for this checkout
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m workbench "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    script = ('eval "$(workbench completion bash)"\n'
              'COMP_LINE="workbench comp"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(workbench comp); COMP_CWORD=1\n'
              '_python_argcomplete workbench comp workbench\nprintf "%s\\n" "${COMPREPLY[@]}"\n')
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    r = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["completion"]
