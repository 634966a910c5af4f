"""Edit pair: the zh and en text of one pair, one sentence a line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, TextArea

from workbench.model import Pair
from workbench.tui.safe import shown, typed


class EditPairScreen(ModalScreen[tuple[list[str], list[str]] | None]):
    """Dismissed with (zh sentences, en sentences), or None if cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+o", "switch", "Other side", priority=True),
    ]

    def __init__(self, pair: Pair) -> None:
        super().__init__()
        self.pair = pair

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Edit pair {self.pair.id} — one sentence a line: Enter splits a sentence, joining two lines joins them",
                        classes="question")
            with Horizontal(id="edit-sides"):
                with Vertical():
                    yield Label("中文")
                    yield TextArea(shown("\n".join(self.pair.zh)), id="edit-zh", soft_wrap=True, show_line_numbers=True)
                with Vertical():
                    yield Label("English")
                    yield TextArea(shown("\n".join(self.pair.en)), id="edit-en", soft_wrap=True, show_line_numbers=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#edit-en", TextArea).focus()

    def action_switch(self) -> None:
        zh = self.query_one("#edit-zh", TextArea)
        (self.query_one("#edit-en", TextArea) if zh.has_focus else zh).focus()

    def _result(self) -> tuple[list[str], list[str]]:
        zh = typed(self.query_one("#edit-zh", TextArea).text, "\n".join(self.pair.zh)).split("\n")
        en = typed(self.query_one("#edit-en", TextArea).text, "\n".join(self.pair.en)).split("\n")
        return [s for s in zh if s.strip()], [s for s in en if s.strip()]

    def action_apply(self) -> None:
        self.dismiss(self._result())

    def action_cancel(self) -> None:
        """Escape: leave at once if nothing was typed, else ask before throwing it away."""
        from workbench.tui.dialogs import ChoiceScreen

        if self._result() == (self.pair.zh, self.pair.en):
            self.dismiss(None)
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)
            elif choice == "apply":
                self.action_apply()

        self.app.push_screen(
            ChoiceScreen(
                f"Pair {self.pair.id} has changes you typed. Throw them away?",
                [("keep", "Keep editing"), ("apply", "Apply them"), ("discard", "Discard them")],
            ),
            chosen,
        )
