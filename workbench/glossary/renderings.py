"""How a Chinese term is rendered in each aligned pair that holds it (no glossary needed).

The engine of rendering-inconsistent (checks/rendering.py) and of `workbench terms`
(glossary/mining.py): one way of reading a rendering, so that what the check compares and what
`terms` proposes agree.

A term is split into dictionary words, longest first from the left (科技成果 = 科技 + 成果;
先导区 = 先导 + 区: a single character may end a term the dictionary lacks, as the head that
names its kind, when the file shows how that character is rendered: 区 → "zone" below). In a
pair, the term's rendering is the shortest run of English words, within a clause, that holds a
rendering of every one of those parts and no other content word, widened to the neighbouring
words that render one of them too ("sci-tech", "scientific and technological").

An English word renders a part when its stem is, or shares five letters with, one of the
part's glosses ("scientific" for science; "sci" and "tech" as clipped forms). Glosses come from
CC-CEDICT, and, where the dictionary's do not occur in a pair, from the aligned file itself:

- words the part is found with (a jieba word of three characters or more that the dictionary
  lacks: the content words found with it in every pair that holds it, at most 12 pairs);
- words associated with the part across the file: in three pairs or more that hold it, and in
  at least half of the pairs that hold either (区 → "zone", 园区 → "park"); but not a word so
  associated with two parts of the term at once, which is the whole term's context, not a
  part's rendering ("forget" for both 再说 and 一遍 where 再说一遍 recurs in one scene), for a
  part whose dictionary glosses are found in the term's pairs;
- for a word of two characters or more, the words learned so for its last character, the head
  (园区 is a kind of 区, and 区 is "zone" across the file: "industrial zones" renders 工业园区
  as well as "industrial parks" does);
- in a pair where no rendering is found so, the content word right before the rendering of the
  other parts stands for a part that is not the head (and is not rendered inside it), when two
  pairs or more, and half of those with such a word, agree on it and it
  renders no other Chinese word of the pair (先导 → "pilot" in "pilot zones" and "pilot areas").

Two renderings differ when some part is rendered by different words altogether ("sci-tech" /
"scientific and technological", "fields" / "areas"); a word more or less ("manufacturing
industry" / "manufacturing"), number, case, articles and word order do not count.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import accumulate, chain, compress, filterfalse, repeat
from operator import and_, attrgetter, ge, itemgetter

from workbench.glossary.dictionary import Dictionary, dictionary, pair_key
from workbench.text.normalize import EN_STOP, WORD, WordTable, stem, word_pieces

_CLAUSE = re.compile(r"[.,;:!?()\[\]\"“”]")
#: Marks that a pair's Chinese is cut at, to read its dictionary words piece by piece
#: (`_explained`; the Chinese is normalised: its full-width commas, colons, brackets are ASCII).
_MARKS = "，,。、;:!?()"
#: A word the dictionary lacks, found in at most this many pairs, takes its rendering from them.
ASSOC_MAX_PAIRS = 12
#: A word associated with a part across the file: in at least this many pairs that hold it …
LEARN_MIN_PAIRS = 3
#: … and in this share of the pairs that hold either (Jaccard).
LEARN_MIN_SHARE = 0.5
#: Pairs that must agree on the word next to the other parts' rendering.
SLOT_MIN_PAIRS = 2
#: `Renderings.renderable` reads a term's pairs only where it is in this many at most: it looks
#: at each pair's content words, and once a head at the file's words; a term in more pairs is
#: seldom rendered in fewer than two (on the bench's real text: 0.08 s spent for 0.05 saved).
RENDERABLE_MAX_PAIRS = 32

Parts = tuple[frozenset[str], ...]


def word_key(word: str) -> str:
    return _KEYS[word]


def _key(word: str) -> str:
    return stem(word.casefold().replace("’", "'"))


_KEYS = WordTable(_key)  # word → its key (stem, case folded)
_CONTENT = WordTable(lambda key: len(key) > 2 and key not in EN_STOP)  # key → whether a content word's
_NOT_STOP = WordTable(lambda key: key not in EN_STOP)  # key → whether it is no stop word
#: word → its key where a content word's, else "" (a pair's content words read in one pass: `Renderings._contents`)
_CONTENT_KEY = WordTable(lambda word: key if _CONTENT[key := _KEYS[word]] else "")
_FIVE = WordTable(itemgetter(slice(5)))  # key → its first five letters (`GlossMatcher.matching`: a look-up, not a slice made)
_LONG = WordTable(lambda key: len(key) >= 8 and key not in EN_STOP)  # key → whether it may be a compound (`_compounds`)
#: the text between two words → "1" where it joins them (`EnPair.joined`): a hyphen; ", "
_HYPHEN_BIT = WordTable(lambda gap: "1" if gap in ("-", "‐") else "0")
_LISTED_BIT = WordTable(lambda gap: "1" if gap == ", " else "0")


@lru_cache(maxsize=4096)
def _adjective(char: str) -> bool:
    """Whether jieba tags a character as an adjective or a distinguishing word (新, 大, 高),
    which may lead a term on its own; not a suffix (化) or a measure word (个)."""
    import rjieba

    return rjieba.tag(char)[0][1] in ("a", "b")


def components(term: str, d: Dictionary, known: Callable[[str], bool] | None = None) -> list[str]:
    """The term as dictionary words, longest first from the left (科技成果 → 科技, 成果).
    (`known`: whether a piece is a dictionary word, where looked up already.)"""
    out, i, size = [], 0, len(term)
    # (no word of two characters or more starts where these two do not begin one: not looked up)
    begins = list(map(d.prefixes.__contains__, map(pair_key, term, term[1:])))
    while i < size:
        if i + 1 < size and begins[i]:
            for n in range(min(4, size - i), 1, -1):
                piece = term[i:i + n]
                if piece != term and (known(piece) if known else d.lookup(piece) is not None):
                    break
            else:
                n = 1
        else:
            n = 1
        out.append(term[i:i + n])
        i += n
    return out


def dictionary_glosses(word: str, d: Dictionary) -> set[str]:
    """The dictionary's gloss words of `word` (two letters only as a syllable of its pinyin: the
    "xi" of 习近平 "Xi Jinping", not the "up" of 开放 "open up")."""
    found = d.lookup(word)
    if found is None:
        return set()
    syllables = found[0].split()
    return {g for g in map(str.casefold, found[1].split())
            if g not in EN_STOP and (len(g) > 2 or len(g) == 2 and g in syllables)}


def matches(token: str, glosses: Iterable[str]) -> bool:
    """Whether an English word (its key) renders one of the glosses: the gloss itself or its
    key, a piece of a hyphened one ("ferrous" of "non-ferrous"), five letters or more shared
    (scientific / science, industrial / industry; not advantages / advanced), or a clipped form
    of three or four letters (sci, tech); two letters only as a gloss itself (a name's
    syllable: Xi of 习近平). (`GlossMatcher` holds the rule: it reads the glosses once for
    many words.)"""
    return GlossMatcher(glosses)(token)


class GlossMatcher:
    """`matches` for one set of glosses, asked of many tokens: the glosses read once into what a
    token must be to match (a set lookup; five letters or more: the glosses begun so)."""

    __slots__ = ("glosses", "whole", "clipped", "by_five", "asked")

    def __init__(self, glosses: Iterable[str]) -> None:
        self.glosses = glosses = set(glosses)
        #: a token of three letters or more matching as a whole: a gloss, its key, a piece of a hyphened one
        self.whole = glosses | set(map(word_key, glosses))
        for g in glosses:
            if "-" in g:
                self.whole.update(g.split("-"))
        #: a token of three or four letters, a clipped form: the first three or four of a gloss of six or more
        self.clipped = {g[:n] for g in glosses if len(g) >= 6 for n in (3, 4)}
        #: a token of five letters or more sharing five or more with a gloss: those glosses by their first five
        self.by_five: dict[str, list[str]] = {}
        for g in glosses:
            if len(g) >= 5:
                self.by_five.setdefault(g[:5], []).append(g)
        #: token → `self(token)`, for the tokens `matching` asks so (those whose first five
        #: letters begin a gloss: a few a set of glosses, asked again for each term it is in)
        self.asked: WordTable | None = None

    def heads(self) -> set[str]:
        """The `_head`s of the tokens that may match: a token matches (`__call__`) only where
        its head is one of these (a gloss of two letters; the first three of one of three or
        more, of a clipped form, of a gloss of five or more)."""
        found = {g for g in self.glosses if len(g) == 2}
        found.update(w[:3] for w in self.whole if len(w) >= 3)
        found.update(c[:3] for c in self.clipped)
        found.update(f[:3] for f in self.by_five)
        return found

    def matching(self, tokens: AbstractSet[str], begun: Callable[[str], list[str]] | None = None) -> set[str]:
        """The tokens that match, each as `self(token)` says (worked out on the set at once).
        `begun`: the tokens begun with five letters given, where they can be looked up so (a
        file's words, `_Vocabulary`: those begun as a gloss looked up, not every token read)."""
        found = {t for t in tokens & self.whole if len(t) >= 3}
        found.update(t for t in tokens & self.glosses if len(t) == 2)
        found.update(tokens & self.clipped)  # (each three or four letters long)
        if self.by_five:  # (the tokens whose first five letters begin a gloss, picked in C: a shorter one's are itself)
            if begun is not None:
                heads = list(chain.from_iterable(map(begun, self.by_five)))
            else:
                heads = list(compress(tokens, map(self.by_five.__contains__, map(_FIVE.__getitem__, tokens))))
            if self.asked is None:  # (made of the matcher's sets, not of the matcher: no reference cycle)
                self.asked = WordTable(partial(_gloss_match, self.glosses, self.whole, self.clipped, self.by_five))
            found.update(compress(heads, map(self.asked.__getitem__, heads)))
        return found

    def __call__(self, token: str) -> bool:
        return _gloss_match(self.glosses, self.whole, self.clipped, self.by_five, token)


def _gloss_match(glosses: set[str], whole: set[str], clipped: set[str], by_five: dict[str, list[str]], token: str) -> bool:
    """`GlossMatcher.__call__`, of the matcher's sets."""
    n = len(token)
    if n < 3:
        return n == 2 and token in glosses
    if token in whole:
        return True
    if n <= 4:
        return token in clipped
    # (five letters or more shared, all but two of the shorter: `_shared`, compared in C)
    return any(token.startswith(g[:max(5, min(n, len(g)) - 2)]) for g in by_five.get(token[:5], ()))


def _head(token: str) -> str:
    """What `GlossMatcher.heads` indexes a token by: its first three letters (itself, of two)."""
    return token[:3]


def _shared(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _NOT_READ(pid: int) -> None:
    return None


class EnPair:
    """One pair's English, read once: its words, their keys, its content words."""

    def __init__(self, pid: int, en: str, words: list[str] | None = None, content: tuple[str, ...] | None = None) -> None:
        """`words`: `WORD.findall(en)`, if read already (the checks' views have); `content`:
        its content words' keys, if read already (the index has)."""
        self.id = pid
        self.en = en
        self.keys = keys = list(map(_KEYS.__getitem__, WORD.findall(en) if words is None else words))
        #: the content words' keys, each once (a tuple: a set of them took four times the
        #: memory, 14 MB on 10,000 pairs; whether a word of the pair is one: `_CONTENT`)
        self.content = tuple(set(compress(keys, map(_CONTENT.__getitem__, keys)))) if content is None else content

    @cached_property
    def long_keys(self) -> list[tuple[int, str]]:
        """(place, key) of the words that may be compounds (eight letters or more, no stop word)."""
        return list(compress(enumerate(self.keys), map(_LONG.__getitem__, self.keys)))

    @cached_property
    def places(self) -> tuple[array, array]:
        """Where each word starts and ends (asked for only in the pairs where a term is looked
        for; as numbers, not the matches: 30 MB less on 5,000 pairs of real text)."""
        self._split()
        return self.places

    @cached_property
    def unstopped(self) -> list[int]:
        """The places of the words that are no stop word (`_spans`: such a word inside a
        rendering must render a part of the term)."""
        return list(compress(range(len(self.keys)), map(_NOT_STOP.__getitem__, self.keys)))

    @cached_property
    def clauses(self) -> tuple[bytes | array, bytes | array]:
        """For each word, how many clause and quotation marks (`_CLAUSE`) are before its start,
        and before its end (one object where no word holds one: "3.5"): a mark between word i
        and word j is `clauses[0][j] > clauses[1][i]` (`clause_break`, asked of every span of
        every term looked for in the pair: two look-ups, not a search; read once a pair, the
        marks' places not kept). As bytes where there are fewer than 256 marks."""
        marks = list(map(re.Match.start, _CLAUSE.finditer(self.en)))
        starts, ends = self.places
        before_start = list(map(bisect_left, repeat(marks), starts))
        before_end = list(map(bisect_left, repeat(marks), ends))
        kind = bytes if len(marks) < 256 else partial(array, "I")
        first = kind(before_start)
        return (first, first) if before_start == before_end else (first, kind(before_end))

    def clause_break(self, i: int, j: int) -> bool:
        """A clause or quotation boundary between word i and word j (a mark from word i's end
        on, before word j's start)."""
        starts, ends = self.clauses
        return starts[j] > ends[i]

    @cached_property
    def joined(self) -> tuple[int, int]:
        """The words i joined to word i + 1 by a hyphen (`hyphened`), and by a comma only
        (`listed`), as numbers with bit i set (sets of them took 8 MB on 10,000 pairs of real
        text): read once a pair (asked of every span of every term looked for in it)."""
        self._split()
        return self.joined

    def _split(self) -> None:
        """`places` and `joined`, read from the text split at its words (in C: the text between
        words i and i + 1 at 2i + 2, where each piece starts summed from their lengths; each
        text between two words looked up as a hyphen, ", " or neither)."""
        pieces, at = word_pieces(self.en)
        kind = "H" if len(self.en) < 1 << 16 else "I"  # (two bytes a place where they fit: 2 MB less on 10,000 pairs)
        self.places = array(kind, at[1:-1:2]), array(kind, at[2::2])
        gaps = pieces[2:-1:2]
        self.joined = (int("".join(map(_HYPHEN_BIT.__getitem__, reversed(gaps))) or "0", 2),
                       int("".join(map(_LISTED_BIT.__getitem__, reversed(gaps))) or "0", 2))

    def hyphened(self, i: int) -> bool:
        """Word i and word i + 1 are joined by a hyphen."""
        return i >= 0 and bool(self.joined[0] >> i & 1)

    def bridged(self, i: int) -> bool:
        """Word i and word i + 2 are joined by "and", "of" or a comma-separated list."""
        starts, ends = self.places
        gap = self.en[ends[i]:starts[i + 2]]
        return self.keys[i + 1] in ("and", "of") and gap.strip(" ,") == self.en[starts[i + 1]:ends[i + 1]]

    def listed(self, i: int) -> bool:
        """Word i and word i + 1 are separated by a comma only ("science, technology")."""
        return i >= 0 and bool(self.joined[1] >> i & 1)

    def surface(self, span: tuple[int, int]) -> str:
        starts, ends = self.places
        return self.en[starts[span[0]]:ends[span[1]]]


@dataclass(slots=True)
class Seen:
    """A term's renderings in one pair: word spans, shortest first, their parts and text."""

    pair: int
    parts: list[Parts]
    surfaces: list[str]
    ends_phrase: bool = True  # the first rendering is not followed by another content word (a head)
    next_word: str | None = None  # … else that word (its key)


@dataclass
class Verdict:
    """What most of a term's pairs render it as, and where it is rendered otherwise."""

    expected: str  # the majority rendering, as written in its first pair
    same: list[int]  # the pairs with a rendering agreeing with it
    odd: list[tuple[int, str]]  # (pair, its rendering) where none agrees


class _ContentIndex:
    """Of every pair of a file, read: the number of pairs holding each content word (`df`), and
    two ways to count, in a set of pairs, the words in a range of pairs of the file (`counts`):
    each pair's content words by tier, a word in d pairs of the file being in tier
    d.bit_length() − 1 (one pair: 0, two or three: 1, four to seven: 2, …; each tier made
    when first asked), or each word's pairs as a number with a bit a pair (made when first
    asked)."""

    #: What each way costs, in words counted by tier (measured, Dec 1, on 10,000 pairs of real
    #: text and of the bench): a pair looked up in one tier; a pair's bit set; a word's pairs
    #: ANDed with the set's and counted; a set's bits made and read.
    TIER_PAIR, MASK_PAIR, MASK_WORD, MASK_FIXED = 2, 1, 8, 3000
    #: `counts` by tiers counts the first pairs, all but `floor` less this many, first: a word
    #: in fewer of those than this is in fewer than `floor` of all.
    EARLY = 8
    #: … and counts every content word of the pairs where they hold this many at most.
    CONTENT_MAX = 1000

    def __init__(self, ids: list[int], contents: Iterable[tuple[str, ...]]) -> None:
        """`contents`: each pair's content words' keys, each once (`EnPair.content`), in the
        order of `ids`; kept, by id, in `content` (for the pairs read later)."""
        #: pair → its content words' keys, each once
        self.content: dict[int, tuple[str, ...]] = dict(zip(ids, contents))
        postings: dict[str, list[int]] = defaultdict(list)
        for pid, keys in self.content.items():
            for k in keys:
                postings[k].append(pid)
        self.df = dict(zip(postings, map(len, postings.values())))
        self._postings = postings
        self._keys = sorted(postings, key=self.df.__getitem__, reverse=True)  # (most pairs first)
        self._fewer = [-self.df[k] for k in self._keys]  # (ascending, for bisection)
        self._bit = dict(zip(ids, range(len(ids))))
        self._counted()

    def _counted(self) -> None:
        """What is worked out of the pairs holding each word (`df`, `_postings`), and made
        when asked of them: emptied."""
        self._masks: dict[str, int] = {}
        # each tier's words in all: for the cost of counting by tiers (`counts`), before any is made
        self._in_tier = [0] * (max(self.df.values(), default=1).bit_length())
        for n, m in Counter(self.df.values()).items():
            self._in_tier[n.bit_length() - 1] += n * m
        self._tiers: dict[int, dict[int, tuple[str, ...]]] = {}
        self._per_pair = sum(self.df.values()) / max(len(self._bit), 1)  # (content words)

    def let_go(self) -> None:
        """Let go what was made when asked (the pairs of each word as a number, the tiers)."""
        self._masks, self._tiers = {}, {}

    #: `again` reads anew where more pairs than this changed.
    AGAIN_MAX = 50

    def again(self, ids: list[int], contents: Iterable[tuple[str, ...]]) -> _ContentIndex:
        """`_ContentIndex(ids, contents)` from this index of the same pairs in the same order
        (else read anew), where the content words of a few changed (an edit): only the pairs
        holding the words those pairs took or lost changed. (The words in as many pairs may
        come in another order in `_keys`: its order among them is none that counts, as the
        order of each pair's words, a set's, is none.)"""
        contents = list(contents)
        if len(ids) != len(self._bit) or not all(map(int.__eq__, ids, self._bit)):
            return _ContentIndex(ids, contents)
        old = self.content
        changed = [(pid, now) for pid, now in zip(ids, contents) if old[pid] != now]
        if len(changed) > self.AGAIN_MAX:
            return _ContentIndex(ids, contents)
        new = _ContentIndex.__new__(_ContentIndex)
        new.content = dict(zip(ids, contents)) if changed else old
        new._bit = bit = self._bit
        postings, df = (self._postings.copy(), self.df.copy()) if changed else (self._postings, self.df)
        for pid, now in changed:
            before = set(old[pid])
            for k in before.difference(now):  # (a new list: the old one may be held)
                held = postings[k] = [p for p in postings[k] if p != pid]
                if held:
                    df[k] = len(held)
                else:
                    del postings[k], df[k]
            for k in set(now).difference(before):
                held = postings[k] = list(postings.get(k, ()))
                insort(held, pid, key=bit.__getitem__)
                df[k] = len(held)
        new._postings, new.df = postings, df
        if changed:
            new._keys = sorted(postings, key=df.__getitem__, reverse=True)  # (most pairs first)
            new._fewer = [-df[k] for k in new._keys]  # (ascending, for bisection)
        else:
            new._keys, new._fewer = self._keys, self._fewer
        new._counted()
        return new

    def _tier(self, t: int) -> dict[int, tuple[str, ...]]:
        """Pair → its content words in tier t (in 2**t to 2**(t + 1) − 1 pairs of the file), for
        the pairs holding one; made when first asked (the tiers of the heads asked: a few)."""
        tier = self._tiers.get(t)
        if tier is None:
            words = self._keys[bisect_right(self._fewer, -(1 << t + 1)):bisect_right(self._fewer, -(1 << t))]
            by_pair: dict[int, list[str]] = defaultdict(list)
            postings = self._postings
            for k in words:
                deque(map(list.append, map(by_pair.__getitem__, postings[k]), repeat(k)), 0)  # (appended in C)
            # (kept as tuples: less memory than the lists)
            tier = self._tiers[t] = dict(zip(by_pair, map(tuple, by_pair.values())))
        return tier

    def counts(self, ids: list[int], floor: float, most: int) -> dict[str, int]:
        """The words in `floor` pairs or more of the pairs `ids`, with the number of those
        pairs holding each: every such word in `floor` to `most` pairs of the file, and perhaps
        others. Only the words of the tiers of `floor` to `most` are counted, or only the words in `floor` to
        `most` pairs, by their masks, whichever costs less: a head held in hundreds of pairs of
        real text, whose pairs hold many words of its tiers, is counted by masks; one held in
        few, by tiers; one held in a few pairs, every content word of those (`CONTENT_MAX`).
        (Counting every word of every head's pairs took 0.1–0.2 s on the bench's 10,000 pairs,
        and each way alone twice what both take on real text.)"""
        lo, hi = max(math.ceil(floor), 1).bit_length() - 1, min(max(most, 0).bit_length(), len(self._in_tier))
        words = self._keys[bisect_right(self._fewer, -(most + 1)):bisect_right(self._fewer, -floor)]
        by_tiers = len(ids) * (self.TIER_PAIR * max(hi - lo, 0) + sum(self._in_tier[lo:hi]) / max(len(self._bit), 1))
        if self.MASK_FIXED + self.MASK_PAIR * len(ids) + self.MASK_WORD * len(words) < by_tiers:
            held = self._mask(ids)
            n = list(map(int.bit_count, map(and_, map(self._word_mask, words), repeat(held))))  # (in C)
            return dict(compress(zip(words, n), map(ge, n, repeat(floor))))
        if len(ids) * self._per_pair <= self.CONTENT_MAX:
            # (a few pairs: every content word of theirs counted, with no tier made for them;
            # a word out of the range cannot pass `learned` either)
            content = self.content

            def words_of(pairs: list[int]) -> Iterator[str]:
                return chain.from_iterable(map(content.__getitem__, pairs))
        else:
            tiers = list(map(self._tier, range(lo, hi)))

            def words_of(pairs: list[int]) -> Iterator[str]:  # (each pair's words of those tiers)
                return chain.from_iterable(chain.from_iterable(filter(None, map(tier.get, pairs)) for tier in tiers))

        # A word held in fewer than `early` of the first `m` pairs is held in fewer than `floor`
        # of all: where no word of the range is held so, none is counted in the others (on the
        # bench's random text, most heads; on real text, a head's words are held in most of its
        # pairs, and the others are counted too)
        early = self.EARLY
        m = len(ids) - math.ceil(floor) + early
        if m < len(ids):
            counted = Counter(words_of(ids[:m]))
            df = self.df
            if not any(floor <= df[k] <= most for k in compress(counted, map(ge, counted.values(), repeat(early)))):
                return {}
            counted.update(words_of(ids[m:]))
        else:
            counted = Counter(words_of(ids))
        return dict(compress(counted.items(), map(ge, counted.values(), repeat(floor))))  # (picked in C)

    def pairs_of(self, key: str) -> list[int]:
        """The pairs holding the content word `key` (not to be changed)."""
        return self._postings.get(key, [])

    def _mask(self, ids: Iterable[int]) -> int:
        """The pairs `ids` as a number: bit k for the k-th pair of the file."""
        bits = bytearray((len(self._bit) + 7) // 8)
        for k in map(self._bit.__getitem__, ids):
            bits[k >> 3] |= 1 << (k & 7)
        return int.from_bytes(bits, "little")

    def _word_mask(self, word: str) -> int:
        m = self._masks.get(word)
        if m is None:
            m = self._masks[word] = self._mask(self._postings[word])
        return m


def _by_char(texts: dict[int, str], chars: frozenset[str] | None = None) -> dict[str, list[int]]:
    """Each character (of `chars`, if given) → the ids of the texts holding it, in order."""
    index: dict[str, list[int]] = defaultdict(list)
    for pid, text in texts.items():
        for c in set(text) if chars is None else chars.intersection(text):
            index[c].append(pid)
    return index


def learn_range(pairs: int) -> tuple[float, int]:
    """For a Chinese word in `pairs` pairs, the pairs of the file an English word must be in,
    at least and at most, to be learned for it (`Renderings.learned`): as df ≥ n, n ≥ share ×
    (pairs + df − n) needs n ≥ share × pairs (a key in fewer of its pairs cannot pass); and as
    n ≤ pairs, df ≤ n / share − pairs + n needs df ≤ pairs / share."""
    return max(LEARN_MIN_PAIRS, LEARN_MIN_SHARE * pairs), int(pairs / LEARN_MIN_SHARE)


def learn_limit(n: int, pairs: int) -> int:
    """The most pairs of the file an English word in n of a Chinese word's `pairs` pairs may
    be in, to be learned for it (in LEARN_MIN_SHARE of the pairs that hold either)."""
    return int(n / LEARN_MIN_SHARE - pairs + n)


class Renderings:
    """The aligned pairs of one document, ready to tell how a Chinese term is rendered."""

    def __init__(self, pairs: Iterable[tuple[int, str, str]], d: Dictionary | None = None,
                 units: Callable[[str], list[int]] | None = None, loose: bool = False,
                 words: Callable[[int], list[str] | None] | None = None, chars: Iterable[str] | None = None,
                 contents: dict[str, tuple[str, ...]] | None = None) -> None:
        """`pairs`: (id, Chinese normalised as normalize_zh(…).replace('"', ''), English), or
        the two as dicts by id, (Chinese, English), with the same ids in the same order (kept
        as they are, not copied, where no text is empty); `units`: the pairs where a Chinese
        word is a unit (a jieba word or run of them), for the words the dictionary lacks (by
        default: where it is a substring). `loose` (term mining, where each candidate is a
        pairing to confirm, not a finding): a term may start with one character (新材料), and a
        word of two characters that the dictionary lacks is glossed by its characters (新质 →
        new, quality). `words`: a pair's English words (`WORD.findall`) by its id, where read
        already, else None. `chars`: the characters of the Chinese words that `holding` (and
        `learned`, `fallback`) will be asked about, where known (the others are looked for
        through every pair). `contents`: English text → its content words' keys (`EnPair.content`)
        where read already (an earlier run's, `checks.rendering.DocumentMemo`)."""
        self.d = d or dictionary()
        self.words_of = words or _NOT_READ
        self.loose = loose
        self.units = units
        self.zh_of: dict[int, str]
        self.en_of: dict[int, str]
        by_id = isinstance(pairs, tuple) and len(pairs) == 2 and isinstance(pairs[0], dict)
        if by_id and "" not in pairs[0].values() and "" not in pairs[1].values():
            self.zh_of, self.en_of = pairs
        else:
            if by_id:
                pairs = zip(pairs[0], pairs[0].values(), pairs[1].values())
            rows = list(pairs)
            rows = list(compress(rows, map(all, map(itemgetter(1, 2), rows))))  # (both sides non-empty; in C)
            self.zh_of = dict(zip(map(itemgetter(0), rows), map(itemgetter(1), rows)))
            self.en_of = dict(zip(map(itemgetter(0), rows), map(itemgetter(2), rows)))
        self._pairs: dict[int, EnPair] = {}
        self._holding: dict[str, list[int]] = {}
        self._by_char: dict[str, list[int]] | None = None
        self._chars = None if chars is None else frozenset(chars)
        self._index: _ContentIndex | None = None
        self._glosses: dict[str, set[str]] = {}
        self._fallback: dict[str, set[str]] = {}
        self._learned: dict[str, set[str]] = {}
        #: Chinese word → what `learned` counted for it: the pairs holding it, and the words
        #: in `floor` pairs or more of those with how many hold each (`_ContentIndex.counts`)
        #: Chinese word → what `learned` counted for it: the pairs holding it, and the words
        #: counted in those (`_ContentIndex.counts`)
        self.counted: dict[str, tuple[int, dict[str, int]]] = {}
        self._known_contents = contents
        #: an earlier run's index of the same pairs, to read `index` from (`checks.rendering`)
        self.index_then: _ContentIndex | None = None
        #: how many words `holding` finds by looking through every pair before it indexes
        #: the pairs by character: where the engine is asked about a few words (after an
        #: edit, with an earlier run's memo), the index took longer than those looks
        self.scans = 0
        #: term → `components`, as `parts` found them (a function of the dictionary alone:
        #: an engine may be given an earlier engine's)
        self.components: dict[str, tuple[str, ...]] = {}
        self._inputs: dict[str, tuple[list[str], list[set[str]], list[set[str]]] | None] = {}
        self._heads: dict[str, tuple[set[str], int] | None] = {}
        self._found: dict[frozenset[str], frozenset[str]] = {}  # (`_in_file`)
        self._by_piece: dict[str, list[str]] = {}  # (`_compound_words`)

    # -- the pairs -------------------------------------------------------------------------

    def pair(self, pid: int) -> EnPair:
        p = self._pairs.get(pid)
        if p is None:
            content = self._index.content.get(pid) if self._index is not None else None
            p = self._pairs[pid] = EnPair(pid, self.en_of[pid], self.words_of(pid), content)
        return p

    def pairs_read(self, ids: list[int]) -> list[EnPair]:
        """The pairs, read (`pair`); the keys of the words of those not read yet looked up all
        at once first (in C for the words that are their own key: `WordTable.fill`). (Asked of
        every head's pairs, thousands of pairs a head: the pairs read already are picked in C.)"""
        pairs = self._pairs
        new = list(filterfalse(pairs.__contains__, ids))
        if len(new) > 1 and self._index is None:  # (the index has looked up every pair's words)
            read = list(map(self.words_of, new))
            if None not in read:  # (the checks' views have read them)
                _KEYS.fill(chain.from_iterable(read))
            else:
                _KEYS.fill(WORD.findall(" ".join(map(self.en_of.__getitem__, new))))
        for pid in new:
            self.pair(pid)
        return list(map(pairs.__getitem__, ids))

    def at_most(self, key: str, limit: int) -> bool:
        """Whether an English content word (its key) is in at most `limit` pairs."""
        return self.index.df.get(key, 0) <= limit

    @property
    def index(self) -> _ContentIndex:
        """Every pair's content words, indexed (read when first asked; from `index_then`, an
        earlier run's on the same pairs, where given: `_ContentIndex.again`)."""
        if self._index is None:
            ids = list(self.en_of)
            then, self.index_then = self.index_then, None
            self._index = (_ContentIndex(ids, self._contents(ids)) if then is None
                           else then.again(ids, self._contents(ids)))
        return self._index

    def _contents(self, ids: list[int]) -> Iterator[tuple[str, ...]]:
        """`EnPair.content` of each pair, read without making the pairs: the index reads every
        pair of the file, where the renderings read those of the terms (on the bench, a
        quarter), and the pairs and their words' keys kept took 11 MB on 10,000 pairs. (The
        English texts read already, `contents`, taken as read.)"""
        known = self._known_contents
        if not known:
            return self._read_contents(ids)
        found = list(map(known.get, map(self.en_of.__getitem__, ids)))
        if None in found:
            new = [pid for pid, content in zip(ids, found) if content is None]
            read = iter(list(self._read_contents(new)))
            found = [content if content is not None else next(read) for content in found]
        return iter(found)

    def _read_contents(self, ids: list[int], chunk: int = 512) -> Iterator[tuple[str, ...]]:
        """`_contents` of these pairs, read: `chunk` pairs at a time, the keys of their words
        looked up at once first, as `pairs_read` does."""
        content_key = _CONTENT_KEY.__getitem__
        for at in range(0, len(ids), chunk):
            part = ids[at:at + chunk]
            read = list(map(self.words_of, part))
            if None in read:
                read = [WORD.findall(self.en_of[pid]) if words is None else words for pid, words in zip(part, read)]
            _KEYS.fill(chain.from_iterable(read))
            for words in read:
                found = set(map(content_key, words))
                found.discard("")
                yield tuple(found)

    def holding(self, zh: str) -> list[int]:
        """The pairs whose Chinese holds `zh`, in order (not to be changed): of the pairs holding
        its rarest character (`_by_char`), those holding all of it. (Looking through every pair
        for each word asked grew with the pairs times the words: 0.8 s of 2.4 on 10,000 pairs.)"""
        found = self._holding.get(zh)
        if found is None:
            if not zh:
                return list(self.zh_of)
            indexed = self._chars is None or self._chars.issuperset(zh)  # (all its characters in `_by_char`)
            if not indexed or self._by_char is None and self.scans > 0:
                # (not indexed, or not yet, where an engine is asked about a few words: every
                # pair looked through)
                if indexed:
                    self.scans -= 1
                zh_of = self.zh_of
                found = self._holding[zh] = list(compress(zh_of, map(str.__contains__, zh_of.values(), repeat(zh))))
                return found
            if self._by_char is None:
                self._by_char = _by_char(self.zh_of, self._chars)
            fewest = min((self._by_char.get(c, []) for c in set(zh)), key=len)
            if len(zh) == 1:
                return fewest  # (the index's own list, not copied: 5 MB on 10,000 pairs of real text)
            zh_of = self.zh_of
            found = self._holding[zh] = list(compress(fewest, map(str.__contains__, map(zh_of.__getitem__, fewest), repeat(zh))))
        return found

    # -- glosses ---------------------------------------------------------------------------

    def parts(self, term: str) -> list[str] | None:
        """The term's parts (dictionary words; the last may be one character; for a `loose`
        engine, the first too when it is an adjective: 新 + 材料, 大 + 飞机, 新 + 能源 + 汽车), or None when
        it is not made of two or more."""
        if not self.loose and not self.d.has_prefix(term[:2]):
            # (no dictionary word starts so: the first part would be one character; this test
            # rendering-inconsistent makes on all units at once, and counts only those passing)
            return None
        known = self._known.__getitem__  # (the pieces of terms looked up once a file: terms share them)
        found = self.components.get(term)
        if found is None:
            found = self.components[term] = tuple(components(term, self.d, known))
        parts = list(found)
        if self.loose:  # single characters in a row make one modifier the dictionary lacks (新 + 质: 新质)
            merged: list[str] = []
            for n, c in enumerate(parts):
                if merged and len(c) == 1 and len(merged[-1]) == 1 and n + 1 < len(parts):
                    merged[-1] += c
                else:
                    merged.append(c)
            parts = merged
        if (self.loose and len(parts) == 2 and len(parts[0]) == 1 and len(parts[1]) >= 2 and not known(term)
                and _adjective(parts[0])):
            return parts
        # (a leading adjective before more parts too: 新 + 能源 + 汽车)
        lead = 1 if self.loose and len(parts) > 2 and len(parts[0]) == 1 and _adjective(parts[0]) else 0
        if len(parts) < 2 or any(len(c) < 2 for c in parts[lead:-1]):
            return None
        if len(parts[-1]) < 2 and (known(term) or not self.learned(parts[-1])):
            return None  # a one-character head only where the file shows how it is rendered
        return parts

    def glosses(self, word: str) -> set[str]:
        """The dictionary's glosses of a word; for a word it lacks, the content words found
        with it in every pair that holds it."""
        g = self._glosses.get(word)
        if g is None:
            g = dictionary_glosses(word, self.d)
            if not g and self.loose and len(word) == 2 and self.d.lookup(word) is None:
                g = dictionary_glosses(word[0], self.d) | dictionary_glosses(word[1], self.d)
            if not g and len(word) >= 3:
                ids = self.units(word) if self.units is not None else self.holding(word)
                if ids and len(ids) <= ASSOC_MAX_PAIRS:
                    first, *rest = (self.pair(i).content for i in ids)
                    g = {k for k in set(first).intersection(*rest) if self.at_most(k, 2 * len(ids))}
            self._glosses[word] = g
        return g

    def learned(self, zh: str) -> set[str]:
        """English words associated with `zh` across the file (in LEARN_MIN_PAIRS pairs that
        hold it, and in LEARN_MIN_SHARE of the pairs that hold either)."""
        g = self._learned.get(zh)
        if g is None:
            ids = self.holding(zh)
            g = self.learn(zh, len(ids), self.index.counts(ids, *learn_range(len(ids))))
        return g

    def learn(self, zh: str, n: int, both: dict[str, int]) -> set[str]:
        """`learned` for `zh` from its counts: `n` pairs hold it, `both` the words counted in
        them, with how many of those hold each (kept in `counted`; an earlier run's, where the
        pairs holding `zh` are the same: `checks.rendering.DocumentMemo`): those in few enough
        pairs of this file."""
        self.counted[zh] = n, both
        g = self._learned[zh] = {k for k, c in both.items() if self.at_most(k, learn_limit(c, n))}
        return g

    def learned_as(self, zh: str, n: int, both: dict[str, int], learned: set[str]) -> None:
        """`learn(zh, n, both)` where what it learns is known: an earlier run's from the same
        counts, none of whose English words is in another number of pairs of the file now
        (`checks.rendering.DocumentMemo`)."""
        self.counted[zh] = n, both
        self._learned[zh] = learned

    def fallback(self, word: str) -> set[str]:
        """Glosses used in a pair where the word's own find no rendering: the words learned
        from the file for it, and (a word of two characters or more) for its last character."""
        g = self._fallback.get(word)
        if g is None:
            g = set(self.learned(word))
            if len(word) >= 2:
                head = word[-1]
                g |= self.learned(head)
            self._fallback[word] = g = g - self.glosses(word)
        return g

    # -- renderings ------------------------------------------------------------------------

    def inputs(self, term: str) -> tuple[list[str], list[set[str]], list[set[str]]] | None:
        """What the term's renderings in its pairs are read with, besides those pairs' text:
        its parts, each part's glosses and the file's words for it (`fallback`); None where it
        is no term (`parts`). (`of` gives the same for the same inputs and pairs' texts: a
        memo of an earlier run, `checks.Memo`, relies on it; read once a term: the memo asks,
        then `of`.)"""
        if term not in self._inputs:
            parts = self.parts(term)
            self._inputs[term] = None if parts is None else (
                parts, [self.glosses(c) for c in parts], [self.fallback(c) for c in parts])
        return self._inputs[term]

    def renderable(self, term: str, ids: list[int]) -> int:
        """At most how many of the pairs `ids` `of` finds the term rendered in (0 where it is no
        term): those holding a content word that may render its head (`_head_words`: a pair
        where no word may has no span; and a head, unlike a modifier, has no words found for
        it from the pairs, `_read`'s slots), read from each pair's content words
        (`_ContentIndex`), no pair read. (All of them, not read, for a term in more than
        RENDERABLE_MAX_PAIRS pairs, or where the file holds such words in so many pairs that
        the term's may be expected to hold them in four or more, as large a share as the
        file's: the bound would seldom be below two. Of the candidate terms of the bench's
        synthetic text, two thirds are rendered in no pair.)"""
        read = self.inputs(term)
        if read is None:
            return 0
        if len(ids) > RENDERABLE_MAX_PAIRS:
            return len(ids)
        head = self._head_words(read[0][-1])
        if head is None or head[1] * len(ids) >= 4 * len(self.en_of):
            return len(ids)
        content = self.index.content
        return len(ids) - sum(map(head[0].isdisjoint, map(content.__getitem__, ids)))

    def _head_words(self, word: str) -> tuple[set[str], int] | None:
        """The content words of the file that may render `word` as the head of a term, in any
        reading of `_read`: those matching its glosses or the file's words for it (`fallback`:
        `of` may use them), and the long ones that may be a compound ending with it
        (`_compound`: holding the first five letters of such a gloss from their fourth on);
        and the number of pairs holding each, summed. None where a word of two letters may (no
        content word has fewer than three). (Once a word, for every term it heads.)"""
        if word in self._heads:
            return self._heads[word]
        glosses = self.glosses(word) | self.fallback(word)
        found = None
        if all(len(g) > 2 for g in glosses):
            vocabulary = self._vocabulary
            words = self._matcher(glosses).matching(vocabulary.words, vocabulary.begun)
            words.update(vocabulary.holding_from_fourth({g[:5] for g in glosses if len(g) >= 5}))
            found = words, sum(map(self.index.df.__getitem__, words))
        self._heads[word] = found
        return found

    @cached_property
    def _vocabulary(self) -> _Vocabulary:
        return _Vocabulary(self.index.df)

    def of(self, term: str, ids: list[int] | None = None) -> list[Seen]:
        """The term's renderings in each pair that holds it (`ids`: those pairs, by default
        where it is a substring); pairs where none is found are left out."""
        read = self.inputs(term)
        if read is None:
            return []
        parts, own, extra = read
        ids = self.holding(term) if ids is None else ids
        # a word learned for two parts of the term at once goes with the whole term's pairs (its
        # context: "forget" wherever 再说 and 一遍 are, in one scene), not with a part whose own
        # glosses are found there (军 is "military" in 军代表's pairs: "deputy" is 代表's)
        twice = {w for n, x in enumerate(extra) for y in extra[n + 1:] for w in x & y}
        if twice:
            ids = list(ids)
            words = set().union(*map(attrgetter("content"), self.pairs_read(ids)))  # (each word once)
            extra = [x - twice if g and self._matching(g, words) else x for x, g in zip(extra, own)]
        if not any(own) and not any(extra):
            return []
        seen, slots, first = self._read(term, ids, own, extra)
        if slots:  # a part that no gloss renders: the word next to the others' rendering
            own = [g | slots.get(n, set()) for n, g in enumerate(own)]
            seen, _, _ = self._read(term, ids, own, extra, look_for_slots=False, earlier=first)
        return seen

    @cached_property
    def _matchers(self) -> dict[frozenset[str], GlossMatcher]:
        """A set of glosses → its GlossMatcher."""
        return {}

    def _matching(self, glosses: set[str], words: set[str]) -> set[str]:
        """The words matching the glosses (GlossMatcher.matching), each set of glosses read
        into a matcher once for the file: a part's glosses are asked of the words of every term
        it is in (工业 of 工业企业, 产业工业, …). (The words asked of each were kept too, to
        match each once: on real text that kept nearly every word of the file for each of
        thousands of sets of glosses, 32 MB of 105 on 5,000 pairs, for 1–2% of the time.)"""
        return self._matcher(glosses).matching(words)

    def _matcher(self, glosses: set[str]) -> GlossMatcher:
        """The set of glosses's GlossMatcher, made once for the file."""
        key = frozenset(glosses)
        test = self._matchers.get(key)
        if test is None:
            test = self._matchers[key] = GlossMatcher(glosses)
        return test

    def _explained(self, pid: int, term: str) -> Callable[[str], bool]:
        """Whether an English word renders one of the pair's other Chinese words (the term left
        out): matches the dictionary's glosses of one of them. (Each word's glosses read once a
        file into a GlossMatcher: `matches` goes through every gloss of the pair's words, a few
        hundred, for each word asked.)"""
        text = self.zh_of[pid].replace(term, "，")
        marks = self._marks
        if marks is not None and len(text) > 4:
            # no word runs across a mark, so the text's words are those of the pieces between
            # (each piece read once a file: a pair's pieces are the same for every term but one)
            words = set().union(*map(self._piece_words.__getitem__, marks.split(text)))
        else:
            words = {w for w in components(text, self.d, self._known.__getitem__) if len(w) >= 2}
        matcher = self._word_glosses.__getitem__
        deque(map(matcher, words), 0)  # (each word's matcher made, and its heads indexed, first)
        by_head = self._by_head

        def explained(token: str) -> bool:
            # (only the words with a gloss begun as the token is can match it: `GlossMatcher.heads`)
            return any(matcher(w)(token) for w in words.intersection(by_head.get(_head(token), ())))

        return explained

    @cached_property
    def _known(self) -> WordTable:
        """piece → whether it is a dictionary word, looked up once (the pairs' Chinese, cut by
        `components` for `_explained` term after term)."""
        lookup = self.d.lookup  # (not the engine: a table of it referring to it made a reference cycle)
        return WordTable(lambda piece: lookup(piece) is not None)

    @cached_property
    def _marks(self) -> re.Pattern | None:
        """The punctuation marks (_MARKS) that no dictionary word of two to four characters (what
        `components` looks up) holds, as a pattern; None where "，" is not one of them."""
        blob = b"\n".join(self.d.lines)
        held = set()
        for mark in _MARKS:
            code = mark.encode()
            at = blob.find(code)
            while at >= 0:
                start = blob.rfind(b"\n", 0, at) + 1
                tab = blob.find(b"\t", start)
                if at < tab and 2 <= len(blob[start:tab].decode("utf-8")) <= 4:
                    held.add(mark)
                    break
                at = blob.find(code, at + 1)
        if "，" in held:
            return None
        return re.compile(f"[{re.escape(''.join(m for m in _MARKS if m not in held))}]")

    @cached_property
    def _piece_words(self) -> WordTable:
        """A text without marks (`_marks`) → its dictionary words of two characters or more
        (`components`; the "，" put after it keeps the text itself, if a word, from being left
        out as a whole term is)."""
        d, known = self.d, self._known.__getitem__  # (not the engine: no reference cycle)

        def words(piece: str) -> frozenset[str]:
            return frozenset(w for w in components(piece + "，", d, known) if len(w) >= 2)

        return WordTable(words)

    @cached_property
    def _word_glosses(self) -> WordTable:
        """word → its `dictionary_glosses` as a GlossMatcher, made once (the pairs' words, for
        `_explained`), the word indexed by its glosses' heads in `_by_head` as it is made."""
        by_head, d = self._by_head, self.d  # (not the engine: no reference cycle)

        def matcher(word: str) -> GlossMatcher:
            test = GlossMatcher(dictionary_glosses(word, d))
            for head in test.heads():
                by_head[head].add(word)
            return test

        return WordTable(matcher)

    @cached_property
    def _by_head(self) -> defaultdict[str, set[str]]:
        """A token's `_head` → the Chinese words whose glosses may match a token so begun (of
        the words whose matchers are made: `_word_glosses`)."""
        return defaultdict(set)

    def _read(self, term: str, ids: list[int], own: list[set[str]], extra: list[set[str]],
              look_for_slots: bool = True, earlier: _Read | None = None) -> tuple[list[Seen], dict[int, set[str]], _Read]:
        """The term's renderings in the pairs `ids` (`of`), the words found for a part no gloss
        renders (where `look_for_slots`), and how each pair was read. `earlier`: how the pairs
        were read with other glosses: a pair none of whose words the glosses now read otherwise
        is read as it was then (`of` reads again with the words found for such parts: most pairs
        hold none of them)."""
        seen: list[Seen] = []
        slot_votes: dict[int, Counter] = defaultdict(Counter)
        voters: Counter = Counter()  # the pairs voting for some word, per part
        before: list[tuple[int, int, set[str]]] = []  # (pair, part, the words before the other parts' rendering)
        n_parts = len(own)
        pairs = self.pairs_read(ids)
        own_found = list(map(self._in_file, own))
        mine = _Reading(own, own_found, self._compound_words)
        anyone: _Reading | None = None  # (the file's words too, read so when first needed: `_anyone`)
        changed: set[str] = set()  # (the words `anyone` reads otherwise than `mine`)
        record = _Read(mine)
        if earlier is not None:
            # the words read otherwise than then, by the dictionary's glosses, and by all
            # (`anyone` made now if it was then: it is asked of most pairs)
            again = mine.changed(earlier.mine)
            if earlier.anyone is not None:
                anyone = record.anyone = self._anyone(mine, own, extra, own_found)
                if anyone is not mine:
                    changed = anyone.changed(mine)
                again |= anyone.changed(earlier.anyone)
        for pair in pairs:
            if earlier is not None and again.isdisjoint(pair.keys):  # (read as then)
                was = earlier.seen.get(pair.id)
                if was is not None:
                    seen.append(was)
                continue
            # the dictionary's glosses first; the file's only where those find no rendering
            reading = mine
            while True:
                # (a part that no word of the pair renders, nor a compound may: no span, and
                # the words of the pair are not matched one by one)
                present = reading.present(pair)
                missing = reading.missing(present)
                hits = None
                spans: list[tuple[int, int]] = []
                if not missing:
                    hits = reading.hits(pair, present)
                    spans = _spans(pair, hits, n_parts)
                    if not spans and (double := reading.compounds(pair, hits, present)):  # "biomanufacturing" for 生物制造
                        spans = _spans(pair, hits, n_parts, double)
                if spans or reading is anyone:
                    break
                if anyone is None:
                    anyone = record.anyone = self._anyone(mine, own, extra, own_found)
                    if anyone is mine:
                        break
                    changed = anyone.changed(mine)
                reading = anyone
                if changed.isdisjoint(pair.keys):
                    break  # (the pair's words all read as above: no span, the same hits, as read)
            if spans:
                ends = _ends_phrase(pair, spans[0])
                seen.append(Seen(pair.id, [reading.words_by_part(pair, sp) for sp in spans],
                                 [pair.surface(sp) for sp in spans],
                                 ends, None if ends else pair.keys[spans[0][1] + 1]))
                record.seen[pair.id] = seen[-1]
                continue
            if not look_for_slots:
                continue
            # a part with a rendering before the others' (a modifier, not the head): only one
            # that the others' words leave out, where they all are
            slotted = [n for n in range(n_parts - 1) if not missing or missing == [n]]
            if not slotted:
                continue
            if hits is None:  # (the words of the pair matched, and marked as compounds, as above)
                hits = reading.hits(pair, present)
                reading.compounds(pair, hits, present)
            for n in slotted:  # a modifier (not the head), written before the rest
                mine_at = hits.at[n]
                if n_parts == 2:
                    # (one part left, the head: its spans are its words, each widened, read as
                    # `_spans` reads them; looked for only where one may have a word before it)
                    head = hits.at[1]
                    if not _may_follow(pair, head):
                        continue
                    words = _before_one(pair, head, mine_at)
                else:  # (most pairs have none of the others' spans, which ends the search sooner)
                    words = {w for sp in _spans(pair, hits.without(n), n_parts - 1)
                             if (w := _before(pair, sp)) and not any(sp[0] <= k <= sp[1] for k in mine_at)}
                if words:
                    before.append((pair.id, n, words))
        # not a word that renders another Chinese word of the pair; read only for a part that
        # some word comes before in SLOT_MIN_PAIRS pairs (else none can pass below, as a word
        # left out is counted in fewer)
        counted: dict[int, Counter] = defaultdict(Counter)
        for _, n, words in before:
            counted[n].update(words)
        wanted = {n for n, c in counted.items() if _enough(c)}
        explained: dict[int, set[str]] = {}
        for pid, n, words in before:
            if n in wanted:
                if pid not in explained:
                    explained[pid] = self._explained(pid, term)
                voted = set(filterfalse(explained[pid], words))
                slot_votes[n].update(voted)
                voters[n] += bool(voted)
        # a word most of the pairs agree on ("pilot" zones / areas), not any of many words that
        # happen to come before a name ("said", "cried", "protested" Trinket)
        slots = {n: {k for k, c in votes.items() if c >= max(SLOT_MIN_PAIRS, voters[n] / 2)}
                 for n, votes in slot_votes.items()}
        return seen, {n: s for n, s in slots.items() if s}, record

    def _anyone(self, mine: _Reading, own: list[set[str]], extra: list[set[str]], own_found: list[frozenset[str]]) -> _Reading:
        """The parts read with the file's words for them too (`extra`), where the dictionary's
        glosses (`mine`) find no rendering; `mine` itself where the file adds none. (What matches
        a part's glosses or the file's words is what matches either.)"""
        if all(x <= g for x, g in zip(extra, own)):
            return mine
        return _Reading([g | x for g, x in zip(own, extra)], [
            f | self._in_file(x) if x else f for f, x in zip(own_found, extra)], self._compound_words)

    def _in_file(self, glosses: set[str]) -> frozenset[str]:
        """The words of the file that render one of the glosses (`GlossMatcher.matching`), no
        stop word: each set of glosses matched once a file, against the file's words (a part's
        glosses are read for every term it is in, and its terms' pairs share most of their
        words: matching the words of each term's pairs took a tenth of the renderings' time on
        real text). The file's content words are matched through `_Vocabulary` (those begun
        as a gloss looked up); a word of two letters renders a part only as a gloss itself,
        taken as it is (a pair without it reads no other way: `_Reading` asks only of the
        words of a pair)."""
        key = frozenset(glosses)
        found = self._found.get(key)
        if found is None:
            vocabulary = self._vocabulary
            words = self._matcher(glosses).matching(vocabulary.words, vocabulary.begun)
            words.update(g for g in glosses if len(g) == 2)
            found = self._found[key] = frozenset(words.difference(EN_STOP))
        return found

    def _compound_words(self, pieces: set[str]) -> list[str]:
        """The long content words of the file (`_LONG`) holding one of the pieces from their
        fourth letter on (`_from_fourth`: where `_compound` tries a split), each piece looked
        for once a file."""
        by_piece = self._by_piece
        for piece in pieces.difference(by_piece):
            by_piece[piece] = self._vocabulary.holding_from_fourth((piece,))
        return list(dict.fromkeys(chain.from_iterable(map(by_piece.__getitem__, pieces))))


@dataclass(slots=True)
class _Read:
    """How a term's pairs were read (`Renderings._read`): with which glosses, and what each
    pair's renderings were (by pair; a pair with none left out)."""

    mine: _Reading
    anyone: _Reading | None = None
    seen: dict[int, Seen] = field(default_factory=dict)


def _from_fourth(words: list[str], pieces: Iterable[str], text: str | None = None,
                 starts: list[int] | None = None) -> set[int]:
    """The indexes of the words holding one of the pieces from their fourth letter on (found in
    C, on the words joined by line breaks: `text`, and where each starts, `starts`, if made
    already)."""
    if text is None or starts is None:
        text = "\n".join(words)
        starts = list(accumulate(map((1).__add__, map(len, words)), initial=0))  # (in C)
    found = set()
    for piece in pieces:
        i = text.find(piece)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            if i - starts[k] >= 3:
                found.add(k)
                i = text.find(piece, starts[k + 1])
            else:
                i = text.find(piece, i + 1)
    return found


class _Vocabulary:
    """The content words of a file (their keys: `_ContentIndex.df`), read for
    `Renderings._head_words`: in order, to find those begun alike (`begun`); and the long ones
    (that may be compounds, `_LONG`) joined into one text (`_from_fourth`)."""

    def __init__(self, df: dict[str, int]) -> None:
        self.words = df.keys()
        self._sorted = sorted(df)
        self.long = [w for w in self._sorted if len(w) >= 8]  # (`_LONG`: content words are no stop words)
        self._text = "\n".join(self.long)
        self._starts = list(accumulate(map((1).__add__, map(len, self.long)), initial=0))

    def begun(self, prefix: str) -> list[str]:
        """The words begun with `prefix`."""
        words = self._sorted
        i = j = bisect_left(words, prefix)
        while j < len(words) and words[j].startswith(prefix):
            j += 1
        return words[i:j]

    def holding_from_fourth(self, pieces: Iterable[str]) -> list[str]:
        """The long words holding one of the pieces from their fourth letter on."""
        return [self.long[k] for k in _from_fourth(self.long, pieces, self._text, self._starts)]


class _Reading:
    """A term's parts (each a set of glosses) read against the words of the term's pairs at
    once: for each part, the words (keys) that render it (`found`); the words that may
    render two neighbouring parts at once, as compounds (`joins`, `doubles`); and so, for each
    part, every word that may render it in a pair (`marks`). A pair holding none of a part's
    marks has no span rendering the term, and is not matched word by word (`missing`)."""

    __slots__ = ("parts", "found", "joins", "doubles", "marks", "any_found", "any_marks", "by_words")

    def __init__(self, parts: list[set[str]], found: list[AbstractSet[str]],
                 long_holding: Callable[[set[str]], Iterable[str]]) -> None:
        """`found`: for each part, the words rendering it (GlossMatcher.matching, but stop
        words: it reads one word at a time, so on the file's words at once as on each pair's;
        a word of no pair of the term's is never asked of). `long_holding`: the long words
        (`_LONG`) holding one of the pieces from their fourth letter on (of the file:
        `Renderings._compound_words`)."""
        self.parts = parts
        n_parts = len(parts)
        self.found = found
        #: word → the n whose parts n and n + 1 it renders as a compound (`_compounds`), for the
        #: words that `_compound` tries a split of (any other renders none so)
        self.joins: dict[str, tuple[int, ...]] = {}
        if n_parts > 1:
            # `_compound` tries a split only where the first five letters of a gloss of the
            # second part are, from the word's fourth letter: the words holding none of those
            # are no compound
            for key in long_holding({g[:5] for p in parts[1:] for g in p if len(g) >= 5}):
                self.joins[key] = tuple(n for n in range(n_parts - 1) if _compound(key, parts[n], parts[n + 1]))
        self.doubles = {k for k, at in self.joins.items() if at}  # (of the words tried: `joins`)
        self.marks = [f.union(k for k in self.doubles if n in self.joins[k] or n - 1 in self.joins[k]) if self.doubles else f
                      for n, f in enumerate(found)]
        #: the words rendering some part (as themselves); and those or compounds of parts
        self.any_found: set[str] = set().union(*found)
        self.any_marks: set[str] = set().union(*self.marks)
        #: a rendering's words → `_words_by_part` of them (a term is often rendered alike in
        #: hundreds of pairs)
        self.by_words: dict[tuple[str, ...], Parts] = {}

    def changed(self, other: _Reading) -> set[str]:
        """The words that this reading and `other` (of the same words) read otherwise: that
        render other parts, may render other parts (`marks`) or are other compounds. (A pair
        holding none is read alike by both: each step of the reading asks only those.)"""
        def profile(r: _Reading, w: str) -> tuple:
            return [w in f for f in r.found], [w in m for m in r.marks], r.joins.get(w, ())

        return {w for w in self.any_marks | other.any_marks if profile(self, w) != profile(other, w)}

    def present(self, pair: EnPair) -> set[str]:
        """The words of the pair that may render a part (as themselves or in a compound): the
        pair's words looked through once (in C), for `missing`, `hits` and `compounds`."""
        return self.any_marks.intersection(pair.keys)

    def missing(self, present: set[str]) -> list[int]:
        """The parts that no word of the pair may render (as itself or in a compound), of the
        pair's words `present`."""
        return [n for n, m in enumerate(self.marks) if m.isdisjoint(present)]

    def hits(self, pair: EnPair, present: set[str]) -> _Hits:
        """For each part, the words of the pair that render it (as themselves: compounds are
        marked by `compounds`), of the pair's words `present`. (The places of those words
        found in one pass, in C; then each part's picked of those few.)"""
        keys = pair.keys
        words = self.any_found & present
        marked = list(compress(range(len(keys)), map(words.__contains__, keys))) if words else []
        if len(words) == 1:  # (one word rendering every part it renders: its places are each's,
            (word,) = words  # each a list of its own, as `_Hits.mark` adds to one part's)
            return _Hits([marked[:] if word in f else [] for f in self.found], set(marked))
        return _Hits([[k for k in marked if keys[k] in f] for f in self.found], set(marked))

    def renders(self, key: str, n: int) -> bool:
        """Whether a word (no stop word) renders part n, as itself or as a compound of it and a
        neighbour (what `matches` and `_compound` say, read from `found` and `joins`)."""
        at = self.joins.get(key, ())
        return key in self.found[n] or n in at or n - 1 in at

    def compounds(self, pair: EnPair, hits: _Hits, present: set[str]) -> set[int]:
        """`_compounds`: the words of the pair rendering two parts at once, marked in `hits`
        (of the pair's words `present`)."""
        if self.doubles.isdisjoint(present):
            return set()
        return _compounds(pair, hits, self.parts, self.joins)

    def words_by_part(self, pair: EnPair, span: tuple[int, int]) -> Parts:
        """`_words_by_part` of a rendering (read once for each way the term's pairs word it)."""
        words = tuple(pair.keys[span[0]:span[1] + 1])
        got = self.by_words.get(words)
        if got is None:
            got = self.by_words[words] = _words_by_part(words, len(self.parts), self.renders)
        return got


class _Hits:
    """A term's parts in one pair: for each part, the places of the words rendering it,
    ascending (`at`); the places of the words rendering some part (`any`)."""

    __slots__ = ("at", "any")

    def __init__(self, at: list[list[int]], marked: set[int] | None = None) -> None:
        """`marked`: the union of `at`, where known."""
        self.at = at
        self.any = set().union(*at) if marked is None else marked

    def mark(self, k: int, n: int) -> None:
        """Word k renders part n too (a compound)."""
        if k not in self.at[n]:
            insort(self.at[n], k)
        self.any.add(k)

    def without(self, n: int) -> _Hits:
        """The other parts' (for the word before their rendering)."""
        return _Hits([h for m, h in enumerate(self.at) if m != n])


def _ends_phrase(pair: EnPair, span: tuple[int, int]) -> bool:
    """No content word right after the span in its clause: "high-tech industries", not the
    "high-tech industrial" of "high-tech industrial development zones"."""
    k = span[1] + 1
    return not (k < len(pair.keys) and _CONTENT[pair.keys[k]] and not pair.clause_break(span[1], k))


def _before(pair: EnPair, span: tuple[int, int]) -> str | None:
    """The content word right before a span, in its clause and not hyphened to it."""
    k = span[0] - 1
    if k >= 0 and _CONTENT[pair.keys[k]] and not pair.clause_break(k, span[0]) and not pair.hyphened(k):
        return pair.keys[k]
    return None


def _may_follow(pair: EnPair, at: list[int]) -> bool:
    """Whether some span of one part (the words rendering it, `at`) may have a word before it
    (`_before`): a span starts at a word that renders the part (`_widen` moves to one), so where
    no such word has a word before it as `_before` asks, no span has."""
    return any(_before(pair, (k, k)) for k in at)


def _before_one(pair: EnPair, at: list[int], mine_at: list[int]) -> set[str]:
    """`_before` of each span of one part alone, as `_spans` finds them (each word rendering it,
    `at`, widened, not a piece of a compound), that holds no word of `mine_at`: what `_read`
    votes for a modifier of a term of two parts, written before the head."""
    marked = set(at)
    hyphens = pair.joined[0]
    words = set()
    for start in at:
        span = _widen(pair, [at], marked, start, start)
        if span[0] and hyphens >> (span[0] - 1) & 1 or hyphens >> span[1] & 1:
            continue  # a piece of a compound: "tech" of "high-tech"
        w = _before(pair, span)
        if w and not any(span[0] <= k <= span[1] for k in mine_at):
            words.add(w)
    return words


def _enough(counted: Counter) -> bool:
    """Whether some word is counted in SLOT_MIN_PAIRS pairs (`Renderings._read`'s votes)."""
    return max(counted.values()) >= SLOT_MIN_PAIRS


def _compound(token: str, first: set[str], second: set[str]) -> bool:
    """One English word rendering two parts in a row, a clipped form of the first's gloss
    joined to the second's: "biomanufacturing" (biological + manufacture) for 生物制造. (The
    second part is five letters or more of a gloss, so only where a gloss's first five letters
    are is a split tried.)"""
    for g in second:
        if len(g) < 5:
            continue
        i = token.find(g[:5], 3)
        if i < 3 or len(token) - i < 5:
            continue
        pre = token[:i]
        if matches(token[i:], (g,)) and any(len(f) > i and f.startswith(pre) for f in first):
            return True
    return False


def _compounds(pair: EnPair, hits: _Hits, parts: list[set[str]],
               joins: dict[str, tuple[int, ...]] | None = None) -> set[int]:
    """The words that render two neighbouring parts at once (compounds), marked so in `hits`.
    (`joins`: word → the n whose parts n and n + 1 it renders so, worked out for the term's
    pairs at once: `_Reading.joins`, a word not in it rendering none so.)"""
    found = set()
    for k, key in pair.long_keys:
        if joins is not None:
            at = joins.get(key, ())
        else:
            at = tuple(n for n in range(len(parts) - 1) if _compound(key, parts[n], parts[n + 1]))
        for n in at:
            hits.mark(k, n)
            hits.mark(k, n + 1)
            found.add(k)
    return found


def _assignable(at: list[list[int]], n_parts: int, start: int, end: int, double: set[int]) -> bool:
    """Whether each part can have a word of its own in [start, end] (a compound may stand for
    two): "focusing on key" renders 聚焦重点 though "focusing" matches 重点's gloss "focus" too."""
    owners: dict[int, list[int]] = {}  # word → the parts it stands for
    return all(_place(n, set(), at, start, end, double, owners) for n in range(n_parts))


def _place(n: int, tried: set[int], at: list[list[int]], start: int, end: int, double: set[int],
           owners: dict[int, list[int]]) -> bool:
    """Give part n a word of its own in [start, end], moving the parts placed already to
    others where that frees one (`_assignable`). (A function of its own, not one nested in
    `_assignable`: a nested one that calls itself refers to itself through its closure, and
    left a reference cycle at every call for the garbage collector to find, after the checks.)"""
    for k in at[n]:  # (the words rendering part n, ascending, from start to end)
        if k > end:
            break
        if k >= start and k not in tried:
            tried.add(k)
            held = owners.setdefault(k, [])
            if len(held) < (2 if k in double else 1):
                held.append(n)
                return True
            for i, m in enumerate(held):
                if _place(m, tried, at, start, end, double, owners):
                    held[i] = n
                    return True
    return False


def _spans(pair: EnPair, hits: _Hits, n_parts: int, double: frozenset[int] | set[int] = frozenset()) -> list[tuple[int, int]]:
    """Word spans [i, j] of the term's candidate renderings in the pair, shortest first: from a
    word rendering a part, to the first word from there that each part has one of (or past it,
    till each part can have one of its own), within a clause and 2 × parts + 2 words, holding
    no other content word (no word that is neither a stop word nor renders a part), widened
    (`_widen`). (Two parts, the most terms': `_spans_two`.)"""
    if n_parts == 2:
        return _spans_two(pair, hits, double)
    return _spans_any(pair, hits, n_parts, double)


def _spans_two(pair: EnPair, hits: _Hits, double: frozenset[int] | set[int] = frozenset()) -> list[tuple[int, int]]:
    """`_spans` of a term of two parts, written out for them (most terms, and most of the
    time of the renderings): each part's first word from a start found by bisection, no list
    made; the last word a span may reach, the one before the next word that no span may hold,
    by one bisection of those words; where the two parts' first words are one word, none of
    either is before it, so each has one of its own from the next word rendering either on, or
    at once where that word stands for both, a compound (what `_assignable` finds)."""
    first, second = hits.at
    if not first or not second:
        return []
    marked = hits.any
    unstopped = pair.unstopped
    size = len(pair.keys)
    hyphens = pair.joined[0]
    before_start, before_end = pair.clauses
    # the words a span cannot hold (no stop word, rendering no part), in order
    blocking = list(filterfalse(marked.__contains__, unstopped))
    n_blocking = len(blocking)
    starts = sorted(marked)
    n_starts = len(starts)
    n_first, n_second = len(first), len(second)
    found: list[tuple[int, int]] = []
    i = 0
    while i < n_starts:
        start = starts[i]
        i += 1
        x = bisect_left(first, start)
        if x == n_first:
            break
        y = bisect_left(second, start)
        if y == n_second:
            break
        a, b = first[x], second[y]
        end = a if a > b else b
        k = bisect_right(blocking, start)
        last = blocking[k] - 1 if k < n_blocking else size - 1
        if end > last:  # (a later start before that word has its end there or later still)
            i = bisect_right(starts, last, i)
            continue
        if end - start >= 6:  # (2 × parts + 2 words at most)
            continue
        if a == b and end not in double:
            x = bisect_right(starts, end)
            if x < n_starts and starts[x] < start + 6:
                end = starts[x]
                if end > last:
                    continue
        if before_start[end] > before_end[start]:  # (`EnPair.clause_break`)
            continue
        span = _widen(pair, hits.at, marked, start, end)
        s0, s1 = span
        if s0 and hyphens >> (s0 - 1) & 1 or hyphens >> s1 & 1:
            continue  # a piece of a compound: "tech" of "high-tech"
        words = bisect_right(unstopped, s1) - bisect_left(unstopped, s0)
        if double:
            words += sum(s0 <= k <= s1 for k in double)
        if words < 2:
            continue  # one word for two parts: not a rendering of the term as such (but a compound)
        if span not in found:
            found.append(span)
    return sorted(found, key=lambda sp: (sp[1] - sp[0], sp[0])) if len(found) > 1 else found


def _spans_any(pair: EnPair, hits: _Hits, n_parts: int, double: frozenset[int] | set[int] = frozenset()) -> list[tuple[int, int]]:
    """`_spans` for any number of parts. Word spans [i, j] of the term's candidate renderings in the pair, shortest first: from a
    word rendering a part, to the first word from there that each part has one of (or past it,
    till each part can have one of its own), within a clause and 2 × parts + 2 words, holding
    no other content word (no word that is neither a stop word nor renders a part), widened
    (`_widen`)."""
    at = hits.at
    if not all(at):
        return []
    marked = hits.any
    # the words that a span cannot hold (the words no stop word and rendering no part): from a
    # word rendering a part, the last word a span may reach is the one before the next of these
    # (found from the word's place among those no stop word on, past the few rendering a part)
    unstopped = pair.unstopped
    n_unstopped = len(unstopped)
    size = len(pair.keys)
    hyphens = pair.joined[0]  # (`EnPair.hyphened`, asked of each span: bit i, word i joined to the next)
    before_start, before_end = pair.clauses  # (`EnPair.clause_break`, asked of each span)
    found = []
    limit = 2 * n_parts + 2
    starts = sorted(marked)
    if n_parts == 1:
        # (one part: from each word rendering it, the first word that it has one of is that
        # word, within the span's reach and clause: each is a span of its own, widened)
        for start in starts:
            span = _widen(pair, at, marked, start, start)
            if span[0] and hyphens >> (span[0] - 1) & 1 or hyphens >> span[1] & 1:
                continue
            words = bisect_right(unstopped, span[1]) - bisect_left(unstopped, span[0])
            if double:
                words += sum(span[0] <= k <= span[1] for k in double)
            if words and span not in found:
                found.append(span)
        starts = []
    i = 0
    while i < len(starts):
        start = starts[i]
        i += 1
        # each part's first hit from start
        ends = [h[x] if (x := bisect_left(h, start)) < len(h) else None for h in at]
        if None in ends:
            break
        end = max(ends)
        x = bisect_right(unstopped, start)
        while x < n_unstopped and unstopped[x] in marked:
            x += 1
        last = unstopped[x] - 1 if x < n_unstopped else size - 1
        if end > last:  # (a later start before that word has its end there or later still)
            i = bisect_right(starts, last, i)
            continue
        if end - start + 1 > limit:
            continue  # (too long already: the end is only moved on below)
        if len(set(ends)) < n_parts:  # a word matching two parts: the first end giving each its own
            end = next((e for e in range(end, min(start + limit, size))
                        if _assignable(at, n_parts, start, e, double)), end)
        if end - start + 1 > limit or end > last or before_start[end] > before_end[start]:  # (`clause_break`)
            continue  # (past `last`: another content word inside, a paraphrase, not a rendering)
        span = _widen(pair, at, marked, start, end)
        if span[0] and hyphens >> (span[0] - 1) & 1 or hyphens >> span[1] & 1:
            continue  # a piece of a compound: "tech" of "high-tech"
        words = bisect_right(unstopped, span[1]) - bisect_left(unstopped, span[0])
        if double:
            words += sum(span[0] <= k <= span[1] for k in double)
        if words < n_parts:
            continue  # one word for two parts: not a rendering of the term as such (but a compound)
        if span not in found:
            found.append(span)
    return sorted(found, key=lambda sp: (sp[1] - sp[0], sp[0])) if len(found) > 1 else found


def _widen(pair: EnPair, at: list[list[int]], marked: set[int], start: int, end: int) -> tuple[int, int]:
    """The span widened to neighbours that render a part too: "sci-tech", not "tech";
    "scientific and technological", not "technological"; across a comma only to a word that
    renders what its neighbour does ("science, technology"), not to the next item of a list
    ("steel, non-ferrous metals, petrochemicals"). (`EnPair.clause_break` and `listed` read
    here from the pair's tables: asked of every span of every term looked for.)"""
    n = len(pair.keys)
    before_start, before_end = pair.clauses
    listed = pair.joined[1]
    while True:
        if start > 0 and start - 1 in marked and (listed >> (start - 1) & 1 and _alike(at, start - 1, start)
                                                      or before_start[start] <= before_end[start - 1]):
            start -= 1
        elif start > 1 and start - 2 in marked and pair.bridged(start - 2):
            start -= 2
        else:
            break
    while True:
        if end + 1 < n and end + 1 in marked and (listed >> end & 1 and _alike(at, end, end + 1)
                                                      or before_start[end + 1] <= before_end[end]):
            end += 1
        elif end + 2 < n and end + 2 in marked and pair.bridged(end):
            end += 2
        else:
            break
    return start, end


def _alike(at: list[list[int]], a: int, b: int) -> bool:
    """Two words rendering the same part ("science, technology")."""
    return any(a in h and b in h for h in at)


def _words_by_part(rendering: tuple[str, ...], n_parts: int, renders: Callable[[str, int], bool]) -> Parts:
    """For each part of the term, the words of a rendering (their keys) that render it (five
    letters), and last the order in which the parts come. (`renders(key, n)`: whether a word
    renders part n, as itself or in a compound: `_Reading.renders`.)"""
    keys = [k for k in rendering if k not in EN_STOP]
    words = [frozenset(k[:5] for k in keys if renders(k, n)) for n in range(n_parts)]
    first = [next((i for i, k in enumerate(keys) if renders(k, n)), 0) for n in range(n_parts)]
    order = "".join(str(n) for n in sorted(range(n_parts), key=lambda n: (first[n], n)))
    return (*words, frozenset([order]))


def differ(a: Parts, b: Parts) -> bool:
    """Some part rendered by different words altogether, the parts in the same order (a
    reordered rendering is another construction: "basic industrial" / "industrial foundation")."""
    if a[-1] != b[-1]:
        return False
    return any(x and y and not (x & y) for x, y in zip(a[:-1], b[:-1]))


def verdict(seen: list[Seen]) -> Verdict | None:
    """The majority rendering (the one that the most pairs hold one agreeing with) and the
    pairs that render the term otherwise; None for fewer than two renderings."""
    counts = Counter(s.parts[0] for s in seen)
    if not counts:
        return None
    # (a term is rendered alike in many pairs: each way its pairs render it compared once, and
    # counted as many times as it is found)
    ways = Counter(tuple(s.parts) for s in seen)
    agree = {k: sum(n for found, n in ways.items() if any(k[-1] == kk[-1] and not differ(k, kk) for kk in found))
             for k in counts}
    major = max(counts, key=lambda k: (agree[k], counts[k]))
    expected = next(s.surfaces[0] for s in seen if s.parts[0] == major)
    agreeing = {found for found in ways if any(not differ(major, kk) for kk in found)}
    same = [s.pair for s in seen if tuple(s.parts) in agreeing]
    held = set(same)
    odd = [(s.pair, s.surfaces[0]) for s in seen if s.pair not in held]
    return Verdict(expected, same, odd)
