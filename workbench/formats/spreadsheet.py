"""Cells a spreadsheet would run as a formula, neutralised as OWASP recommends, and back.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to
Excel, LibreOffice and Google Sheets (`=HYPERLINK(…)`, `@SUM(…)`, DDE `=cmd|'/c calc'!A1`).
Written, such a cell gets a leading apostrophe, which makes it text. So that reading gives
back exactly what was written (export → import is lossless), a cell that already begins with
apostrophes before one of those characters gets one more, and the readers remove one
apostrophe from every cell of that shape:

    write: x → "'" + x   when x matches  '*[=+\\-@\\t\\r]…
    read:  y → y[1:]     when y matches  '+[=+\\-@\\t\\r]…
"""

from __future__ import annotations

import re

_RISKY = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """The cell as written to CSV/TSV: never a formula."""
    return "'" + cell if _RISKY.match(cell) else cell


def restore(cell: str) -> str:
    """The cell as read from CSV/TSV written by `neutralise` (the exact inverse)."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell
