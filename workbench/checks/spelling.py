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
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, compress, repeat
from operator import add, eq, itemgetter, methodcaller, ne, or_, sub
from typing import NamedTuple

from workbench.checks import Finding, Memo
from workbench.checks.masks import lanes, nonzero, table
from workbench.checks.view import PairView, View, english
from workbench.glossary.matching import Words, changed_run, read_words
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

    def __init__(self, views: list[View], lower: dict[str, str] | None = None) -> None:
        """(`lower`: the lower-case form of words read in an earlier run, `_Spelling.lower`:
        only the others are lower-cased, and all kept there.)"""
        en = english(views)
        self.en, self.views = en, views
        self.read = None  # (the words as read by `views.English`, where they are these words)
        if en.lowers_alike:  # (the words of the text lower-cased are its words lower-cased)
            read = self.read = en.read
            distinct = list(en.distinct if lower is None else en.distinct.difference(lower))
            found = dict(zip(distinct, "\n".join(distinct).replace("’", "'").lower().split("\n")))
            if lower is not None:
                lower.update(found)
                found = lower
            self.lower = found
        else:
            read = read_words([p.en.replace("’", "'").lower() for p in en.pairs])
            self.lower = {w: w for w in read.words}
        self.words = read.words
        self.n = len(self.words)
        self.bounds = read.bounds
        self._gaps = read.gaps

    @cached_property
    def gaps(self) -> bytes:
        """What is between each two words (`_GAP`), and a boundary after the last."""
        return _gap_bytes(self._gaps)

    @classmethod
    def part(cls, c: _Corpus, words: list[str], bounds: list[int], gaps: bytes) -> _Corpus:
        """The words of a run of texts (`bounds`: where each text's words begin, and their
        number; `gaps`: what is between them, a boundary after the last) as a corpus of their
        own, their lower-case forms `c`'s."""
        part = cls.__new__(cls)
        part.en, part.views, part.read, part.lower = c.en, c.views, None, c.lower
        part.words, part.n, part.gaps, part.bounds = words, len(words), gaps, bounds
        return part

    def classify(self, byte: dict[str, int]) -> bytes:
        """One byte for each word: `byte` of its lower-case form. (The low byte of a number
        each word is given, `ids`, the same for the same word in lower case, its other bytes
        telling which: `names`. Words compared by their numbers are compared without reading
        the words, strewn about memory, again.)"""
        self.names = names = list(byte)
        self.number = dict(zip(names, map(or_, map(byte.__getitem__, names), range(0, len(names) << 8, 1 << 8))))
        return self.numbered()

    def numbered(self) -> bytes:
        """`classify`'s bytes, each word's number taken from `number` (each lower-case word's)."""
        lower, number = self.lower, self.number
        if self.read is None and len(self.words) < len(lower):  # (a part: its words looked up one by one)
            numbers = list(map(number.__getitem__, map(lower.__getitem__, self.words)))
        else:  # (each distinct word's number worked out once)
            distinct = self.read.distinct if self.read is not None else set(self.words)
            numbers = list(map(dict(zip(distinct, map(number.__getitem__, map(lower.__getitem__, distinct)))).__getitem__,
                               self.words))
        # (an array made from a list: made from an iterator, it converts each number at twice the time)
        self.ids = array("I", numbers)
        return _low_bytes(self.ids)

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


def variant_spelling(views: list[View], memo: Memo | None = None) -> Iterable[Finding]:
    """(`memo`: what the run before read, `Memo.spelling`: after an edit only the edited
    run of pairs is read again, `_Spelling`.)"""
    if not any(p.en for v in views for p in v.pairs):
        return
    then = None if memo is None else memo.spelling
    if memo is not None:
        memo.spelling = None  # (until this run has read the text: a run that stops keeps nothing half-made)
    c = _Corpus(views, None if then is None else then.lower)
    state = _Spelling() if memo is not None and c.read is not None else None
    varied = _varied(c, then, state)
    spans: dict[str, array | None] = {}
    if state is not None:
        state.spans = spans
        memo.spelling = state
    known = {} if then is None else then.spans
    occurrences: dict[tuple, dict[str, list[_Occ]]] = defaultdict(lambda: defaultdict(list))
    where: _Where | None = None
    for k, _, last, key, surface in varied:
        pair = c.pair_of(k)
        if where is None or where.index != pair:
            where = _Where(c, pair, known, spans)
        occurrences[key][surface].append(where.occ(k, last))
    reported: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    said: set[tuple] = set()
    # shortest phrases first: "high tech" is the difference, not "high tech enterprises"
    for (kind, *_), by_surface in sorted(occurrences.items(), key=lambda kv: max(map(len, kv[1]))):
        if len(by_surface) > 1:
            yield from _report(by_surface, kind, len(views) > 1, reported, said)


