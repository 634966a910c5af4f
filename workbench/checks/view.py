"""The pairs of the documents under check, prepared once: joined text, tokens, term hits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from workbench.glossary.matching import APPROVED, FORBIDDEN, VARIANT, EnHit, TermMatcher, ZhHit
from workbench.glossary.model import Glossary
from workbench.model import Alignment
from workbench.text.normalize import Token, tokenize_en


@dataclass
class PairView:
    id: int
    zh: str  # the pair's Chinese sentences, joined
    en: str  # the pair's English sentences, joined by a space
    zh_hits: list[ZhHit] = field(default_factory=list)
    en_hits: list[EnHit] = field(default_factory=list)
    zh_terms: list[int] = field(default_factory=list)  # terms in the zh side, first seen first
    en_by_term: dict[int, list[EnHit]] = field(default_factory=dict)  # see _by_term

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize_en(self.en)


def _by_term(en_hits: list[EnHit]) -> dict[int, list[EnHit]]:
    """The en hits of each term: one per span (a word-for-word forbidden form first, then
    approved, variant, forbidden), none inside a longer hit of the same term."""
    out: dict[int, list[EnHit]] = {}
    for h in en_hits:
        if h.term in out:
            out[h.term].append(h)
        else:
            out[h.term] = [h]
    for term, hits in out.items():
        if len(hits) > 1:
            out[term] = _one_per_span(hits)
    return out


_RANK = {APPROVED: 0, VARIANT: 1, FORBIDDEN: 2}


def _one_per_span(hits: list[EnHit]) -> list[EnHit]:
    best: dict[tuple[int, int], EnHit] = {}
    for h in hits:
        old = best.get(h.span)
        if old is None or (h.exact, -_RANK[h.kind]) > (old.exact, -_RANK[old.kind]):
            best[h.span] = h
    spans = list(best)
    kept = [h for sp, h in best.items() if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in spans)]
    return sorted(kept, key=lambda h: h.start)


@dataclass
class View:
    file: str | None
    al: Alignment
    pairs: list[PairView]
    matcher: TermMatcher | None


def build_views(
    docs: Sequence[tuple[str | None, Alignment]], glossaries: Sequence[Glossary | None], progress=None
) -> list[View]:
    matchers: dict[int, TermMatcher] = {}
    total = sum(len(al.pairs) for _, al in docs) or 1
    done = 0
    views = []
    for (name, al), g in zip(docs, glossaries):
        matcher = None
        if g is not None and g.terms:
            matcher = matchers.get(id(g))
            if matcher is None:
                matcher = matchers[id(g)] = TermMatcher(g)
        pairs = []
        for p in al.pairs:
            zh = "".join(p.zh)
            en = " ".join(p.en)
            pv = PairView(p.id, zh, en)
            if matcher is not None:
                pv.zh_hits = matcher.zh_hits(zh) if zh else []
                pv.en_hits = matcher.en_hits(en) if en else []
                pv.zh_terms = list(dict.fromkeys(h.term for h in pv.zh_hits))
                pv.en_by_term = _by_term(pv.en_hits)
            pairs.append(pv)
            done += 1
            if progress is not None and done % 500 == 0:
                progress(done / total)
        views.append(View(name, al, pairs, matcher))
    return views
