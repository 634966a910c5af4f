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
from itertools import accumulate, chain, compress, repeat
from operator import add, and_, eq, itemgetter, lt, not_, or_, sub

from workbench.checks import Finding
from workbench.checks.view import PairView, View, english
from workbench.glossary.matching import read_words
from workbench.text.normalize import EN_STOP, WORD, british

_HYPHENS = {"-", "‐", "‑"}

_ARTICLES = frozenset(("a", "an", "the"))
_CONTENT = dict.fromkeys(_ARTICLES, False)  # .get(word, True): not an article
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


class _Corpus:
    """The English of every pair under check, read as one text (`view.English`): its words
    (lower case, ’ as ') and the kind of separator after each word but the last, with the pair
    each word is in.

    A few passes over whole lists (run in C: map, zip, compress, set operations) instead of the
    same steps for every pair: on 10,000 pairs the work per pair, not per word, was most of the
    time. No word, and no phrase, runs from one pair into the next: the text between two pairs
    is punctuation (`_NUL`), as the end of a pair's text was when pairs were read one by one."""

    def __init__(self, views: list[View]) -> None:
        en = english(views)
        if en.lowers_alike:  # (the words of the text lower-cased are its words lower-cased)
            read, self.words = en.read, en.lower
        else:
            read = read_words([p.en.replace("’", "'").lower() for p in en.pairs])
            self.words = read.words
        self.en = en
        self.kinds: list[str] = list(map(_SEP_KIND.get, read.gaps, repeat(_NUL)))
        # the pair of each word, and how many pair boundaries lie after each word (0: the next
        # word is in the same pair)
        bounds = read.bounds
        self.pair_of: list[int] = list(chain.from_iterable(map(repeat, range(len(bounds) - 1),
                                                               map(sub, bounds[1:], bounds))))
        self.cuts: list[int] = list(map(sub, self.pair_of[1:], self.pair_of))
        self.bounds = bounds

    def in_pair(self, k: int, m: int) -> bool:
        """Words k … k + m - 1 and the word after them all in one pair."""
        cuts = self.cuts
        return k + m < len(self.words) and not any(cuts[k:k + m])

    def compound(self, k: int, m: int) -> tuple[str, str, str]:
        """(letters, next word or _NUL after punctuation, surface) of words k … k + m - 1."""
        words, kinds = self.words, self.kinds
        surface = words[k]
        for j in range(k, k + m - 1):
            surface += kinds[j] + words[j + 1]
        nxt = words[k + m] if kinds[k + m - 1] != _NUL else _NUL
        return "".join(words[k:k + m]), nxt, surface




def _windows(c: _Corpus) -> list[tuple[int, tuple]]:
    """The article windows worth comparing, with the position of their first word: four
    successive words other than articles (with only articles between them) inside a stretch
    between punctuation, whose last word ends a phrase (the stretch ends, or a function word
    other than "of" follows), and which are written somewhere with an article inside. A window
    is (four words, True, the distance from each word to the next but the first): a distance
    over 1 is an article between."""
    words, kinds = c.words, c.kinds
    content = list(compress(range(len(words)), map(_CONTENT.get, words, repeat(True))))
    if len(content) < PHRASE_WORDS:
        return []
    breaks = list(map(_NUL.__eq__, kinds))
    stretch = list(accumulate(breaks, initial=0))  # stretch number of each word
    ends_at = list(map(or_, breaks, map(_ENDS_BEFORE.__contains__, words[1:])))
    ends_at.append(True)  # (the last word ends its stretch)
    cs = list(map(stretch.__getitem__, content))
    ok = list(map(and_, map(eq, cs, cs[3:]), map(ends_at.__getitem__, content[3:])))
    # the positions of the four words of each window that passes (most do not: looked at only now)
    at = [list(compress(content[k:], ok)) for k in range(PHRASE_WORDS)]
    keys = list(zip(*(map(words.__getitem__, a) for a in at)))
    inside = map(lt, repeat(PHRASE_WORDS - 1), map(sub, at[-1], at[0]))  # an article inside
    with_article = set(compress(keys, inside))
    if not with_article:
        return []
    # (only those seen twice or more can vary: counted in C, most phrases are seen once)
    seen = Counter(keys)
    with_article = set(compress(with_article, map(lt, repeat(1), map(seen.__getitem__, with_article))))
    return [(at[0][i], keys[i] + (True, at[1][i] - at[0][i], at[2][i] - at[1][i], at[3][i] - at[2][i]))
            for i in compress(range(len(keys)), map(with_article.__contains__, keys))]


_ENDS_BEFORE = EN_STOP - {"of"}  # a phrase ends before one of these


