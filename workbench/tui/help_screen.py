"""The `?` help screen: every command with its key, from the same list as bindings and palette."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from workbench.tui.commands import COMMANDS, key_display

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
            yield Label(f"Escape closes · your own keys: {_keymap_file()}", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Command", "What it does")
        keymap = getattr(self.app, "keymap", {})
        for c in COMMANDS:  # the keys in force: the user's keymap where it changes them
            table.add_row(key_display(keymap.get(c.binding_id, c.key)), c.name, c.help)
        for row in NAVIGATION:
            table.add_row(*row)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _keymap_file() -> str:
    from workbench.tui.keymap import keymap_path

    return str(keymap_path())
