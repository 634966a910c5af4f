"""The editor's state: the open alignment, its undo/redo history, journal, saving and glossary.

Plain Python (no Textual) so that it can be tested and reused without a terminal. Every change
goes through :meth:`Session.apply`, copy-on-write: the pairs a change touches are replaced by
copies before the model's operation runs, so a pair object is never mutated once shown. That
makes undo exact (the old objects come back, the file returns to the same bytes) and lets a
background thread read a snapshot (``list(al.pairs)``) while the reviser keeps editing.
"""

from __future__ import annotations

import copy
import itertools
import os
import re
from collections.abc import Callable
from pathlib import Path

from workbench.editing.filters import LOW_CONFIDENCE
from workbench.editing.glossary_store import GlossaryStore
from workbench.errors import WorkbenchError
from workbench.model import CONFIRMED, Alignment, Ignored, Pair, default_split_point
from workbench.store.alignment_file import dump_alignment, load_alignment
from workbench.store.atomic import atomic_write, leftover_temps
from workbench.store.filestate import FileState, check_unchanged, read_with_state
from workbench.store.journal import Journal, Patch, journal_path, read_journal
from workbench.store.lock import EditLock, FileLockHeld, Owner

_serials = itertools.count(1)


class FileChangedOnDisk(WorkbenchError):
    """The file was changed by someone else since it was opened or last saved."""


class ReadOnly(WorkbenchError):
    """Another editor holds the file: this session may only save a copy."""


