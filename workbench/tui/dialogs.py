"""Small modal dialogs: a choice among buttons, a one-line prompt."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from workbench.tui.safe import line, plain, shown, typed


class Dialog(ModalScreen[str | None]):
    """A modal question: Escape dismisses it with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(Dialog):
    """A question with (key, label) choices; dismissed with the chosen key."""

    def __init__(self, question: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices


class ChoiceScreen(ChoiceDialog):
    """A question and a row of buttons; dismissed with the chosen key (None on Escape)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            with Horizontal(classes="buttons"):
                for n, (key, label) in enumerate(self.choices):
                    yield Button(label, id=f"choice-{key}", variant="primary" if n == 0 else "default")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))


class PromptScreen(Dialog):
    """A question and one line of text; Enter gives the text, Escape None."""

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            yield Input(shown(self.value), placeholder=self.placeholder, id="prompt")
            yield Label("Enter to accept · Escape to cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(typed(event.value, self.value))


class PickScreen(ChoiceDialog):
    """A question and a list to pick from (↑ ↓ Enter); dismissed with the key (None on Escape)."""

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            yield OptionList(*(Option(line(label), id=key) for key, label in self.choices), id="pick")
            yield Label("↑ ↓ and Enter to pick · Escape to cancel", classes="hint")

    def on_option_list_option_selected(self, event) -> None:
        self.dismiss(event.option.id)
