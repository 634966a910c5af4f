"""The pairs of the documents under check, prepared once: joined text, tokens, term hits.

Everything a check may read of a pair is worked out once, when first read. When a term-* check
runs, the glossary is found in every pair up front, in one search of each document's pairs
(`match_all_pairs`; progress is shown a document at a time) and kept as found (`Found`): the
term checks read that whole run, and a pair's hit objects are made only when the pair is asked
for them. Otherwise the glossary is matched only in the pairs where a check asks
(variant-spelling, for the few phrases it reports). The English of all the pairs, read as one
text into words (`English`), is shared by the views of one run, read when first asked."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, compress
from operator import is_, itemgetter, sub
from typing import NamedTuple

from workbench.checks import Memo, _term_read
from workbench.glossary.matching import (
    APPROVED,
    FORBIDDEN,
    VARIANT,
    EnFound,
    EnHit,
    TermMatcher,
    Words,
    ZhFound,
    ZhHit,
    read_words,
    read_words_again,
)
from workbench.glossary.model import Glossary
from workbench.model import Alignment
from workbench.text.normalize import (
    FOLDED_KEYS,
    KEPT_KEYS,
    WORD,
    WORD_SPLIT,
    Token,
    normalize_zh,
    normalize_zh_all,
    tokenize_en,
)


class _cached:
    """`functools.cached_property` without its lock (Python 3.11 takes one at every first read:
    a microsecond, on tens of thousands of pairs), for the pairs' readings: worked out when
    first read, then kept in the instance's __dict__, where the next read finds it."""

    def __init__(self, func: Callable) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class PairView:
    id: int
    zh: str  # the pair's Chinese sentences, joined
    en: str  # the pair's English sentences, joined by a space
    matcher: TermMatcher | None = field(default=None, repr=False, compare=False)  # the glossary's, if any
    # the glossary matched in all the pairs of the view at once, if it was (then this pair's
    # hits are read from there, when asked), and the index of the pair in the view
    found: Found | None = field(default=None, repr=False, compare=False)
    k: int = field(default=-1, repr=False, compare=False)

    @_cached
    def _zh_scan(self) -> tuple[list[ZhHit], list[int]]:
        if self.found is not None:
            return self.found.zh.scan(self.k)
        return self.matcher.zh_scan(self.zh) if self.matcher is not None else ([], [])

    @_cached
    def zh_hits(self) -> list[ZhHit]:
        return self._zh_scan[0]

    @_cached
    def zh_terms_all(self) -> list[int]:
        """The terms in the zh side, nested ones too (规模以上 in 规模以上工业增加值)."""
        return self._zh_scan[1]

    @_cached
    def zh_terms(self) -> list[int]:
        """The terms in the zh side, first seen first."""
        return _terms_of(self.zh_hits)

    @_cached
    def en_hits(self) -> list[EnHit]:
        if self.found is not None:
            return self.found.en.hits(self.k)
        return self.matcher.en_hits(self.en) if self.matcher is not None else []

    @_cached
    def en_by_term(self) -> dict[int, list[EnHit]]:
        """See _by_term."""
        return _by_term(self.en_hits)

    @_cached
    def zh_norm(self) -> str:
        """`normalize_zh` of the Chinese, worked out once for the checks that read it."""
        return normalize_zh(self.zh)

    @_cached
    def words(self) -> list[str]:
        """The English words (`WORD`), read once for the matcher and the checks."""
        if self.found is not None:
            return self.found.en.read.of(self.k)
        return WORD.findall(self.en)

    @_cached
    def word_keys(self) -> frozenset[str]:
        """The keys (`word_key`) of the English words."""
        return frozenset(map(FOLDED_KEYS.__getitem__, self.words))

    @property
    def words_read(self) -> list[str] | None:
        """`words` if something has read them already (the matcher has, in every pair, when a
        glossary check runs), else None: a check that would only read them for itself reads the
        text its own way, and keeps nothing."""
        words = self.__dict__.get("words")
        if words is None and self.found is not None:  # (a slice of the run's words, not kept)
            return self.found.en.read.of(self.k)
        return words

    @_cached
    def plain(self) -> bool:
        """The English holds no letter whose lower or case-folded form could differ in length
        or word-ness (only ASCII, Latin-1 signs and general punctuation: ’ “ ” — …), so that
        lower-casing it word by word is lower-casing the text."""
        return not _NOT_PLAIN.search(self.en)

    def words_lower(self) -> list[str]:
        """`WORD.findall(self.en.lower())` (from the words read already where that is the same)."""
        words = self.words_read
        if words is not None and self.plain:
            return list(map(str.lower, words))
        return WORD.findall(self.en.lower())

    @_cached
    def tokens(self) -> list[Token]:
        """`tokenize_en` of the English (from the words read already, when the glossary was
        matched in every pair: their places and keys mapped in C)."""
        if self.found is None:
            return tokenize_en(self.en)
        read, k = self.found.en.read, self.k
        words, ends = self.words, read.ends_of(k)
        return list(map(Token, map(sub, ends, map(len, words)), ends, words,
                        map(FOLDED_KEYS.__getitem__, words), map(KEPT_KEYS.__getitem__, words)))

    def forget(self, *names: str) -> None:
        """Drop readings worked out already (`_cached`), for a check that alone reads them: read
        again, they are worked out again."""
        for name in names:
            self.__dict__.pop(name, None)

    @_cached
    def _accepted(self) -> tuple[list[int], list[int]]:
        """Starts of the accepted (not forbidden) en hits, in order, and the furthest end
        reached by each prefix of them."""
        spans = sorted((h.start, h.end) for h in self.en_hits if h.kind != FORBIDDEN)
        reach, ends = -1, []
        for _, end in spans:
            reach = max(reach, end)
            ends.append(reach)
        return [a for a, _ in spans], ends

    def overlaps_accepted(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps an accepted glossary rendering (log n)."""
        starts, ends = self._accepted
        i = bisect.bisect_left(starts, end)  # the hits that start before `end`
        return i > 0 and ends[i - 1] > start


def zh_norms(pairs: Sequence[PairView]) -> list[str]:
    """`PairView.zh_norm` of each pair: those not read yet normalised together, in one pass
    (`normalize_zh_all`), and kept as each pair's, as if read one by one."""
    todo = [p for p in pairs if "zh_norm" not in p.__dict__]
    for p, norm in zip(todo, normalize_zh_all([p.zh for p in todo])):
        p.__dict__["zh_norm"] = norm
    return [p.zh_norm for p in pairs]


def _terms_of(hits: list[ZhHit]) -> list[int]:
    """The terms of the hits, first seen first (the term read in C: a hit's first field)."""
    return list(dict.fromkeys(map(itemgetter(0), hits)))


_NOT_PLAIN = re.compile(r"[^\x00-\xbf\u2010-\u205e]")


def _by_term(en_hits: list[EnHit]) -> dict[int, list[EnHit]]:
    """The en hits of each term: one per span (a word-for-word forbidden form first, then
    approved, variant, forbidden), none inside a longer hit of the same term. (`en_hits` in
    the matcher's order: by start, the longest first.)"""
    out: dict[int, list[EnHit]] = {h.term: [h] for h in en_hits}
    if len(out) == len(en_hits):
        return out  # (one hit a term, as in most pairs)
    out = {}
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
    """`hits` (by start, the longest first), one per span, none inside another."""
    kept = one_per_span(range(len(hits)), [h.start for h in hits], [h.end for h in hits],
                        [h.kind for h in hits], [h.exact for h in hits])
    return [hits[j] for j in kept]


def one_per_span(js: Sequence[int], starts: Sequence[int], ends: Sequence[int], kinds: Sequence[str],
                 exact: Sequence[bool]) -> list[int]:
    """Of the hits js of one term in one text (indexes into the lists of the hits' starts, ends,
    kinds and whether matched word for word), one per span (the word-for-word one first, then
    approved, variant, forbidden) and none inside another, by start, the longest first."""
    if len(js) == 2:  # (most often: a rendering inside a variant or forbidden form of its term)
        a, b = js
        if starts[a] == starts[b] and ends[a] == ends[b]:  # one span: the better, the first of equals
            return [b] if (exact[b], -_RANK[kinds[b]]) > (exact[a], -_RANK[kinds[a]]) else [a]
        if (starts[b], -ends[b]) < (starts[a], -ends[a]):
            a, b = b, a
        return [a] if ends[b] <= ends[a] else [a, b]  # (b, starting no earlier, is inside a if it ends no later)
    return _one_per_span_any(js, starts, ends, kinds, exact)


def _one_per_span_any(js: Sequence[int], starts: Sequence[int], ends: Sequence[int], kinds: Sequence[str],
                      exact: Sequence[bool]) -> list[int]:
    """`one_per_span` of any number of hits."""
    best: dict[tuple[int, int], int] = {}
    for j in sorted(js, key=lambda j: (starts[j], -ends[j])):  # (stable: as found at one span)
        span = starts[j], ends[j]
        old = best.get(span)
        if old is None or (exact[j], -_RANK[kinds[j]]) > (exact[old], -_RANK[kinds[old]]):
            best[span] = j
    # drop spans inside another: by (start, -end) (the order of the hits, kept by `best`), a
    # span is inside an earlier one exactly when an earlier span reaches as far
    kept = []
    reach = -1
    for span, j in best.items():
        if reach < span[1]:
            kept.append(j)
        reach = max(reach, span[1])
    return kept


@dataclass
class View:
    file: str | None
    al: Alignment
    pairs: list[PairView]
    matcher: TermMatcher | None
    english: English | None = field(default=None, repr=False, compare=False)  # shared by the views of a run
    found: Found | None = field(default=None, repr=False, compare=False)  # the glossary in every pair, if matched


class Found(NamedTuple):
    """The glossary's hits in every pair of a view, from one search of them all (`build_views`),
    kept as found: a pair's hits are worked out when the pair is asked for them (`PairView`),
    and the glossary checks read the whole run."""

    zh: ZhFound
    en: EnFound


class English:
    """The English of every pair of the views of one run, read as one text: its words
    (`WORD`), where they are, and the text between them (`read`), read once when first asked,
    for the checks that read words and the glossary matcher. Pair k is the k-th pair of the
    views in order (`pairs`); `read.of(k)` is `WORD.findall` of its English."""

    def __init__(self, views: Sequence[View], memo: Memo | None = None) -> None:
        self.pairs: list[PairView] = [p for v in views for p in v.pairs]
        # (`checks.Memo.english`: the reading of an earlier run is kept there, and this one's)
        self.memo = memo
        # the index of each view's first pair (and the number of pairs)
        self.first: list[int] = list(accumulate((len(v.pairs) for v in views), initial=0))
        # the views' lists of pairs, to know the views by (no reference to the views, which
        # refer to this: freed as soon as they are no longer used, not left to the collector)
        self.lists = [v.pairs for v in views]

    def view_index(self, k: int) -> int:
        """The index of the view pair k is in."""
        return bisect.bisect_right(self.first, k) - 1

    @cached_property
    def read(self) -> Words:
        """The words of every pair's English (one regular-expression scan of them all; after an
        edit, of the texts from the first changed to the last, `read_words_again`)."""
        texts = [p.en for p in self.pairs]
        then = None if self.memo is None else self.memo.english
        read = read_words(texts) if then is None else read_words_again(then, texts)
        if self.memo is not None:
            if then is None:  # (kept: the text between words once a kind, not a string each, 12 MB → 6)
                once: dict[str, str] = {}
                read.gaps[:] = map(once.setdefault, read.gaps, read.gaps)
            self.memo.english = read
        return read

    @cached_property
    def distinct(self) -> set[str]:
        """The distinct words of `read` (for the key caches of the matcher, and the checks)."""
        return self.read.distinct

    @property
    def distinct_read(self) -> set[str] | None:
        """`distinct` if the words have been read already, else None (as `PairView.words_read`:
        a check that would read them only for itself reads the texts its own way)."""
        return self.distinct if "read" in self.__dict__ else None

    @cached_property
    def not_plain(self) -> list[int]:
        """The indices of the pairs whose English is not `PairView.plain` (all of it looked at
        in one scan first: in most runs there are none)."""
        texts = [p.en for p in self.pairs]
        joined = "\n".join(texts)
        if joined.isascii() or not _NOT_PLAIN.search(joined):
            return []
        return list(compress(range(len(texts)), map(_NOT_PLAIN.search, texts)))

    @cached_property
    def lowers_alike(self) -> bool:
        """Whether each text, lower-cased, splits into its words and the text between them,
        each lower-cased: true but of rare letters (İ lowers to two characters, a final Σ before a
        soft hyphen), looked at only in the texts that are not `PairView.plain`."""
        texts = self.read.texts
        return all(WORD_SPLIT.split(texts[k].lower()) == list(map(str.lower, WORD_SPLIT.split(texts[k])))
                   for k in self.not_plain)


def english(views: Sequence[View]) -> English:
    """The English of the views, as `build_views` shares it (read anew for views put
    together otherwise)."""
    shared = views[0].english if views else None
    if shared is not None and len(shared.lists) == len(views) and all(map(is_, shared.lists, (v.pairs for v in views))):
        return shared
    return English(views)


def build_views(
    docs: Sequence[tuple[str | None, Alignment]],
    glossaries: Sequence[Glossary | None],
    progress: Callable[[float], None] | None = None,
    match_all: bool = True,
    memo: Memo | None = None,
) -> list[View]:
    """The views of the documents; `match_all`: the glossary matched in every pair now (else
    in each pair when first asked). `memo`: the glossaries compiled by an earlier run
    (`checks.Memo.compiled`), taken again for a glossary whose terms read the same, and this
    run's kept there for the next; and the English read into words (`English.read`)."""
    matchers: dict[int, TermMatcher] = {}
    views = []
    compiled = [] if memo is None else memo.compiled
    if memo is not None:
        memo.compiled = []  # (this run's, for the next)
    for (name, al), g in zip(docs, glossaries):
        matcher = None
        if g is not None and g.terms:
            matcher = matchers.get(id(g))
            if matcher is None:
                matcher = matchers[id(g)] = _compiled(g, compiled, memo)
        pairs = [PairView(p.id, "".join(p.zh), " ".join(p.en), matcher) for p in al.pairs]
        views.append(View(name, al, pairs, matcher))
    shared = English(views, memo)
    for v in views:
        v.english = shared
    total = len(shared.pairs) or 1
    found_then = {} if memo is None else memo.found
    if memo is not None:
        memo.found = {}  # (this run's, for the next)
    for d, v in enumerate(views):
        if v.matcher is not None and match_all:
            then = found_then.pop(v.file, None)
            match_all_pairs(v, shared.read.part(shared.first[d], shared.first[d + 1]), shared.distinct,
                            then=Found(ZhFound.unpacked(then[1]), EnFound.unpacked(then[2]))
                            if then is not None and then[0] is v.matcher else None)
            if memo is not None:  # (kept as arrays: `ZhFound.packed`)
                memo.found[v.file] = v.matcher, v.found.zh.packed(), v.found.en.packed()
        if progress is not None:
            progress(shared.first[d + 1] / total)
    return views


def _compiled(g: Glossary, compiled: list[tuple[list[tuple], TermMatcher]], memo: Memo | None) -> TermMatcher:
    """`TermMatcher(g)`, or one compiled by an earlier run (`compiled`: what each glossary's
    terms read, and its matcher) for a glossary whose terms read the same: a matcher is a
    function of what its terms read (its word keys, kept as asked, are the same for any
    matcher; the checks read its terms, alike, and know a glossary by its matcher's). (Its keys are not kept past 200,000 words: it would grow with every word an
    edit brings.)"""
    if memo is None:
        return TermMatcher(g)
    read = [_term_read(t) for t in g.terms]
    for n, (then, matcher) in enumerate(compiled):
        if then == read and len(matcher._keys) < 200_000:
            del compiled[n]  # (taken once: two glossaries of a run alike are two glossaries still)
            break
    else:
        matcher = TermMatcher(g)
    memo.compiled.append((read, matcher))
    return matcher


def match_all_pairs(v: View, read: Words | None = None, distinct: set[str] | None = None,
                    then: Found | None = None) -> Found:
    """The glossary's hits in every pair of the view, from one search of them all (`read`: of
    these pairs' English, `distinct`: its distinct words, or more, if read already), kept in
    the view and read by its pairs when asked. (`then`: the hits the view's matcher found in an
    earlier run, `checks.Memo.found`: only the pairs from the first that changed to the last
    are searched again, `TermMatcher.zh_find_again`, `en_find_again`.)"""
    if v.found is None:
        if read is None:
            read = read_words([p.en for p in v.pairs])
        m, zh = v.matcher, [p.zh for p in v.pairs]
        if then is None:
            found = Found(m.zh_find_all(zh), m.en_find_all(read, distinct))
        else:
            found = Found(m.zh_find_again(then.zh, zh), m.en_find_again(then.en, read))
        v.found = found
        for k, p in enumerate(v.pairs):
            known = p.__dict__
            known["found"], known["k"] = found, k
    return v.found
