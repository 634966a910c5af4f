"""The `?` help screen: every command with its key, from the same list as bindings and palette."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from workbench.tui.commands import COMMANDS

NAVIGATION = (
    ("↑ ↓ / k j", "Previous / next pair", "move the cursor"),
    ("PgUp PgDn Home End", "Page / first / last", "move the cursor further"),
    ("Ctrl+P", "Command palette", "every command by name"),
    ("Ctrl+Q", "Quit", "save and quit"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Keys — the same commands are in the palette (Ctrl+P) under these names. "
                        "Changes are journaled at once and autosaved; quitting saves.", classes="question")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Label("Escape closes", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Command", "What it does")
        for c in COMMANDS:
            table.add_row(c.key_display, c.name, c.help)
        for row in NAVIGATION:
            table.add_row(*row)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
