"""Find: a search in zh and en, plain text or regular expression."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label


class FindScreen(ModalScreen[tuple[str, bool, bool] | None]):
    """Dismissed with (text, is regular expression, match case), or None.

    The options open as the last search left them; Enter anywhere in the dialog searches
    (space toggles a checkbox)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "search", "Search", priority=True),
    ]

    def __init__(self, text: str = "", regex: bool = False, case: bool = False) -> None:
        super().__init__()
        self.text = text
        self.regex = regex
        self.case = case

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Find in zh and en (n: next match, N: previous)", classes="question")
            yield Input(self.text, placeholder="text or regular expression", id="find-text")
            with Horizontal(classes="options"):
                yield Checkbox("Regular expression", self.regex, id="find-regex")
                yield Checkbox("Match case", self.case, id="find-case")
            yield Label("Enter searches · Space toggles an option · Escape cancels", classes="hint")

    def action_search(self) -> None:
        self.dismiss(
            (
                self.query_one("#find-text", Input).value,
                self.query_one("#find-regex", Checkbox).value,
                self.query_one("#find-case", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
