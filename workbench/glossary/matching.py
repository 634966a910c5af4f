"""Finding glossary terms in Chinese and English text, the way a reviser reads them.

Text is normalised first (`workbench.text.normalize`): widths and quote styles on the Chinese
side, word stems on the English side. Nothing else is forgiven: every stem of a rendering must
be there, in order, with nothing between, so "above designated scale" never passes for "above
designated size".

Each side is matched with a trie (an automaton over characters, or over stems): one walk over
the text, whatever the number of terms, finding every occurrence, nested and overlapping ones
included. (A regular expression compiled from the same trie was measured, and was 20 times
slower on Chinese with Python's engine.)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import add
from typing import NamedTuple

from workbench.glossary.model import Glossary, Term
from workbench.text.normalize import FOLDED_KEYS, HAS_WORD, KEPT_KEYS, WORD, american, en_key
from workbench.text.normalize import normalize_zh_simplified as normalize_zh

# (Chinese is matched half-width, with one quote mark and in simplified characters: a
# traditional-script source meets a simplified glossary, and the reverse.)

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
        root = self.root
        n = len(seq)
        out: list[tuple[int, int, object]] = []
        # (a walk starts only where a symbol starts an entry: those places picked out in C)
        for i in compress(range(n), map(root.__contains__, seq)):
            _walk(root[seq[i]], seq, i, i + 1, out)
        return out


class CharTrie(Trie):
    """A `Trie` of strings, whose walks start from an index of their first two characters:
    one lookup of a two-character string a place (the strings made in C) instead of two steps
    of the walk. Same finds, in the same order; with a one-character string among its entries
    it walks as `Trie` does."""

    def __init__(self) -> None:
        super().__init__()
        self._pairs: dict | None = None  # two first characters → the node after them
        self._short = False  # a one-character entry

    def add(self, seq: Sequence, payload: object) -> None:
        super().add(seq, payload)
        self._pairs = None

    def _index(self) -> dict:
        pairs: dict = {}
        self._short = False
        for a, node in self.root.items():
            if a is _END:
                continue
            if _END in node:
                self._short = True
            for b, nxt in node.items():
                if b is not _END:
                    pairs[a + b] = nxt
        self._pairs = pairs
        return pairs

    def find(self, seq: str) -> list[tuple[int, int, object]]:  # type: ignore[override]
        pairs = self._pairs if self._pairs is not None else self._index()
        if self._short:
            return super().find(seq)
        out: list[tuple[int, int, object]] = []
        for i, node in enumerate(map(pairs.get, map(add, seq, seq[1:]))):
            if node is not None:
                _walk(node, seq, i, i + 2, out)
        return out


def _walk(node: dict, seq: Sequence, i: int, j: int, out: list) -> None:
    """From `node`, reached by seq[i:j], append (i, end, payload) of every entry the walk on
    through seq passes: the one inner walk of `Trie.find` and `CharTrie.find` (called only
    where a walk starts, so the call costs little)."""
    n = len(seq)
    while True:
        if _END in node:
            for payload in node[_END]:
                out.append((i, j, payload))
        if j >= n:
            return
        node = node.get(seq[j])
        if node is None:
            return
        j += 1


# -- matching glossary terms -----------------------------------------------------------------


class _FoldedKeys(dict):
    """word → the key case-insensitive renderings are matched by: its folded stem, spelled
    the American way (organisation = organization), except that a word written otherwise
    than in capitals never meets an acronym of the glossary ("Ai Jun" is not "AI")."""

    def __init__(self, acronyms: set[str]) -> None:
        super().__init__()
        self.acronyms = acronyms

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        key = american(FOLDED_KEYS[word])  # the stem's spelling: "organisations" → organization
        if key in self.acronyms and not _is_acronym(word):
            key = "~" + key
        self[word] = key
        return key


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
    """A glossary compiled for matching: a trie of the Chinese forms (by character) and tries
    of the English renderings (by stem: case folded, case kept, and word for word)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.terms: list[Term] = list(glossary.terms)
        self._zh = CharTrie()
        self._en = Trie()  # case-insensitive renderings, by folded stems
        self._en_cs = Trie()  # case-sensitive renderings, by case-kept stems
        # Forbidden forms only an inflection away from an accepted one ("regional aircrafts"
        # for "regional aircraft"): matched word for word instead.
        self._en_exact = Trie()
        acronyms = {
            FOLDED_KEYS[w]
            for t in self.terms if t.case != "sensitive"
            for form in t.accepted + list(t.forbidden) for w in WORD.findall(form)
            if not w.islower() and _is_acronym(w)  # (islower first: most words, and cheap)
        }
        self._keys = _FoldedKeys(acronyms)
        for i, t in enumerate(self.terms):
            seen: set[str] = set()
            for form in t.zh:
                norm = normalize_zh(form)
                if norm and norm not in seen and HAS_WORD.search(norm):  # never a bare quote mark
                    seen.add(norm)
                    self._zh.add(norm, i)
            cs = t.case == "sensitive"
            keys = {f: self._key(f, cs) for f in (t.en, *t.variants, *t.forbidden)}
            accepted = {keys[f] for f in t.accepted}
            for kind, forms in ((APPROVED, [t.en]), (VARIANT, t.variants), (FORBIDDEN, t.forbidden)):
                for form in forms:
                    key = keys[form]
                    if not key:
                        continue
                    if kind == FORBIDDEN and key in accepted:
                        self._en_exact.add(_exact_key(form, cs), (i, kind, form))
                    else:
                        (self._en_cs if cs else self._en).add(key, (i, kind, form))

    def _key(self, form: str, case_sensitive: bool) -> tuple[str, ...]:
        if case_sensitive:
            return en_key(form, True)
        return tuple(map(self._keys.__getitem__, WORD.findall(form)))

    def zh_hits(self, text: str) -> list[ZhHit]:
        """Terms in Chinese text: the longest at each place; a form inside a longer found form
        (中小企业 inside 专精特新中小企业) is not counted again."""
        return self.zh_scan(text)[0]

    def zh_scan(self, text: str) -> tuple[list[ZhHit], list[int]]:
        """`zh_hits`, and every term found, nested ones too (`zh_terms_all`), from one walk."""
        norm = normalize_zh(text)
        # (A prefilter of places by their first two characters, sliced out one by one, was
        # measured twice as slow as walking the trie everywhere; CharTrie's index, looked up
        # with strings made in C, is some 20% faster than the walk: 5,000 terms, 10,000 pairs.)
        hits = self._zh.find(norm)
        every = list(dict.fromkeys(i for _, _, i in hits))
        return [ZhHit(i, s, e, text[s:e]) for s, e, i in _maximal(hits)], every

    def zh_terms_all(self, text: str) -> list[int]:
        """Every term whose Chinese is in the text, nested ones too (规模以上 inside
        规模以上工业增加值), first seen first."""
        return list(dict.fromkeys(i for _, _, i in self._zh.find(normalize_zh(text))))

    def nested(self, i: int) -> list[int]:
        """The terms whose Chinese lies inside term i's (中小企业 in 专精特新中小企业)."""
        cache = self.__dict__.setdefault("_nested", {})
        if i not in cache:
            found = {j for z in self.terms[i].zh for _, _, j in self._zh.find(normalize_zh(z))}
            found.discard(i)
            cache[i] = sorted(found)
        return cache[i]

    def en_hits(self, text: str, words: list[str] | None = None) -> list[EnHit]:
        """Every rendering (approved, variant, forbidden) of every term in English text
        (`words`: WORD.findall(text), where it is known)."""
        if words is None:
            words = WORD.findall(text)
        found = self._en.find(list(map(self._keys.__getitem__, words))) if self._en.root else []
        if self._en_cs.root:
            found += self._en_cs.find(list(map(KEPT_KEYS.__getitem__, words)))
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
    words = WORD.findall(form)
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
