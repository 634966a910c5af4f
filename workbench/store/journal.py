"""Edits as patches, and the crash journal that records them as they happen.

An edit of an aligned document is a :class:`Patch`: the pairs ``old`` at position ``start``
replaced by the pairs ``new`` (and, for dismissals, the ``ignored`` list, for "Add to
glossary", the glossary path). Undo applies the inverse patch. The editor appends every
patch to a journal beside the file (one JSON line, flushed and fsynced) before the screen
shows it, so a killed process loses at most the keystroke being handled; the next open
replays the journal onto the file it was written against (checked by SHA-256).

Plain Python: never imports Textual.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.model import Alignment, Ignored, Pair
from workbench.store.atomic import beside

FORMAT = "workbench-journal/1"


@dataclass
class Patch:
    """Replace ``len(old)`` pairs at ``start`` by ``new``; optionally swap ignored list and glossary."""

    start: int
    old: list[Pair]
    new: list[Pair]
    label: str = ""
    ignored: tuple[list[Ignored], list[Ignored]] | None = None
    glossary: tuple[str | None, str | None] | None = None
    serial: int = field(default=0, compare=False)
    # A change to the glossary made from the editor: (index, term before, term after), each
    # term as a plain mapping (the glossary's fields); None before = added there, None after =
    # deleted. The session applies it (the glossary is another file); the patch carries it so
    # that Undo and the journal cover it.
    term: tuple[int, dict | None, dict | None] | None = None

    def fits(self, al: Alignment) -> bool:
        """True if `al` is in the state this patch was made against (its old pairs are there)."""
        end = self.start + len(self.old)
        if end > len(al.pairs) or al.pairs[self.start : end] != self.old:
            return False
        return self.ignored is None or al.ignored == list(self.ignored[0])

    def apply(self, al: Alignment) -> None:
        """Apply to an alignment in the state the patch was made against."""
        end = self.start + len(self.old)
        if end > len(al.pairs):
            raise WorkbenchError(f"cannot apply the change '{self.label}': the document is shorter than expected")
        al.pairs[self.start : end] = self.new
        if self.ignored is not None:
            al.ignored = list(self.ignored[1])
        if self.glossary is not None:
            al.glossary = self.glossary[1]
        if self.new:
            # ids handed out stay handed out: a later split never reuses them
            al._last_id = max(al._last_id, max(p.id for p in self.new))

    def inverse(self) -> Patch:
        return Patch(
            self.start,
            self.new,
            self.old,
            self.label,
            None if self.ignored is None else (self.ignored[1], self.ignored[0]),
            None if self.glossary is None else (self.glossary[1], self.glossary[0]),
            self.serial,
            None if self.term is None else (self.term[0], self.term[2], self.term[1]),
        )

    def trimmed(self) -> Patch:
        """The same change without the pairs that are the same objects at both ends."""
        old, new, start = self.old, self.new, self.start
        head = 0
        while head < len(old) and head < len(new) and old[head] is new[head]:
            head += 1
        tail = 0
        while (
            tail < len(old) - head and tail < len(new) - head and old[len(old) - 1 - tail] is new[len(new) - 1 - tail]
        ):
            tail += 1
        return Patch(
            start + head,
            old[head : len(old) - tail],
            new[head : len(new) - tail],
            self.label,
            self.ignored,
            self.glossary,
            self.serial,
            self.term,
        )

    # -- JSON ---------------------------------------------------------------------------

    def to_json(self) -> dict:
        d: dict = {
            "label": self.label,
            "start": self.start,
            "old": [pair_to_json(p) for p in self.old],
            "new": [pair_to_json(p) for p in self.new],
        }
        if self.ignored is not None:
            d["ignored"] = [[ignored_to_json(i) for i in side] for side in self.ignored]
        if self.glossary is not None:
            d["glossary"] = list(self.glossary)
        if self.term is not None:
            d["term"] = list(self.term)
        return d

    @classmethod
    def from_json(cls, d: dict) -> Patch:
        ignored = d.get("ignored")
        glossary = d.get("glossary")
        return cls(
            start=int(d["start"]),
            old=[pair_from_json(p) for p in d["old"]],
            new=[pair_from_json(p) for p in d["new"]],
            label=str(d.get("label", "")),
            ignored=None if ignored is None else tuple([Ignored(**i) for i in side] for side in ignored),  # type: ignore[arg-type]
            glossary=None if glossary is None else (glossary[0], glossary[1]),
            term=None if d.get("term") is None else (int(d["term"][0]), d["term"][1], d["term"][2]),
        )


def pair_to_json(p: Pair) -> dict:
    return {"id": p.id, "zh": p.zh, "en": p.en, "status": p.status, "score": p.score, "para": p.para, "note": p.note}


def pair_from_json(d: dict) -> Pair:
    return Pair(
        id=int(d["id"]),
        zh=list(d["zh"]),
        en=list(d["en"]),
        status=d["status"],
        score=d.get("score"),
        para=d.get("para"),
        note=d.get("note"),
    )


def ignored_to_json(i: Ignored) -> dict:
    return {"check": i.check, "pair": i.pair, "term": i.term, "reason": i.reason}


def journal_path(path: str | Path) -> Path:
    """Where the journal of an aligned file lives: a hidden file beside it."""
    return beside(path, ".journal")


@dataclass
class JournalContents:
    """A journal read back: the SHA-256 of the file it was written against, and its records."""

    sha256: str
    records: list[tuple[str, Patch | None]]  # ("do", patch) | ("undo", None) | ("redo", None)


class Journal:
    """Append-only record of a session's changes since the last save."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fh = None

    def start(self, sha256: str) -> None:
        """Begin a fresh journal for a file whose saved content has this SHA-256."""
        self.close()
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"journal": FORMAT, "sha256": sha256}) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        self._fh = open(self.path, "a", encoding="utf-8")

    def resume(self) -> None:
        """Keep appending to the journal that is already there (after a recovery)."""
        self.close()
        self._fh = open(self.path, "a", encoding="utf-8")

    def record(self, kind: str, patch: Patch | None = None) -> None:
        """Append one change ("do" with its patch, "undo" or "redo"), durably."""
        if self._fh is None:
            return
        entry: dict = {"op": kind}
        if patch is not None:
            entry["patch"] = patch.to_json()
        self._fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def discard(self) -> None:
        """Close and delete the journal (the session ended with everything saved)."""
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def read_journal(path: str | Path) -> JournalContents | None:
    """The journal at `path`, or None if there is none or it is unreadable.

    A last line cut short by a crash is ignored: it is the one change that may be lost.
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines:
        return None
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        return None
    if not isinstance(header, dict) or header.get("journal") != FORMAT or not isinstance(header.get("sha256"), str):
        return None
    records: list[tuple[str, Patch | None]] = []
    for line in lines[1:]:
        try:
            entry = json.loads(line)
            op = entry["op"]
            if op == "do":
                records.append(("do", Patch.from_json(entry["patch"])))
            elif op in ("undo", "redo"):
                records.append((op, None))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            break  # a torn write: everything before it is good
    return JournalContents(header["sha256"], records)
