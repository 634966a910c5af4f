"""Split pair: the reviser puts the split line on each side; the sentences below it form a new pair."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from workbench.model import Pair, default_split_point
from workbench.tui.wrap import wrap


def separates_sides(p: Pair, zh_at: int, en_at: int) -> bool:
    """True if a pair with both sides would become a Chinese-only and an English-only pair."""
    return bool(p.zh and p.en) and (zh_at, en_at) in ((len(p.zh), 0), (0, len(p.en)))


class SplitScreen(ModalScreen[tuple[int, int] | None]):
    """Dismissed with (zh sentences kept, en sentences kept) for the first pair, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "split", "Split", priority=True),
        Binding("up,k", "line(-1)", "Line up", show=False),
        Binding("down,j", "line(1)", "Line down", show=False),
        Binding("tab,left,right,h,l", "side", "Other side", show=False, priority=True),
    ]

    def __init__(self, pair: Pair) -> None:
        super().__init__()
        self.pair = pair
        self.zh_at, self.en_at = default_split_point(pair)
        self.side = "zh" if len(pair.zh) > 1 or not pair.en else "en"
        self.armed = False  # Enter pressed once on a split that separates the sides

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(
                f"Split pair {self.pair.id}: the sentences below the line on each side become a new pair after it.",
                classes="question",
            )
            with VerticalScroll(id="split-body"):
                yield Static(id="split-sides")
            yield Static(id="split-warning", classes="hint")
            yield Label("↑ ↓ move the line · Tab or ← → the other side · Enter splits · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()  # the sentences are wrapped to the width

    def _draw(self) -> None:
        text = Text()
        width = max(int(self.app.size.width * 0.95) - 16, 20)  # the dialog (95%), its border and padding, the number
        for side, sentences, at in (("zh", self.pair.zh, self.zh_at), ("en", self.pair.en, self.en_at)):
            active = side == self.side
            text.append(("▶ " if active else "  ") + ("中文" if side == "zh" else "English") + "\n", style="bold")
            for k in range(len(sentences) + 1):
                if k == at:
                    style = "bold reverse" if active else "bold"
                    text.append("   ──── ✂ split here ────\n", style=style)
                if k < len(sentences):
                    # wrapped here, with a hanging indent under the sentence's number (left to
                    # the widget, a Chinese sentence would leave its number alone on a line)
                    for n, line in enumerate(wrap(sentences[k], width)):
                        text.append(f"  {k + 1:>2} " if n == 0 else "     ")
                        text.append(line + "\n")  # a Text: data is never read as markup
            text.append("\n")
        self.query_one("#split-sides", Static).update(text)
        warning = ""
        if separates_sides(self.pair, self.zh_at, self.en_at):
            warning = "This separates the Chinese from the English (an omission and an addition)."
            warning += " Press Enter again to do it." if self.armed else ""
        self.query_one("#split-warning", Static).update(Text(warning))

    def action_line(self, step: int) -> None:
        if self.side == "zh":
            self.zh_at = max(0, min(len(self.pair.zh), self.zh_at + step))
        else:
            self.en_at = max(0, min(len(self.pair.en), self.en_at + step))
        self.armed = False
        self._draw()

    def action_side(self) -> None:
        self.side = "en" if self.side == "zh" else "zh"
        self._draw()

    def action_split(self) -> None:
        p, at = self.pair, (self.zh_at, self.en_at)
        if at in ((0, 0), (len(p.zh), len(p.en))):
            self.notify("the line must leave sentences above and below it", severity="warning")
            return
        if separates_sides(p, *at) and not self.armed:
            self.armed = True
            self._draw()
            return
        self.dismiss(at)

    def action_cancel(self) -> None:
        self.dismiss(None)