def variant_spelling(views: list[View]) -> Iterable[Finding]:
    if not any(p.en for v in views for p in v.pairs):
        return
    c = _Corpus(views)
    words, kinds = c.words, c.kinds
    n = len(words)
    # Pass 1, all in sets: which words, compounds and phrases can be written more than one way.
    # A compound can vary only if one of its forms is hyphenated or closed up (a word that
    # elsewhere is two or three words run together); a phrase only if one of its forms has an
    # article inside. Only those are then collected, with where they are.
    vocab = set(words)
    hyphenated: set[str] = set()  # the letters of compounds written with a hyphen
    for i in compress(range(n - 1), map("-".__eq__, kinds)):
        for k, m in ((i, 2), (i - 1, 3), (i, 3)):
            if k >= 0 and c.in_pair(k, m):
                hyphenated.add("".join(words[k:k + m]))
    spell_groups: dict[str, set[str]] = defaultdict(set)
    for w, am in british(vocab).items():
        if len(w) >= 5 and w.isalpha():
            spell_groups[am].add(w)
    spell_words = {}
    for am, forms in spell_groups.items():
        if am in vocab:
            for w in forms | {am}:
                spell_words[w] = am
    # two or three adjacent words of a pair run together that are a word elsewhere (the runs
    # made and looked up in C)
    same = list(map(not_, c.cuts))  # word i and word i + 1 in one pair
    closed = set(hyphenated)
    runs = list(map(add, words, words[1:]))
    closed.update(w for w in vocab.intersection(compress(runs, same)) if w.isalpha())
    closed.update(w for w in vocab.intersection(compress(map(add, runs, words[2:]), map(and_, same, same[1:])))
                  if w.isalpha())
    del hyphenated, same, runs
    # every compound whose letters are closed up somewhere, where it is: one word, or two or
    # three from where a word is the beginning of a closed-up one
    placed: list[tuple[int, int, tuple[str, str, str]]] = []
    if closed:
        heads = {w[:i] for w in closed for i in range(1, len(w))}
        for k in compress(range(n), map(closed.__contains__, words)):
            if c.in_pair(k, 1):
                placed.append((k, 1, c.compound(k, 1)))
        for k in compress(range(n - 1), map(heads.__contains__, words)):
            joined = words[k] + words[k + 1]
            for m in (2, 3):
                if m == 3:
                    if k + 2 >= n:
                        break
                    joined += words[k + 2]
                if joined in closed and c.in_pair(k, m):
                    placed.append((k, m, c.compound(k, m)))
    compounds = {t for _, _, t in placed}
    placed_windows = _windows(c)
    windows = {w for _, w in placed_windows}
    # keys seen with two surfaces (counted in C), then checked one by one
    twice = {k for k, cnt in Counter(map(itemgetter(0, 1), compounds)).items() if cnt > 1}
    by_compound: dict[tuple[str, str], set[str]] = defaultdict(set)
    for joined, nxt, surface in [t for t in compounds if t[:2] in twice]:
        if nxt != _NUL and _NUL not in surface and joined.isalpha():
            by_compound[(joined, nxt)].add(surface)
    # (one of the forms closed up or hyphenated: "now here" / "no where" are two phrases)
    varied_compounds = {(j, nx, s) for (j, nx), ss in by_compound.items()
                        if len(ss) > 1 and any(" " not in x or "-" in x for x in ss) for s in ss}
    twice = {k for k, cnt in Counter(map(itemgetter(0, 1, 2, 3, 4), windows)).items() if cnt > 1}
    by_window: dict[tuple, set[tuple]] = defaultdict(set)
    for w in [w for w in windows if w[:5] in twice]:
        if w[4] and w[0] not in EN_STOP and w[3] not in EN_STOP:
            by_window[w[:4]].add(w[5:])
    varied_windows = {key + (True,) + sig for key, sigs in by_window.items() if len(sigs) > 1 for sig in sigs}
    if not (spell_words or varied_compounds or varied_windows):
        return
    # Pass 2: the places of the few that vary, in the order of the text (pair by pair; in a
    # pair, words spelled two ways, then compounds, then phrases).
    places: list[tuple[int, int, int, int, tuple, str]] = []  # (word, kind, last word, key, surface)
    if spell_words:
        for k in compress(range(n), map(spell_words.__contains__, words)):
            w = words[k]
            places.append((k, 0, k, ("spelling", spell_words[w]), w))
    for k, m, (joined, nxt, surface) in placed:
        if (joined, nxt, surface) in varied_compounds:
            places.append((k, 1, k + m - 1, ("hyphenation", joined, nxt), surface))
    if varied_windows:
        for k, w in placed_windows:
            if w in varied_windows:
                last = k + w[5] + w[6] + w[7]
                places.append((k, 2, last, ("article",) + w[:4], " ".join(words[k:last + 1])))
    places.sort(key=lambda pl: (c.pair_of[pl[0]], pl[1], pl[0], pl[2]))
    occurrences: dict[tuple, dict[str, list[_Occ]]] = defaultdict(lambda: defaultdict(list))
    where: _Where | None = None
    for k, _, last, key, surface in places:
        pair = c.pair_of[k]
        if where is None or where.index != pair:
            where = _Where(c, pair)
        occurrences[key][surface].append(where.occ(k, last))
    reported: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    said: set[tuple] = set()
    # shortest phrases first: "high tech" is the difference, not "high tech enterprises"
    for (kind, *_), by_surface in sorted(occurrences.items(), key=lambda kv: max(map(len, kv[1]))):
        if len(by_surface) > 1:
            yield from _report(by_surface, kind, len(views) > 1, reported, said)


class _Where:
    """Character places of the words of one pair, for the few phrases pass 2 reports."""

    def __init__(self, c: _Corpus, index: int) -> None:
        self.index = index
        self.v, self.p = c.en.view_of(index), c.en.pairs[index]
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
