"""variant-spelling: near-identical English phrasings of the same thing across the documents.

Three kinds of near-identity, each found by reducing phrases to a key that forgets exactly
one kind of difference, and grouping phrases by key. The English of all the pairs is read as
one text (`view.English`), and each word and each separator between two words is reduced to
one byte saying what it is (an article, a function word, one that can begin or end a word
closed up, …): the few places worth a look are then picked out by operations on those bytes
that run in C (regular expressions, and masks and/or-ed as whole numbers), and only there are
words looked at one by one.

- spelling: British and American forms of a word (organisation / organization, centre /
  center, future-orientated / future-oriented);
- hyphenation: one compound written with a hyphen, a space or closed up (high-tech / high tech,
  cellphone / cell phone), counted only before the same next word, because "a high level of"
  and "high-level meeting" are both right, and only where one form is hyphenated or closed up
  ("now here" / "no where" are two phrases);
- articles: a phrase of four words that once has an article inside and once not
  ("enterprises above the designated size" / "enterprises above designated size"), counted
  only where the phrase ends (punctuation, or a function word other than "of", which needs
  "the": "the fields of energy" and "fields such as energy" are both right).

The version used in more pairs is the reference; the others are flagged where they occur.
Phrases that a glossary term's accepted renderings cover are left to term-inconsistent.
"""

from __future__ import annotations

import bisect
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, eq, itemgetter, methodcaller, or_, sub

from workbench.checks import Finding
from workbench.checks.masks import lanes, nonzero, table
from workbench.checks.view import PairView, View, english
from workbench.glossary.matching import read_words
from workbench.text.normalize import EN_STOP, WORD, british

_ARTICLES = frozenset(("a", "an", "the"))
#: Words (articles not counted) in a phrase compared for articles.
PHRASE_WORDS = 4

# What is between two words, one byte: a space, a hyphen, or anything else (punctuation,
# the end of a pair): a boundary no compound or phrase runs across.
_SPACE, _BREAK, _HYPHEN = 0, 1, 2
_GAP = {" ": _SPACE, "-": _HYPHEN, "‐": _HYPHEN, "‑": _HYPHEN}
_SEP = {_SPACE: " ", _HYPHEN: "-"}

# What a word is, one byte: its type in the two low bits (a content word, an article, a
# function word before which a phrase ends, "of", after which it does not), and flags.
_CONTENT, _ARTICLE, _STOP, _OF = 0, 1, 2, 3
_SPELLED_TWO_WAYS = 4  # British here, American there
# (the parts of a compound: a word that is two or three words of the text run together)
_HEAD = 8  # the first word of one
_MIDDLE = 16  # the second of three
_TAIL = 32  # the last
_CLOSED = 64  # a word that is such a compound


# The type of a word as a letter (upper case: no boundary after it, lower case: one): a
# phrase compared for articles is a content word, two more words other than articles, and a
# content word that ends a phrase (a boundary after it, or a function word other than "of"),
# articles allowed between (none after a boundary). Those with articles inside are found by a
# regular expression from the content words marked K (an article among the next three words).
_LETTER = table(lambda b: b"CASO"[b & 3])
_SPACED_WINDOW = re.compile(rb"K(?=A*([CSOK])A*([CSOK])A*(c|[CK](?=[ASas])))")  # (each start: they overlap)
_IS_LETTER = {group: table(lambda b, group=group: 1 if b in group else 0) for group in (b"C", b"CSO", b"c", b"ASas", b"Aa")}
_IS = {flag: table(lambda b, flag=flag: 1 if b & flag else 0) for flag in (_SPELLED_TWO_WAYS, _HEAD, _MIDDLE, _TAIL, _CLOSED)}
_NO_BREAK = table(lambda b: 1 if b != _BREAK else 0)
_IS_BREAK = table(lambda b: 1 if b == _BREAK else 0)
_IS_HYPHEN = table(lambda b: 1 if b == _HYPHEN else 0)


@dataclass
class _Occ:
    view: View
    pair: PairView
    start: int
    end: int
    surface: str