class _Spelling:
    """What variant-spelling read of a run's text (`_Corpus`), kept for the next run
    (`checks.Memo.spelling`), which after an edit reads again only the words of the pairs
    from the first changed to the last (`_spliced`): a word's byte is a function of the
    words of the whole text in lower case (`vocab`) and the compounds written with a hyphen
    (`hyphens`) alone (`_code`), and each place found (`_Places`) of the words of one pair
    and their bytes, none running across pairs; only which of them vary is a matter of the
    whole text, picked out from all the places anew (`_chosen`)."""

    __slots__ = ("read", "lower", "vocab", "hyphens", "code", "spell_words", "closed_up", "names", "number", "ids",
                 "kinds", "gaps", "places", "spans")

    read: Words  # the words read (`views.English.read`)
    lower: dict[str, str]  # each word read → its lower-case form (`_Corpus.lower`)
    vocab: set[str]  # the words in lower case
    hyphens: Counter  # the letters of each compound written with a hyphen → how many times (`_hyphen_runs`)
    code: dict[str, int]  # each word of `vocab` → its byte (`_code`)
    spell_words: dict[str, str]
    closed_up: set[str]
    names: list[str]  # (`_Corpus.classify`)
    number: dict[str, int]
    ids: array
    kinds: bytes  # each word's byte
    gaps: bytes  # (`_Corpus.gaps`)
    places: _Places
    spans: dict[str, array | None]  # each English text of a pair reported → where its words are (`_Where`)


class _Places(NamedTuple):
    """Where what may vary is, before what varies is picked out (`_chosen`): the compounds
    written closed up (a word that is such a compound, `closed` once the whole text is read)
    and the runs of two and three words that are written so elsewhere (each place with its
    (letters, next word, surface)), the phrases with an article inside (first word, with its
    last word, the four words' numbers, the distances between them), and where the phrases
    of four words in a row without one begin. (Places as arrays: kept by the memo, a number
    object each took 28 bytes more.)"""

    singles: array
    singles_made: list[tuple[str, str, str]]
    runs: list[tuple[array, list[tuple[str, str, str]]]]  # (of two words, of three)
    spaced: tuple[array, array, list[tuple[int, ...]], list[tuple[int, ...]]]
    plain: array

    def moved(self, by: int) -> _Places:
        """The places `by` words on."""
        if not by:
            return self
        at, last, keys, distances = self.spaced
        return _Places(_moved(self.singles, by), self.singles_made, [(_moved(at, by), made) for at, made in self.runs],
                       (_moved(at, by), _moved(last, by), keys, distances), _moved(self.plain, by))

    def cut(self, first: int, last: int) -> tuple[_Places, _Places]:
        """The places before word `first`, and from word `last` on."""
        def split(at: array, *lists: Sequence) -> list[tuple]:
            i, j = bisect.bisect_left(at, first), bisect.bisect_left(at, last)
            return [(at[:i], *(x[:i] for x in lists)), (at[j:], *(x[j:] for x in lists))]
        singles, spaced, plain = split(self.singles, self.singles_made), split(*self.spaced), split(self.plain)
        runs = [split(at, made) for at, made in self.runs]
        return tuple(_Places(*singles[h], [r[h] for r in runs], spaced[h], plain[h][0])  # type: ignore[return-value]
                     for h in (0, 1))

    def __add__(self, other: _Places) -> _Places:  # type: ignore[override]
        return _Places(self.singles + other.singles, self.singles_made + other.singles_made,
                       [(a + c, b + d) for (a, b), (c, d) in zip(self.runs, other.runs)],
                       tuple(map(add, self.spaced, other.spaced)), self.plain + other.plain)  # type: ignore[arg-type]


def _moved(at: array, by: int) -> array:
    return array("I", list(map(add, at, repeat(by))))


def _gap_bytes(gaps: Sequence[str]) -> bytes:
    """`_GAP` of each text between words, and a boundary after the last word."""
    return bytes(map(_GAP.get, gaps, repeat(_BREAK))) + bytes((_BREAK,))


def _low_bytes(ids: array) -> bytes:
    """The low byte of each number."""
    size = ids.itemsize
    return ids.tobytes()[0 if sys.byteorder == "little" else size - 1::size]


