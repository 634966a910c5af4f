"""Translation memory: the archive's pairs whose Chinese is like a given sentence.

Candidates come from the index (`Corpus.similar_zh`: the pairs sharing most of the sentence's
rarer character bigrams); rapidfuzz scores them (`fuzz.ratio`, 0–100), and those at or above
the threshold are kept, best first, each with the stretches of its Chinese that differ from
the sentence (what the reviser must check before reusing its English).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from workbench.corpus.backend import Corpus, Hit

THRESHOLD = 70.0
CANDIDATES = 200


@dataclass(frozen=True)
class Match:
    hit: Hit
    score: float  # 0..100
    differs: tuple[tuple[int, int], ...]  # spans of hit.zh not in the sentence


def differing(text: str, other: str) -> tuple[tuple[int, int], ...]:
    """Spans of `other` that an edit from `text` to `other` replaces or inserts."""
    spans: list[tuple[int, int]] = []
    for op in Levenshtein.opcodes(text, other):
        if op.tag in ("replace", "insert") and op.dest_end > op.dest_start:
            if spans and spans[-1][1] == op.dest_start:
                spans[-1] = (spans[-1][0], op.dest_end)
            else:
                spans.append((op.dest_start, op.dest_end))
    return tuple(spans)


def fuzzy_matches(
    corpus: Corpus,
    text: str,
    *,
    limit: int = 10,
    threshold: float = THRESHOLD,
    skip: tuple[str, int] | None = None,
) -> list[Match]:
    """Up to `limit` pairs of the archive whose Chinese is at least `threshold`% like `text`,
    best first; `skip` = (file, pair id) of the pair being edited, never offered to itself."""
    if not text.strip():
        return []
    scored = []
    seen: set[tuple[str, str]] = set()
    for h in corpus.similar_zh(text, limit=CANDIDATES):
        if skip is not None and (h.file, h.pair) == skip:
            continue
        if (h.zh, h.en) in seen:  # the same translation unit in several files: show it once
            continue
        score = fuzz.ratio(text, h.zh)
        if score >= threshold:
            seen.add((h.zh, h.en))
            scored.append((score, h))
    scored.sort(key=lambda x: -x[0])
    return [Match(h, round(s, 1), differing(text, h.zh)) for s, h in scored[:limit]]
