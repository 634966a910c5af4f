"""The key bar at the bottom of the editor: the most important keys that fit the width.

Built from the same command list as the bindings, with the keys in force (the user's keymap),
so it never shows a key that does something else. At narrow widths the least important
entries go first, whole: nothing is cut in the middle.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from workbench.tui.commands import COMMANDS


def short_key(keys: str) -> str:
    """The first key, compact: 'ctrl+z' -> '^z', 'question_mark' -> '?'."""
    from workbench.tui.commands import key_display

    key = keys.split(",")[0]
    if key.startswith("ctrl+") and len(key) == 6:
        return "^" + key[-1]
    return key_display(key)


class KeyBar(Widget):
    """One line of `key label` entries; redrawn only when the width or the keymap changes."""

    DEFAULT_CSS = """
    KeyBar { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, keymap: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.keymap = keymap or {}

    def entries(self) -> list[tuple[int, str, str]]:
        return [
            (c.footer, short_key(self.keymap.get(c.binding_id, c.key)), c.label)
            for c in COMMANDS
            if c.footer
        ]

    def fitting(self, width: int) -> list[tuple[str, str]]:
        """The entries that fit in `width` cells, most important first kept, in bar order."""
        entries = self.entries()
        keep: set[int] = set()
        used = 0
        for n in sorted(range(len(entries)), key=lambda n: entries[n][0]):
            _, key, label = entries[n]
            need = len(key) + 1 + len(label) + 2
            if used + need > width:
                continue
            keep.add(n)
            used += need
        return [(key, label) for n, (_, key, label) in enumerate(entries) if n in keep]

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        for key, label in self.fitting(self.size.width):
            text.append(" " + key, style="bold")
            text.append(" " + label + " ")
        return text