def _varied(c: _Corpus, then: _Spelling | None = None, state: _Spelling | None = None) -> list[tuple[int, int, int, tuple, str]]:
    """Where the words, compounds and phrases written more than one way are, in the order of
    the text (pair by pair; in a pair, words spelled two ways, then compounds, then phrases):
    (first word, kind 0, 1 or 2, last word, key, surface). (`then`: what the run before read,
    taken where it can be, `_spliced`; `state`: what this run reads is kept there.)"""
    if not c.n:
        return []
    got = None if then is None else _spliced(c, then)
    if got is None:
        # Pass 1: which words, compounds and phrases can be written more than one way, and where.
        # A compound can vary only if one of its forms is hyphenated or closed up (a word that
        # elsewhere is two or three words run together); a phrase only if one of its forms has an
        # article inside.
        hyphens = _hyphen_runs(c)
        vocab = set(c.lower[w] for w in c.read.distinct) if c.read is not None else set(c.lower.values())
        code, spell_words, closed_up = _code(vocab, hyphens.keys())
        kinds = c.classify(code)
        places = _places(c, kinds, closed_up)
        got = vocab, hyphens, code, spell_words, closed_up, kinds, places
    vocab, hyphens, code, spell_words, closed_up, kinds, places = got
    if state is not None:
        if len(c.lower) > 2 * len(c.read.distinct):  # (the words of earlier runs let go now and then)
            c.lower = {w: c.lower[w] for w in c.read.distinct}
        state.read, state.lower, state.vocab, state.hyphens, state.code = c.read, c.lower, vocab, hyphens, code
        state.spell_words, state.closed_up, state.names, state.number = spell_words, closed_up, c.names, c.number
        state.ids, state.kinds, state.gaps, state.places = c.ids, kinds, c.gaps, places
    return _chosen(c, kinds, places, set(hyphens), spell_words)


def _code(vocab: set[str], hyphenated: Iterable[str]) -> tuple[dict[str, int], dict[str, str], set[str]]:
    """Each word of the text in lower case (`vocab`) → its byte, from those words and the
    compounds written with a hyphen (`hyphenated`, their letters) alone; the words spelled two
    ways (`_spelled_two_ways`); the words a compound of words of the text can be."""
    code = dict.fromkeys(vocab, _CONTENT)  # each distinct word (lower case) → its byte
    for w in EN_STOP.intersection(code):
        code[w] = _ARTICLE if w in _ARTICLES else _OF if w == "of" else _STOP
    spell_words = _spelled_two_ways(code)
    for w in spell_words:
        code[w] |= _SPELLED_TWO_WAYS
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
    return code, spell_words, closed_up


def _spliced(c: _Corpus, then: _Spelling) -> tuple | None:
    """What `_varied` reads of the text, from what the run before read (`then`) and the words
    of the pairs from the first changed to the last read again, where their bytes are those
    the run before gave the same words (else None: read in full). (`c` given the numbers of
    `then`'s words, and of any new word after them: the numbers tell words apart, and any
    will do.)"""
    old = then.read
    if c.read is None:
        return None
    a, b, b_old = changed_run(old.texts, c.read.texts)
    first, last, first_old, last_old = c.read.bounds[a], c.read.bounds[b], old.bounds[a], old.bounds[b_old]
    gaps = _gap_bytes(c.read.gaps[first:last - 1]) if last > first else b""
    new_part = _Corpus.part(c, c.words[first:last], [x - first for x in c.bounds[a:b + 1]], gaps)
    old_part = _Corpus.part(c, old.words[first_old:last_old], [x - first_old for x in old.bounds[a:b_old + 1]],
                            then.gaps[first_old:last_old])
    hyphens = then.hyphens.copy()
    hyphens.subtract(_hyphen_runs(old_part))
    hyphens.update(_hyphen_runs(new_part))
    hyphens = +hyphens  # (those written so no longer let go)
    vocab = set(map(c.lower.__getitem__, c.read.distinct))
    code, spell_words, closed_up = then.code, then.spell_words, then.closed_up
    if vocab != then.vocab or hyphens.keys() != then.hyphens.keys():
        code, spell_words, closed_up = _code(vocab, hyphens.keys())
        if any(map(ne, map(code.__getitem__, both := list(vocab.intersection(then.vocab))), map(then.code.__getitem__, both))):
            return None  # (a word's byte changed: its places, wherever they are, are read again)
    names, number = then.names, then.number
    if len(names) > 2 * len(vocab) + 1000:
        return None  # (numbered anew now and then: the numbers of words long gone let go)
    # (the words new to the text numbered after the others, one back after a run without it
    # too: its byte may have changed since; `names` and `number` kept, grown, by the next runs)
    new = list(vocab.difference(then.vocab))
    if new:
        names += new
        number.update(zip(new, map(or_, map(code.__getitem__, new), range(len(names) - len(new) << 8, len(names) << 8, 1 << 8))))
    c.names, c.number = names, number
    new_part.names, new_part.number = names, number
    part_kinds = new_part.numbered()
    c.ids = then.ids[:first_old] + new_part.ids + then.ids[last_old:]
    kinds = then.kinds[:first_old] + part_kinds + then.kinds[last_old:]
    c.__dict__["gaps"] = then.gaps[:first_old] + gaps + then.gaps[last_old:]
    before, after = then.places.cut(first_old, last_old)
    places = before + _places(new_part, part_kinds, closed_up).moved(first) + after.moved(last - last_old)
    return vocab, hyphens, code, spell_words, closed_up, kinds, places


