"""Find: a search in zh and en, plain text or regular expression."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label


class FindScreen(ModalScreen[tuple[str, bool, bool] | None]):
    """Dismissed with (text, is regular expression, match case), or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Find in zh and en (n: next match, N: previous)", classes="question")
            yield Input(self.text, placeholder="text or regular expression", id="find-text")
            with Horizontal(classes="options"):
                yield Checkbox("Regular expression", id="find-regex")
                yield Checkbox("Match case", id="find-case")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss((event.value, self.query_one("#find-regex", Checkbox).value, self.query_one("#find-case", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
