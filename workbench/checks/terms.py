"""Glossary checks: term-missing, term-forbidden, term-inconsistent.

A term passes only when one of its accepted renderings is matched (see workbench.matching);
a fuzzy score only picks the words shown as "found" next to a missing term.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from workbench.checks import Finding
from workbench.checks.view import PairView, View
from workbench.matching import FORBIDDEN, EnHit, en_key, rendering_key, tokenize_en

def _term_hits(p: PairView, term: int) -> list[EnHit]:
    return p.en_by_term.get(term, [])


def _accepted(hits: Iterable[EnHit]) -> list[EnHit]:
    return [h for h in hits if h.kind != FORBIDDEN]


def _terms_in_zh(p: PairView) -> list[int]:
    return p.zh_terms


def suggest(expected: str, text: str, threshold: float = 70.0) -> str | None:
    """The run of words of `text` closest to `expected`, if close enough to show.

    Only ever shown as what was found instead: a fuzzy score never lets a term pass.
    """
    words = list(_WORD.finditer(text))
    n = len(_WORD.findall(expected))
    if not words or not n:
        return None
    target = expected.casefold()
    best, best_score = None, threshold
    for size in range(max(1, n - 1), n + 3):
        for i in range(len(words) - size + 1):
            a, b = words[i].start(), words[i + size - 1].end()
            if any(ch in text[a:b] for ch in ".,;:!?") or _edge_word(words[i]) or _edge_word(words[i + size - 1]):
                continue
            score = fuzz.ratio(target, text[a:b].casefold())
            if score > best_score:
                best, best_score = text[a:b], score
    return best


_WORD = re.compile(r"[^\W_]+(?:['’&][^\W_]+)*")
_FUNCTION_WORDS = frozenset("a an the of in on at to for from by with and or but as is are was were be this that these those its their".split())


def _edge_word(m: re.Match) -> bool:
    """A function word cannot begin or end a suggested rendering."""
    return m.group().casefold() in _FUNCTION_WORDS


_BACK_REFERENCE = frozenset(("these", "those", "such", "this", "that"))


def back_reference(expected: list[str], p: PairView) -> str | None:
    """“these SMEs”, “such zones”: a demonstrative before the head word of a rendering, the
    way a translation refers back to a term it has already named in full."""
    heads = {key[-1] for key in (en_key(x) for x in expected) if key}
    # an acronym inside a long rendering is its head too ("… SMEs that use … products")
    heads |= {t.key for x in expected for t in tokenize_en(x) if len(t.text) > 1 and t.text.rstrip("s").isupper()}
    if not _BACK_REFERENCE_RE.search(p.en):
        return None
    toks = p.tokens
    for k, t in enumerate(toks):
        if t.text.casefold() in _BACK_REFERENCE:
            for j in range(k + 1, min(k + 4, len(toks))):
                if toks[j].key in heads:
                    return p.en[t.start:toks[j].end]
    return None


_BACK_REFERENCE_RE = re.compile(r"\b(?:" + "|".join(_BACK_REFERENCE) + r")\b", re.I)


def term_missing(views: list[View]) -> Iterable[Finding]:
    for v in views:
        if v.matcher is None:
            continue
        for p in v.pairs:
            if not p.en:
                continue  # an empty side is an omission, reported as such
            for i in _terms_in_zh(p):
                if _term_hits(p, i):  # accepted; or forbidden, which term-forbidden reports
                    continue
                t = v.matcher.terms[i]
                zh = next(h.text for h in p.zh_hits if h.term == i)
                msg = f"{zh}: expected “{t.en}”"
                if t.variants:
                    also = ", ".join(f"“{x}”" for x in t.variants)
                    msg += f" (or {also})" if len(also) <= 80 else f" (or one of {len(t.variants)} variants)"
                ref = back_reference(t.accepted, p)
                if ref:
                    msg += f"; only “{ref}” here, a reference back?"
                    yield Finding("term-missing", "info", p.id, msg, term=t.key, expected=t.en, found=ref, file=v.file)
                    continue
                found = suggest(t.en, p.en)
                msg += f"; found “{found}”" if found else "; no rendering of it in the English"
                yield Finding("term-missing", "warning", p.id, msg, term=t.key, expected=t.en, found=found, file=v.file)


def term_forbidden(views: list[View]) -> Iterable[Finding]:
    for v in views:
        if v.matcher is None:
            continue
        for p in v.pairs:
            accepted = [h for h in p.en_hits if h.kind != FORBIDDEN]
            by_span: dict[tuple[int, int], list[EnHit]] = {}
            for h in p.en_hits:
                # a forbidden form inside a longer accepted rendering (of any term) is no fault
                if h.kind == FORBIDDEN and not any(
                    a.start <= h.start and h.end <= a.end and a.span != h.span for a in accepted
                ):
                    by_span.setdefault(h.span, []).append(h)
            for hits in by_span.values():
                # one finding a place; the term whose source is in this pair speaks for it
                h = next((x for x in hits if x.term in p.zh_terms), hits[0])
                t = v.matcher.terms[h.term]
                msg = f"“{h.text}” is a forbidden rendering of {t.key}: use “{t.en}”"
                if t.note:
                    msg += f" ({t.note})"
                yield Finding("term-forbidden", "error", p.id, msg, term=t.key, expected=t.en, found=h.text, file=v.file)


def _full_form(matcher, i: int, form: str) -> bool:
    """`form` is the approved rendering of a term whose Chinese spells out term i's Chinese
    (国家高新区 is 国家高新技术产业开发区 with characters left out, the way 简称 are made)."""
    key = rendering_key(form)
    short = matcher.terms[i].zh
    for t in matcher.terms:
        if t is matcher.terms[i] or rendering_key(t.en) != key:
            continue
        if any(_subsequence(s, long) for s in short for long in t.zh if len(long) > len(s)):
            return True
    return False


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def _is_abbreviation(form: str) -> bool:
    words = form.split()
    return len(words) == 1 and sum(ch.isupper() for ch in form) >= 2 and not form.isdigit()


def term_inconsistent(views: list[View]) -> Iterable[Finding]:
    """One source term rendered in several accepted ways across the pairs (and documents).

    The pairs that use a rendering other than the preferred one are flagged, with the counts:
    the preferred one is the glossary's approved rendering if the document uses it, else the
    most frequent one.
    """
    # (glossary id, term) → rendering key → [(view, pair, surface, form)]
    uses: dict[tuple[int, int], dict[str, list[tuple[View, PairView, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for v in views:
        if v.matcher is None:
            continue
        for p in v.pairs:
            others = {h.span for j in _terms_in_zh(p) for h in _accepted(_term_hits(p, j))} if len(p.zh_terms) > 1 else set()
            for i in _terms_in_zh(p):
                for h in _accepted(_term_hits(p, i)):
                    if _is_abbreviation(h.form):
                        continue  # "MIIT" after the full name is style, not inconsistency
                    if _full_form(v.matcher, i, h.form):
                        continue  # the full name behind a Chinese abbreviation (国家高新区) is fine
                    if h.span in others and any(
                        x.span == h.span for j in _terms_in_zh(p) if j != i for x in _accepted(_term_hits(p, j))
                    ):
                        continue  # these words render another term of the pair
                    uses[(id(v.matcher.glossary), i)][rendering_key(h.form)].append((v, p, h.text, h.form))
    for (gid, i), by_key in uses.items():
        if len(by_key) < 2:
            continue
        v0 = next(iter(by_key.values()))[0][0]
        t = v0.matcher.terms[i]
        counts = Counter({k: len({(u[0].file, u[1].id) for u in occ}) for k, occ in by_key.items()})
        approved = rendering_key(t.en)
        preferred = approved if approved in counts else counts.most_common(1)[0][0]
        pref_form = by_key[preferred][0][3]
        summary = ", ".join(f"“{by_key[k][0][3]}” ×{n}" for k, n in counts.most_common())
        pref_pairs = {(u[0].file, u[1].id) for u in by_key[preferred]}
        for k, occ in by_key.items():
            if k == preferred or f" {k} " in f" {preferred} ":
                continue  # "high-tech zones" after "national high-tech zones": a short mention
            done = set()
            for v, p, surface, form in occ:
                if (v.file, p.id) in pref_pairs or (v.file, p.id) in done:
                    continue
                done.add((v.file, p.id))
                msg = f"{t.key} rendered “{surface}” here, “{pref_form}” elsewhere ({summary})"
                yield Finding("term-inconsistent", "warning", p.id, msg, term=t.key, expected=pref_form, found=surface, file=v.file)
