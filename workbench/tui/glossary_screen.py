"""The glossary screen: list, filter, add, edit, delete terms (saved at once, atomically)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from workbench.editing.session import Session
from workbench.errors import WorkbenchError
from workbench.glossary.model import Term
from workbench.tui.safe import line


class GlossaryScreen(Screen):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("a", "add", "Add"),
        Binding("e,enter", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("slash", "filter", "Filter"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.rows: list[int] = []  # table row → index in the glossary's terms

    @property
    def store(self):
        return self.session.glossary_store

    def compose(self) -> ComposeResult:
        yield Static("", id="glossary-title")
        yield Input(placeholder="filter: part of a zh term or an English rendering (/ to come back here)", id="glossary-filter")
        yield DataTable(id="glossary-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # fixed widths, so that one long rendering cannot push the other columns off screen
        for label, width in (("中文", 28), ("English", 40), ("variants", 34), ("forbidden", 26), ("note", 24)):
            table.add_column(label, width=width)
        self.refill()
        self.query_one(DataTable).focus()

    def refill(self, keep: int | None = None) -> None:
        table = self.query_one(DataTable)
        table.clear()
        needle = self.query_one("#glossary-filter", Input).value.strip().lower()
        g = self.store.glossary
        self.rows = []
        for k, t in enumerate(g.terms):
            hay = " ".join([*t.zh, *t.accepted, *t.forbidden, t.note or ""]).lower()
            if needle and needle not in hay:
                continue
            self.rows.append(k)
            table.add_row(line(" / ".join(t.zh)), line(t.en), line("; ".join(t.variants)), line("; ".join(t.forbidden)),
                          line(t.note))
        where = str(self.store.path) if self.store.path else f"none yet: the first term creates {self.store.default_path().name}"
        self.query_one("#glossary-title", Static).update(
            line(f"Glossary “{g.name}” — {len(g.terms)} terms ({len(self.rows)} shown) — file: {where}")
        )
        if keep is not None and keep in self.rows:
            table.move_cursor(row=self.rows.index(keep))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_filter(self) -> None:
        self.query_one("#glossary-filter", Input).focus()

    def action_close(self) -> None:
        if self.query_one("#glossary-filter", Input).has_focus:
            self.query_one(DataTable).focus()
            return
        self.dismiss()

    def action_add(self) -> None:
        from workbench.tui.term_screen import TermScreen

        def done(term: Term | None) -> None:
            if term is not None and self._try(self.store.add, term):
                self.refill(keep=len(self.store.glossary.terms) - 1)
                self.notify(f"Added {term.zh[0]} → {term.en}")

        self.app.push_screen(TermScreen(None), done)

    def action_edit(self) -> None:
        from workbench.tui.term_screen import TermScreen

        k = self._current()
        if k is None:
            return

        def done(term: Term | None) -> None:
            if term is not None and self._try(self.store.replace, k, term):
                self.refill(keep=k)
                self.notify(f"Saved {term.zh[0]} → {term.en}")

        self.app.push_screen(TermScreen(self.store.glossary.terms[k]), done)

    def action_delete(self) -> None:
        from workbench.tui.dialogs import ChoiceScreen

        k = self._current()
        if k is None:
            return
        term = self.store.glossary.terms[k]

        def done(choice: str | None) -> None:
            if choice == "delete" and self._try(self.store.delete, k):
                self.refill(keep=min(k, len(self.store.glossary.terms) - 1))
                self.notify(f"Deleted {term.zh[0]}")

        self.app.push_screen(ChoiceScreen(f"Delete {term.zh[0]} → {term.en} from the glossary?",
                                          [("delete", "Delete"), ("cancel", "Cancel")]), done)

    def _try(self, fn, *args) -> bool:
        from workbench.editing.glossary_store import GlossaryOutside

        try:
            fn(*args)
        except GlossaryOutside as exc:
            self.app.confirm_glossary_outside(exc.path, lambda: self._try(fn, *args) and self.refill())
            return False
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return False
        self.app.schedule_checks()
        self.app.editor.update_status()  # the first term may have named a new glossary file
        return True
