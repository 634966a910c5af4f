"""Finding glossary terms in Chinese and English text, the way a reviser reads them.

Chinese: full-width and half-width characters are the same, and so are all quote styles
(专精特新“小巨人”企业 = 专精特新"小巨人"企业 = 专精特新「小巨人」企业).

English: text is cut into word tokens, each reduced to a light stem that forgets plural
-s/-es/-ies, possessive 's and a final -e (so "enterprise", "enterprises", "enterprise's" are
one stem); case is folded unless a term says `case: sensitive`; hyphens, dashes and spaces all
separate tokens, so "high-tech zone" = "high tech zone"; quotation marks are not tokens, so
'"little giant" enterprises' = '“little giant” enterprises' = 'little giant enterprises'.
Nothing else is forgiven: every stem of a rendering must be there, in order, with nothing
between, so "above designated scale" never passes for "above designated size".

Each side is matched with a trie (an automaton over characters, or over stems): one walk over
the text, whatever the number of terms, finding every occurrence, nested and overlapping ones
included. (A regular expression compiled from the same trie was measured, and was 20 times
slower on Chinese with Python's engine.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from workbench.glossary import Glossary, Term

# -- Chinese --------------------------------------------------------------------------------

_QUOTES = "\"'“”„‟‘’‚‛«»‹›「」『』〝〞〟＂＇"
_ZH_TABLE: dict[int, str] = {ord(q): '"' for q in _QUOTES}
_ZH_TABLE.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if c not in (0xFF02, 0xFF07)})
_ZH_TABLE[0x3000] = " "
_ZH_TABLE.update({ord(c): "·" for c in "•・‧"})


def normalize_zh(text: str) -> str:
    """Chinese text with full-width ASCII made half-width and every quote made '"'.

    The result has the same length as the input, so positions carry over.
    """
    return text.translate(_ZH_TABLE)


# -- English --------------------------------------------------------------------------------

_HAS_WORD = re.compile(r"[^\W_]")
# A word: letters/digits, with inner apostrophes, ampersands or dots (China's, R&D, 39.9).
_WORD = re.compile(r"[^\W_]+(?:[’'&.][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem: plural, possessive and a final -e removed (case kept).

    Applied alike to glossary renderings and to text, so only equality of stems matters.
    """
    w = word
    if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":
        w = w[:-2]
    w = w.replace("’", "'")
    if 3 <= len(w) <= 7 and w[-1] == "s" and w[:-1].isupper():  # acronyms: SMEs → SME
        return w[:-1]
    if w.isupper() and len(w) <= 6:  # an acronym (GDP, MIIT), not a word in capitals
        return w
    if len(w) > 3:
        low = w.lower()
        if low.endswith("ies") and low[-4] not in "ae":
            w = w[:-3] + ("Y" if w[-3:].isupper() else "y")
        elif low.endswith("s") and not low.endswith(("ss", "us", "is")):
            w = w[:-1]
    if len(w) > 3 and w[-1] in "eE" and w[-2:].lower() != "ee":
        w = w[:-1]
    return w


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # case-folded stem
    ckey: str  # case-kept stem (for case-sensitive terms)


@lru_cache(maxsize=200_000)
def _keys(word: str) -> tuple[str, str]:
    s = stem(word)
    return s.lower(), s


class _KeyCache(dict):
    """word → stem key, filled on first sight; `map(cache.__getitem__, words)` runs in C."""

    def __init__(self, which: int) -> None:
        super().__init__()
        self.which = which

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        key = self[word] = _keys(word)[self.which]
        return key


_FOLDED, _KEPT = _KeyCache(0), _KeyCache(1)


def word_key(word: str) -> str:
    """The case-folded stem of one word, as renderings are matched by."""
    return _FOLDED[word]


def tokenize_en(text: str) -> list[Token]:
    """The word tokens of English text, with their stems."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        out.append(Token(m.start(), m.end(), w, *_keys(w)))
    return out


@lru_cache(maxsize=100_000)
def en_key(phrase: str, case_sensitive: bool = False) -> tuple[str, ...]:
    """The stems a rendering is matched by."""
    return tuple(_keys(w)[1 if case_sensitive else 0] for w in _WORD.findall(phrase))


# -- the automaton --------------------------------------------------------------------------

_END = object()


class Trie:
    """Sequences of symbols (characters or stems) → payloads; finds every occurrence."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, seq: Sequence, payload: object) -> None:
        node = self.root
        for sym in seq:
            node = node.setdefault(sym, {})
        node.setdefault(_END, []).append(payload)

    def find(self, seq: Sequence) -> list[tuple[int, int, object]]:
        """(start, end, payload) of every occurrence, nested and overlapping ones included."""
        get = self.root.get
        n = len(seq)
        out: list[tuple[int, int, object]] = []
        for i, sym in enumerate(seq):
            node = get(sym)
            j = i + 1
            while node is not None:
                if _END in node:
                    for payload in node[_END]:
                        out.append((i, j, payload))
                if j >= n:
                    break
                node = node.get(seq[j])
                j += 1
        return out

