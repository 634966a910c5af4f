"""The workbench editor application: one session, the editor screen, checks in the background."""

from __future__ import annotations

import gc
import os
import pickle
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from workbench.checks import Inputs, Memo, run_checks
from workbench.editing.session import FileChangedOnDisk, ReadOnly, Session
from workbench.editing.settings import load_threshold
from workbench.errors import WorkbenchError
from workbench.store.output import check_output
from workbench.text.visible import visible
from workbench.tui import commands
from workbench.tui.check_results import CheckResults, Packed, pack
from workbench.tui.editor_screen import EditorScreen
from workbench.tui.keymap import load_keymap


class WorkbenchApp(App):
    """`workbench open FILE.yaml`: revise an alignment."""

    CSS_PATH = "app.tcss"
    TITLE = "workbench"

    def __init__(
        self,
        session: Session,
        *,
        autosave_seconds: float = 30.0,
        check_delay: float = 0.4,
        checks_in_process: bool = True,
        keymap_path: Path | None = None,
        settings_path: Path | None = None,
        semantic: bool | None = None,
    ) -> None:
        super().__init__()
        if semantic is None:  # as the file was aligned; for a file that does not say, the user's default
            from workbench.align import semantic_default

            semantic = session.al.semantic if session.al.semantic is not None else semantic_default()
        self.semantic = semantic  # "Realign from here" with the sentence encoder (open --[no-]semantic)
        # The checks run in another process so that a long run never holds the GIL while the
        # reviser types; tests may run them in a thread instead (no process start-up).
        self.checks_in_process = checks_in_process
        # Made now, before Textual takes over stdout/stderr: multiprocessing's helper process
        # is started with stderr's file descriptor, which the running app replaces.
        self._pool = _checks_pool() if self.checks_in_process else None
        self._checks_running = False
        self._checks_pending = False
        self._pair_pieces = PairPieces()
        self._last_run: tuple[Inputs, CheckResults] | None = None  # (what the checks read, what they found)
        self._memo = Memo()  # (what a run keeps for the next, where they run in this process)
        self.session = session
        self.autosave_seconds = autosave_seconds
        self.check_delay = check_delay
        self.findings: CheckResults | None = None
        self.checking = False
        self._check_timer = None
        self._warned_disk_change = False
        self.sub_title = visible(session.path.name, keep="")
        self.keymap: dict[str, str] = {}
        self.keymap_error: str | None = None
        try:
            self.keymap = load_keymap(keymap_path)
        except WorkbenchError as exc:
            self.keymap_error = f"your keymap is not used: {exc}"
        if self.keymap:
            self.set_keymap(self.keymap)
        self.settings_path = settings_path  # None: the user's (editing.settings.settings_path)
        self.settings_error: str | None = None
        try:
            session.low_confidence = load_threshold(settings_path)
        except WorkbenchError as exc:
            self.settings_error = f"your settings are not used: {exc}"

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every notification, from any screen: data in it is never markup nor a control sequence."""
        super().notify(visible(str(message)), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> Screen:
        self.editor = EditorScreen(self.session)
        return self.editor

    def on_mount(self) -> None:
        # The document's objects live as long as the editor: keep them out of the collector's
        # full passes, and make those rarer (the drawing cache makes many short-lived objects),
        # which otherwise stall a key press every twenty or so (~50 ms on 10,000 pairs); at 1000
        # a full pass comes some thousand keys apart.
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, 1000)
        s = self.session
        if s.recovered:
            self.notify(
                f"Recovered {s.recovered} unsaved change(s) from a session that did not end; "
                "Ctrl+Z takes them back one by one.",
                title="Recovered",
                timeout=12,
            )
        if s.read_only:
            self._ask_read_only()
        if s.replay_stopped is not None:
            self.notify(f"Recovery stopped early: {s.replay_stopped}", severity="warning", timeout=12)
        if s.stale_journal is not None:
            self.notify(
                f"An unsaved journal was written against another version of this file; kept in {s.stale_journal.name}",
                severity="warning",
                timeout=12,
            )
        for warning in s.open_warnings():
            self.notify(warning, severity="warning", timeout=12)
        if self.keymap_error:
            self.notify(self.keymap_error, severity="warning", timeout=10)
        if self.settings_error:
            self.notify(self.settings_error, severity="warning", timeout=10)
        if s.journal_error:
            self.notify(s.journal_error, severity="warning")
        if self.autosave_seconds > 0:
            self.set_interval(self.autosave_seconds, self.autosave)

    def on_pairs_view_measured(self) -> None:
        # What the first screens built lives on too: out of the collector's full passes as well.
        gc.freeze()

    # -- command palette -------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, EditorScreen):
            for cmd in commands.COMMANDS:
                if screen.can_run(cmd):
                    yield SystemCommand(cmd.name, f"{cmd.help} (key {cmd.key_display})", partial(self.run_action, cmd.action, screen))
        yield from super().get_system_commands(screen)

    # -- saving ------------------------------------------------------------------------------------

    def _ask_read_only(self) -> None:
        from workbench.tui.dialogs import ChoiceScreen

        s = self.session

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                self._finish()
            else:
                self.notify(f"Read-only: {s.holder_text()} is editing {s.path.name}. "
                            "Ctrl+S saves your changes as a copy.", severity="warning", timeout=10)

        self.push_screen(
            ChoiceScreen(
                f"{s.path.name} is being edited by {s.holder_text()}. One editor writes a file at a time.",
                [("readonly", "Open anyway, read-only"), ("quit", "Quit")],
            ),
            chosen,
        )

    def save(self, *, quiet: bool = True, then=None) -> None:
        """Save; if the file changed on disk, ask rather than overwrite."""
        try:
            self.session.save()
        except FileChangedOnDisk:
            self._ask_overwrite(then)
            return
        except ReadOnly:
            self._ask_copy(then, f"{self.session.path.name} is being edited by {self.session.holder_text()}: "
                           "this editor only reads it.")
            return
        except WorkbenchError as exc:
            if then is not None:  # quitting: the folder may be gone or read-only; never a dead end
                self._ask_copy(then, f"Cannot save {self.session.path.name}: {exc}")
                return
            self.notify(f"not saved: {exc}", severity="error")
            return
        self._warned_disk_change = False
        if not quiet:
            self.notify(f"Saved {self.session.path.name}", timeout=2)
        self.editor.update_status()
        if then:
            then()

    def _ask_copy(self, then, question: str) -> None:
        """The file cannot be written: save the changes elsewhere, or (when quitting) leave them."""
        from workbench.tui.dialogs import ChoiceScreen, PromptScreen

        path = self.session.path

        def save_as(name: str | None) -> None:
            if not name:
                return
            target = Path(name).expanduser()
            if not target.is_absolute():
                target = Path.home() / target if not path.parent.is_dir() else path.parent / target
            try:
                check_output(target, force=False)
                self.session.save_copy(target)
            except WorkbenchError as exc:
                self.notify(f"not saved: {exc}", severity="error")
                return
            self.notify(f"Your version is saved as {target}")
            if then:
                self.session.release_lock()
                then()

        def chosen(choice: str | None) -> None:
            if choice == "copy":
                default = _free_name(path.with_name(path.stem + ".mine" + path.suffix))
                if not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
                    default = Path.home() / default.name
                self.push_screen(PromptScreen("Save your version as (a new file):", str(default)), save_as)
            elif choice == "discard":
                self.session.release_lock()
                then()

        choices = [("copy", "Save my changes as a copy…")]
        if then is not None:
            choices.append(("discard", "Quit without saving"))
        choices.append(("cancel", "Cancel"))
        self.push_screen(ChoiceScreen(question, choices), chosen)

    def confirm_glossary_outside(self, path: str | None, retry) -> None:
        """The file names a glossary outside its folder tree: write there only once the user
        has seen the full path and said yes (then `retry` the change)."""
        from workbench.tui.dialogs import ChoiceScreen

        store = self.session.glossary_store

        def chosen(choice: str | None) -> None:
            if choice == "write":
                store.confirmed_outside = Path(path) if path else None
                retry()

        self.push_screen(
            ChoiceScreen(
                f"This file names a glossary outside its folder:\n{path}\nWrite the term there?",
                [("cancel", "Cancel"), ("write", "Write to that file")],
            ),
            chosen,
        )

    def _ask_overwrite(self, then) -> None:
        from workbench.tui.dialogs import ChoiceScreen

        path = self.session.path

        def chosen(choice: str | None) -> None:
            try:
                if choice == "overwrite":
                    self.session.save(force=True)
                    self.notify(f"Saved {path.name} over the version on disk")
                elif choice == "copy":
                    copy = _free_name(path.with_name(path.stem + ".mine" + path.suffix))
                    self.session.save_copy(copy)
                    self.notify(f"Your version is saved as {copy.name}; {path.name} is untouched")
                    if then:
                        self.session.close()
                else:
                    return
            except WorkbenchError as exc:
                self.notify(f"not saved: {exc}", severity="error")
                return
            self.editor.update_status()
            if then:
                then()

        self.push_screen(
            ChoiceScreen(
                f"{path.name} was changed on disk since you opened it (by another program or person).",
                [("copy", "Save mine as a copy"), ("overwrite", "Overwrite it"), ("cancel", "Cancel")],
            ),
            chosen,
        )

    def autosave(self) -> None:
        if not self.session.dirty or self.session.read_only:
            return
        if self.session.changed_on_disk():
            if not self._warned_disk_change:
                self._warned_disk_change = True
                self.notify(
                    f"{self.session.path.name} changed on disk: not autosaving over it (your edits are in the journal; Ctrl+S to choose)",
                    severity="warning",
                    timeout=10,
                )
            return
        self.save()

    def request_quit(self) -> None:
        if self.session.dirty:
            self.save(then=self._finish)
        else:
            self._finish()

    def _finish(self) -> None:
        self.session.close()
        self.exit(0)

    def on_unmount(self) -> None:
        self.session.release_lock()  # the journal stays if there are unsaved changes
        if self._pool is not None:
            # A check run on a long document can take seconds: stop it rather than wait.
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
            self._pool.shutdown(wait=False, cancel_futures=True)

    async def action_quit(self) -> None:
        self.request_quit()

    # -- checks in the background ------------------------------------------------------------------

    def schedule_checks(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(self.check_delay, self._start_checks)

    def _start_checks(self) -> None:
        self._check_timer = None
        if self._checks_running:
            self._checks_pending = True  # run once more when the current run ends
            return
        try:
            glossary = self.session.glossary_store.glossary
        except WorkbenchError as exc:
            self.notify(f"checks without the glossary: {exc}", severity="warning")
            glossary = None
        self.checking = True
        self._checks_running = True
        self.editor.update_status()
        self._run_checks(self.session.snapshot(), glossary)

    # (A description of its own: by default Textual writes the arguments' repr() into it, and
    # the repr of 10,000 pairs held the editor's thread 25-45 ms each time the checks started.)
    @work(thread=True, group="checks", description="the checks")
    def _run_checks(self, snapshot, glossary) -> None:
        try:
            read = Inputs(snapshot, glossary)
            if self._last_run is not None and self._last_run[0].same(read):
                # (nothing the checks read has changed since the last run, as after a Confirm:
                # on 10,000 pairs of real text a run is seconds of CPU)
                self.call_from_thread(self._checked, self._last_run[1], None)
                return
            if self._pool is not None:
                # The pairs go as small pickles, this thread sleeping between them (pickling
                # 10,000 pairs holds the interpreter some 15 ms: a key pressed meanwhile would
                # stall); the findings come back still pickled (see check_results).
                pairs, snapshot.pairs = snapshot.pairs, []
                pieces = self._pair_pieces.update(pairs)
                results = CheckResults(self._pool.submit(_checks_in_process, snapshot, pieces, glossary).result())
            else:
                results = CheckResults.of(run_checks(snapshot, glossary, memo=self._memo))
            self._last_run = (read, results)
            error = None
        except Exception as exc:  # a failing check must not take the editor down
            results, error = None, str(exc)
        self.call_from_thread(self._checked, results, error)

    def _checked(self, results: CheckResults | None, error: str | None) -> None:
        self.checking = False
        self._checks_running = False
        if self._checks_pending:
            self._checks_pending = False
            self.schedule_checks()
        if error is not None:
            self.notify(f"the checks failed: {error}", severity="error")
        else:
            # Shown even when the document changed since the run began: they are newer than
            # what is shown, and a run on 10,000 pairs takes seconds (a reviser confirming pair
            # after pair would never see any); the run every change asks for brings them up to
            # date (the findings screen leaves out what was dismissed meanwhile).
            assert results is not None
            self.findings = results
            self.editor.show_findings(results)
            for screen in self.screen_stack:
                if hasattr(screen, "findings_updated"):
                    screen.findings_updated()
        self.editor.update_status()


class PairPieces:
    """The document's pairs as pickles of PIECE pairs, for the checks process. A piece whose pairs
    are the same objects as last time is not pickled again (pairs are never changed in place):
    after a Confirm only one piece is made anew."""

    PIECE = 500
    PAUSE = 0.005  # seconds to sleep after pickling a piece: the editor's thread has its turn

    def __init__(self) -> None:
        self._last: list[tuple[list, bytes]] = []

    def update(self, pairs: list) -> list[bytes]:
        made = []
        for n, k in enumerate(range(0, len(pairs), self.PIECE)):
            chunk = pairs[k : k + self.PIECE]
            if n < len(self._last) and _same_objects(self._last[n][0], chunk):
                made.append(self._last[n])
                continue
            made.append((chunk, pickle.dumps(chunk)))
            time.sleep(self.PAUSE)
        self._last = made
        return [piece for _, piece in made]


def _same_objects(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


#: In the checks process: what a run of the checks keeps for the next (the process checks one
#: editor's document, run after run).
_PROCESS_MEMO = Memo()


def _checks_in_process(al, pieces: list[bytes], glossary) -> Packed:
    """In the checks process: the pairs from their pieces, the checks (with what the last run
    kept: after a change, only what it touched is read again), the findings packed."""
    al.pairs = [p for piece in pieces for p in pickle.loads(piece)]
    return pack(run_checks(al, glossary, memo=_PROCESS_MEMO))


def _checks_pool():
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_silence_output,
                               initargs=(os.getpid(),))


def _silence_output(editor: int) -> None:
    """In the checks process: nothing it prints may land on the editor's screen; and it ends
    by itself when the editor is gone (killed with -9, nobody shuts the pool down)."""
    import threading

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)

    def watch() -> None:
        import time

        while True:
            if os.getppid() != editor:  # re-parented: the editor died (maybe before we started)
                os._exit(0)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True, name="workbench-parent-watch").start()


def _free_name(path: Path) -> Path:
    k = 1
    candidate = path
    while candidate.exists():
        k += 1
        candidate = path.with_name(f"{path.stem}{k}{path.suffix}")
    return candidate
