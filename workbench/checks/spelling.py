"""variant-spelling: near-identical English phrasings of the same thing across the documents.

Three kinds of near-identity, each found by reducing phrases to a key that forgets exactly
one kind of difference, and grouping phrases by key (one pass, however long the corpus):

- spelling: British and American forms of a word (organisation / organization, centre /
  center, future-orientated / future-oriented);
- hyphenation: one compound written with a hyphen, a space or closed up (high-tech / high tech,
  cellphone / cell phone), counted only before the same next word, because "a high level of"
  and "high-level meeting" are both right;
- articles: a phrase of four content words that once has an article inside and once not
  ("enterprises above the designated size" / "enterprises above designated size").

The version used in more pairs is the reference; the others are flagged where they occur.
Phrases that a glossary term's accepted renderings cover are left to term-inconsistent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from workbench.checks import Finding
from workbench.checks.view import PairView, View
from workbench.matching import FORBIDDEN

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_HYPHENS = {"-", "‐", "‑"}

# Whole words whose British and American forms no suffix rule relates.
_WORD_TABLE = {
    "programme": "program", "programmes": "programs", "orientated": "oriented", "orientate": "orient",
    "orientating": "orienting", "judgement": "judgment", "judgements": "judgments", "ageing": "aging",
    "enquiry": "inquiry", "enquiries": "inquiries", "grey": "gray", "aluminium": "aluminum",
    "sulphur": "sulfur", "manoeuvre": "maneuver", "fulfil": "fulfill", "fulfils": "fulfills",
    "fulfilment": "fulfillment", "enrol": "enroll", "enrolment": "enrollment", "instalment": "installment",
    "skilful": "skillful", "licence": "license", "licences": "licenses", "defence": "defense",
    "offence": "offense", "pretence": "pretense", "acknowledgement": "acknowledgment", "towards": "toward",
    "afterwards": "afterward", "amongst": "among", "whilst": "while", "learnt": "learned",
    "cheque": "check", "tonne": "ton", "tonnes": "tons", "draught": "draft", "plough": "plow",
    "mould": "mold", "moulds": "molds", "storey": "story", "kerb": "curb", "tyre": "tire", "tyres": "tires",
}
_DOUBLED_L = ("travel", "model", "label", "cancel", "fuel", "signal", "level", "total", "counsel",
              "channel", "marshal", "dial", "equal", "tunnel", "pedal", "quarrel", "jewel", "label")
_RULES = [
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"(?<=.{3})is(e|ed|es|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=.{3})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=.{2}[^aeiouy])our(s|ed|ing|able|ably|ite|ites|er|ers|ful|less)?$"), r"or\1"),
    (re.compile(r"(?<=.{2}[^aeiou])(t|b)re(s|d)?$"), r"\1er\2"),
    (re.compile(r"(?<=.{3})ogue(s?)$"), r"og\1"),
    (re.compile(r"^(" + "|".join(_DOUBLED_L) + r")l(ed|ing|er|ers)$"), r"\1\2"),
]


@lru_cache(maxsize=100_000)
def american(word: str) -> str:
    """The American spelling of a (lower-case) British word form; other words unchanged."""
    if word in _WORD_TABLE:
        return _WORD_TABLE[word]
    if len(word) < 5 or word in ("four", "hour", "your", "pour", "tour", "sour", "flour"):
        return word
    for rx, rep in _RULES:
        new = rx.sub(rep, word)
        if new != word:
            return new
    return word


_STOP = frozenset(
    """a an the of in on at to for from by with without into onto over under above below about
    and or but nor as than that this these those which who whom whose what it its their our your
    his her we they he she you i is are was were be been being has have had do does did will would
    shall should can could may might must not no so such also all any each both more most other""".split()
)
_ARTICLES = frozenset(("a", "an", "the"))
#: Words (articles not counted) in a phrase compared for articles.
MIN_PHRASE_WORDS, MAX_PHRASE_WORDS = 3, 5


@dataclass
class _Occ:
    view: View
    pair: PairView
    start: int
    end: int
    surface: str


def _spans(text: str) -> Iterable[tuple[str, tuple, str, int, int]]:
    """(kind, key, surface, start, end) of every phrase of the text that could vary."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    low = [w.casefold().replace("’", "'") for _, _, w in words]
    # separator after word k: " ", "-", or None (anything else is a boundary)
    seps: list[str | None] = []
    for k in range(len(words) - 1):
        gap = text[words[k][1]:words[k + 1][0]]
        seps.append(" " if gap == " " else "-" if gap in _HYPHENS else None)
    seps.append(None)
    for k, (a, b, _) in enumerate(words):
        w = low[k]
        if len(w) >= 5 and w.isalpha():
            yield "spelling", (american(w),), w, a, b
        # hyphenation: 1..3 words joined by spaces/hyphens, keyed by their letters + next word
        surface = w
        for last in range(k, min(k + 3, len(words) - 1)):
            if last > k:
                if seps[last - 1] is None:
                    break
                surface += seps[last - 1] + low[last]
            if seps[last] is None or not low[last].isalpha():
                break
            yield "hyphenation", ("".join(low[k:last + 1]), low[last + 1]), surface, a, words[last][1]
        # articles: 3..5 content-bearing words, articles inside skipped, ending where the
        # phrase ends (punctuation, or a function word other than "of", which needs "the")
        if w in _STOP:
            continue
        kept, j = 1, k
        while kept < MAX_PHRASE_WORDS and seps[j] is not None:
            j += 1
            if low[j] in _ARTICLES:
                continue
            kept += 1
            if kept >= MIN_PHRASE_WORDS and low[j] not in _STOP and _phrase_ends(low, seps, j):
                phrase = low[k:j + 1]
                yield "article", tuple(x for x in phrase if x not in _ARTICLES), " ".join(phrase), a, words[j][1]


