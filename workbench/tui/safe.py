"""Data shown in the editor: never parsed as markup, never a control sequence on the terminal.

Every widget that shows text from a file goes through these: `plain` for display (a Rich
`Text`, which Textual does not parse as markup, of the `visible` form), `shown` for the
initial value of an editable field, and `typed` to turn what the reviser left in that field
back into data.
"""

from __future__ import annotations

from rich.text import Text

from workbench.text.visible import has_hidden, restore, visible


def plain(text: str | None, style: str = "") -> Text:
    """`text` for display: visible marks for control/bidi/invisible characters, no markup."""
    return Text(visible(text or ""), style=style)


def line(text: str | None, style: str = "") -> Text:
    """Like `plain`, on one line (newlines and tabs shown as marks too)."""
    return Text(visible(text or "", keep=""), style=style)


def shown(text: str | None) -> str:
    """The value to put in an Input or TextArea: the data with its hidden characters as marks."""
    return visible(text or "")


def typed(value: str, original: str | None) -> str:
    """What a field holding `shown(original)` means as data after the reviser's edits."""
    return restore(value) if original and has_hidden(original) else value
