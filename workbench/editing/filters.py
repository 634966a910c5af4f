"""Filter pairs: which pairs the reviser wants to see (plain Python, fast on 10,000 pairs)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from workbench.model import CONFIRMED, Pair

#: Pairs whose aligner confidence is below this are marked and visited by "Next low-confidence pair".
LOW_CONFIDENCE = 0.5

#: (key, what the filter menu and the status line call it)
FILTERS = (
    ("unconfirmed", "unconfirmed"),
    ("low", "low-confidence"),
    ("findings", "with findings"),
    ("shape", "not 1:1"),
    ("notes", "with notes"),
)
FILTER_NAMES = dict(FILTERS)


def is_low_confidence(p: Pair, threshold: float = LOW_CONFIDENCE) -> bool:
    return p.score is not None and p.score < threshold and p.status != CONFIRMED


def filtered_indices(
    pairs: Sequence[Pair], kind: str, finding_pairs: Collection[int] = (), threshold: float = LOW_CONFIDENCE
) -> list[int]:
    """Positions of the pairs the filter `kind` (a key of FILTERS) lets through, in order."""
    if kind == "unconfirmed":
        return [k for k, p in enumerate(pairs) if p.status != CONFIRMED]
    if kind == "low":
        return [k for k, p in enumerate(pairs) if is_low_confidence(p, threshold)]
    if kind == "findings":
        return [k for k, p in enumerate(pairs) if p.id in finding_pairs]
    if kind == "shape":
        return [k for k, p in enumerate(pairs) if len(p.zh) != 1 or len(p.en) != 1]
    if kind == "notes":
        return [k for k, p in enumerate(pairs) if p.note]
    raise ValueError(f"no filter {kind!r}")