class _Corpus:
    """The English of every pair under check, read as one text (`view.English`): its words
    (`words`, as written; `lower`: each distinct one → lower case, ’ as '), what is between each
    two (`gaps`, one byte each: `_GAP`; after the last word, a boundary), and where each pair's
    words begin (`bounds`).

    No word, and no phrase, runs from one pair into the next: the text between two pairs is a
    boundary, as the end of a pair's text was when pairs were read one by one."""

    def __init__(self, views: list[View]) -> None:
        en = english(views)
        self.en, self.views = en, views
        if en.lowers_alike:  # (the words of the text lower-cased are its words lower-cased)
            read = en.read
            distinct = list(en.distinct)
            self.lower = dict(zip(distinct, "\n".join(distinct).replace("’", "'").lower().split("\n")))
        else:
            read = read_words([p.en.replace("’", "'").lower() for p in en.pairs])
            self.lower = {w: w for w in read.words}
        self.words = read.words
        self.n = len(self.words)
        self.gaps = bytes(map(_GAP.get, read.gaps, repeat(_BREAK))) + bytes((_BREAK,))
        self.bounds = read.bounds

    def classify(self, byte: dict[str, int]) -> bytes:
        """One byte for each word: `byte` of its lower-case form. (The low byte of a number
        each word is given, `ids`, the same for the same word in lower case, its other bytes
        telling which: `names`. Words compared by their numbers are compared without reading
        the words, strewn about memory, again.)"""
        self.names = names = list(byte)
        number = dict(zip(names, map(or_, map(byte.__getitem__, names), range(0, len(names) << 8, 1 << 8))))
        lower = self.lower
        # (an array made from a list: made from an iterator, it converts each number at twice the time)
        self.ids = array("I", list(map(dict(zip(lower, map(number.__getitem__, lower.values()))).__getitem__, self.words)))
        size = self.ids.itemsize
        return self.ids.tobytes()[0 if sys.byteorder == "little" else size - 1::size]

    def numbers(self, places: Iterable[int]) -> Iterator[int]:
        """The numbers (`ids`) of the words at those places."""
        return map(self.ids.__getitem__, places)

    def low(self, k: int) -> str:
        """Word k, lower-cased."""
        return self.lower[self.words[k]]

    def lows(self, places: Iterable[int]) -> Iterator[str]:
        """The words at those places, lower-cased (looked up in C)."""
        return map(self.lower.__getitem__, map(self.words.__getitem__, places))

    def pair_of(self, k: int) -> int:
        return bisect.bisect_right(self.bounds, k) - 1

    def compounds(self, places: list[int], m: int) -> list[tuple[str, str, str]]:
        """`compound(k, m)` of each place k: worked out once for each run of words written
        alike (the same words by number, the same separators between, the same next word),
        and looked up for the others (a text repeats its compounds)."""
        ids, gaps = self.ids, self.gaps
        keys = list(zip(*(map(ids.__getitem__, map(add, places, repeat(j))) for j in range(m + 1)),
                        *(map(gaps.__getitem__, map(add, places, repeat(j))) for j in range(m - 1))))
        made = {key: self.compound(k, m) for key, k in dict(zip(keys, places)).items()}
        return list(map(made.__getitem__, keys))

    def compound(self, k: int, m: int) -> tuple[str, str, str]:
        """(letters, next word, surface) of words k … k + m - 1, none of them followed by a
        boundary."""
        gaps = self.gaps
        surface = self.low(k)
        for j in range(k, k + m - 1):
            surface += _SEP[gaps[j]] + self.low(j + 1)
        return "".join(self.lows(range(k, k + m))), self.low(k + m), surface


def variant_spelling(views: list[View]) -> Iterable[Finding]:
    if not any(p.en for v in views for p in v.pairs):
        return
    c = _Corpus(views)
    occurrences: dict[tuple, dict[str, list[_Occ]]] = defaultdict(lambda: defaultdict(list))
    where: _Where | None = None
    for k, _, last, key, surface in _varied(c):
        pair = c.pair_of(k)
        if where is None or where.index != pair:
            where = _Where(c, pair)
        occurrences[key][surface].append(where.occ(k, last))
    reported: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    said: set[tuple] = set()
    # shortest phrases first: "high tech" is the difference, not "high tech enterprises"
    for (kind, *_), by_surface in sorted(occurrences.items(), key=lambda kv: max(map(len, kv[1]))):
        if len(by_surface) > 1:
            yield from _report(by_surface, kind, len(views) > 1, reported, said)


