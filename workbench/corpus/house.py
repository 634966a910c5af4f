"""`workbench check --corpus`: where a file renders a glossary term unlike the rest of the archive.

For each glossary term in the file's Chinese, the archive's renderings of it are summarised
(`renderings.summarize`, the file itself left out); the most frequent one is the house usage
when it is the rendering of at least half of the archive's explained pairs and of at least
`MIN_SUPPORT` of them. Each of the file's pairs holding the term without that rendering in its
English departs from house usage, and is reported with what it has instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from workbench.corpus.backend import Corpus, Hit
from workbench.corpus.renderings import Dictionary, summarize
from workbench.glossary.matching import TermMatcher
from workbench.glossary.model import Glossary, Term
from workbench.model import Alignment
from workbench.text.normalize import en_key

MIN_SUPPORT = 3
SAMPLE = 1_000  # archive pairs looked at per term: the majority shows well before


@dataclass(frozen=True)
class Departure:
    pair: int
    term: str  # the term's first Chinese form
    expected: str  # the archive's majority rendering
    found: str | None  # what this pair has instead (an archive rendering, or None)
    support: int  # pairs of the archive with the majority rendering
    of: int  # pairs of the archive with a known rendering
    accepted: bool = False  # what this pair has is an approved or variant rendering of the glossary

    @property
    def message(self) -> str:
        has = f"renders it “{self.found}”" if self.found else "has none of the archive's renderings"
        if self.accepted:
            has += " (accepted by the glossary)"
        return (f"{self.term}: this pair {has}; the archive renders it “{self.expected}” "
                f"({self.support:,} of {self.of:,} pairs)")


def _has(en: str, phrase: str) -> bool:
    """Whether the words of `phrase` (stems, case folded) occur in order, together, in `en`."""
    want, words = en_key(phrase), en_key(en)
    n = len(want)
    return bool(n) and any(words[i : i + n] == want for i in range(len(words) - n + 1))


def departures(
    corpus: Corpus,
    al: Alignment,
    glossary: Glossary,
    *,
    file: str | None = None,
    dictionary: Dictionary | None = None,
    background: Callable[[str], int] | None = None,
) -> list[Departure]:
    """The pairs of `al` departing from the archive's majority rendering of a glossary term.
    `file`: the aligned file's path as indexed (its own pairs are not the archive's usage)."""
    matcher = TermMatcher(glossary)
    pairs_of: dict[int, list[int]] = {}
    for k, p in enumerate(al.pairs):
        zh = "".join(p.zh)
        for hit in matcher.zh_hits(zh):
            pairs_of.setdefault(hit.term, [])
            if k not in pairs_of[hit.term]:
                pairs_of[hit.term].append(k)
    out: list[Departure] = []
    for t, ks in pairs_of.items():
        term = matcher.terms[t]
        usage = _archive_usage(corpus, term, file, dictionary, background)
        if usage is None:
            continue
        best, known, lines = usage
        for k in ks:
            p = al.pairs[k]
            en = " ".join(p.en)
            if not en or _has(en, best.text):
                continue
            found = next((r.text for r in lines if _has(en, r.text)), None)
            accepted = found is not None and any(en_key(found) == en_key(a) for a in term.accepted)
            out.append(Departure(p.id, term.key, best.text, found, best.count, known, accepted))
    out.sort(key=lambda d: (al.index_of(d.pair), d.term))
    return out


def _archive_usage(corpus: Corpus, term: Term, file, dictionary, background):
    hits: list[Hit] = []
    total = 0
    seen: set[tuple[str, int]] = set()
    for form in _forms(term.zh):
        found = corpus.find_zh(form, limit=SAMPLE, exclude_file=file)
        total += found.total
        for h in found.hits:
            if (h.file, h.pair) not in seen:
                seen.add((h.file, h.pair))
                hits.append(h)
    if not hits:
        return None
    r = summarize(term.key, hits, total=max(total, len(hits)), terms=[term], dictionary=dictionary,
                  background=background)
    known = sum(x.count for x in r.lines)
    if not r.lines:
        return None
    best = r.lines[0]
    if best.count < MIN_SUPPORT or best.count * 2 < known:
        return None
    return best, known, r.lines


def _forms(forms: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(f.strip() for f in forms if f.strip()))