def _phrase_ends(low: list[str], seps: list[str | None], j: int) -> bool:
    return seps[j] is None or (low[j + 1] in _STOP and low[j + 1] != "of")


def variant_spelling(views: list[View]) -> Iterable[Finding]:
    # Pass 1: which keys are written in more than one way. Pass 2: where.
    surfaces: dict[tuple, set[str]] = defaultdict(set)
    for v in views:
        for p in v.pairs:
            for kind, key, surface, _, _ in _spans(p.en):
                surfaces[(kind, key)].add(surface)
    varied = {k for k, s in surfaces.items() if len(s) > 1}
    del surfaces
    if not varied:
        return
    occurrences: dict[tuple, dict[str, list[_Occ]]] = defaultdict(lambda: defaultdict(list))
    for v in views:
        for p in v.pairs:
            for kind, key, surface, a, b in _spans(p.en):
                if (kind, key) in varied:
                    occurrences[(kind, key)][surface].append(_Occ(v, p, a, b, p.en[a:b]))
    reported: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    said: set[tuple] = set()
    for (kind, _), by_surface in occurrences.items():
        yield from _report(by_surface, kind, len(views) > 1, reported, said)


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
            if (where_key, surface) in said or any(a < o.end and o.start < b for a, b in spans):
                continue  # once per pair and stretch of text
            spans.append((o.start, o.end))
            said.add((where_key, surface))
            msg = f"“{o.surface}” here, “{ref_occ.surface}” in {len(pairs_of[ref])} pair(s) (first: {where}): {why}"
            yield Finding("variant-spelling", "info", o.pair.id, msg, term=ref, expected=ref_occ.surface, found=o.surface, file=o.view.file)


def _covered_by_term(o: _Occ) -> bool:
    """The phrase overlaps an accepted glossary rendering: term-inconsistent speaks for it."""
    return any(h.kind != FORBIDDEN and h.start < o.end and o.start < h.end for h in o.pair.en_hits)