def _varied(c: _Corpus) -> list[tuple[int, int, int, tuple, str]]:
    """Where the words, compounds and phrases written more than one way are, in the order of
    the text (pair by pair; in a pair, words spelled two ways, then compounds, then phrases):
    (first word, kind 0, 1 or 2, last word, key, surface)."""
    if not c.n:
        return []
    # Pass 1: which words, compounds and phrases can be written more than one way, and where.
    # A compound can vary only if one of its forms is hyphenated or closed up (a word that
    # elsewhere is two or three words run together); a phrase only if one of its forms has an
    # article inside.
    code = dict.fromkeys(c.lower.values(), _CONTENT)  # each distinct word (lower case) → its byte
    for w in EN_STOP.intersection(code):
        code[w] = _ARTICLE if w in _ARTICLES else _OF if w == "of" else _STOP
    spell_words = _spelled_two_ways(code)
    for w in spell_words:
        code[w] |= _SPELLED_TWO_WAYS
    hyphenated = _hyphenated(c)
    # (the words a compound of words of the text can be: written closed up, or hyphenated)
    closed_up = set(filter(str.isalpha, code))
    closed_up.update(filter(str.isalpha, hyphenated))
    parts = _parts(closed_up, code.keys())
    if parts is None:  # (too many ways to try: any word may be a part, and the text says)
        alpha = closed_up.intersection(code)
        parts = alpha, alpha, alpha, alpha
    for flag, words in zip((_HEAD, _MIDDLE, _TAIL, _CLOSED), parts):
        for w in words:
            code[w] |= flag
    kinds = c.classify(code)
    placed = _compounds(c, kinds, closed_up, hyphenated)
    compounds = list(map(itemgetter(2), placed))
    varied_compounds = _varied_compounds(set(compounds))  # (each written alike once)
    placed_windows = _windows(c, kinds)
    # Pass 2: the places of the few that vary.
    places: list[tuple[int, int, int, tuple, str]] = []
    for k in nonzero(kinds.translate(_IS[_SPELLED_TWO_WAYS])):
        w = c.low(k)
        places.append((k, 0, k, ("spelling", spell_words[w]), w))
    for k, m, (joined, nxt, surface) in compress(placed, map(varied_compounds.__contains__, compounds)):
        places.append((k, 1, k + m - 1, ("hyphenation", joined, nxt), surface))
    for k, last, key in placed_windows:
        places.append((k, 2, last, ("article",) + key, " ".join(c.lows(range(k, last + 1)))))
    places.sort(key=lambda pl: (c.pair_of(pl[0]), pl[1], pl[0], pl[2]))
    return places


def _spelled_two_ways(vocab: Iterable[str]) -> dict[str, str]:
    """The words of the text (of five letters or more) written the British way where the
    American form is in the text too, and those American forms: each → the American form."""
    groups: dict[str, set[str]] = defaultdict(set)
    for w, am in british(vocab).items():
        if len(w) >= 5 and w.isalpha():
            groups[am].add(w)
    out = {}
    for am, forms in groups.items():
        if am in vocab:
            for w in forms | {am}:
                out[w] = am
    return out


def _hyphenated(c: _Corpus) -> set[str]:
    """The letters of the compounds of two or three words written with a hyphen (each run of
    words, as written, joined once)."""
    hyphens = nonzero(c.gaps.translate(_IS_HYPHEN))
    runs: set[tuple[str, ...]] = set()
    for shift, m in ((0, 2), (-1, 3), (0, 3)):
        # (the runs k … k + m - 1 around each hyphen with the word after them in one pair)
        ks = [i + shift for i in hyphens if 0 <= i + shift and i + shift + m < c.n]
        same = map(eq, map(bisect.bisect_right, repeat(c.bounds), ks),
                   map(bisect.bisect_right, repeat(c.bounds), map(add, ks, repeat(m))))
        ks = list(compress(ks, same))
        runs.update(zip(*(map(c.words.__getitem__, map(add, ks, repeat(j))) for j in range(m))))
    return {"".join(map(c.lower.__getitem__, run)) for run in runs}


#: The characters `_parts` may read for each character of the words, before it gives up (words
#: that begin with many others, as "a aa aaa aaaa …" do, would take it a time growing with
#: the cube of their length): real text needs one or two.
PARTS_WORK = 64