def _chosen(c: _Corpus, kinds: bytes, places: _Places, hyphenated: set[str],
            spell_words: dict[str, str]) -> list[tuple[int, int, int, tuple, str]]:
    """Pass 2 of `_varied`: the places of the few that vary, from where they may (`places`)."""
    placed = _placed(places, hyphenated)
    compounds = list(map(itemgetter(2), placed))
    varied_compounds = _varied_compounds(set(compounds))  # (each written alike once)
    placed_windows = _windows(c, places)
    places_found: list[tuple[int, int, int, tuple, str]] = []
    for k in nonzero(kinds.translate(_IS[_SPELLED_TWO_WAYS])):
        w = c.low(k)
        places_found.append((k, 0, k, ("spelling", spell_words[w]), w))
    for k, m, (joined, nxt, surface) in compress(placed, map(varied_compounds.__contains__, compounds)):
        places_found.append((k, 1, k + m - 1, ("hyphenation", joined, nxt), surface))
    for k, last, key in placed_windows:
        places_found.append((k, 2, last, ("article",) + key, " ".join(c.lows(range(k, last + 1)))))
    places_found.sort(key=lambda pl: (c.pair_of(pl[0]), pl[1], pl[0], pl[2]))
    return places_found


def _places(c: _Corpus, kinds: bytes, closed_up: set[str]) -> _Places:
    """Where what may vary is in the words of `c` (`_Places`; `kinds`: each word's byte)."""
    singles, singles_made, runs = _compound_places(c, kinds, closed_up)
    spaced, plain = _window_places(c, kinds)
    return _Places(singles, singles_made, runs, spaced, plain)


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


def _hyphen_runs(c: _Corpus) -> Counter:
    """The letters of the compounds of two or three words written with a hyphen, each with the
    number of times it is read so (a run of words around each hyphen, with the word after
    them in one pair; each run of words, as written, joined once)."""
    hyphens = nonzero(c.gaps.translate(_IS_HYPHEN))
    runs: Counter = Counter()
    for shift, m in ((0, 2), (-1, 3), (0, 3)):
        # (the runs k … k + m - 1 around each hyphen with the word after them in one pair)
        ks = [i + shift for i in hyphens if 0 <= i + shift and i + shift + m < c.n]
        same = map(eq, map(bisect.bisect_right, repeat(c.bounds), ks),
                   map(bisect.bisect_right, repeat(c.bounds), map(add, ks, repeat(m))))
        ks = list(compress(ks, same))
        runs.update(zip(*(map(c.words.__getitem__, map(add, ks, repeat(j))) for j in range(m))))
    out: Counter = Counter()
    for run, n in runs.items():
        out["".join(map(c.lower.__getitem__, run))] += n
    return out


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


def _compound_places(c: _Corpus, kinds: bytes, closed_up: set[str]) -> tuple[list[int], list, list]:
    """Where a compound that may be written closed up (or hyphenated) somewhere is: each word
    that is such a compound, and two or three words in a row whose letters are such a word,
    with no boundary between them or after them: the places of the words, and of each with
    (letters, next word, surface); the runs of two words, and of three, so (`_placed` picks
    out the words that are a compound written in words elsewhere)."""
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
        at = list(compress(at, map(closed_up.__contains__, joined)))
        runs.append((array("I", at), c.compounds(at, m)))
    at = nonzero((lanes(kinds.translate(_IS[_CLOSED])) & free).to_bytes(c.n, "little"))
    return array("I", at), c.compounds(at, 1), runs


