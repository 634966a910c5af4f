"""Finding glossary terms in Chinese and English text, the way a reviser reads them.

Text is normalised first (`workbench.text.normalize`): widths and quote styles on the Chinese
side, word stems on the English side. Nothing else is forgiven: every stem of a rendering must
be there, in order, with nothing between, so "above designated scale" never passes for "above
designated size".

Each side is matched with an index of the forms (`Forms`: an Aho-Corasick automaton over
characters, or over stems written one character a stem), in all the texts of a document at once (`zh_find_all`,
`en_find_all`): one search of the joined texts, whatever the number of terms, finding every
occurrence, nested and overlapping ones included, kept as found (`ZhFound`, `EnFound`: what
each text holds is worked out when asked; `zh_scan_all` and `en_hits_all` work it out for every
text).
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache
from itertools import accumulate, chain, compress, count, filterfalse, islice, repeat
from operator import add, and_, eq, gt, itemgetter, le, lt, methodcaller, mul, ne, rshift, sub
from typing import NamedTuple

import ahocorasick_rs

from workbench.glossary.model import Glossary, Term
from workbench.text.normalize import (
    FOLDED_KEYS,
    HAS_WORD,
    KEPT_KEYS,
    WORD,
    WORD_SPLIT,
    WordTable,
    american,
    british,
    en_key,
)
from workbench.text.normalize import normalize_zh_simplified as normalize_zh

# (Chinese is matched half-width, with one quote mark and in simplified characters: a
# traditional-script source meets a simplified glossary, and the reverse.)

# -- the index of forms ----------------------------------------------------------------------


class Forms:
    """Sequences of symbols (the characters of strings, or tuples of stems) → payloads; finds
    every occurrence, nested and overlapping ones included.

    Both are searched for with an Aho-Corasick automaton (ahocorasick_rs, compiled code): one
    pass over the text whatever the number of forms, every occurrence reported, and only the
    occurrences then put in order in Python. Strings (the Chinese forms) are searched as they
    are. Tuples (the stems of renderings) are searched as strings of one character a symbol:
    each symbol of a form is given a character of its own when added (`symbols`), a text of
    symbols is written with them (a symbol of no form as "\\x00", which no form holds; in
    `find_words` each distinct word's character worked out once, and the words written in C),
    and a place in that string is a place in the sequence. (Before, the places where two
    symbols begin a form were picked out in C and the forms that begin there sliced and looked
    up in Python: three times slower on 5,000 terms and 10,000 pairs. A trie walked symbol by
    symbol in Python was slower still, and a regular expression of the forms 20 times slower
    with Python's engine.)
    """

    def __init__(self) -> None:
        self.payloads: dict = {}  # form → its payloads, in the order added
        # each symbol of the tuple forms → the character it is searched as
        self.symbols: dict = {}
        # how the text is given ("utf-16": a string, as UTF-16 bytes, where each character is
        # one code unit; "utf-32" for a text holding a lone surrogate or a character beyond
        # the BMP; "tuple" for the tuple forms) → the automaton (None: no form), each
        # pattern's payloads, and whether each pattern has one; made when first searched
        self._automata: dict[str, tuple] = {}

    def __bool__(self) -> bool:
        return bool(self.payloads)

    def add(self, seq: Sequence, payload: object) -> None:
        self.extend(((seq, payload),))

    def extend(self, items: Iterable[tuple[Sequence, object]]) -> None:
        """`add` each (seq, payload), in order."""
        payloads = self.payloads
        new = []
        for seq, payload in items:
            if seq in payloads:
                payloads[seq].append(payload)
            else:
                payloads[seq] = [payload]
                if not isinstance(seq, str):
                    new.append(seq)
        self._automata = {}
        # the symbols not seen yet, each given the next character (none is a surrogate or "\x00")
        symbols = self.symbols
        fresh = [s for s in dict.fromkeys(chain.from_iterable(new)) if s not in symbols]
        symbols.update(zip(fresh, _symbol_chars(len(symbols), len(symbols) + len(fresh))))

    def find(self, seq: Sequence) -> list[tuple[int, int, object]]:
        """(start, end, payload) of every occurrence, by start, then the longest first, then as
        added (the order in which a form inside another comes after it): in a string, of the
        string forms; in a tuple, of the tuple forms."""
        if isinstance(seq, str):
            return self._find_in_string(seq)
        if not seq or not self.symbols:
            return []
        return self._search("".join(map(self.symbols.get, seq, repeat("\x00"))), "tuple")

    def find_words(self, words: list[str], keys: dict[str, object], distinct: Iterable[str]) -> list[tuple[int, int, object]]:
        """`find(tuple(map(keys.__getitem__, words)))` (`keys` holds the key of every word of
        `distinct`, the distinct words, or more): each distinct word's character worked out once,
        and no key looked up a word."""
        if not words or not self.symbols:
            return []
        distinct = list(distinct)
        chars = dict(zip(distinct, map(self.symbols.get, map(keys.__getitem__, distinct), repeat("\x00"))))
        return self._search("".join(map(chars.__getitem__, words)), "tuple")

    def _automaton(self, kind: str) -> tuple:
        """(automaton or None, the payloads of each of its patterns, whether each pattern has one
        payload) of the forms searched in text given as `kind` (see `_automata`)."""
        got = self._automata.get(kind)
        if got is None:
            if kind == "tuple":
                forms = [f for f in self.payloads if f and not isinstance(f, str)]
                patterns = list(map("".join, map(map, repeat(self.symbols.__getitem__), forms)))
            else:
                forms = list(compress(self.payloads, map(isinstance, self.payloads, repeat(str))))
                if "" in self.payloads:
                    forms.remove("")
                if kind == "utf-16":
                    # (a form holding a surrogate or a character beyond the BMP is never in a
                    # text searched so: one code unit a character, none a surrogate)
                    if _NOT_UCS2.search("".join(forms)):
                        forms = list(filterfalse(_NOT_UCS2.search, forms))
                    patterns = list(map(methodcaller("encode", "utf-16-le"), forms))
                else:
                    patterns = [f.encode("utf-32-le", "surrogatepass") for f in forms]
            lists = list(map(self.payloads.__getitem__, forms))
            automaton = None
            if patterns:
                automaton = (ahocorasick_rs.AhoCorasick if kind == "tuple" else ahocorasick_rs.BytesAhoCorasick)(
                    patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
            got = self._automata[kind] = (automaton, lists, all(map((1).__eq__, map(len, lists))))
        return got

    def _find_in_string(self, text: str) -> list[tuple[int, int, object]]:
        """`find` in a string: searched as its UTF-16 bytes, two a character, where it has no
        surrogate and no character beyond the BMP (most text: searched so, a Chinese text is
        searched in half the time it takes given as a string, which the automaton reads as
        UTF-8 and then counts characters in); else as UTF-32."""
        if not self.payloads or not text:
            return []
        try:
            data = text.encode("utf-16-le")
        except UnicodeEncodeError:  # (a lone surrogate)
            data = b""
        if len(data) == 2 * len(text):
            return self._search(data, "utf-16")
        return self._search(text.encode("utf-32-le", "surrogatepass"), "utf-32")

    def _search(self, text: str | bytes, kind: str) -> list[tuple[int, int, object]]:
        """`find` in `text`, given as `kind` (see `_automata`: bytes for "utf-16" and "utf-32")."""
        automaton, lists, single = self._automaton(kind)
        if automaton is None:
            return []
        found = automaton.find_matches_as_indexes(text, overlapping=True)
        shift = _SHIFT[kind]  # (places in bytes: two or four a character)
        if shift and found:  # (a match not on a character's first byte is none)
            odd = (1 << shift) - 1
            if any(map(and_, map(itemgetter(1), found), repeat(odd))):
                found = [m for m in found if not m[1] & odd]
        if not found:
            return []
        # (pattern, start, end), found by end: by start, the longest first (each end taken in
        # reverse, then a stable sort by start; one place and one length are one pattern)
        found.reverse()
        found.sort(key=itemgetter(1))
        starts, ends = map(itemgetter(1), found), map(itemgetter(2), found)
        if shift:
            starts, ends = map(rshift, starts, repeat(shift)), map(rshift, ends, repeat(shift))
        payloads = map(lists.__getitem__, map(itemgetter(0), found))
        if single:
            return list(zip(starts, ends, map(itemgetter(0), payloads)))
        return [(s, e, p) for s, e, ps in zip(starts, ends, payloads) for p in ps]


_SHIFT = {"tuple": 0, "utf-16": 1, "utf-32": 2}  # (how a place in the text searched is one in characters)
#: A character that is not one UTF-16 code unit of its own: a surrogate, or one beyond the BMP.
_NOT_UCS2 = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")


def _symbol_chars(a: int, b: int) -> list[str]:
    """The characters symbols a to b - 1 of tuple forms are searched as: any but "\x00" and
    the surrogates, in order."""
    chars = list(map(chr, islice(chain(range(1, 0xD800), range(0xE000, 0x110000)), a, b)))
    if len(chars) < b - a:  # pragma: no cover - a million distinct words in a glossary
        raise ValueError("too many distinct words in the forms")
    return chars


# -- matching glossary terms -----------------------------------------------------------------


class _FoldedKeys(WordTable):
    """word → the key case-insensitive renderings are matched by: its folded stem, spelled
    the American way (organisation = organization), except that a word written otherwise
    than in capitals never meets an acronym of the glossary ("Ai Jun" is not "AI")."""

    def __init__(self, acronyms: set[str]) -> None:
        super().__init__(self._key)
        self.acronyms = acronyms

    def _key(self, word: str) -> str:
        key = american(FOLDED_KEYS[word])  # the stem's spelling: "organisations" → organization
        if key in self.acronyms and not _is_acronym(word):
            key = "~" + key
        return key

    def fill(self, words: Iterable[str]) -> None:
        """Look up at once the words not seen yet: those whose folded stem is the word itself
        and that no British spelling rule meets (most of them) are set in C."""
        new = set(words)
        # (set.difference goes through the whole of the other when it is not a plain dict or
        # set, as WordTable.fill says: this table, only where it is the smaller)
        new = new.difference(self) if len(self) <= len(new) else set(filterfalse(self.__contains__, new))
        if not new:
            return
        if len(self) + len(new) > self.LIMIT:
            self.clear()
        as_is = FOLDED_KEYS.fill(new)
        as_is.difference_update(british(as_is))
        self.update(zip(as_is, as_is))
        for word in self.acronyms.intersection(as_is):
            self[word] = "~" + word  # (a word in lower case is no acronym)
        for word in new.difference(as_is):
            self[word]  # (__missing__)


def _is_acronym(word: str) -> bool:
    """AI, SMEs, R&D: capitals (a plural -s allowed), two letters or more."""
    core = word[:-1] if len(word) > 2 and word[-1] == "s" else word
    return len(core) >= 2 and core.isupper()


APPROVED, VARIANT, FORBIDDEN = "approved", "variant", "forbidden"


class ZhHit(NamedTuple):
    """A Chinese source form of a term, found in text (positions in the original text)."""

    term: int  # index in the glossary
    start: int
    end: int
    text: str


class EnHit(NamedTuple):
    """An English rendering of a term, found in text (character positions in the text)."""

    term: int
    kind: str  # approved | variant | forbidden
    form: str  # the glossary's wording of the rendering
    start: int
    end: int
    text: str  # as written in the text
    exact: bool = False  # matched word for word (a forbidden form only an inflection away)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


class TermMatcher:
    """A glossary compiled for matching: an index of the Chinese forms (by character) and indexes
    of the English renderings (by stem: case folded, case kept, and word for word)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.terms: list[Term] = list(glossary.terms)
        self._zh = Forms()
        self._en = Forms()  # case-insensitive renderings, by folded stems
        self._en_cs = Forms()  # case-sensitive renderings, by case-kept stems
        # Forbidden forms only an inflection away from an accepted one ("regional aircrafts"
        # for "regional aircraft"): matched word for word instead.
        self._en_exact = Forms()
        # the words of every rendering, and their keys looked up at once (folded, or kept for a
        # case-sensitive term)
        forms = [(i, t.case == "sensitive", kind, form) for i, t in enumerate(self.terms)
                 for kind, group in ((APPROVED, (t.en,)), (VARIANT, t.variants), (FORBIDDEN, t.forbidden))
                 for form in group]
        form_words = list(map(WORD.findall, [form for *_, form in forms]))
        words = list(chain.from_iterable(form_words))
        bounds = list(accumulate(map(len, form_words), initial=0))  # each form's first word, in words
        some_cs = any(cs for _, cs, _, _ in forms)
        folded_words = chain.from_iterable(w for w, f in zip(form_words, forms) if not f[1]) if some_cs else words
        # (most words are in lower case: only the others are asked whether they are acronyms)
        acronyms = {FOLDED_KEYS[w] for w in filterfalse(str.islower, folded_words) if _is_acronym(w)}
        self._keys = _FoldedKeys(acronyms)
        self._keys.fill(words)
        folded = tuple(map(self._keys.__getitem__, words))
        kept = tuple(map(KEPT_KEYS.__getitem__, words)) if some_cs else ()
        keys = [(kept if f[1] else folded)[bounds[k]:bounds[k + 1]] for k, f in enumerate(forms)]
        # the Chinese forms, normalised at once (normalize_zh keeps the length: each form is
        # cut back out of the joined text), each once a term, never a bare quote mark
        zh_forms = [(i, form) for i, t in enumerate(self.terms) for form in t.zh]
        joined = "".join(form for _, form in zh_forms)
        joined = normalize_zh(joined)
        ends = list(accumulate(len(form) for _, form in zh_forms))
        self._zh.extend(dict.fromkeys(
            (joined[end - len(form):end], i) for (i, form), end in zip(zh_forms, ends)
            if end > end - len(form) and HAS_WORD.search(joined, end - len(form), end)
        ))
        accepted = {(f[0], key) for f, key in zip(forms, keys) if f[2] != FORBIDDEN}
        en, en_cs, en_exact = [], [], []
        for (i, cs, kind, form), key in zip(forms, keys):
            if not key:
                continue
            if kind == FORBIDDEN and (i, key) in accepted:
                en_exact.append((_exact_key(form, cs), (i, kind, form)))
            else:
                (en_cs if cs else en).append((key, (i, kind, form)))
        self._en.extend(en)
        self._en_cs.extend(en_cs)
        self._en_exact.extend(en_exact)

    def zh_hits(self, text: str) -> list[ZhHit]:
        """Terms in Chinese text: the longest at each place; a form inside a longer found form
        (中小企业 inside 专精特新中小企业) is not counted again."""
        return self.zh_scan(text)[0]

    def zh_scan(self, text: str) -> tuple[list[ZhHit], list[int]]:
        """`zh_hits`, and every term found, nested ones too (`zh_terms_all`), from one search."""
        return self.zh_scan_all([text]).get(0, ([], []))

    def zh_scan_all(self, texts: Sequence[str]) -> dict[int, tuple[list[ZhHit], list[int]]]:
        """`zh_scan` of each text that holds a term (by its index in `texts`), from one search
        of them all."""
        found = self.zh_find_all(texts)
        return {k: found.scan(k) for k in dict.fromkeys(found.kept_k)}

    def zh_find_all(self, texts: Sequence[str]) -> ZhFound:
        """The Chinese forms in each of the texts, from one search of them all, kept as found
        (`ZhFound`: each text's `zh_scan` is worked out when asked)."""
        return ZhFound(texts, self._zh_find_in_each(texts))

    def zh_find_again(self, then: ZhFound, texts: Sequence[str]) -> ZhFound:
        """`zh_find_all(texts)`, field for field, from `then` (this matcher's search of other
        texts, the same but for a run of them: an edit): only the texts from the first that
        differs to the last are searched again, and the hits of the others taken from `then`,
        their places moved by what the edit added. (What a text holds depends on it alone:
        normalize_zh goes character by character, and no hit reaches across a join; nor is a
        form inside another in one text by a form of another text, `_maximal`.)"""
        old = then.texts
        a, b, b_old = changed_run(old, texts)
        if b == a == b_old:  # (the same texts)
            return then
        off, off_old = _offsets(texts), _offsets(old)
        window = self._zh_find_in_each(texts[a:b])
        dk, dc = len(texts) - len(old), off[b] - off_old[b_old]
        i, j = bisect.bisect_left(then.kept_k, a), bisect.bisect_left(then.kept_k, b_old)
        kept = then.kept[:i] + _moved_zh(window, off[a], a) + _moved_zh(then.kept[j:], dc, dk)
        window_maximal = _maximal(window)
        if then.maximal is then.kept and window_maximal is window:
            return ZhFound(texts, kept)
        i, j = bisect.bisect_left(then.maximal_k, a), bisect.bisect_left(then.maximal_k, b_old)
        maximal = then.maximal[:i] + _moved_zh(window_maximal, off[a], a) + _moved_zh(then.maximal[j:], dc, dk)
        return ZhFound(texts, kept, maximal)

    def _zh_find_in_each(self, texts: Sequence[str]) -> list[tuple[int, int, int, int, int]]:
        """Every Chinese form in the texts, from one search of them all (normalised, joined by
        a line break): (start, end, term, k, a) of each found inside text k, which starts at a
        in the joined text (start and end are places there), none across a join; in the order
        of `Forms.find`."""
        offsets = _offsets(texts)
        found = self._zh.find(normalize_zh("\n".join(texts)))
        # the text of each hit (where the texts start: the places just after a start, less
        # one), and where it starts, made in C
        starts = list(map(itemgetter(0), found))
        ks = list(map(sub, map(bisect.bisect_right, repeat(offsets), starts), repeat(1)))
        at = list(map(offsets.__getitem__, ks))
        kept = list(zip(starts, map(itemgetter(1), found), map(itemgetter(2), found), ks, at))
        if any(map(str.__contains__, self._zh.payloads, repeat("\n"))):  # (else none can reach across a join)
            kept = [h for h in kept if h[1] - h[4] <= len(texts[h[3]])]
        return kept

    def zh_terms_all(self, text: str) -> list[int]:
        """Every term whose Chinese is in the text, nested ones too (规模以上 inside
        规模以上工业增加值), first seen first."""
        return self.zh_scan(text)[1]

    def nested(self, i: int) -> list[int]:
        """The terms whose Chinese lies inside term i's (中小企业 in 专精特新中小企业)."""
        nested = self.__dict__.get("_nested")
        if nested is None:  # (every term's, from one search of all the Chinese forms)
            owners = [k for k, t in enumerate(self.terms) for _ in t.zh]
            inside: dict[int, set[int]] = {}
            for _s, _e, j, k, _a in self._zh_find_in_each([z for t in self.terms for z in t.zh]):
                if j != owners[k]:
                    inside.setdefault(owners[k], set()).add(j)
            nested = self._nested = {k: sorted(terms) for k, terms in inside.items()}
        return nested.get(i, [])

    def en_hits(self, text: str) -> list[EnHit]:
        """Every rendering (approved, variant, forbidden) of every term in English text."""
        return self.en_hits_all(read_words([text])).get(0, [])

    def en_hits_all(self, read: Words, distinct: set[str] | None = None) -> dict[int, list[EnHit]]:
        """`en_hits` of each text read (by its index) that holds a rendering, from one search
        of them all (`distinct`: the distinct words read, if known, or more)."""
        found = self.en_find_all(read, distinct)
        return {k: found.hits(k) for k in sorted(set(found.text_of))}

    def en_find_all(self, read: Words, distinct: set[str] | None = None) -> EnFound:
        """The renderings in each of the texts read, from one search of them all, kept as
        found (`EnFound`: each text's `en_hits` are worked out when asked; `distinct`: the
        distinct words read, if known, or more)."""
        found, exact = self._en_find_in(read.words, read.distinct if distinct is None else distinct)
        return EnFound(read, found, exact, bool(exact) or bool(self._en_cs))

    def en_find_again(self, then: EnFound, read: Words) -> EnFound:
        """`en_find_all(read)`, field for field, from `then` (this matcher's search of another
        reading, the same but for a run of texts: an edit): only the words of the texts from
        the first that differs to the last are searched again, and the hits of the others
        taken from `then`, their places moved by what the edit added. (The hits in a text
        depend on its words alone: none reaches across a join.)"""
        old = then.read
        a, b, b_old = changed_run(old.texts, read.texts)
        if b == a == b_old:  # (the same texts)
            return then
        first, last = read.bounds[a], read.bounds[b]
        words = read.words[first:last]
        found, exact = self._en_find_in(words, set(words))
        dk, dw = len(read.texts) - len(old.texts), last - old.bounds[b_old]
        spliced = []
        for hits, ks, window in ((then.found, then.found_k, found), (then.exact, then.exact_k, exact)):
            window, window_k = _within(_moved_en(window, first, 0)[0], read.bounds)
            i, j = bisect.bisect_left(ks, a), bisect.bisect_left(ks, b_old)
            after, after_k = _moved_en(hits[j:], dw, dk, ks[j:])
            spliced.append((hits[:i] + window + after, ks[:i] + window_k + after_k))
        (found, found_k), (exact, exact_k) = spliced
        return EnFound(read, found, exact, bool(exact) or bool(self._en_cs), (found_k, exact_k))

    def _en_find_in(self, words: list[str], distinct: Iterable[str]) -> tuple[list, list]:
        """The hits of the renderings found by stems and of those found word for word, in the
        words (start, end, (term, kind, form): places in `words`), across texts too
        (`distinct`: the distinct words, or more)."""
        found = []
        if self._en:
            self._keys.fill(distinct)
            found = self._en.find_words(words, self._keys, distinct)
        if self._en_cs:
            KEPT_KEYS.fill(distinct)
            found += self._en_cs.find_words(words, KEPT_KEYS, distinct)
        exact = []
        if self._en_exact:
            _EXACT_WORDS.fill(distinct)
            for s, e, p in self._en_exact.find_words(words, _EXACT_WORDS, distinct):
                if self.terms[p[0]].case != "sensitive" or _exact_key(p[2], True) == tuple(
                    map(_APOSTROPHE, words[s:e])
                ):
                    exact.append((s, e, p))
        return found, exact


_APOSTROPHE = methodcaller("replace", "’", "'")


def changed_run(old: Sequence[str], new: Sequence[str]) -> tuple[int, int, int]:
    """Where `new` differs from `old` (compared in C): (a, b, b_old), texts a to b - 1 of
    `new` in place of texts a to b_old - 1 of `old`, the others the same (a == b == b_old:
    `new` begins as `old` does, and either holds the other's texts and no more)."""
    n, m = len(new), len(old)
    a = next(compress(count(), map(ne, new, old)), min(n, m))
    tail = next(compress(count(), map(ne, reversed(new), reversed(old))), min(n, m))
    tail = min(tail, n - a, m - a)  # (the unchanged texts at the end, not overlapping those at the start)
    return a, n - tail, m - tail


def _moved_zh(hits: list[tuple], places: int, texts: int) -> list[tuple]:
    """The Chinese hits (start, end, term, k, a: `_zh_find_in_each`) of texts moved `texts`
    on, their places `places` characters on (in C)."""
    if not hits or not (places or texts):
        return hits
    s, e, t, k, o = zip(*hits)
    return list(zip(map(add, s, repeat(places)), map(add, e, repeat(places)), t,
                    map(add, k, repeat(texts)), map(add, o, repeat(places))))


def _moved_en(hits: list[tuple], places: int, texts: int, ks: list[int] | None = None) -> tuple[list[tuple], list[int]]:
    """The English hits (start, end, payload: places in words) moved `places` words on, and
    their texts (`ks`) `texts` on (in C)."""
    if not hits or not (places or texts):
        return hits, ks or []
    s, e, p = zip(*hits)
    moved = list(zip(map(add, s, repeat(places)), map(add, e, repeat(places)), p))
    return moved, [] if ks is None else list(map(add, ks, repeat(texts)))


def _offsets(texts: Sequence[str]) -> list[int]:
    """Where each text starts in the texts joined by one character, and one past the end."""
    return list(accumulate(map(add, map(len, texts), repeat(1)), initial=0))  # (each length and its joint, in C)


class ZhFound:
    """The Chinese forms found in several texts at once (`TermMatcher.zh_find_all`), kept as
    found: what each text holds is worked out when asked (`scan`), and the checks that read
    every text read the whole run (`texts_terms`) instead of an object a text."""

    def __init__(self, texts: Sequence[str], kept: list[tuple[int, int, int, int, int]],
                 maximal: list[tuple[int, int, int, int, int]] | None = None) -> None:
        """(`maximal`: `_maximal(kept)`, where known already.)"""
        self.texts = texts
        self.kept = kept  # (start, end, term, k, a) of every form found (`_zh_find_in_each`)
        self.kept_k = list(map(itemgetter(3), kept))  # the text of each (in order: kept is by start)
        self.maximal = _maximal(kept) if maximal is None else maximal  # those not inside a longer one (`zh_hits`)
        self.maximal_k = self.kept_k if self.maximal is kept else list(map(itemgetter(3), self.maximal))

    def scan(self, k: int) -> tuple[list[ZhHit], list[int]]:
        """`TermMatcher.zh_scan` of text k."""
        a, b = bisect.bisect_left(self.kept_k, k), bisect.bisect_right(self.kept_k, k)
        if a == b:
            return [], []
        kept = self.kept[a:b]
        terms = list(dict.fromkeys(map(itemgetter(2), kept)))  # first found first
        if len(terms) > 1 and any(s == t and e != f for (s, e, *_), (t, f, *_) in zip(kept, kept[1:])):
            # two forms start at one place: there the shorter form counts as found first
            terms = list(dict.fromkeys(map(itemgetter(2), sorted(kept, key=itemgetter(0, 1)))))
        a, b = bisect.bisect_left(self.maximal_k, k), bisect.bisect_right(self.maximal_k, k)
        text = self.texts[k]
        new = tuple.__new__  # (ZhHit's fields given as a tuple: no call of its __new__)
        return [new(ZhHit, (i, s - o, e - o, text[s - o:e - o])) for s, e, i, _, o in self.maximal[a:b]], terms

    def packed(self) -> tuple:
        """What this holds, as arrays of numbers (`unpacked` makes it again): kept by a memo
        between runs, a tuple of five numbers a form found took 160 bytes, and 20 so."""
        kept = self.kept
        arrays = tuple(array("q", list(map(itemgetter(j), kept))) for j in range(5))
        maximal = None
        if self.maximal is not kept:  # (which of kept are in maximal: no two of kept are alike)
            maximal = bytes(map(set(self.maximal).__contains__, kept))
        return self.texts, arrays, maximal

    @classmethod
    def unpacked(cls, packed: tuple) -> ZhFound:
        """The ZhFound `packed` was made of."""
        texts, arrays, maximal = packed
        kept = list(zip(*arrays))
        return cls(texts, kept, kept if maximal is None else list(compress(kept, maximal)))

    def terms_all_rank(self, width: int) -> dict[int, int]:
        """(text, term) as one number (text × `width` + term) → its place among the terms of
        every text (`zh_terms_all`: by text, then as each text's terms are listed)."""
        # (by place, then the shorter first: by text, and in each text as `scan` lists them)
        kept = self.kept
        starts = list(map(itemgetter(0), kept))
        if any(map(eq, starts, starts[1:])):  # (kept is by place: only two at one place need sorting)
            kept = sorted(kept, key=itemgetter(0, 1))
        codes = dict.fromkeys(map(add, map(mul, map(itemgetter(3), kept), repeat(width)), map(itemgetter(2), kept)))
        return dict(zip(codes, count()))

    def first_hit(self, k: int, i: int) -> ZhHit | None:
        """The first of `scan(k)`'s hits of term i (without making the others)."""
        a, b = bisect.bisect_left(self.maximal_k, k), bisect.bisect_right(self.maximal_k, k)
        for s, e, term, _, o in self.maximal[a:b]:
            if term == i:
                return ZhHit(i, s - o, e - o, self.texts[k][s - o:e - o])
        return None

    def texts_terms(self) -> tuple[list[int], list[int]]:
        """The text and the term of each form in `maximal` (the terms of `zh_hits`), in order."""
        return self.maximal_k, list(map(itemgetter(2), self.maximal))


class EnFound:
    """The renderings found in several texts at once (`TermMatcher.en_find_all`), kept as
    found: each text's `en_hits` are worked out when asked (`hits`), and the checks that read
    every text read the whole run (`texts_payloads`) instead of an object a hit."""

    def __init__(self, read: Words, found: list, exact: list, resort: bool,
                 texts: tuple[list[int], list[int]] | None = None) -> None:
        """(`texts`: where `found` and `exact` are within texts already, the text of each.)"""
        self.read = read
        # (start, end, (term, kind, form)) in words, of the hits found by stems and of those
        # found word for word, none across a join, and the text of each (an index in read.texts)
        if texts is None:
            self.found, self.found_k = _within(found, read.bounds)
            self.exact, self.exact_k = _within(exact, read.bounds)
        else:
            (self.found, self.exact), (self.found_k, self.exact_k) = (found, exact), texts
        self.resort = resort  # (some texts' hits are not by start, the longest first: sort each)

    def packed(self) -> tuple:
        """What this holds, as arrays of numbers and the payloads (`unpacked` makes it again
        from the same reading): kept by a memo between runs, a tuple a rendering found took
        120 bytes, and 28 so."""
        out = []
        for hits, ks in ((self.found, self.found_k), (self.exact, self.exact_k)):
            out.append((array("q", list(map(itemgetter(0), hits))), array("q", list(map(itemgetter(1), hits))),
                        list(map(itemgetter(2), hits)), array("q", ks)))
        return self.read, out, self.resort

    @classmethod
    def unpacked(cls, packed: tuple) -> EnFound:
        """The EnFound `packed` was made of."""
        read, ((s, e, p, k), (xs, xe, xp, xk)), resort = packed
        return cls(read, list(zip(s, e, p)), list(zip(xs, xe, xp)), resort, (list(k), list(xk)))

    @cached_property
    def text_of(self) -> list[int]:
        """The text of each hit of the whole run: the found ones, then the exact ones."""
        return self.found_k + self.exact_k

    @cached_property
    def payloads(self) -> list[tuple[int, str, str]]:
        """The (term, kind, form) of each hit of the whole run (as `text_of`)."""
        return list(map(itemgetter(2), self.found + self.exact))

    def hits(self, k: int) -> list[EnHit]:
        """`TermMatcher.en_hits` of text k."""
        read = self.read
        words, ends, o = read.words, read.ends_of(k), read.bounds[k]
        text = read.texts[k]
        new = tuple.__new__  # (EnHit's fields given as a tuple: no call of its __new__)
        out = []
        for hits, ks, is_exact in ((self.found, self.found_k, False), (self.exact, self.exact_k, True)):
            a, b = bisect.bisect_left(ks, k), bisect.bisect_right(ks, k)
            for s, e, (i, kind, form) in hits[a:b]:
                x, y = ends[s - o] - len(words[s]), ends[e - 1 - o]
                out.append(new(EnHit, (i, kind, form, x, y, text[x:y], is_exact)))
        if self.resort and len(out) > 1:
            out.sort(key=lambda h: (h.start, -h.end))
        return out

    def hit(self, j: int) -> EnHit:
        """Hit j of the whole run (`texts_payloads`), as `hits` gives it."""
        n = len(self.found)
        (s, e, (i, kind, form)), k = (self.found[j], self.found_k[j]) if j < n else (self.exact[j - n], self.exact_k[j - n])
        ends, o = self.read.ends_of(k), self.read.bounds[k]
        x, y = ends[s - o] - len(self.read.words[s]), ends[e - 1 - o]
        return tuple.__new__(EnHit, (i, kind, form, x, y, self.read.texts[k][x:y], j >= n))

    def within(self, j: int) -> tuple[int, int, tuple[int, str, str], bool]:
        """Where hit j of the whole run (`texts_payloads`) is in its text's words (its first
        word and the one after its last), what it renders (term, kind, form), and whether it
        was found word for word: with the text, all `hit(j)` is made of."""
        n = len(self.found)
        (s, e, payload), k = (self.found[j], self.found_k[j]) if j < n else (self.exact[j - n], self.exact_k[j - n])
        o = self.read.bounds[k]
        return s - o, e - o, payload, j >= n

    def hit_text(self, j: int) -> str:
        """`hit(j).text`, from the words and the text between them (no place worked out)."""
        s, e = (self.found[j] if j < len(self.found) else self.exact[j - len(self.found)])[:2]
        words = self.read.words
        if e - s == 1:
            return words[s]
        return "".join(chain.from_iterable(zip(words[s:e - 1], self.read.gaps[s:e - 1]))) + words[e - 1]

    def texts_payloads(self) -> tuple[list[int], list[tuple[int, str, str]]]:
        """The text and the (term, kind, form) of every hit (the found ones, then the exact ones)."""
        return self.text_of, self.payloads


def _within(hits: list[tuple], bounds: list[int]) -> tuple[list[tuple], list[int]]:
    """The hits (start, end, …; places in words) inside one text (`bounds`: the index of each
    text's first word, and the number of words), in order of text, and the text of each."""
    if not hits:
        return [], []
    # the text of each hit: where the texts' words start, the places just after a start, less one
    after = list(map(bisect.bisect_right, repeat(bounds), map(itemgetter(0), hits)))
    inside = list(map(le, map(itemgetter(1), hits), map(bounds.__getitem__, after)))
    if not all(inside):
        hits, after = list(compress(hits, inside)), list(compress(after, inside))
    ks = list(map(sub, after, repeat(1)))
    if any(map(gt, ks, ks[1:])):  # (hits of several indexes, each by start: by text, kept stable)
        order = sorted(range(len(ks)), key=ks.__getitem__)
        hits, ks = [hits[j] for j in order], [ks[j] for j in order]
    return hits, ks


class Words(NamedTuple):
    """The words (`WORD`) of several texts, read at once (`read_words`)."""

    texts: Sequence[str]
    words: list[str]  # the words of all the texts, in order
    offsets: list[int]  # where each text starts in the texts joined by one character (and one past the end)
    bounds: list[int]  # the index of each text's first word (and the number of words)
    gaps: list[str]  # the text between word i and word i + 1 (two texts: their join "\n" too)
    distinct: set[str]  # the distinct words (of all the texts read: a `part` keeps the whole reading's)

    def of(self, k: int) -> list[str]:
        """The words of text k: WORD.findall(texts[k])."""
        return self.words[self.bounds[k]:self.bounds[k + 1]]

    def ends_of(self, k: int) -> list[int]:
        """Where each word of text k ends in it (it starts its length before), worked out when
        asked (for the few texts whose hits or tokens are asked: kept for every word of every
        text, the places took 19 MB on 10,000 pairs of real text): the first word is where the
        text first holds it (no word character is before it), and each next word's end is the
        last one's, the text between and the word further."""
        a, b = self.bounds[k], self.bounds[k + 1]
        if a == b:
            return []
        words = self.words
        first = self.texts[k].find(words[a]) + len(words[a])
        return list(accumulate(map(add, map(len, self.gaps[a:b - 1]), map(len, words[a + 1:b])), initial=first))

    def part(self, a: int, b: int) -> Words:
        """The reading of texts a to b - 1 alone (their places still counted in all the
        texts joined: a text's words are where they were, less where it starts)."""
        if (a, b) == (0, len(self.texts)):
            return self
        first, last = self.bounds[a], self.bounds[b]
        return Words(self.texts[a:b], self.words[first:last], self.offsets[a:b + 1],
                     [x - first for x in self.bounds[a:b + 1]], self.gaps[first:max(first, last - 1)], self.distinct)


def read_words(texts: Sequence[str], chunk: int = 1000) -> Words:
    """The words of the texts, and where they are, from one reading of them all (in C), read
    `chunk` texts at a time: the split makes a string of every word (46 MB at once on 10,000
    pairs of real text, where the distinct words, each kept once, take a few hundred KB), and
    read a chunk at a time, those dropped are made again in the memory just freed, not in
    fresh memory mapped page by page (5,600 page faults fewer on the bench's 10,000 pairs)."""
    once: dict[str, str] = {}  # (each distinct word kept once: see _read_chunk)
    words: list[str] = []
    gaps: list[str] = []
    bounds: list[int] = []
    after = None  # the text after the last word read (None: no word read yet)
    for a in range(0, len(texts), chunk):
        some = texts[a:a + chunk]
        joined = "\n".join(some)
        if joined.count("\n") != len(some) - 1:
            return _read_words_at_once(texts)  # (a text holds a line break)
        parts, chunk_bounds = _read_chunk(joined, len(some), once)
        bounds += map(add, chunk_bounds, repeat(len(words)))
        words += parts[1::2]
        # the text between the last word before the chunk and its first (the join before it too)
        before = parts[0] if a == 0 else "\n" + parts[0]
        if len(parts) == 1:  # (no word in the chunk)
            if after is not None:
                after += before
            continue
        if after is not None:
            gaps.append(after + before)
        gaps += parts[2:-1:2]
        after = parts[-1]
    bounds.append(len(words))
    return Words(texts, words, _offsets(texts), bounds, gaps, set(once))


def _read_chunk(joined: str, n: int, once: dict[str, str]) -> tuple[list[str], list[int]]:
    """`_split` of n texts joined by line breaks, none in a text, each word there as kept in
    `once` (the first string of each: the split makes a string of every occurrence, 29 MB on
    10,000 pairs of real text where the distinct words take a few hundred KB), and the index
    of each text's first word among the words."""
    parts = _split(joined)
    parts[1::2] = map(once.setdefault, parts[1::2], parts[1::2])
    # text k + 1 begins with the word after the text between words that holds the k-th join
    gaps = parts[0::2]
    if "\x00" not in joined:
        # (the texts between words joined by "\x00": the k-th join is in the text between that
        # comes after as many "\x00" as there are before the k-th line break; a few hundred
        # counts, not a look into each of the tens of thousands of texts between)
        at = list(accumulate(map(str.count, "\x00".join(gaps).split("\n")[:-1], repeat("\x00"))))
    else:  # (most hold no join: found in C; one holds several joins where a text between has no word)
        at = list(compress(count(), map(str.__contains__, gaps, repeat("\n"))))
        if len(at) != n - 1:
            at = [g for g in at for _ in range(gaps[g].count("\n"))]
    return parts, [0, *at]


def _read_words_at_once(texts: Sequence[str]) -> Words:
    """`read_words` of texts of which some hold a line break: read at once (a word of text k
    ends after the text starts, and one of an earlier text before)."""
    joined = "\n".join(texts)
    parts = _split(joined)
    once: dict[str, str] = {}
    words = list(map(once.setdefault, parts[1::2], parts[1::2]))
    ends = list(accumulate(map(add, map(len, parts[0::2]), map(len, parts[1::2]))))  # (where each word ends)
    bounds = list(map(bisect.bisect_left, repeat(ends, len(texts) + 1), _offsets(texts)))
    return Words(texts, words, _offsets(texts), bounds, parts[2:-1:2], set(once))


def read_words_again(then: Words, texts: Sequence[str]) -> Words:
    """`read_words(texts)`, field for field, from `then`, a reading of other texts (the same
    but for a run of them: an edit): only the texts from the first that differs to the last
    are read again, with the unchanged text holding a word on each side (the text between
    words there is then read as a whole), and the rest taken from `then`."""
    old = then.texts
    n, m = len(texts), len(old)
    a, end, _ = changed_run(old, texts)
    if a == n == m:
        return Words(texts, then.words, then.offsets, then.bounds, then.gaps, then.distinct)
    tail = n - end
    bounds = then.bounds
    lo = a - 1  # the last unchanged text before the edit that holds a word (or -1)
    while lo >= 0 and bounds[lo] == bounds[lo + 1]:
        lo -= 1
    hi_old = m - tail  # the first unchanged text after the edit that holds a word (or m), in `then`
    while hi_old < m and bounds[hi_old] == bounds[hi_old + 1]:
        hi_old += 1
    if lo < 0 or hi_old >= m:
        return read_words(texts)  # (the edit reaches the first or the last word: read it all)
    hi = hi_old + n - m
    window = read_words(texts[lo:hi + 1])
    first, last = bounds[lo], bounds[hi_old + 1]  # the words before the window, and after it in `then`
    words = then.words[:first] + window.words + then.words[last:]
    gaps = then.gaps[:first] + window.gaps + then.gaps[last - 1:]
    shift = first + len(window.words) - last
    new_bounds = (bounds[:lo] + list(map(add, window.bounds[:-1], repeat(first)))
                  + list(map(add, bounds[hi_old + 1:], repeat(shift))))
    return Words(texts, words, _offsets(texts), new_bounds, gaps, set(words))


def _split(text: str) -> list[str]:
    """`WORD_SPLIT.split(text)`: text between words, word, text between, … (ASCII text read
    with ASCII classes, which are WORD's there, a third faster than asking each character's
    Unicode category)."""
    if text.isascii():
        return _ASCII_WORD_SPLIT.split(text)
    if not _NON_ASCII_LETTER.search(text):  # (curly quotes and dashes, no letter or digit beyond ASCII)
        return _NEARLY_ASCII_WORD_SPLIT.split(text)
    return WORD_SPLIT.split(text)


#: WORD_SPLIT for ASCII text: a letter or digit there is [A-Za-z0-9] (`[^\W_]`), and no ’.
_ASCII_WORD_SPLIT = re.compile(r"([A-Za-z0-9]++(?:['&.][A-Za-z0-9]++)*+)")
#: WORD_SPLIT for text whose letters and digits are all ASCII (English with curly quotes and
#: dashes: a quarter faster than asking each character's Unicode category)
_NEARLY_ASCII_WORD_SPLIT = re.compile(r"([A-Za-z0-9]++(?:['&.’][A-Za-z0-9]++)*+)")
#: A letter or digit beyond ASCII (`[^\W_]`, not ASCII: the range is tried first, in C).
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\W]")


def _exact_word(word: str) -> str:
    return word.casefold().replace("’", "'")


_EXACT_WORDS = WordTable(_exact_word)  # (what word-for-word forms are matched by)


def _exact_key(form: str, case_sensitive: bool) -> tuple[str, ...]:
    words = WORD.findall(form)
    if case_sensitive:
        return tuple(w.replace("’", "'") for w in words)
    return tuple(_exact_word(w) for w in words)


def _maximal(hits: list[tuple]) -> list[tuple]:
    """Drop spans strictly inside another span (equal spans of two terms both stay): `hits`
    are (start, end, …), by start, the longest first (as `Forms.find` gives them)."""
    ends = list(map(itemgetter(1), hits))
    if all(map(lt, ends, ends[1:])):  # (each ends further than all before it: none is inside another)
        return hits
    out: list[tuple] = []
    reach = -1
    reach_start = -1
    for h in hits:
        s, e = h[0], h[1]
        if e < reach or (e == reach and s > reach_start):
            continue
        if e > reach:
            reach, reach_start = e, s
        out.append(h)
    return out


@lru_cache(maxsize=100_000)
def rendering_key(text: str) -> str:
    """How two renderings are told apart in reports: by their stems, case folded."""
    return " ".join(en_key(text))


def rendering_keys(texts: Sequence[str]) -> list[str]:
    """`rendering_key` of each text, read at once: the words of all, keyed and joined again
    text by text in C (for thousands of texts, a glossary's renderings)."""
    words = list(map(WORD.findall, texts))
    keys = list(map(FOLDED_KEYS.__getitem__, chain.from_iterable(words)))
    bounds = list(accumulate(map(len, words), initial=0))
    return list(map(" ".join, map(keys.__getitem__, map(slice, bounds, bounds[1:]))))
