"""Under the pairs: the cursor pair's findings (severity, check, message) and its note.

Three lines. A finding's message is long (the renderings it compares, the pairs it names), so
lines the panel does not need for another finding go to wrapping the messages, continued under
a small indent; what still does not fit ends in `…` (counted in cells: a Chinese character is
never cut in half). In a narrow window the severity is its mark alone.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from workbench.text.visible import visible
from workbench.tui.wrap import wrap

SEVERITY = {"error": ("✖", "bold red"), "warning": ("▲", "yellow"), "info": ("·", "dim")}
WIDE = 100  # from this width on, the severity is written out beside its mark
INDENT = "    "  # under a message's first line


def panel_text(pair, found: list, width: int, lines: int) -> Text:
    """The panel's text for this pair and its findings, in `lines` lines of `width` cells."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if pair is None:
        return text
    if not found and not pair.note:
        text.append("no findings on this pair", style="dim")
        return text
    items: list[tuple[Text, str]] = []  # (head, the text after it)
    room = lines - (1 if pair.note else 0)
    shown = found if len(found) <= room else found[: room - 1]
    for f in shown:
        mark, style = SEVERITY.get(f.severity, ("·", ""))
        head = Text(f"{mark} ", style=style)
        if width >= WIDE:
            head.append(f"{f.severity} ", style=style)
        head.append(f"{f.check}: ", style="bold")
        items.append((head, visible(f.message, keep="")))  # a Text: never read as markup
    if len(shown) < len(found):
        items.append((Text(f"  … {len(found) - len(shown)} more on this pair (F: the findings screen)", style="dim"), ""))
    if pair.note:
        items.append((Text("✎ note: ", style="bold"), visible(pair.note.replace("\n", " ⏎ "), keep="")))
    spare = lines - len(items)
    out: list[Text] = []
    for head, body in items:
        wrapped = _hanging(head, body, width)
        take = min(len(wrapped), 1 + spare)
        spare -= take - 1
        out.extend(shown_line for shown_line, _ in wrapped[: take - 1])
        out.append(wrapped[take - 1][1 if take < len(wrapped) else 0])  # the last given: all the rest, cut with …
    return Text("\n", no_wrap=True, overflow="ellipsis").join(out)


def _hanging(head: Text, body: str, width: int) -> list[tuple[Text, Text]]:
    """`head` + `body` in lines of `width` cells, the body's further lines under INDENT: for each
    line, the line and the line followed by all the text after it."""
    first_width = width - cell_len(head.plain)
    whole = head + body
    if not body or first_width < 10 or width - len(INDENT) < 10:
        return [(whole, whole)]
    first = wrap(body, first_width)[0]
    if not body.startswith(first):  # (wrap gives back the text's own characters: not expected)
        return [(whole, whole)]
    out = [(head + first, whole)]
    rest = body[len(first):].lstrip()
    at = 0
    for part in wrap(rest, width - len(INDENT)) if rest else []:
        at = max(rest.find(part, at), at)
        out.append((Text(INDENT + part), Text(INDENT + rest[at:])))
        at += len(part)
    return out


class PairPanel(Widget):
    """The cursor pair's findings and note (see the module's docstring)."""

    LINES = 3

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pair = None
        self.found: list = []
        self.text = Text()

    def show(self, pair, found: list) -> None:
        self.pair, self.found = pair, found
        self._update()

    def on_resize(self) -> None:
        self._update()

    def _update(self) -> None:
        text = panel_text(self.pair, self.found, self.size.width or 200, self.LINES)
        if text.plain != self.text.plain or text.spans != self.text.spans:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return self.text