def _placed(places: _Places, hyphenated: set[str]) -> list[tuple[int, int, tuple[str, str, str]]]:
    """The compounds (first word, number of words, (letters, next word, surface)) of `places`:
    a word only where it is a compound found written in words, or with a hyphen."""
    closed = {joined for _, made in places.runs for joined, _, _ in made}
    closed.update(hyphenated)
    placed: list[tuple[int, int, tuple[str, str, str]]] = []
    if closed:  # (a word's letters, the first of its (letters, next word, surface))
        keep = map(closed.__contains__, map(itemgetter(0), places.singles_made))
        placed += compress(zip(places.singles, repeat(1), places.singles_made), keep)
    for m, (at, made) in zip((2, 3), places.runs):
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


def _window_places(c: _Corpus, kinds: bytes) -> tuple[tuple[array, array, list, list], array]:
    """Where the phrases compared for articles may be (`_windows`): those with an article
    inside (their first words, their last words, the four words of each by number, the
    distances between them: each such tuple made once), and where four words in a row without
    one begin, the first a content word and the last ending a phrase."""
    letters = (lanes(kinds.translate(_LETTER)) + (lanes(c.gaps.translate(_IS_BREAK)) << 5)).to_bytes(c.n, "little")
    content, word, ends, ends_before, article = (lanes(letters.translate(_IS_LETTER[group]))
                                                 for group in (b"C", b"CSO", b"c", b"ASas", b"Aa"))
    last = ends | (content & (ends_before >> 8))
    # those with an article inside (few): each phrase and the distances between its words
    marked = content & ((article >> 8) | (article >> 16) | (article >> 24))
    found = list(_SPACED_WINDOW.finditer((lanes(letters) + (marked << 3)).to_bytes(c.n, "little")))  # (C + 8 = K)
    spaced: tuple[array, array, list, list] = (array("I"), array("I"), [], [])
    if found:
        at = [list(map(methodcaller("start", j), found)) for j in range(PHRASE_WORDS)]
        keep = {}.setdefault
        keys = list(map(keep, *[list(zip(*map(c.numbers, at)))] * 2))  # (the words by number)
        distances = list(zip(*(map(sub, b, a) for a, b in zip(at, at[1:]))))
        spaced = array("I", at[0]), array("I", at[-1]), keys, list(map(keep, distances, distances))
    starts = nonzero((content & (word >> 8) & (word >> 16) & (last >> 24)).to_bytes(c.n, "little"))
    return spaced, array("I", starts)


def _windows(c: _Corpus, places: _Places) -> list[tuple[int, int, tuple[str, ...]]]:
    """The phrases compared for articles that are written with and without one (or with
    articles in different places): four successive words other than articles, with only
    articles between them and no boundary, the first and the last no function word, the last
    ending a phrase (a boundary or a function word other than "of" after it), as (first word,
    last word, the four words). (`places`: where they may be, `_window_places`.)"""
    at, last, keys, distances = places.spaced
    if not keys:
        return []
    spaced: dict[tuple[int, ...], set[tuple[int, ...]]] = defaultdict(set)
    for key, d in zip(keys, distances):
        spaced[key].add(d)
    found = list(zip(at, last, keys))
    # those without (most): the four words in a row, looked up in C where the first word and
    # the last are those of a phrase with an article
    starts = places.plain
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

    def __init__(self, c: _Corpus, index: int, known: dict[str, array | None], kept: dict[str, array | None]) -> None:
        """(`known`: the places read of each English text by the run before, `kept`: by this
        run, `_Spelling.spans`.)"""
        self.index = index
        self.v, self.p = c.views[c.en.view_index(index)], c.en.pairs[index]
        self.first = c.bounds[index]  # the pair's first word in the corpus
        en = self.p.en
        spans = known.get(en, False)
        if spans is False:
            low = en.replace("’", "'").lower()
            # (where each word starts and ends, one after the other; None where lower-casing
            # changed the length: rare letters)
            spans = array("I", chain.from_iterable(m.span() for m in WORD.finditer(low))) if len(low) == len(en) else None
        self.spans = kept[en] = spans

    def occ(self, k: int, last: int) -> _Occ:
        if self.spans is not None:
            a, b = self.spans[2 * (k - self.first)], self.spans[2 * (last - self.first) + 1]
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
