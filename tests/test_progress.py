"""The progress bar on a terminal: counts and the time left for folder jobs; silence elsewhere."""

from __future__ import annotations

import io

from workbench import progress as progress_module
from workbench.progress import Progress, format_seconds


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_counts_and_eta_on_a_terminal(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: now[0])
    out = Tty()
    with Progress("aligning 200 documents", stream=out, total=200) as bar:
        now[0] += 10.0
        bar(50 / 200)  # 10 s for 50: 30 s to go
        screen = out.getvalue()
        assert "50/200" in screen and "ETA 0:30" in screen and " 25%" in screen
        bar.clear()
        assert out.getvalue().endswith("\r")
        now[0] += 0.05
        bar(51 / 200)  # drawn again at once after a message cleared it
        assert out.getvalue().rstrip().endswith("51/200 ETA 0:29")
    assert out.getvalue().endswith("\r")  # the line is wiped at the end


def test_silent_when_not_a_terminal():
    out = io.StringIO()
    with Progress("aligning", stream=out, total=3) as bar:
        bar(0.5)
    assert out.getvalue() == ""


def test_format_seconds():
    assert [format_seconds(s) for s in (0, 65, 3600 + 127)] == ["0:00", "1:05", "1:02:07"]