def _parts(whole: set[str], vocab: Collection[str]) -> tuple[set[str], set[str], set[str], set[str]] | None:
    """The ways the words `whole` are two or three words of `vocab` run together: the words
    that are the first of two or three, the second of three, the last, and the words of
    `vocab` that are such a compound; None if that is too much work (`PARTS_WORK`). (In the
    sorted words, one is the beginning of others exactly when it is the beginning of the one
    after it, and they follow it.)"""
    ordered = sorted(whole)
    first, middle, last, made = set(), set(), set(), set()
    budget = PARTS_WORK * sum(map(len, ordered)) + 10_000
    for a in compress(ordered, map(str.startswith, ordered[1:], ordered)):
        if a not in vocab:
            continue
        i, n = bisect.bisect_right(ordered, a), len(a)
        while i < len(ordered) and ordered[i].startswith(a):
            w = ordered[i]
            rest = w[n:]
            budget -= len(w) + len(rest) * len(rest)  # (the characters sliced below)
            if budget < 0:
                return None
            ends = [rest] if rest in vocab else []  # (a + rest, or a + b + c)
            for j in range(1, len(rest)):
                if rest[:j] in vocab and rest[j:] in vocab:
                    middle.add(rest[:j])
                    ends.append(rest[j:])
            if ends:
                first.add(a)
                last.update(ends)
                made.add(w)
            i += 1
    return first, middle, last, made.intersection(vocab)


def _compounds(c: _Corpus, kinds: bytes, closed_up: set[str], hyphenated: set[str]) -> list[tuple[int, int, tuple]]:
    """Where a compound that is written closed up (or hyphenated) somewhere is: each such word,
    and two or three words in a row, with no boundary between them or after them, whose
    letters are such a word: (first word, number of words, (letters, next word, surface))."""
    head, middle, tail, free = (*(lanes(kinds.translate(_IS[flag])) for flag in (_HEAD, _MIDDLE, _TAIL)),
                                lanes(c.gaps.translate(_NO_BREAK)))
    runs = []
    # (the runs looked at: of words that are the parts of such a word, in their places)
    for m, ok in ((2, head & free & (free >> 8) & (tail >> 8)),
                  (3, head & free & (middle >> 8) & (free >> 8) & (tail >> 16) & (free >> 16))):
        at = nonzero(ok.to_bytes(c.n, "little"))
        joined = map(add, c.lows(at), c.lows(map(add, at, repeat(1))))
        if m == 3:
            joined = map(add, joined, c.lows(map(add, at, repeat(2))))
        runs += zip(compress(at, map(closed_up.__contains__, joined)), repeat(m))
    in_runs = [(m, at, c.compounds(at, m)) for m, at in ((m, [k for k, n in runs if n == m]) for m in (2, 3))]
    closed = {joined for _, _, made in in_runs for joined, _, _ in made}
    closed.update(hyphenated)
    placed = []
    if closed:
        at = nonzero((lanes(kinds.translate(_IS[_CLOSED])) & free).to_bytes(c.n, "little"))
        at = list(compress(at, map(closed.__contains__, c.lows(at))))
        placed += zip(at, repeat(1), c.compounds(at, 1))
    for m, at, made in in_runs:
        placed += zip(at, repeat(m), made)
    return placed


