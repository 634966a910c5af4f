"""A killed editor loses at most the keystroke being handled: the real program in a terminal,
SIGKILLed after a few edits, then the file reopened."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest
from conftest import make_alignment

from workbench.editing.session import Session
from workbench.model import CONFIRMED
from workbench.store.alignment_file import load_alignment, save_alignment


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    seen = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if needle in seen:
                return seen
    raise AssertionError(f"{needle!r} not seen on the screen; got {seen[-400:]!r}")


def _wait_for(condition, timeout: float, fd: int) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            os.read(fd, 65536)  # keep the terminal drained so the editor never blocks writing
    raise AssertionError("timed out")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_sigkill_loses_nothing_already_shown(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    save_alignment(make_alignment(), path)
    before = path.read_bytes()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command line, in a 120x40 terminal
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "workbench", "open", str(path), "--autosave", "0"])
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        _read_until(fd, b"confirmed", 30)
        journal = tmp_path / ".doc.yaml.journal"
        for n in (1, 2, 3):  # confirm three pairs, one keystroke each, each journaled at once
            os.write(fd, b"c")
            _wait_for(lambda: journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) == 1 + n, 10, fd)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(fd)
    assert path.read_bytes() == before  # nothing saved: the edits are only in the journal
    s = Session(path)
    assert s.recovered == 3
    assert [p.status for p in s.al.pairs][:4] == [CONFIRMED] * 3 + ["auto"]
    s.save()
    s.close()
    assert [p.status for p in load_alignment(path).pairs][:3] == [CONFIRMED] * 3
