"""The editor's status line: file, unsaved mark, progress, the cursor pair, filter, findings.

Each part comes in forms from long to short; where the window is narrow (80 columns, or 60) the
line gives up what matters least first, so that the position (`45/339`), the pair id, the
unsaved mark and the fact that a filter is on stay in view. Widths are counted in cells:
a Chinese file name is never cut through a character.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widget import Widget

from workbench.tui.safe import line

WIDE_SEPARATOR, SEPARATOR = "  │  ", " │ "


@dataclass
class Part:
    """One part of the status line: its forms, longest first ("" drops it)."""

    role: str  # name, read-only, confirmed, position, filter, findings, realigning
    forms: tuple[str, ...]


# What gives way first when the line is too long: (role, the form it takes), in order. The
# unsaved mark, the position, the pair id and "filter" are in every form of their parts.
SHRINK = (
    ("confirmed", 1),  # 339/339 ✓
    ("position", 1),  # without the score
    ("filter", 1),  # filter: with findings (59)
    ("name", 1),  # the file name cut to 16 cells
    ("findings", 1),  # 68!
    ("read-only", 1),  # read-only (without who)
    ("confirmed", 2),  # dropped
    ("filter", 2),  # filter: with findings
    ("findings", 2),  # dropped
    ("name", 2),  # cut to 8 cells
    ("filter", 3),  # filter on
    ("position", 2),  # 45/339 #57
)


def fit_status(parts: list[Part], width: int) -> str:
    """The status text in at most `width` cells (when it can be): parts shortened in SHRINK's order."""
    chosen = {id(p): 0 for p in parts}

    def text(separator: str) -> str:
        return separator.join(f for p in parts if (f := p.forms[min(chosen[id(p)], len(p.forms) - 1)]))

    full = text(WIDE_SEPARATOR)
    if width <= 0 or cell_len(full) <= width:
        return full
    for role, form in (("", 0), *SHRINK):
        for p in parts:
            if p.role == role:
                chosen[id(p)] = max(chosen[id(p)], form)
        out = text(SEPARATOR)
        if cell_len(out) <= width:
            return out
    return out


def clip(text: str, cells: int) -> str:
    """`text` in at most `cells` cells, ending in … when cut (never through a wide character)."""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, max(cells - 1, 0)).rstrip() + "…"  # (a wide character that would be cut: a space)


class StatusLine(Widget):
    """One line, redrawn (never re-laid out) when its text changes; `text` is its longest form."""

    text = ""
    parts: list[Part] = []

    def show(self, parts: list[Part]) -> None:
        text = WIDE_SEPARATOR.join(p.forms[0] for p in parts if p.forms[0])
        if text != self.text:
            self.text, self.parts = text, parts
            self.refresh()

    def render(self) -> Text:
        width = self.size.width
        text = line(fit_status(self.parts, width) if width > 0 else self.text)
        text.no_wrap, text.overflow = True, "ellipsis"  # what still does not fit ends in …
        return text
