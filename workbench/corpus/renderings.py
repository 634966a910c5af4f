"""How a Chinese term was rendered across the archive: "新质生产力 → new quality productive
forces ×182, new productive forces ×3".

Each hit's English is explained, in this order, by
1. the glossary: an approved, variant or forbidden rendering of a term having the query as a
   source form, found by the glossary matcher (inflection and typography forgiven);
2. the dictionary: the longest run of words whose stems are glosses of the query (CC-CEDICT,
   handed in by the caller, since the dictionary belongs to the aligner);
3. co-occurrence: the word n-gram (1–4 words) most associated with the query over the hits
   (Dice coefficient of the hits holding it against the archive's pairs holding it).
A hit none of them explains is counted as unexplained.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from workbench.corpus.backend import Hit
from workbench.glossary.matching import TermMatcher
from workbench.glossary.model import Glossary, Term
from workbench.text.normalize import WORD, normalize_zh

MIN_DICE = 0.2
MAX_LINES = 8
_MAX_NGRAM = 4
_CANDIDATE_GRAMS = 20  # phrases whose archive counts are asked (one index query each)


class Dictionary(Protocol):
    """A Chinese–English dictionary as the renderings need it."""

    stopwords: frozenset[str]

    def glosses(self, zh: str) -> frozenset[str]:
        """Stems of the English glosses of a Chinese word (empty if unknown)."""
        ...

    def word_key(self, word: str) -> str:
        """What a gloss word and a word of the text are compared by (the dictionary's stem)."""
        ...


@dataclass
class Rendering:
    text: str  # as most often written
    count: int
    source: str  # glossary | dictionary | co-occurrence
    example: Hit


@dataclass
class Renderings:
    query: str
    lines: list[Rendering]
    hits: int  # hits looked at
    total: int  # hits in all
    unexplained: int = 0
    _spans: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict, repr=False)

    def headline(self) -> str:
        parts = ", ".join(f"{r.text} ×{r.count:,}" for r in self.lines) or "no rendering found"
        tail = f" (in the first {self.hits:,} of {self.total:,} pairs)" if self.hits < self.total else ""
        return f"{self.query} → {parts}{tail}"

    def spans_in(self, hit: Hit) -> list[tuple[int, int]]:
        """Where this hit's rendering is in its English ([] if not explained)."""
        span = self._spans.get((hit.file, hit.pair))
        return [span] if span else []

    def rendering_of(self, hit: Hit) -> str | None:
        span = self._spans.get((hit.file, hit.pair))
        return hit.en[span[0] : span[1]] if span else None


def summarize(
    query: str,
    hits: list[Hit],
    *,
    total: int | None = None,
    terms: Iterable[Term] = (),
    dictionary: Dictionary | None = None,
    background: Callable[[str], int] | None = None,
    archive_pairs: int = 0,
) -> Renderings:
    """The renderings of `query` in `hits` (see the module's docstring). `terms`: glossary terms
    to try; `background(phrase)`: how many pairs of the archive hold an English phrase."""
    explained: dict[int, tuple[str, str, int, int]] = {}  # hit index → (key, source, start, end)
    _by_glossary(query, hits, terms, explained)
    if dictionary is not None:
        _by_dictionary(query, hits, dictionary, explained)
        if background is not None:
            _by_cooccurrence(hits, dictionary, background, len(hits) if total is None else total,
                             archive_pairs, explained)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (key, source, _, _) in explained.items():
        groups[(key, source)].append(i)
    lines = []
    for (_key, source), idx in groups.items():
        surface = Counter(hits[i].en[explained[i][2] : explained[i][3]] for i in idx).most_common(1)[0][0]
        lines.append(Rendering(surface, len(idx), source, hits[idx[0]]))
    lines.sort(key=lambda r: (-r.count, r.text))
    # Renderings met once in many hits are noise of the method more often than usage.
    rare = [r for r in lines if r.count == 1 and r.source != "glossary"] if len(hits) >= 10 else []
    lines = [r for r in lines if r not in rare][:MAX_LINES]
    spans = {(hits[i].file, hits[i].pair): (s, e) for i, (_, _, s, e) in explained.items()}
    return Renderings(query, lines, len(hits), total if total is not None else len(hits),
                      len(hits) - sum(r.count for r in lines), spans)


def _by_glossary(query: str, hits: list[Hit], terms: Iterable[Term], explained: dict) -> None:
    key = normalize_zh(query)
    chosen = [t for t in terms if any(normalize_zh(z) == key for z in t.zh)]
    if not chosen:
        return
    matcher = TermMatcher(Glossary(terms=chosen))
    for i, h in enumerate(hits):
        found = matcher.en_hits(h.en)
        if found:
            best = min(found, key=lambda x: ({"approved": 0, "variant": 1}.get(x.kind, 2), x.start))
            explained[i] = (f"g:{best.term}:{best.form.lower()}", "glossary", best.start, best.end)


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]


def _by_dictionary(query: str, hits: list[Hit], d: Dictionary, explained: dict) -> None:
    glosses = d.glosses(query)
    if not glosses:
        return
    for i, h in enumerate(hits):
        if i in explained:
            continue
        words = _words(h.en)
        best: tuple[int, int] | None = None
        k = 0
        while k < len(words):
            if d.word_key(words[k][2]) in glosses and words[k][2] not in d.stopwords:
                j = k
                while j + 1 < len(words) and d.word_key(words[j + 1][2]) in glosses:
                    j += 1
                if best is None or j - k > best[1] - best[0]:
                    best = (k, j)
                k = j + 1
            else:
                k += 1
        if best is not None:
            phrase = " ".join(d.word_key(w[2]) for w in words[best[0] : best[1] + 1])
            explained[i] = (f"d:{phrase}", "dictionary", words[best[0]][0], words[best[1]][1])


def _ngrams(words: list[tuple[int, int, str]], stop: frozenset[str]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for k in range(len(words)):
        if words[k][2] in stop:
            continue
        for n in range(1, _MAX_NGRAM + 1):
            if k + n > len(words):
                break
            last = words[k + n - 1]
            if last[2] in stop:
                continue
            out.setdefault(" ".join(w[2] for w in words[k : k + n]), (words[k][0], last[1]))
    return out


def _by_cooccurrence(hits, d: Dictionary, background, total: int, archive: int, explained: dict) -> None:
    todo = [i for i in range(len(hits)) if i not in explained]
    if not todo:
        return
    grams = {i: _ngrams(_words(hits[i].en), d.stopwords) for i in todo}
    counts = Counter(g for i in todo for g in grams[i])
    scale = total / len(hits) if hits else 1.0  # hits looked at may be a sample of all
    dice: dict[str, float] = {}
    for gram, c in counts.most_common(_CANDIDATE_GRAMS):
        if c < 2 and len(todo) > 1:
            break
        joint = c * scale
        dice[gram] = 2 * joint / (total + max(background(gram), joint))
    strong = {g: v for g, v in dice.items() if v >= MIN_DICE}
    for i in todo:
        here = [g for g in strong if g in grams[i]]
        if not here:
            continue
        # The longest phrase nearly as strong as the strongest: a word of a phrase dropped in
        # some hits must not make its parts ("productive forces") win over the whole.
        top = max(strong[g] for g in here)
        g = max(here, key=lambda g: (strong[g] >= top / 2 and g.count(" "), strong[g]))
        s, e = grams[i][g]
        explained[i] = (f"c:{g}", "co-occurrence", s, e)
