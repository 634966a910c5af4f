"""Running the real CLI for the trust tests: through conftest.run_cli, or on a pseudo-terminal
when the test needs one (not a test module)."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

from conftest import Result, run_cli

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
RAW = ("\x1b", "\x07", "\x9b", "\x9d", "\x90", "\x8d")  # ESC, BEL, CSI, OSC, DCS, RI


def cli(*args: str | Path, timeout: float = 60, cwd: Path | None = None, stdin: bytes | None = None) -> Result:
    """`python -m workbench ARGS` without colour (conftest.run_cli); a hang fails after `timeout` s."""
    return run_cli(*args, env={"NO_COLOR": "1"}, cwd=cwd, timeout=timeout, stdin=stdin or b"")


def cli_on_terminal(*args: str | Path, timeout: float = 60) -> tuple[int, str]:
    """`python -m workbench ARGS` with stdout and stderr on a pseudo-terminal: (exit code, all output)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "workbench", *map(str, args)], ENV)
    out = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        else:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                os.close(fd)
                return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise AssertionError(f"workbench {' '.join(map(str, args))} hung on a terminal")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


def assert_no_raw_controls(text: str) -> None:
    for ch in RAW:
        assert ch not in text, f"raw U+{ord(ch):04X} reached the terminal: {text[:300]!r}"
    assert "\u202e" not in text, "a raw bidi override reached the terminal"


def one_line_error(r: Result, *needles: str) -> str:
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]