# -- matching glossary terms -----------------------------------------------------------------

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
    """A glossary compiled for matching: a trie of the Chinese forms (by character) and tries
    of the English renderings (by stem: case folded, case kept, and word for word)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.terms: list[Term] = list(glossary.terms)
        self._zh = Trie()
        self._en = Trie()  # case-insensitive renderings, by folded stems
        self._en_cs = Trie()  # case-sensitive renderings, by case-kept stems
        # Forbidden forms only an inflection away from an accepted one ("regional aircrafts"
        # for "regional aircraft"): matched word for word instead.
        self._en_exact = Trie()
        for i, t in enumerate(self.terms):
            seen: set[str] = set()
            for form in t.zh:
                norm = normalize_zh(form)
                if norm and norm not in seen and _HAS_WORD.search(norm):  # never a bare quote mark
                    seen.add(norm)
                    self._zh.add(norm, i)
            cs = t.case == "sensitive"
            accepted = {en_key(f, cs) for f in t.accepted}
            for kind, forms in ((APPROVED, [t.en]), (VARIANT, t.variants), (FORBIDDEN, t.forbidden)):
                for form in forms:
                    key = en_key(form, cs)
                    if not key:
                        continue
                    if kind == FORBIDDEN and key in accepted:
                        self._en_exact.add(_exact_key(form, cs), (i, kind, form))
                    else:
                        (self._en_cs if cs else self._en).add(key, (i, kind, form))

    def zh_hits(self, text: str) -> list[ZhHit]:
        """Terms in Chinese text: the longest at each place; a form inside a longer found form
        (中小企业 inside 专精特新中小企业) is not counted again."""
        norm = normalize_zh(text)
        # (Prefiltering places by their first two characters was measured: twice as slow as
        # walking the trie everywhere, whose misses cost one dictionary lookup.)
        hits = self._zh.find(norm)
        return [ZhHit(i, s, e, text[s:e]) for s, e, i in _maximal(hits)]

    def en_hits(self, text: str) -> list[EnHit]:
        """Every rendering (approved, variant, forbidden) of every term in English text."""
        words = _WORD.findall(text)
        found = self._en.find(list(map(_FOLDED.__getitem__, words))) if self._en.root else []
        if self._en_cs.root:
            found += self._en_cs.find(list(map(_KEPT.__getitem__, words)))
        exact = []
        if self._en_exact.root:
            for s, e, p in self._en_exact.find([_exact_word(w) for w in words]):
                if self.terms[p[0]].case != "sensitive" or _exact_key(p[2], True) == tuple(
                    w.replace("’", "'") for w in words[s:e]
                ):
                    exact.append((s, e, p))
        if not found and not exact:
            return []
        # character offsets of the words the hits need, found in order (words are in order,
        # and only non-word characters lie between them)
        last = max(e for _, e, _ in found + exact)
        starts = []
        pos = 0
        find = text.find
        for w in words[:last]:
            pos = find(w, pos)
            starts.append(pos)
            pos += len(w)
        out = []
        for hits, is_exact in ((found, False), (exact, True)):
            for s, e, (i, kind, form) in hits:
                a, b = starts[s], starts[e - 1] + len(words[e - 1])
                out.append(EnHit(i, kind, form, a, b, text[a:b], is_exact))
        if len(out) > 1:
            out.sort(key=lambda h: (h.start, -h.end))
        return out


def _exact_word(word: str) -> str:
    return word.casefold().replace("’", "'")


def _exact_key(form: str, case_sensitive: bool) -> tuple[str, ...]:
    words = _WORD.findall(form)
    if case_sensitive:
        return tuple(w.replace("’", "'") for w in words)
    return tuple(_exact_word(w) for w in words)


def _maximal(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop spans strictly inside another span (equal spans of two terms both stay)."""
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, int]] = []
    reach = -1
    reach_start = -1
    for s, e, i in hits:
        if e < reach or (e == reach and s > reach_start):
            continue
        if e > reach:
            reach, reach_start = e, s
        out.append((s, e, i))
    return out


@lru_cache(maxsize=100_000)
def rendering_key(text: str) -> str:
    """How two renderings are told apart in reports: by their stems, case folded."""
    return " ".join(en_key(text))
