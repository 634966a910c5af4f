"""The pairs of the documents under check, prepared once: joined text, tokens, term hits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.glossary import Glossary
from workbench.matching import EnHit, TermMatcher, Token, ZhHit, tokenize_en
from workbench.model import Alignment


@dataclass
class PairView:
    id: int
    zh: str  # the pair's Chinese sentences, joined
    en: str  # the pair's English sentences, joined by a space
    tokens: list[Token]
    zh_hits: list[ZhHit] = field(default_factory=list)
    en_hits: list[EnHit] = field(default_factory=list)


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
            toks = tokenize_en(en)
            pv = PairView(p.id, zh, en, toks)
            if matcher is not None:
                pv.zh_hits = matcher.zh_hits(zh) if zh else []
                pv.en_hits = matcher.en_hits(en, toks) if en else []
            pairs.append(pv)
            done += 1
            if progress is not None and done % 500 == 0:
                progress(done / total)
        views.append(View(name, al, pairs, matcher))
    return views
