"""variant-spelling: near-identical English phrasings of the same thing across the documents.

Three kinds of near-identity, each found by reducing phrases to a key that forgets exactly
one kind of difference, and grouping phrases by key. A first pass collects keys in sets (the
work per word is done by the C parts of Python: regular expressions, zip, set union); a second
pass locates the few that vary.

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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import add, itemgetter

from workbench.checks import Finding
from workbench.checks.view import PairView, View
from workbench.text.normalize import EN_STOP, WORD, american

_HYPHENS = {"-", "‐", "‑"}

_ARTICLES = frozenset(("a", "an", "the"))
#: Words (articles not counted) in a phrase compared for articles.
PHRASE_WORDS = 4
_NUL = "\x00"  # a boundary: punctuation between two words
_SEP_KIND = {" ": " ", "-": "-", "‐": "-", "‑": "-"}


@dataclass
class _Occ:
    view: View
    pair: PairView
    start: int
    end: int
    surface: str


def _words_and_seps(text: str) -> tuple[str, list[str], list[str]]:
    """Lower-cased text, its words, and the separator after each word but the last
    (" ", "-", or a boundary)."""
    low = text.replace("’", "'").lower()
    words = WORD.findall(low)
    gaps = WORD.split(low)[1:-1]
    return low, words, [_SEP_KIND.get(g, _NUL) for g in gaps]


def _compounds(words: list[str], seps: list[str]) -> set[tuple[str, str, str]]:
    """(letters, next word, surface) of every run of 1–3 words followed by a word."""
    nxt = [b if s != _NUL else _NUL for s, b in zip(seps, words[1:])]
    out = set(zip(words, nxt, words))
    joined2 = [a + b for a, b in zip(words, words[1:])]
    surf2 = [a + s + b for a, s, b in zip(words, seps, words[1:])]
    out.update(zip(joined2, nxt[1:], surf2))
    joined3 = [a + b for a, b in zip(joined2, words[2:])]
    surf3 = [a + s + b for a, s, b in zip(surf2, seps[1:], words[2:])]
    out.update(zip(joined3, nxt[2:], surf3))
    return out


def _article_windows(words: list[str], seps: list[str]) -> set[tuple]:
    """(4 words without articles, phrase-end flag, where articles stood) of every stretch
    between punctuation."""
    out: set[tuple] = set()
    start = 0
    bounds = [k for k, s in enumerate(seps) if s == _NUL] + [len(words) - 1]
    for last in bounds:
        seg = words[start:last + 1]
        start = last + 1
        if len(seg) < PHRASE_WORDS:
            continue
        idx = [k for k, w in enumerate(seg) if w not in _ARTICLES]
        if len(idx) < PHRASE_WORDS:
            continue
        cw = [seg[k] for k in idx]
        gap = [0] + [b - a - 1 for a, b in zip(idx, idx[1:])]  # articles before each word
        n = len(seg)
        ends = [k + 1 == n or (seg[k + 1] in EN_STOP and seg[k + 1] != "of") for k in idx]
        out.update(zip(cw, cw[1:], cw[2:], cw[3:], ends[3:], gap[1:], gap[2:], gap[3:]))
    return out


def variant_spelling(views: list[View]) -> Iterable[Finding]:
    # Pass 1, all in sets: which words, compounds and phrases can be written more than one way.
    # A compound can vary only if one of its forms is hyphenated or closed up (a word that
    # elsewhere is two or three words run together); a phrase only if one of its forms has an
    # article inside. Only those are then collected, from the pairs that may hold them.
    vocab: set[str] = set()
    hyphenated: set[str] = set()  # the letters of compounds written with a hyphen
    with_article: set[tuple] = set()  # the four words of phrases with an article inside
    per_pair = []
    for v in views:
        for p in v.pairs:
            if not p.en:
                continue
            low, words, seps = _words_and_seps(p.en)
            vocab.update(words)
            j2 = list(map(add, words, words[1:]))
            j3 = list(map(add, j2, words[2:]))
            if "-" in seps:
                hyphenated.update(c[0] for c in _compounds(words, seps) if "-" in c[2])
            wins = None  # (worked out once, here where there is an article, else in the next pass if needed)
            if not _ARTICLES.isdisjoint(words):
                wins = _article_windows(words, seps)
                with_article.update(w[:5] for w in wins if w[4] and (w[5] or w[6] or w[7]))
            per_pair.append((v, p, low, words, seps, j2, j3, wins))
    spell_groups: dict[str, set[str]] = defaultdict(set)
    for w in vocab:
        if len(w) >= 5 and w.isalpha():
            am = american(w)
            if am != w:
                spell_groups[am].add(w)
    spell_words = {}
    for am, forms in spell_groups.items():
        if am in vocab:
            for w in forms | {am}:
                spell_words[w] = am
    # two or three adjacent words run together that are a word elsewhere (looked up in the
    # vocabulary, once it is complete: cheaper than gathering every such run of the documents)
    closed = set(hyphenated)
    in_vocab = vocab.intersection
    for _v, _p, _low, _words, _seps, j2, j3, _wins in per_pair:
        closed.update(w for w in in_vocab(j2) if w.isalpha())
        closed.update(w for w in in_vocab(j3) if w.isalpha())
    first_words = {w[0] for w in with_article}
    del hyphenated
    compounds: set[tuple[str, str, str]] = set()
    windows: set[tuple] = set()
    kept = []
    for v, p, low, words, seps, j2, j3, all_wins in per_pair:
        comps = wins = frozenset()
        if closed and not (closed.isdisjoint(words) and closed.isdisjoint(j2) and closed.isdisjoint(j3)):
            comps = {c for c in _compounds(words, seps) if c[0] in closed}
            compounds |= comps
        if with_article and not first_words.isdisjoint(words):
            if all_wins is None:
                all_wins = _article_windows(words, seps)
            wins = {w for w in all_wins if w[:5] in with_article}
            windows |= wins
        if comps or wins or not spell_words.keys().isdisjoint(words):
            kept.append((v, p, low, words, seps, comps, wins))
    per_pair = kept
    # keys seen with two surfaces (counted in C), then checked one by one
    twice = {k for k, n in Counter(map(itemgetter(0, 1), compounds)).items() if n > 1}
    by_compound: dict[tuple[str, str], set[str]] = defaultdict(set)
    for joined, nxt, surface in [c for c in compounds if c[:2] in twice]:
        if nxt != _NUL and _NUL not in surface and joined.isalpha():
            by_compound[(joined, nxt)].add(surface)
    # (one of the forms closed up or hyphenated: "now here" / "no where" are two phrases)
    varied_compounds = {(j, n, s) for (j, n), ss in by_compound.items()
                        if len(ss) > 1 and any(" " not in x or "-" in x for x in ss) for s in ss}
    twice = {k for k, n in Counter(map(itemgetter(0, 1, 2, 3, 4), windows)).items() if n > 1}
    by_window: dict[tuple, set[tuple]] = defaultdict(set)
    for w in [w for w in windows if w[:5] in twice]:
        if w[4] and w[0] not in EN_STOP and w[3] not in EN_STOP:
            by_window[w[:4]].add(w[5:])
    varied_windows = {key + (True,) + sig for key, sigs in by_window.items() if len(sigs) > 1 for sig in sigs}
    del vocab, compounds, windows, by_compound, by_window, twice
    if not (spell_words or varied_compounds or varied_windows):
        return
    varied_compounds = frozenset(varied_compounds)
    # Pass 2: where they are, only in the pairs that hold one.
    occurrences: dict[tuple, dict[str, list[_Occ]]] = defaultdict(lambda: defaultdict(list))
    for v, p, low, words, seps, comps, wins in per_pair:
        spelled = spell_words.keys() & words if spell_words else ()
        compound_hits = comps & varied_compounds
        window_hits = wins & varied_windows
        if not (spelled or compound_hits or window_hits):
            continue
        where = _Where(v, p, low, words, seps)
        for k, w in enumerate(words):
            if w in spelled:
                occurrences[("spelling", spell_words[w])][w].append(where.occ(k, k))
        for joined, nxt, surface in compound_hits:
            for k, last in where.compound(surface, nxt):
                occurrences[("hyphenation", joined, nxt)][surface].append(where.occ(k, last))
        for w in window_hits:
            for k, last in where.window(w):
                surface = " ".join(words[k:last + 1])
                occurrences[("article",) + w[:4]][surface].append(where.occ(k, last))
    del per_pair
    reported: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    said: set[tuple] = set()
    # shortest phrases first: "high tech" is the difference, not "high tech enterprises"
    for (kind, *_), by_surface in sorted(occurrences.items(), key=lambda kv: max(map(len, kv[1]))):
        if len(by_surface) > 1:
            yield from _report(by_surface, kind, len(views) > 1, reported, said)


class _Where:
    """Word positions in one pair's English, for the few phrases pass 2 looks for."""

    def __init__(self, v: View, p: PairView, low: str, words: list[str], seps: list[str]) -> None:
        self.v, self.p, self.words, self.seps = v, p, words, seps
        self.spans = [m.span() for m in WORD.finditer(low)]
        self.exact = len(low) == len(p.en) and len(self.spans) == len(words)
        self._at: dict[str, list[int]] | None = None

    def occ(self, k: int, last: int) -> _Occ:
        if self.exact:
            a, b = self.spans[k][0], self.spans[last][1]
        else:  # lower-casing changed the length (rare letters): no exact place
            a, b = 0, len(self.p.en)
        return _Occ(self.v, self.p, a, b, self.p.en[a:b])

    def positions(self, word: str) -> list[int]:
        """Where a word stands (an index built once per pair: each lookup is then linear in
        the hits, not in the sentence, so a long sentence with many variants stays linear)."""
        if self._at is None:
            self._at = defaultdict(list)
            for k, w in enumerate(self.words):
                self._at[w].append(k)
        return self._at.get(word, [])

    def compound(self, surface: str, nxt: str) -> Iterable[tuple[int, int]]:
        words, seps = self.words, self.seps
        first = WORD.match(surface)
        for k in self.positions(first.group() if first else surface):
            if k >= len(words) - 1:
                continue
            text, last = words[k], k
            while len(text) < len(surface) and last + 1 < len(words) - 1:
                text += seps[last] + words[last + 1]
                last += 1
            if text == surface and seps[last] != _NUL and words[last + 1] == nxt:
                yield k, last

    def window(self, w: tuple) -> Iterable[tuple[int, int]]:
        words, seps = self.words, self.seps
        for k in self.positions(w[0]):
            j, ok = k, True
            for x, gap in zip(w[1:4], w[5:8]):
                for _ in range(gap + 1):
                    if j + 1 >= len(words) or seps[j] == _NUL:
                        ok = False
                        break
                    j += 1
                if not ok or words[j] != x or any(y not in _ARTICLES for y in words[j - gap:j]):
                    ok = False
                    break
            if ok:
                yield k, j


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
