"""The editor screen: the pairs view, a status line, the footer; every command's action."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from workbench.editing.filters import FILTER_NAMES, filtered_indices, is_low_confidence
from workbench.editing.realign import Realignment, realign
from workbench.editing.session import Session
from workbench.errors import WorkbenchError
from workbench.model import CONFIRMED
from workbench.store.journal import Patch
from workbench.text.visible import visible
from workbench.tui import commands
from workbench.tui.check_results import CheckResults
from workbench.tui.key_bar import KeyBar
from workbench.tui.memory_panel import MemoryPanel
from workbench.tui.pair_panel import PairPanel
from workbench.tui.pairs_view import GUTTER, SEPARATOR, PairsView
from workbench.tui.status_line import Part, StatusLine, clip

#: Below this size the editor says so instead of drawing a broken screen.
MIN_WIDTH, MIN_HEIGHT = 50, 12


@dataclass
class Search:
    pattern: re.Pattern[str]
    text: str
    regex: bool = False
    case: bool = False


class EditorScreen(Screen):
    """The alignment editor's main screen."""

    BINDINGS = commands.bindings()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.search: Search | None = None
        self.realigning = False
        self.view = PairsView(session.al.pairs, on_move=self.cursor_moved, id="pairs")
        self.view.threshold = session.low_confidence  # the reviser's (editing.settings)
        self.panel = PairPanel(id="pair-panel")
        self.status = StatusLine(id="status")
        self.memory = MemoryPanel(str(session.path.resolve()), id="memory")
        self.filter: str | None = None  # a key of editing.filters.FILTERS while a filter is on
        self.results: CheckResults | None = None  # the checks' findings, once they have run

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            yield Static("", id="col-gutter")
            yield Static("中文", id="col-zh")
            yield Static("English", id="col-en")
        yield self.view
        yield self.panel
        yield self.memory
        yield self.status
        yield KeyBar(getattr(self.app, "keymap", {}), id="keys")
        yield Static(f"window too small: make it at least {MIN_WIDTH}×{MIN_HEIGHT}", id="too-small")


    @property
    def cursor(self) -> int:
        """The cursor pair's position in the document (the view may show a filtered subset)."""
        return self.view.document_index(self.view.cursor)

    def goto(self, k: int, center: bool = False, reveal: bool = False) -> None:
        """Put the cursor on the pair at document position k; if a filter hides it, on the next
        pair shown, or (`reveal`, for jumps to a named pair) turn the filter off."""
        view = self.view
        if reveal and view.shown is not None and k not in view.shown_set:
            self.set_filter(None)
        view.move_to(view.view_index(k), center=center)

    def on_mount(self) -> None:
        self.view.focus()
        self.changed()
        self.show_memory()

    def show_memory(self) -> None:
        """The translation-memory panel follows the cursor pair."""
        pairs = self.session.al.pairs
        self.memory.show_pair(pairs[min(self.cursor, len(pairs) - 1)] if pairs else None)

    def on_resize(self) -> None:
        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        self.set_class(small, "too-small")
        if not small and self.focused is None:
            self.view.focus()  # hidden while too small, it lost the focus
        zw, ew = self.view.column_widths(self.size.width - self.view.styles.scrollbar_size_vertical)
        self.query_one("#col-gutter").styles.width = GUTTER
        self.query_one("#col-zh").styles.width = zw + len(SEPARATOR)
        self.query_one("#col-en").styles.width = ew

    def cursor_moved(self, _: int) -> None:
        self.show_pair_findings()
        self.show_memory()
        self.update_status()
        self.refresh_footer()

    # -- findings of the cursor pair ---------------------------------------------------------

    def show_findings(self, results: CheckResults) -> None:
        """The checks ran: mark the pairs with findings, show the cursor pair's."""
        self.results = results
        if results.marks != self.view.findings:
            self.view.findings = results.marks  # the drawing cache knows which pairs had a mark
            self.view.refresh()
        if self.filter == "findings":
            self.apply_filter()
        self.show_pair_findings()

    def show_pair_findings(self) -> None:
        pairs = self.session.al.pairs
        pair = pairs[self.cursor] if pairs else None
        found = self.results.on_pair(pair.id) if pair is not None and self.results is not None else []
        terms = {t for f in found for t in (f.term, f.found) if t}
        pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE) if terms else None
        if pattern != self.view.terms:
            self.view.terms = pattern
            self.view.refresh_pair(self.view.cursor)
        self.panel.show(pair, found)

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
        name = visible(s.path.name, keep="")  # measured as drawn
        mark = " ●" if s.dirty else ""  # unsaved changes: in every form of the name
        parts = [Part("name", (name + mark, clip(name, 16) + mark, clip(name, 8) + mark))]
        if s.read_only:
            parts.append(Part("read-only", (f"read-only: {s.holder_text()} is editing it", "read-only")))
        confirmed = self._confirmed
        parts.append(Part("confirmed", (f"{confirmed}/{n} confirmed", f"{confirmed}/{n} ✓", "")))
        if n:
            k = min(self.cursor, n - 1)
            p = al.pairs[k]
            score = f" score {p.score:.2f}" if p.score is not None else ""
            parts.append(Part("position", (f"{k + 1}/{n} pair {p.id}{score}", f"{k + 1}/{n} pair {p.id}",
                                           f"{k + 1}/{n} #{p.id}")))
        if self.filter is not None:
            what, shown = FILTER_NAMES[self.filter], len(self.view.pairs)
            parts.append(Part("filter", (f"filter: {what}, {shown} shown", f"filter: {what} ({shown})",
                                         f"filter: {what}", "filter on")))
        findings = getattr(self.app, "findings", None)
        if findings is not None:
            more = " …" if self.app.checking else ""
            parts.append(Part("findings", (f"{len(findings)} findings{more}", f"{len(findings)}!{more}", "")))
        if self.realigning:
            parts.append(Part("realigning", ("realigning…",)))
        self.status.show(parts)

    def changed(self, patch: Patch | None = None) -> None:
        """After any change to the document: re-measure, redraw, recount, re-check."""
        self._confirmed = self.session.al.confirmed_count()
        view = self.view
        if self.filter is not None:
            self.apply_filter()
        else:
            view.pairs = self.session.al.pairs
            if patch is None:
                view.relayout()
            else:
                view.relayout(patch.start, patch.start + len(patch.new), len(patch.new) - len(patch.old))
        self.show_pair_findings()
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
        """Dim Find next when there is no search. Other keys always run and say why when they
        cannot apply ("Nothing to undo") (checking them per pair would redraw the footer on every move)."""
        if action == "find_next":
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
        if action == "restore_finding":
            return bool(self.session.al.ignored)
        if action in ("edit_note", "replace", "filter", "goto_pair"):
            return bool(self.session.al.pairs)
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
        """Ask where: the reviser moves the split line on each side (see SplitScreen)."""
        from workbench.tui.split_screen import SplitScreen

        pairs = self.session.al.pairs
        if not pairs:
            self.notify("the document has no pairs", severity="error")
            return
        i = self.cursor
        pair = pairs[i]
        if len(pair.zh) + len(pair.en) < 2:
            self.notify("a pair of one sentence cannot be split", severity="error")
            return

        def done(at: tuple[int, int] | None) -> None:
            if at is not None and self.session.al.pairs[i] is pair:
                self.apply(self.session.split, i, *at)

        self.app.push_screen(SplitScreen(pair), done)

    def action_move(self, side: str, step: int) -> None:
        i = self.cursor
        if step < 0:
            patch = self.apply(self.session.move_up, i, side)
        else:
            patch = self.apply(self.session.move_down, i, side)
        if patch is not None and i >= len(self.session.al.pairs):
            self.goto(len(self.session.al.pairs) - 1)
        elif patch is not None and step < 0 and patch.start == i - 1 and len(patch.new) < len(patch.old):
            self.goto(i - 1)  # this pair emptied and went away: stay on its neighbour

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
            self.goto(i + 1)

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
            self.goto(patch.start, center=True)
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

    @work(thread=True, exclusive=True, group="realign", description="realign")  # (no repr of the pairs)
    def _realign(self, snapshot, start, glossary, version) -> None:
        try:
            result = realign(snapshot, start, glossary, self.session.path.parent,
                             semantic=getattr(self.app, "semantic", False))
            error = None
        except WorkbenchError as exc:
            result, error = None, str(exc)
        except Exception as exc:  # the aligner failing must not take the reviser's work down
            result, error = None, f"the aligner failed: {exc}"
        self.app.call_from_thread(self._realigned, result, error, version)

    def _realigned(self, result: Realignment | None, error: str | None, version: int) -> None:
        self.realigning = False
        self.update_status()
        self.refresh_footer()
        if error is not None:
            self.notify(error, severity="error")
            return
        if version != self.session.version:
            self.notify("the document changed while realigning: press r again", severity="warning")
            return
        assert result is not None
        patch = result.patch
        if not (patch.old or patch.new):
            self.notify(result.summary)
            return
        self.apply(self.session.apply, patch)
        if not result.changed:  # only pairs merged away: nothing new to look at
            self.notify(result.summary + " (undo: Ctrl+Z)")
            return
        self._offer_jump(result)

    def _offer_jump(self, result: Realignment) -> None:
        from workbench.tui.dialogs import ChoiceScreen

        first = result.changed[0]

        def chosen(choice: str | None) -> None:
            if choice == "go":
                self.goto_pair_id(first)

        self.app.push_screen(
            ChoiceScreen(
                f"{result.summary}. One Undo (Ctrl+Z) takes it all back.",
                [("go", f"Go to pair {first}"), ("stay", "Stay here")],
            ),
            chosen,
        )

    # -- navigation -----------------------------------------------------------------------------

    def _go_next(self, test, what: str, step: int = 1) -> None:
        pairs = self.session.al.pairs
        n = len(pairs)
        for d in range(1, n + 1):
            k = (self.cursor + step * d) % n
            if test(pairs[k]) and (self.view.shown is None or k in self.view.shown_set):
                if step > 0 and k <= self.cursor:
                    self.notify(f"searched past the end: on from the start, at pair {pairs[k].id}", timeout=3)
                elif step < 0 and k >= self.cursor:
                    self.notify(f"searched back past the start: on from the end, at pair {pairs[k].id}", timeout=3)
                self.goto(k, center=True)
                return
        self.notify(f"no {what}", timeout=3)

    def action_next_low(self) -> None:
        t = self.session.low_confidence
        self._go_next(lambda p: is_low_confidence(p, t), f"pair below {t:g} confidence")

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
            self.goto(self.session.al.index_of(pair_id), center=True, reveal=True)
            return True
        except KeyError:  # a typed id that never was, or a pair merged away since a list was made
            ids = [p.id for p in self.session.al.pairs]
            gone = "is no longer in the document" if ids and pair_id <= max(ids) else "does not exist"
            self.notify(f"pair {pair_id} {gone} (ids here: {min(ids, default=0)} to {max(ids, default=0)})",
                        severity="warning")
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
            self.search = Search(pattern, text, regex, case)
            self.view.set_highlight(pattern)
            self.refresh_footer()
            self.action_find_next(1)

        last = self.search
        self.app.push_screen(FindScreen(last.text, last.regex, last.case) if last else FindScreen(), done)

    def action_find_next(self, step: int) -> None:
        if self.search is None:
            return
        pat = self.search.pattern
        self._go_next(lambda p: any(pat.search(s) for s in (*p.zh, *p.en)), f"match for {self.search.text!r}", step)

    def action_goto_pair(self) -> None:
        from workbench.tui.dialogs import PromptScreen

        def done(value: str | None) -> None:
            if not value or not value.strip():
                return
            v = value.strip()
            pairs = self.session.al.pairs
            try:
                if v.startswith("/") or v.endswith("/"):
                    k = int(v.strip("/")) - 1
                    if not 0 <= k < len(pairs):
                        raise ValueError
                    self.goto(k, center=True, reveal=True)
                else:
                    self.goto_pair_id(int(v.lstrip("#")))
            except ValueError:
                self.notify(f"not a pair id or a position (1 to {len(pairs)}): {v!r}", severity="warning")

        self.app.push_screen(
            PromptScreen("Go to pair: its id (as in the left column), or its position as /45", placeholder="12 or /45"),
            done,
        )

    # -- filter ---------------------------------------------------------------------------------

    def action_filter(self) -> None:
        from workbench.editing.filters import FILTERS
        from workbench.tui.dialogs import PickScreen

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            self.set_filter(None if choice == "all" else choice)

        self.app.push_screen(PickScreen("Filter pairs: show only", [*FILTERS, ("all", "all pairs (no filter)")]), chosen)

    def set_filter(self, kind: str | None) -> None:
        k = self.cursor
        self.filter = kind
        self.apply_filter()
        self.view.move_to(self.view.view_index(k), center=True)
        if kind is not None and not self.view.pairs:
            self.notify(f"no pair is {FILTER_NAMES[kind]}: the filter is on, v to change it", severity="warning")
        self.update_status()

    def apply_filter(self) -> None:
        pairs = self.session.al.pairs
        if self.filter is None:
            self.view.show_only(pairs, None)
            return
        self.view.show_only(
            pairs, filtered_indices(pairs, self.filter, self.view.findings, self.session.low_confidence)
        )

    # -- notes and replace ----------------------------------------------------------------------

    def action_edit_note(self) -> None:
        from workbench.tui.dialogs import PromptScreen

        pairs = self.session.al.pairs
        if not pairs:
            return
        i = self.cursor
        pair = pairs[i]

        def done(value: str | None) -> None:
            if value is not None and (value.strip() or None) != pair.note and self.session.al.pairs[i] is pair:
                self.apply(self.session.set_note, i, value)

        self.app.push_screen(
            PromptScreen(f"Note on pair {pair.id} (empty removes it)", pair.note or "", "a note for the next reader"),
            done,
        )

    def action_replace(self) -> None:
        from workbench.tui.replace_screen import ReplaceScreen

        self.app.push_screen(ReplaceScreen(self))

    # -- findings, glossary, threshold --------------------------------------------------------------

    def action_restore_finding(self) -> None:
        from workbench.tui.dialogs import PickScreen

        ignored = self.session.al.ignored
        if not ignored:
            self.notify("no dismissed finding to restore", timeout=3)
            return
        choices = []
        for n, ig in enumerate(ignored):
            where = f"pair {ig.pair}" if ig.pair is not None else "whole document"
            term = f" {ig.term}" if ig.term else ""
            reason = f" — {ig.reason}" if ig.reason else ""
            choices.append((str(n), f"{ig.check}{term} ({where}){reason}"))

        def chosen(choice: str | None) -> None:
            if choice is not None and choice.isdigit():
                if self.apply(self.session.restore, int(choice)) is not None:
                    self.notify("Restored: the checks will show it again")

        self.app.push_screen(
            PickScreen("Restore which dismissed finding?", choices),
            chosen,
        )

    def action_set_glossary(self) -> None:
        import os
        from pathlib import Path

        from workbench.tui.dialogs import PromptScreen

        def done(value: str | None) -> None:
            if value is None:
                return
            v = value.strip()
            if not v:
                rel = None
            else:
                target = (self.session.path.parent / Path(v).expanduser()).resolve()
                if target.exists() and not target.is_file():
                    self.notify(f"not a file: {v}", severity="error")
                    return
                if target.is_file():
                    try:
                        from workbench.glossary.model import load_glossary

                        load_glossary(target)
                    except WorkbenchError as exc:
                        self.notify(f"not a glossary: {exc}", severity="error")
                        return
                else:
                    self.notify(f"{v} does not exist yet: it will be made when you add a term", severity="warning")
                rel = Path(os.path.relpath(target, self.session.path.parent.resolve())).as_posix()
            if rel != self.session.al.glossary and self.apply(self.session.set_glossary_path, rel) is not None:
                self.notify(f"Glossary: {rel}" if rel else "No glossary")

        self.app.push_screen(
            PromptScreen(
                "Set glossary: a glossary file (relative to this file, or absolute); empty for none",
                self.session.al.glossary or "",
                "../glossary/scio.yaml",
            ),
            done,
        )

    def action_set_threshold(self) -> None:
        from workbench.editing.settings import parse_threshold, save_threshold
        from workbench.tui.dialogs import PromptScreen

        def done(value: str | None) -> None:
            if value is None or not value.strip():
                return
            try:
                t = parse_threshold(value.strip())
            except ValueError:
                self.notify("a threshold is a number from 0 to 1, e.g. 0.6", severity="warning")
                return
            self.session.low_confidence = t
            self.view.threshold = t
            self.view._cache.clear()
            self.view.refresh()
            if self.filter == "low":
                self.apply_filter()
            try:
                where = save_threshold(t, self.app.settings_path)
            except WorkbenchError as exc:
                self.notify(f"Low confidence: below {t:g} in this session; not kept for the next: {exc}",
                            severity="warning")
                return
            self.notify(f"Low confidence: below {t:g} (kept in {where})")

        self.app.push_screen(
            PromptScreen("Mark and visit (l) pairs the aligner scored below (kept for every file):",
                         f"{self.session.low_confidence:g}"),
            done,
        )

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

    def action_concordance(self) -> None:
        from workbench.tui.concordance_screen import ConcordanceScreen, initial_query

        self.app.push_screen(ConcordanceScreen(initial_query(self)))

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