class Session:
    """An aligned file open for editing."""

    def __init__(self, path: str | Path, *, use_journal: bool = True, lock: bool = True) -> None:
        self.path = Path(path).absolute()
        text, self.disk = read_with_state(self.path)
        self.al: Alignment = load_alignment(self.path, text)
        # One writer a file: the first editor takes the lock; another opens the file read-only
        # (it may save its changes as a copy) and says who holds it.
        self.read_only = False
        self.holder: Owner | None = None
        self.lock: EditLock | None = None
        if lock:
            self._take_lock()
        self.undo_stack: list[Patch] = []
        self.redo_stack: list[Patch] = []
        self.saved_state = 0  # serial of the top undo patch when last saved (0: none)
        self.version = 0  # bumped on every change, for workers to know their input is stale
        self.recovered = 0  # changes replayed from a journal left by a session that died
        self.stale_journal: Path | None = None
        self.replay_stopped: str | None = None  # why a journal replay stopped before its end
        self.journal: Journal | None = None
        self.journal_error: str | None = None
        self.glossary_store = GlossaryStore(self)
        self.low_confidence = LOW_CONFIDENCE  # the reviser may set another threshold
        if use_journal and not self.read_only:  # the journal is the lock holder's alone
            self._open_journal()

    # -- state --------------------------------------------------------------------------

    @property
    def state(self) -> int:
        return self.undo_stack[-1].serial if self.undo_stack else 0

    @property
    def dirty(self) -> bool:
        return self.state != self.saved_state

    def snapshot(self) -> Alignment:
        """A copy safe to read from another thread (pairs are never mutated in place)."""
        al = self.al
        return Alignment(al.title, al.source, al.target, al.glossary, list(al.pairs), list(al.ignored), al.semantic)

    def open_warnings(self) -> list[str]:
        """What is missing around the file, said when it opens (not at the first "Add term")."""
        out = []
        base = self.path.parent
        if self.al.glossary:
            g = (base / self.al.glossary).resolve()
            if not g.exists():
                out.append(f"glossary {self.al.glossary} not found: the checks run without it "
                           "(Set glossary points the file at another; Add to glossary makes it)")
            else:
                try:
                    _ = self.glossary_store.glossary
                except WorkbenchError as exc:
                    out.append(f"glossary not used: {exc}")
        for ref, what in ((self.al.source, "Chinese"), (self.al.target, "English")):
            if ref.path and not (base / ref.path).exists():
                out.append(f"{what} source document {ref.path} not found: Realign reads paragraphs off the pairs")
        return out

    # -- changes ------------------------------------------------------------------------

    def apply(self, patch: Patch, *, record: bool = True) -> Patch:
        """Make a change (already computed as a patch) and put it on the undo stack."""
        patch = patch.trimmed()
        patch.serial = next(_serials)
        if patch.term is not None:  # the glossary first: if it cannot be saved, nothing happened
            self.glossary_store.apply_change(patch.term)
        patch.apply(self.al)
        self.undo_stack.append(patch)
        self.redo_stack.clear()
        self.version += 1
        if record:
            self._record("do", patch)
        return patch

    def edit(self, label: str, lo: int, hi: int, op: Callable[[Alignment], object]) -> Patch:
        """Run a model operation that touches only pairs[lo:hi] (it may add or drop pairs there)."""
        al = self.al
        if not al.pairs:
            raise WorkbenchError("the document has no pairs")
        lo, hi = max(0, lo), min(len(al.pairs), hi)
        old = al.pairs[lo:hi]
        al.pairs[lo:hi] = [copy.deepcopy(p) for p in old]
        n0 = len(al.pairs)
        last_id = al._last_id
        try:
            op(al)
        except (IndexError, ValueError) as exc:
            al.pairs[lo : hi + len(al.pairs) - n0] = old
            al._last_id = last_id
            raise WorkbenchError(str(exc)) from None
        except BaseException:
            al.pairs[lo : hi + len(al.pairs) - n0] = old
            al._last_id = last_id
            raise
        new = al.pairs[lo : hi + len(al.pairs) - n0]
        al.pairs[lo : lo + len(new)] = old  # back to before: apply() makes the change for real
        return self.apply(Patch(lo, old, new, label))

    def undo(self) -> Patch:
        """Take back the last change; returns the change made to the document (the inverse)."""
        if not self.undo_stack:
            raise WorkbenchError("Nothing to undo")
        patch = self.undo_stack[-1]
        inverse = patch.inverse()
        if inverse.term is not None:
            self.glossary_store.apply_change(inverse.term)
        self.undo_stack.pop()
        inverse.apply(self.al)
        self.redo_stack.append(patch)
        self.version += 1
        self._record("undo")
        return inverse

    def redo(self) -> Patch:
        if not self.redo_stack:
            raise WorkbenchError("Nothing to redo")
        patch = self.redo_stack[-1]
        if patch.term is not None:
            self.glossary_store.apply_change(patch.term)
        self.redo_stack.pop()
        patch.apply(self.al)
        self.undo_stack.append(patch)
        self.version += 1
        self._record("redo")
        return patch

    # -- the operations of the editor ------------------------------------------------------

    def merge_with_next(self, i: int) -> Patch:
        return self.edit("Merge with next pair", i, i + 2, lambda al: al.merge_with_next(i))

    def split(self, i: int, zh_at: int | None = None, en_at: int | None = None) -> Patch:
        """Split pair i after its first zh_at / en_at sentences (by default: the last sentences)."""
        if zh_at is None or en_at is None:
            zh_at, en_at = default_split_point(self.al.pairs[i])
        return self.edit("Split pair", i, i + 1, lambda al: al.split_pair(i, zh_at, en_at))

    def move_up(self, i: int, side: str) -> Patch:
        if i <= 0:
            raise WorkbenchError("no previous pair to move the sentence to")
        label = f"Move {'Chinese' if side == 'zh' else 'English'} sentence up"
        return self.edit(label, i - 1, i + 1, lambda al: al.move_sentence_up(i, side))

    def move_down(self, i: int, side: str) -> Patch:
        label = f"Move {'Chinese' if side == 'zh' else 'English'} sentence down"
        return self.edit(label, i, i + 2, lambda al: al.move_sentence_down(i, side))

    def edit_pair(self, i: int, zh: list[str], en: list[str]) -> Patch:
        zh = [s.replace("\t", " ") for s in zh]  # a tab would break the columns of a TSV export
        en = [s.replace("\t", " ") for s in en]
        return self.edit("Edit pair", i, i + 1, lambda al: al.edit_pair(i, zh, en))

    def confirm(self, i: int, above: bool = False) -> Patch:
        lo = i
        if above:
            lo = next((k for k in range(i + 1) if self.al.pairs[k].status != CONFIRMED), i)
        label = "Confirm all pairs above" if above else "Confirm pair"
        return self.edit(label, lo, i + 1, lambda al: al.confirm(i, above=above))

    def unconfirm(self, i: int) -> Patch:
        return self.edit("Unconfirm pair", i, i + 1, lambda al: al.unconfirm(i))

    def set_note(self, i: int, note: str) -> Patch:
        """The pair's free-text note (`note:` in the file); empty text removes it."""
        text = note.strip() or None

        def op(al: Alignment) -> None:
            al.pairs[i].note = text

        return self.edit("Edit note", i, i + 1, op)

    def replace_text(self, side: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str],
                     indices: list[int]) -> Patch:
        """Replace every match of `pattern` on one side ('zh' or 'en') of the pairs at `indices`:
        one change, one Undo. Scores and statuses stay (the alignment is the same)."""
        if not indices:
            raise WorkbenchError("no match to replace")
        pairs = self.al.pairs
        lo, hi = min(indices), max(indices) + 1
        wanted = set(indices)
        new: list[Pair] = []
        for k in range(lo, hi):
            p = pairs[k]
            sentences = p.zh if side == "zh" else p.en
            changed = [pattern.sub(replace, x) for x in sentences] if k in wanted else sentences
            if changed == sentences:
                new.append(p)
                continue
            if any(not x.strip() for x in changed):
                raise WorkbenchError(f"the replacement would leave an empty sentence in pair {p.id}: use Edit pair")
            q = copy.copy(p)
            q.zh, q.en = (changed, list(p.en)) if side == "zh" else (list(p.zh), changed)
            new.append(q)
        if all(a is b for a, b in zip(pairs[lo:hi], new)):
            raise WorkbenchError("no match to replace")
        n = sum(1 for a, b in zip(pairs[lo:hi], new) if a is not b)
        return self.apply(Patch(lo, pairs[lo:hi], new, f"Find and replace ({n} pair{'s' if n != 1 else ''})"))

    def dismiss(self, check: str, pair: int | None, term: str | None, reason: str | None) -> Patch:
        old = list(self.al.ignored)
        new = old + [Ignored(check, pair, term, reason or None)]
        return self.apply(Patch(0, [], [], "Dismiss finding", ignored=(old, new)))

    def restore(self, index: int) -> Patch:
        """Bring back the dismissed finding at `index` of the file's ignored list."""
        old = list(self.al.ignored)
        if not 0 <= index < len(old):
            raise WorkbenchError("no such dismissed finding")
        new = old[:index] + old[index + 1 :]
        return self.apply(Patch(0, [], [], "Restore dismissed finding", ignored=(old, new)))

    def set_glossary_path(self, rel: str | None) -> Patch:
        """Point the file at another glossary (a path relative to it), or at none."""
        return self.apply(Patch(0, [], [], "Set glossary", glossary=(self.al.glossary, rel)))

    # -- saving -------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True if the file's content differs from what we last read or wrote."""
        try:
            check_unchanged(self.path, self.disk)
        except WorkbenchError:
            return True
        return False

    def save(self, *, force: bool = False) -> None:
        """Write the file atomically; refuse (FileChangedOnDisk) if someone else changed it."""
        if self.read_only:
            raise ReadOnly(f"opened read-only: {self.holder_text()} is editing it; save your changes as a copy",
                           self.path)
        if not force and self.changed_on_disk():
            raise FileChangedOnDisk("changed on disk since it was opened: not overwriting it", self.path)
        data = dump_alignment(self.al).encode("utf-8")
        atomic_write(self.path, data)
        self.disk = FileState.of(data)
        self.saved_state = self.state
        if self.journal is not None:
            self._restart_journal()

    def save_copy(self, path: str | Path) -> None:
        atomic_write(path, dump_alignment(self.al))

    def close(self) -> None:
        """End the session: the journal goes if everything is saved, else it stays for recovery."""
        if self.journal is not None:
            if self.dirty:
                self.journal.close()
            else:
                self.journal.discard()
        self.release_lock()

    # -- the single-writer lock -------------------------------------------------------------

    def _take_lock(self) -> None:
        self.lock = EditLock(self.path)
        try:
            self.lock.acquire()
        except FileLockHeld as held:
            self.lock = None
            self.read_only = True
            self.holder = held.owner
            return
        except OSError:  # a folder we cannot write: no lock, and saving will say why
            self.lock = None
            return
        self._clean_leftovers()

    def holder_text(self) -> str:
        return self.holder.describe() if self.holder else "another editor"

    def release_lock(self) -> None:
        """Let another editor write the file (the journal, if any, stays for recovery)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _clean_leftovers(self) -> None:
        """Temporary files of saves that a killed process never renamed (we hold the lock, so
        no save of ours is in progress): `.NAME.XXXX.tmp` and the journal's `.tmp`."""
        for leftover in leftover_temps(self.path):
            try:
                os.unlink(leftover)
            except OSError:
                pass

    # -- journal --------------------------------------------------------------------------

    def _open_journal(self) -> None:
        jpath = journal_path(self.path)
        self.journal = Journal(jpath)
        contents = read_journal(jpath) if jpath.exists() else None
        try:
            if contents is not None and contents.records and contents.sha256 == self.disk.sha256:
                self._replay(contents.records)
                if self.replay_stopped is None:
                    self.journal.resume()
                    return
                # Kept aside whole; a fresh journal holds what was replayed, nothing more.
                stale = jpath.with_name(jpath.name + ".stale")
                os.replace(jpath, stale)
                self.stale_journal = stale
                self.journal.start(self.disk.sha256)
                for patch in self.undo_stack:
                    self.journal.record("do", patch)
                return
            if contents is not None and contents.records:
                # Written against another version of the file: keep it aside, never replay it.
                stale = jpath.with_name(jpath.name + ".stale")
                os.replace(jpath, stale)
                self.stale_journal = stale
            self.journal.start(self.disk.sha256)
        except OSError as exc:
            self.journal = None
            self.journal_error = f"no crash journal ({exc.strerror or exc}): save often"

    def _restart_journal(self) -> None:
        try:
            self.journal.start(self.disk.sha256)  # type: ignore[union-attr]
        except OSError as exc:
            self.journal = None
            self.journal_error = f"no crash journal ({exc.strerror or exc}): save often"

    def _replay(self, records: list[tuple[str, Patch | None]]) -> None:
        for kind, patch in records:
            try:
                if kind == "do" and patch is not None:
                    if not patch.fits(self.al):  # not the state it was made on: stop here
                        self.replay_stopped = f"change {self.recovered + 1} ('{patch.label}') did not fit the file"
                        break
                    self.apply(patch, record=False)
                elif kind == "undo":
                    self.undo_stack and self._replay_step(self.undo)
                elif kind == "redo":
                    self.redo_stack and self._replay_step(self.redo)
            except WorkbenchError as exc:
                self.replay_stopped = f"change {self.recovered + 1} could not be made again: {exc}"
                break
            self.recovered += 1

    def _replay_step(self, step: Callable[[], Patch]) -> None:
        journal, self.journal = self.journal, None
        try:
            step()
        finally:
            self.journal = journal

    def _record(self, kind: str, patch: Patch | None = None) -> None:
        if self.journal is None:
            return
        try:
            self.journal.record(kind, patch)
        except OSError as exc:
            self.journal = None
            self.journal_error = f"the crash journal stopped ({exc.strerror or exc}): save often"
