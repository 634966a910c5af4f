"""The aligned document: pairs of Chinese and English sentences, and the edits on them.

Invariant: the zh sides of the pairs, read in order, are exactly the Chinese document's
sentences, and likewise for en. Every edit here keeps it (edits move sentences between
neighbouring pairs, never drop or reorder them), so `zh_sentences()` is unchanged by any edit
but `edit_pair`, which replaces one pair's text by the reviser's.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

AUTO = "auto"
CONFIRMED = "confirmed"
STATUSES = (AUTO, CONFIRMED)


@dataclass
class DocRef:
    """Where one side's document lives (relative to the aligned file) and its checksum; the
    reader it was read with (`format`: docx, html, md, pdf, or txt when the extension says
    otherwise) and `encoding` when the user named one: how to read it again the same way."""

    lang: str
    path: str | None = None
    sha256: str | None = None
    format: str | None = None
    encoding: str | None = None


@dataclass
class Pair:
    """0..n Chinese sentences and the 0..n English sentences that translate them."""

    id: int
    zh: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    status: str = AUTO
    score: float | None = None
    para: int | None = None
    note: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.zh and not self.en


@dataclass
class Ignored:
    """A finding the reviser dismissed; matched again on every check run."""

    check: str
    pair: int | None = None
    term: str | None = None
    reason: str | None = None


@dataclass
class Alignment:
    """A whole aligned document (format `alignment/1`)."""

    title: str = ""
    source: DocRef = field(default_factory=lambda: DocRef("zh"))
    target: DocRef = field(default_factory=lambda: DocRef("en"))
    glossary: str | None = None
    pairs: list[Pair] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    # How `workbench align` aligned it: with the sentence encoder (True) or on words, numbers
    # and names alone (False); None when the file does not say (files written before it did).
    # Realign from here follows it.
    semantic: bool | None = None
    # The highest id handed out in this session: ids of merged-away pairs are never reused.
    _last_id: int = field(default=0, compare=False, repr=False)

    # -- reading -------------------------------------------------------------------------

    def zh_sentences(self) -> list[str]:
        return [s for p in self.pairs for s in p.zh]

    def en_sentences(self) -> list[str]:
        return [s for p in self.pairs for s in p.en]

    def index_of(self, pair_id: int) -> int:
        for i, p in enumerate(self.pairs):
            if p.id == pair_id:
                return i
        raise KeyError(pair_id)

    def next_id(self) -> int:
        """A fresh id: above every pair's, every dismissed finding's, and every id given out."""
        highest = max((p.id for p in self.pairs), default=0)
        highest = max(highest, max((i.pair or 0 for i in self.ignored), default=0), self._last_id)
        return highest + 1

    def confirmed_count(self) -> int:
        return sum(1 for p in self.pairs if p.status == CONFIRMED)

    def copy(self) -> Alignment:
        return copy.deepcopy(self)

    # -- edits (each returns nothing and keeps the invariant) -----------------------------

    def merge_with_next(self, i: int) -> None:
        """The next pair's sentences join pair i; pair i keeps its id."""
        self._check_index(i)
        if i + 1 >= len(self.pairs):
            raise IndexError("no next pair to merge with")
        a, b = self.pairs[i], self.pairs.pop(i + 1)
        self._last_id = max(self._last_id, b.id)
        a.zh.extend(b.zh)
        a.en.extend(b.en)
        if b.note:
            a.note = f"{a.note}\n{b.note}" if a.note else b.note
        self._touched(a)

    def split_pair(self, i: int, zh_at: int, en_at: int) -> int:
        """Sentences zh[zh_at:] and en[en_at:] of pair i become a new pair after it.

        Returns the new pair's id (a fresh one: ids are never reused within a document).
        """
        self._check_index(i)
        a = self.pairs[i]
        if not (0 <= zh_at <= len(a.zh) and 0 <= en_at <= len(a.en)):
            raise IndexError("split point outside the pair")
        if (zh_at, en_at) in ((0, 0), (len(a.zh), len(a.en))):
            raise ValueError("a split must leave sentences on both sides of it")
        b = Pair(id=self.next_id(), zh=a.zh[zh_at:], en=a.en[en_at:], status=AUTO)
        self._last_id = b.id
        del a.zh[zh_at:]
        del a.en[en_at:]
        self._touched(a)
        self.pairs.insert(i + 1, b)
        return b.id

    def move_sentence_up(self, i: int, side: str) -> None:
        """The first sentence of this side of pair i goes to the end of the previous pair."""
        self._check_index(i)
        if i == 0:
            raise IndexError("no previous pair")
        src = self._side(self.pairs[i], side)
        if not src:
            raise ValueError(f"pair has no {side} sentence to move")
        self._side(self.pairs[i - 1], side).append(src.pop(0))
        self._touched(self.pairs[i - 1])
        self._touched(self.pairs[i])
        self._drop_if_empty(i)

    def move_sentence_down(self, i: int, side: str) -> None:
        """The last sentence of this side of pair i goes to the start of the next pair."""
        self._check_index(i)
        if i + 1 >= len(self.pairs):
            raise IndexError("no next pair")
        src = self._side(self.pairs[i], side)
        if not src:
            raise ValueError(f"pair has no {side} sentence to move")
        self._side(self.pairs[i + 1], side).insert(0, src.pop())
        self._touched(self.pairs[i + 1])
        self._touched(self.pairs[i])
        self._drop_if_empty(i)

    def edit_pair(self, i: int, zh: list[str], en: list[str]) -> None:
        """Replace the text of pair i by the reviser's (sentences split or joined by editing)."""
        self._check_index(i)
        p = self.pairs[i]
        p.zh = [s for s in (x.strip() for x in zh) if s]
        p.en = [s for s in (x.strip() for x in en) if s]
        self._touched(p)
        self._drop_if_empty(i)

    def confirm(self, i: int, above: bool = False) -> None:
        """Mark pair i confirmed (and every pair above it, if asked)."""
        self._check_index(i)
        for p in self.pairs[: i + 1] if above else [self.pairs[i]]:
            p.status = CONFIRMED

    def unconfirm(self, i: int) -> None:
        self._check_index(i)
        self.pairs[i].status = AUTO

    # -- helpers -------------------------------------------------------------------------

    def _check_index(self, i: int) -> None:
        if not 0 <= i < len(self.pairs):
            raise IndexError(f"no pair at position {i}")

    @staticmethod
    def _side(p: Pair, side: str) -> list[str]:
        if side == "zh":
            return p.zh
        if side == "en":
            return p.en
        raise ValueError(f"unknown side {side!r}")

    @staticmethod
    def _touched(p: Pair) -> None:
        # A hand-edited pair no longer carries the aligner's confidence.
        p.score = None

    def _drop_if_empty(self, i: int) -> None:
        if self.pairs[i].is_empty:
            self._last_id = max(self._last_id, self.pairs[i].id)
            del self.pairs[i]


def default_split_point(p: Pair) -> tuple[int, int]:
    """Where "Split pair" proposes to split: before the last sentence of each side that has two
    or more; a pair of one sentence a side can only part its sides (zh alone, then en alone)."""
    zh_at = len(p.zh) - 1 if len(p.zh) > 1 else len(p.zh)
    en_at = len(p.en) - 1 if len(p.en) > 1 else len(p.en)
    if (zh_at, en_at) == (len(p.zh), len(p.en)):
        zh_at, en_at = (1, 0) if p.zh and p.en else (zh_at, en_at)
    return zh_at, en_at
