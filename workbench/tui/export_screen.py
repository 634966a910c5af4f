"""Export: the alignment as YAML, TMX, TSV (or XLIFF), written atomically."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList

from workbench.editing.session import Session
from workbench.errors import WorkbenchError
from workbench.formats import export_text
from workbench.store.atomic import atomic_write
from workbench.store.output import output_exists, special_kind

FORMATS = (("yaml", "YAML (alignment/1)", ".yaml"), ("tmx", "TMX 1.4 (CAT tools)", ".tmx"), ("tsv", "TSV (zh<TAB>en)", ".tsv"), ("xliff", "XLIFF", ".xlf"))


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export the alignment — ↑↓ choose the format, Enter goes to the file name, Enter exports",
                        classes="question")
            yield OptionList(*(label for _, label, _ in FORMATS), id="export-format")
            yield Label("File (a relative name is in the document's folder)")
            yield Input(str(self._default("tmx")), id="export-path")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export-go", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = 1
        formats.focus()

    def _default(self, fmt: str) -> Path:
        ext = dict((f, e) for f, _, e in FORMATS)[fmt]
        p = self.session.path
        return p.with_name(p.stem + (".export" if fmt == "yaml" else "") + ext)

    @property
    def fmt(self) -> str:
        index = self.query_one(OptionList).highlighted
        return FORMATS[1 if index is None else index][0]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#export-path", Input).value = str(self._default(self.fmt))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#export-path", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.export()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.export()

    def export(self, overwrite: bool = False) -> None:
        from workbench.tui.dialogs import ChoiceScreen

        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        if not path.is_absolute():
            path = self.session.path.parent / path
        if os.path.realpath(path) == os.path.realpath(self.session.path):
            self.notify("that is the file being edited: use Save", severity="error")
            return
        kind = special_kind(path)  # the output rule (store/output.py): never over a FIFO, device, folder
        if kind is not None:
            self.notify(f"{path}: is {kind}, not a regular file: not written over", severity="error")
            return
        if output_exists(path) and not overwrite:  # kept unless the user says so (Cancel first)
            self.app.push_screen(
                ChoiceScreen(f"{path} exists. Overwrite it?", [("no", "Cancel"), ("yes", "Overwrite")]),
                lambda choice: self.export(True) if choice == "yes" else None,
            )
            return
        try:
            atomic_write(path, export_text(self.session.snapshot(), self.fmt))
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Exported {len(self.session.al.pairs)} pairs as {self.fmt.upper()} to {path}")
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
