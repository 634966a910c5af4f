"""Regions where an alignment has probably drifted: its own confidence measured along the text.

A right alignment scores about the same all along a document (its beads' lexical evidence varies
from sentence to sentence, not from region to region).  Where a run of beads scores far below
the document's own level, the search has most likely lost its way there (a section on one side
only, text in the wrong order, a coarse pass that went astray): those beads are marked
low-confidence and the user is told, instead of getting plausible pairs with no sign.

On the development chapters, clean and noisy, every window of 30 two-sided beads keeps at least
0.70 of the document's median score; where a third of the English is another text's, windows
fall to 0.39.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

WINDOW = 30   # two-sided beads per window
RATIO = 0.5   # a window below this share of the document's median score is weak

RawBead = tuple[tuple[int, ...], tuple[int, ...], float]


def weak_regions(beads: Sequence[RawBead], window: int = WINDOW,
                 ratio: float = RATIO) -> list[tuple[int, int, float, float]]:
    """Runs of beads [first, stop) lying in weak windows, each with its mean two-sided score and
    the document's median."""
    two = [k for k, (zs, es, _) in enumerate(beads) if zs and es]
    if len(two) < 2 * window:
        return []
    scores = np.array([beads[k][2] for k in two])
    median = float(np.median(scores))
    if median <= 0:
        return []
    means = np.convolve(scores, np.ones(window) / window, mode="valid")
    weak = np.zeros(len(two), dtype=bool)
    for start in np.flatnonzero(means < ratio * median):
        weak[start:start + window] = True
    out = []
    k = 0
    while k < len(two):
        if not weak[k]:
            k += 1
            continue
        end = k
        while end < len(two) and weak[end]:
            end += 1
        out.append((two[k], two[end - 1] + 1, float(scores[k:end].mean()), median))
        k = end
    return out
