"""Realign from here: re-run the aligner on a range of unconfirmed pairs of an open alignment.

The range starts at the cursor pair and ends before the next confirmed pair (or at the end of
the document). Its sentences go through the aligner's own entry (`workbench.align.realign_range`,
which calls `align` as `workbench align` does) with the same glossary and the same paragraph /
speaker-turn anchors on both sides, and the beads become pairs through the aligner's own
`pairs_from_beads`. So realigning an untouched automatic alignment from its first pair gives
back every pair, and one-sided pairs stay one-sided where the aligner keeps them.

The paragraphs come from the source documents when they are still there and hold the same
sentences; otherwise they are read off the alignment (see :func:`sentence_paragraphs`).
Plain Python: never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.glossary.model import Glossary
from workbench.model import CONFIRMED, Alignment, Pair
from workbench.store.journal import Patch

LABEL = "Realign from here"


@dataclass
class Realignment:
    """What "Realign from here" would do: the patch, and the ids of the pairs it changes."""

    patch: Patch
    stop: int  # the range was pairs[start:stop]
    changed: list[int]  # ids of the new pairs that differ from the old ones (in order)
    anchors: str  # "documents" or "alignment": where the paragraph anchors came from

    @property
    def summary(self) -> str:
        p = self.patch
        if not p.old and not p.new:
            return "Realigned: no pair changed"
        ids = ", ".join(str(i) for i in self.changed[:8]) + (" …" if len(self.changed) > 8 else "")
        return f"Realigned: {len(p.old)} pair{'s' if len(p.old) != 1 else ''} became {len(p.new)}; changed: {ids}"


def realign_range_of(al: Alignment, start: int) -> tuple[int, int]:
    """The pairs [start, stop) that "Realign from here" realigns: from the first unconfirmed
    pair at or after `start` up to the next confirmed pair (or the end)."""
    if not 0 <= start < len(al.pairs):
        raise WorkbenchError("no pair here to realign from")
    while start < len(al.pairs) and al.pairs[start].status == CONFIRMED:
        start += 1
    if start == len(al.pairs):
        raise WorkbenchError("every pair from here on is confirmed: nothing to realign (U unconfirms a pair)")
    stop = start
    while stop < len(al.pairs) and al.pairs[stop].status != CONFIRMED:
        stop += 1
    return start, stop


def sentence_paragraphs(al: Alignment, base: Path | None = None) -> tuple[list[int], list[int], str]:
    """The paragraph (speaker turn) number of every zh and en sentence, and where they came from.

    From the source documents (paths relative to `base`, the aligned file's folder) when they
    can be read and hold exactly the alignment's sentences: then they are what `workbench align`
    used. Otherwise from the alignment: a pair with `para` starts a paragraph on both sides,
    and a one-sided pair is taken as a paragraph of its own, so that realigning never glues an
    addition or an omission onto its neighbour unless the aligner finds real evidence for it.
    """
    zh, en = al.zh_sentences(), al.en_sentences()
    if base is not None and al.source.path and al.target.path:
        got = _document_paragraphs(base / al.source.path, "zh", zh, al.source.format, al.source.encoding)
        got_en = _document_paragraphs(base / al.target.path, "en", en, al.target.format, al.target.encoding)
        if got is not None and got_en is not None:
            return got, got_en, "documents"
    zh_para: list[int] = []
    en_para: list[int] = []
    para = 0
    for k, p in enumerate(al.pairs):
        one_sided = not p.zh or not p.en
        prev_one_sided = k > 0 and (not al.pairs[k - 1].zh or not al.pairs[k - 1].en)
        if k == 0 or p.para is not None or one_sided or prev_one_sided:
            para += 1
        zh_para.extend([para] * len(p.zh))
        en_para.extend([para] * len(p.en))
    return zh_para, en_para, "alignment"


def _document_paragraphs(path: Path, lang: str, sentences: list[str], fmt: str | None = None,
                         encoding: str | None = None) -> list[int] | None:
    """The document's paragraph numbers, read as align read it (the reader and encoding the
    aligned file records), if it holds exactly these sentences."""
    from workbench.text.documents import read_document

    for presplit in (False, True):
        try:
            doc = read_document(path, lang, presplit=presplit, input_format=fmt, encoding=encoding)
        except (WorkbenchError, OSError):
            return None
        if doc.sentences() == sentences:
            return doc.sentence_paragraphs()
    return None


def realign(al: Alignment, start: int, glossary: Glossary | None = None, base: Path | None = None,
            semantic: bool = False) -> Realignment:
    """Re-run the aligner on the unconfirmed pairs from `start` up to the next confirmed pair.

    Confirmed pairs are never touched: they are the fixed anchors the range ends at. A pair
    whose sentences come out the same keeps its object (id, note, status); new pairs get fresh
    ids, status auto and the aligner's score. Pure: reads `al` (a snapshot is fine) and returns
    the change without applying it. `semantic`: with the sentence encoder, as `workbench align`
    does by default (its vectors come from the cache that alignment filled: nothing is encoded
    again unless sentences changed).
    """
    from workbench.align import Bead, realign_range
    from workbench.align.build import glossary_pairs, pairs_from_beads

    start, stop = realign_range_of(al, start)
    pairs = al.pairs
    zh, en = al.zh_sentences(), al.en_sentences()
    zh_para, en_para, anchors = sentence_paragraphs(al, base)
    beads: list[Bead] = []
    zi = ei = 0
    for p in pairs:
        beads.append(Bead(tuple(range(zi, zi + len(p.zh))), tuple(range(ei, ei + len(p.en))), p.score or 0.0))
        zi += len(p.zh)
        ei += len(p.en)
    kw = dict(zh_para=zh_para, en_para=en_para, glossary=glossary_pairs(glossary), semantic=semantic)
    part = _whole_document_beads(zh, en, beads, start, stop, kw)
    if part is None:  # the anchors disagree with the aligner's path: align the range alone
        new_beads = realign_range(zh, en, beads, start, stop, **kw)
        part = new_beads[start : len(new_beads) - (len(beads) - stop)]
    by_span = {(b.zh, b.en): pairs[k] for k, b in enumerate(beads[start:stop], start)}
    fresh = pairs_from_beads(part, zh, en, zh_para, start_id=al.next_id())
    if anchors == "alignment":  # paragraph numbers as the file has them, not our stand-ins
        starts = _paragraph_starts(pairs)
        for b, made in zip(part, fresh):
            made.para = starts.get(b.zh[0]) if b.zh else None
    # A new pair that starts where an old one started keeps its id (as a merge keeps the
    # first id); the others take fresh ones (as a split does).
    kept_ids = {by_span[(b.zh, b.en)].id for b in part if (b.zh, b.en) in by_span}
    by_start = {}
    for b in beads[start:stop]:
        old = by_span[(b.zh, b.en)]
        if old.id not in kept_ids:
            by_start[(b.zh[:1], b.en[:1])] = old.id
    new: list[Pair] = []
    changed: list[int] = []
    next_id = al.next_id()
    for b, made in zip(part, fresh):
        kept = by_span.get((b.zh, b.en))
        if kept is not None:
            new.append(kept)
            continue
        reused = by_start.pop((b.zh[:1], b.en[:1]), None)
        if reused is None:
            reused, next_id = next_id, next_id + 1
        made.id = reused
        new.append(made)
        changed.append(made.id)
    patch = Patch(start, list(pairs[start:stop]), new, LABEL).trimmed()
    return Realignment(patch, stop, changed, anchors)


def _whole_document_beads(zh, en, beads, start: int, stop: int, kw: dict):
    """The beads `workbench align` gives for the range's sentences, if its path over the whole
    document passes through both ends of the range (the anchors agree with it); else None.

    Aligning the whole document (not the range alone) keeps everything the aligner learns from
    the document (length ratio, translation table) the same as when the file was made, so an
    untouched automatic alignment comes back pair for pair from wherever it is realigned.
    """
    from workbench.align import realign_range

    if not beads:
        return None
    z0, e0 = _corner(beads, start)
    z1, e1 = _corner(beads, stop)
    full = realign_range(zh, en, beads, 0, len(beads), **kw)
    zi = ei = 0
    lo = None
    for k, b in enumerate(full):
        if (zi, ei) == (z0, e0) and lo is None:
            lo = k
        if (zi, ei) == (z1, e1) and lo is not None:
            return full[lo:k]
        zi += len(b.zh)
        ei += len(b.en)
    if (zi, ei) == (z1, e1) and lo is not None:
        return full[lo:]
    return None


def _corner(beads, k: int) -> tuple[int, int]:
    """(zh, en) sentence position before bead k."""
    return sum(len(b.zh) for b in beads[:k]), sum(len(b.en) for b in beads[:k])


def _paragraph_starts(pairs: list[Pair]) -> dict[int, int]:
    """zh sentence index -> paragraph number, for the sentences the file marks as starting one."""
    out: dict[int, int] = {}
    zi = 0
    for p in pairs:
        if p.para is not None and p.zh:
            out[zi] = p.para
        zi += len(p.zh)
    return out