def _varied_compounds(compounds: Iterable[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The compounds (letters, next word, surface) written two ways or more before the same
    next word, one of them hyphenated or closed up ("now here" / "no where" are two phrases)."""
    by_compound: dict[tuple[str, str], set[str]] = defaultdict(set)
    for joined, nxt, surface in compounds:
        if joined.isalpha():
            by_compound[(joined, nxt)].add(surface)
    return {(j, nx, s) for (j, nx), ss in by_compound.items()
            if len(ss) > 1 and any(" " not in x or "-" in x for x in ss) for s in ss}


def _windows(c: _Corpus, kinds: bytes) -> list[tuple[int, int, tuple[str, ...]]]:
    """The phrases compared for articles that are written with and without one (or with
    articles in different places): four successive words other than articles, with only
    articles between them and no boundary, the first and the last no function word, the last
    ending a phrase (a boundary or a function word other than "of" after it), as (first word,
    last word, the four words)."""
    letters = (lanes(kinds.translate(_LETTER)) + (lanes(c.gaps.translate(_IS_BREAK)) << 5)).to_bytes(c.n, "little")
    content, word, ends, ends_before, article = (lanes(letters.translate(_IS_LETTER[group]))
                                                 for group in (b"C", b"CSO", b"c", b"ASas", b"Aa"))
    last = ends | (content & (ends_before >> 8))
    # those with an article inside (few): each phrase and the distances between its words
    marked = content & ((article >> 8) | (article >> 16) | (article >> 24))
    found = list(_SPACED_WINDOW.finditer((lanes(letters) + (marked << 3)).to_bytes(c.n, "little")))  # (C + 8 = K)
    if not found:
        return []
    at = [list(map(methodcaller("start", j), found)) for j in range(PHRASE_WORDS)]
    keys = list(zip(*map(c.numbers, at)))  # (the words by number)
    spaced: dict[tuple[int, ...], set[tuple[int, ...]]] = defaultdict(set)
    for key, distances in zip(keys, zip(*(map(sub, b, a) for a, b in zip(at, at[1:])))):
        spaced[key].add(distances)
    found = list(zip(at[0], at[-1], keys))
    # those without (most): the four words in a row, looked up in C where the first word and
    # the last are those of a phrase with an article
    starts = nonzero((content & (word >> 8) & (word >> 16) & (last >> 24)).to_bytes(c.n, "little"))
    ahead = [c.ids[j:] for j in range(PHRASE_WORDS)]  # (word k + j's number at k: copies in C, no add a place)
    for j in (0, PHRASE_WORDS - 1):
        ends = {key[j] for key in spaced}
        starts = list(compress(starts, map(ends.__contains__, map(ahead[j].__getitem__, starts))))
    keys = list(zip(*(map(numbers.__getitem__, starts) for numbers in ahead)))
    for a, key in compress(zip(starts, keys), map(spaced.__contains__, keys)):
        spaced[key].add((1,) * (PHRASE_WORDS - 1))
        found.append((a, a + PHRASE_WORDS - 1, key))
    return [(a, e, tuple(c.names[i >> 8] for i in key)) for a, e, key in found if len(spaced[key]) > 1]


class _Where:
    """Character places of the words of one pair, for the few phrases pass 2 reports."""

    def __init__(self, c: _Corpus, index: int) -> None:
        self.index = index
        self.v, self.p = c.views[c.en.view_index(index)], c.en.pairs[index]
        self.first = c.bounds[index]  # the pair's first word in the corpus
        low = self.p.en.replace("’", "'").lower()
        self.spans = [m.span() for m in WORD.finditer(low)]
        self.exact = len(low) == len(self.p.en)

    def occ(self, k: int, last: int) -> _Occ:
        if self.exact:
            a, b = self.spans[k - self.first][0], self.spans[last - self.first][1]
        else:  # lower-casing changed the length (rare letters): no exact place
            a, b = 0, len(self.p.en)
        return _Occ(self.v, self.p, a, b, self.p.en[a:b])


def _report(
    surfaces: dict[str, list[_Occ]], kind: str, many: bool, reported: dict[tuple, list[tuple[int, int]]],
    said: set[tuple],
) -> Iterable[Finding]:
    """Findings for the occurrences of the non-reference surfaces; one per stretch of text
    (the windows of the article kind overlap, and should say one thing once)."""
    pairs_of = {s: {(o.view.file, o.pair.id) for o in occ} for s, occ in surfaces.items()}
    ref = max(surfaces, key=lambda s: len(pairs_of[s]))  # max keeps the first on a tie
    ref_occ = surfaces[ref][0]
    where = f"pair {ref_occ.pair.id}" + (f" of {ref_occ.view.file}" if many and ref_occ.view.file else "")
    why = {"spelling": "British and American spelling mixed", "hyphenation": "written with and without a hyphen",
           "article": "an article differs"}[kind]
    if kind == "hyphenation" and not any("-" in s for s in surfaces):
        why = "written as one word and as two"
    for surface, occ in surfaces.items():
        if surface == ref:
            continue
        for o in occ:
            if _covered_by_term(o):
                continue
            where_key = (o.view.file, o.pair.id, kind)
            spans = reported[where_key]
            if (where_key, surface) in said or _overlaps(spans, o.start, o.end):
                continue  # once per pair and stretch of text
            bisect.insort(spans, (o.start, o.end))
            said.add((where_key, surface))
            msg = f"“{o.surface}” here, “{ref_occ.surface}” in {len(pairs_of[ref])} pair(s) (first: {where}): {why}"
            yield Finding("variant-spelling", "info", o.pair.id, msg, term=ref, expected=ref_occ.surface, found=o.surface, file=o.view.file)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, pairwise disjoint spans (log n)."""
    i = bisect.bisect_left(spans, (start, end))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


def _covered_by_term(o: _Occ) -> bool:
    """The phrase overlaps an accepted glossary rendering: term-inconsistent speaks for it."""
    return o.pair.overlaps_accepted(o.start, o.end)
