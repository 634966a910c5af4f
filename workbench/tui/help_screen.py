"""The `?` help screen: every command with its key, from the same list as bindings and palette."""

from __future__ import annotations

from rich.text import Text
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
            hint = f"Escape closes · your own keys: {_home(_keymap_file())}"
            threshold = getattr(getattr(self.app, "session", None), "low_confidence", None)
            if threshold is not None:
                hint += (f" · low confidence: below {threshold:g} (L sets it for every file; "
                         f"kept in {_home(_settings_file(self.app))})")
            yield Label(hint, classes="hint", id="help-hint")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.call_after_refresh(self._fill)  # once the table has its width, for the last column

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        keymap = getattr(self.app, "keymap", {})
        # the keys in force: the user's keymap where it changes them
        rows = [(key_display(keymap.get(c.binding_id, c.key)), c.name, c.help) for c in COMMANDS]
        rows += NAVIGATION
        key_w = max(len(r[0]) for r in rows)
        name_w = max(len(r[1]) for r in rows)
        # the descriptions wrap in what is left of the table's width (cell padding, scrollbar)
        spare = table.size.width - key_w - name_w - 3 * 2 - 2
        table.add_column("Key", width=key_w)
        if spare >= 16:
            table.add_column("Command", width=name_w)
            table.add_column("What it does", width=spare)
            for key, name, text in rows:
                table.add_row(key, name, Text(text), height=None)
            return
        # a narrow window (60 columns): what it does goes under the command's name
        table.add_column("Command · what it does", width=max(16, table.size.width - key_w - 2 * 2 - 2))
        for key, name, text in rows:
            table.add_row(key, Text.assemble((name, "bold"), "\n", (text, "dim")), height=None)

    def action_close(self) -> None:
        self.dismiss(None)


def _keymap_file() -> str:
    from workbench.tui.keymap import keymap_path

    return str(keymap_path())


def _settings_file(app) -> str:
    from workbench.editing.settings import settings_path

    return str(getattr(app, "settings_path", None) or settings_path())


def _home(path: str) -> str:
    """The path with the home folder as ~ (shorter in a narrow window)."""
    from pathlib import Path

    home = str(Path.home())
    return "~" + path[len(home):] if home != "/" and path.startswith(home + "/") else path
