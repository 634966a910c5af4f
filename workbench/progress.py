"""Progress for long work: a one-line bar on a terminal, silence when stderr is piped."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Call with a fraction 0..1; draws at most ten times a second, only on a terminal.

    With `total` (a count of items, e.g. documents), the bar also shows `done/total` and the
    time left, estimated from the pace so far.
    """

    def __init__(self, label: str, stream: TextIO | None = None, enabled: bool | None = None,
                 total: int | None = None) -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.total = total
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        self.enabled = tty if enabled is None else enabled
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = 0  # characters of the line last drawn

    def __call__(self, fraction: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if fraction < 1.0 and now - self._last < 0.1:
            return
        self._last = now
        fraction = min(max(fraction, 0.0), 1.0)
        width = 30
        filled = int(fraction * width)
        line = f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {fraction * 100:3.0f}%"
        if self.total is not None:
            line += f" {round(fraction * self.total)}/{self.total}"
            elapsed = now - self._start
            if 0 < fraction < 1 and elapsed >= 1.0:
                line += f" ETA {format_seconds(elapsed * (1 - fraction) / fraction)}"
        self.stream.write("\r" + line.ljust(self._drawn))
        self.stream.flush()
        self._drawn = len(line)

    def clear(self) -> None:
        """Erase the bar (before writing a message line); the next call draws it again."""
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
            self._drawn = 0
            self._last = 0.0

    def done(self) -> None:
        self.clear()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.done()


def format_seconds(seconds: float) -> str:
    """1:05 for 65 s; 2:03:07 past an hour."""
    s = int(seconds + 0.5)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
