"""The editor screen: the pairs view, a status line, the footer; every command's action."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from workbench.editing.realign import realign_patch
from workbench.editing.session import Session, is_low_confidence
from workbench.errors import WorkbenchError
from workbench.model import CONFIRMED
from workbench.store.journal import Patch
from workbench.tui import commands
from workbench.tui.pairs_view import GUTTER, SEPARATOR, PairsView


@dataclass
class Search:
    pattern: re.Pattern[str]
    text: str


class StatusLine(Widget):
    """One line: file, unsaved mark, progress, the cursor pair, findings. Redrawn, never re-laid out."""

    text = ""

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> str:
        return self.text


class EditorScreen(Screen):
    """The alignment editor's main screen."""

    BINDINGS = commands.bindings()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.search: Search | None = None
        self.realigning = False
        self.view = PairsView(session.al.pairs, id="pairs")
        self.status = StatusLine(id="status")

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            yield Static("", id="col-gutter")
            yield Static("中文", id="col-zh")
            yield Static("English", id="col-en")
        yield self.view
        yield self.status
        yield Footer()


    @property
    def cursor(self) -> int:
        return self.view.cursor

    def on_mount(self) -> None:
        self.view.focus()
        self.changed()

    def on_resize(self) -> None:
        zw, ew = self.view.column_widths(self.size.width - self.view.styles.scrollbar_size_vertical)
        self.query_one("#col-gutter").styles.width = GUTTER
        self.query_one("#col-zh").styles.width = zw + len(SEPARATOR)
        self.query_one("#col-en").styles.width = ew

    def on_pairs_view_cursor_moved(self, _: PairsView.CursorMoved) -> None:
        self.update_status()
        self.refresh_footer()

    _footer_state: tuple = ()

    def refresh_footer(self) -> None:
        """Redraw the footer only when what it shows as available changes (it is costly)."""
        state = (bool(self.session.undo_stack), bool(self.session.redo_stack), self.search is not None)
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    # -- status ---------------------------------------------------------------------------

    def update_status(self) -> None:
        s = self.session
        al = s.al
        n = len(al.pairs)
        parts = [s.path.name + (" ●" if s.dirty else "")]
        parts.append(f"{self._confirmed}/{n} confirmed")
        if n:
            p = al.pairs[min(self.cursor, n - 1)]
            score = f" score {p.score:.2f}" if p.score is not None else ""
            parts.append(f"pair {p.id} ({self.cursor + 1}/{n}){score}")
        findings = getattr(self.app, "findings", None)
        if findings is not None:
            parts.append(f"{len(findings)} findings" + (" …" if self.app.checking else ""))
        if self.realigning:
            parts.append("realigning…")
        self.status.show("  │  ".join(parts))

    def changed(self, patch: Patch | None = None) -> None:
        """After any change to the document: re-measure, redraw, recount, re-check."""
        self._confirmed = self.session.al.confirmed_count()
        view = self.view
        view.pairs = self.session.al.pairs
        if patch is None:
            view.relayout()
        else:
            view.relayout(patch.start, patch.start + len(patch.new), len(patch.new) - len(patch.old))
        self.update_status()
        self.refresh_footer()
        self.app.schedule_checks()

    _confirmed = 0

    # -- running commands -------------------------------------------------------------------

    def run(self, fn, *args):
        """Run a domain operation; a WorkbenchError becomes a notification, never a traceback."""
        try:
            return fn(*args)
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return None

    def apply(self, fn, *args) -> Patch | None:
        patch = self.run(fn, *args)
        if patch is not None:
            self.changed(patch)
        return patch

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim Undo/Redo/Find next when there is nothing to do. Other keys always run and say
        why when they cannot apply (checking them per pair would redraw the footer on every move)."""
        if action in ("undo", "redo", "find_next"):
            return self.applicable(action, parameters) or None
        return True

    def applicable(self, action: str, parameters: tuple[object, ...] = ()) -> bool:
        """Whether an operation can apply to the cursor pair now (the palette offers only these)."""
        if action == "undo":
            return bool(self.session.undo_stack)
        if action == "redo":
            return bool(self.session.redo_stack)
        if action == "find_next":
            return self.search is not None
        if action == "realign":
            return not self.realigning and bool(self.session.al.pairs)
        pairs = self.session.al.pairs
        if action in ("merge", "split", "move", "edit_pair", "confirm", "confirm_above", "add_term", "unconfirm"):
            if not pairs:
                return False
            i = min(self.cursor, len(pairs) - 1)
            p = pairs[i]
            if action == "merge":
                return i + 1 < len(pairs)
            if action == "unconfirm":
                return p.status == CONFIRMED
            if action == "split":
                return len(p.zh) + len(p.en) > 1
            if action == "move":
                side, step = parameters
                has = bool(p.zh if side == "zh" else p.en)
                return has and (i > 0 if step < 0 else i + 1 < len(pairs))  # type: ignore[operator]
        return True

    def can_run(self, command: commands.Command) -> bool:
        action, params = _parse_action(command.action)
        return self.applicable(action, params)

    # -- editing ----------------------------------------------------------------------------

    def action_merge(self) -> None:
        self.apply(self.session.merge_with_next, self.cursor)

    def action_split(self) -> None:
        self.apply(self.session.split, self.cursor)

    def action_move(self, side: str, step: int) -> None:
        i = self.cursor
        if step < 0:
            patch = self.apply(self.session.move_up, i, side)
        else:
            patch = self.apply(self.session.move_down, i, side)
        if patch is not None and i >= len(self.session.al.pairs):
            self.view.move_to(len(self.session.al.pairs) - 1)
        elif patch is not None and step < 0 and patch.start == i - 1 and len(patch.new) < len(patch.old):
            self.view.move_to(i - 1)  # this pair emptied and went away: stay on its neighbour

    def action_edit_pair(self) -> None:
        from workbench.tui.edit_screen import EditPairScreen

        if not self.session.al.pairs:
            return
        i = self.cursor
        pair = self.session.al.pairs[i]

        def done(result: tuple[list[str], list[str]] | None) -> None:
            if result is not None and (result[0] != pair.zh or result[1] != pair.en):
                self.apply(self.session.edit_pair, i, *result)

        self.app.push_screen(EditPairScreen(pair), done)

    def action_confirm(self) -> None:
        """Confirm and move on, so that a reviser goes down the document pressing c."""
        i = self.cursor
        if not self.session.al.pairs:
            return
        if self.session.al.pairs[i].status == CONFIRMED or self.apply(self.session.confirm, i) is not None:
            self.view.move_to(i + 1)

    def action_unconfirm(self) -> None:
        i = self.cursor
        if self.session.al.pairs and self.session.al.pairs[i].status == CONFIRMED:
            self.apply(self.session.unconfirm, i)

    def action_confirm_above(self) -> None:
        if self.session.al.pairs:
            self.apply(self.session.confirm, self.cursor, True)

    def action_undo(self) -> None:
        patch = self.apply(self.session.undo)
        if patch is not None:
            self._show_change(patch, "Undone")

    def action_redo(self) -> None:
        patch = self.apply(self.session.redo)
        if patch is not None:
            self._show_change(patch, "Redone")

    def _show_change(self, patch: Patch, verb: str) -> None:
        if patch.old or patch.new:
            self.view.move_to(patch.start, center=True)
        self.notify(f"{verb}: {patch.label}", timeout=2)

    # -- realign ------------------------------------------------------------------------------

    def action_realign(self) -> None:
        if self.realigning or not self.session.al.pairs:
            return
        try:
            glossary = self.session.glossary_store.glossary
        except WorkbenchError as exc:
            self.notify(f"glossary not used: {exc}", severity="warning")
            glossary = None
        self.realigning = True
        self.update_status()
        self._realign(self.session.snapshot(), self.cursor, glossary, self.session.version)

    @work(thread=True, exclusive=True, group="realign")
    def _realign(self, snapshot, start, glossary, version) -> None:
        try:
            patch = realign_patch(snapshot, start, glossary)
            error = None
        except WorkbenchError as exc:
            patch, error = None, str(exc)
        except Exception as exc:  # the aligner failing must not take the reviser's work down
            patch, error = None, f"the aligner failed: {exc}"
        self.app.call_from_thread(self._realigned, patch, error, version)

    def _realigned(self, patch: Patch | None, error: str | None, version: int) -> None:
        self.realigning = False
        if error is not None:
            self.notify(error, severity="error")
        elif version != self.session.version:
            self.notify("the document changed while realigning: press r again", severity="warning")
        elif patch is None or not (patch.old or patch.new):
            self.notify("Realigned: no pair changed")
        else:
            self.apply(self.session.apply, patch)
            self.notify(f"Realigned: {len(patch.old)} pairs became {len(patch.new)} (undo: Ctrl+Z)")
        self.update_status()
        self.refresh_footer()

    # -- navigation -----------------------------------------------------------------------------

    def _go_next(self, test, what: str, step: int = 1) -> None:
        pairs = self.session.al.pairs
        n = len(pairs)
        for d in range(1, n + 1):
            k = (self.cursor + step * d) % n
            if test(pairs[k]):
                if (step > 0 and k <= self.cursor) or (step < 0 and k >= self.cursor):
                    self.notify(f"searched past the end: back at pair {pairs[k].id}", timeout=2)
                self.view.move_to(k, center=True)
                return
        self.notify(f"no {what}", timeout=3)

    def action_next_low(self) -> None:
        self._go_next(is_low_confidence, "low-confidence pair")

    def action_next_unconfirmed(self) -> None:
        self._go_next(lambda p: p.status != CONFIRMED, "unconfirmed pair")

    def action_next_finding(self) -> None:
        marks = self.view.findings
        if getattr(self.app, "findings", None) is None:
            self.notify("the checks have not run yet", timeout=3)
            return
        self._go_next(lambda p: p.id in marks, "pair with a finding")

    def goto_pair_id(self, pair_id: int) -> bool:
        try:
            self.view.move_to(self.session.al.index_of(pair_id), center=True)
            return True
        except KeyError:
            self.notify(f"pair {pair_id} is no longer in the document", severity="warning")
            return False

    # -- find -----------------------------------------------------------------------------------

    def action_find(self) -> None:
        from workbench.tui.find_screen import FindScreen

        def done(result: tuple[str, bool, bool] | None) -> None:
            if result is not None and not result[0]:
                self.search = None  # an empty search clears the marks
                self.view.set_highlight(None)
                self.refresh_footer()
            if not result or not result[0]:
                return
            text, regex, case = result
            try:
                pattern = re.compile(text if regex else re.escape(text), 0 if case else re.IGNORECASE)
            except re.error as exc:
                self.notify(f"not a valid regular expression: {exc}", severity="error")
                return
            self.search = Search(pattern, text)
            self.view.set_highlight(pattern)
            self.refresh_footer()
            self.action_find_next(1)

        self.app.push_screen(FindScreen(self.search.text if self.search else ""), done)

    def action_find_next(self, step: int) -> None:
        if self.search is None:
            return
        pat = self.search.pattern
        self._go_next(lambda p: any(pat.search(s) for s in (*p.zh, *p.en)), f"match for {self.search.text!r}", step)

    # -- screens --------------------------------------------------------------------------------

    def action_add_term(self) -> None:
        from workbench.tui.add_term_screen import AddTermScreen

        if self.session.al.pairs:
            self.app.push_screen(AddTermScreen(self.session, self.session.al.pairs[self.cursor]))

    def action_glossary(self) -> None:
        from workbench.tui.glossary_screen import GlossaryScreen

        try:
            _ = self.session.glossary_store.glossary  # load it now: a bad file is reported here
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.push_screen(GlossaryScreen(self.session))

    def action_findings(self) -> None:
        from workbench.tui.findings_screen import FindingsScreen

        self.app.push_screen(FindingsScreen(self.session))

    def action_export(self) -> None:
        from workbench.tui.export_screen import ExportScreen

        self.app.push_screen(ExportScreen(self.session))

    def action_help(self) -> None:
        from workbench.tui.help_screen import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_save(self) -> None:
        self.app.save(quiet=False)

    def action_quit(self) -> None:
        self.app.request_quit()


def _parse_action(action: str) -> tuple[str, tuple]:
    import ast

    name, _, rest = action.partition("(")
    if not rest:
        return name, ()
    params = ast.literal_eval("(" + rest.rstrip(")") + ",)")
    return name, tuple(params)

