"""Glossary checks: term-missing, term-forbidden, term-inconsistent.

A term passes only when one of its accepted renderings is matched (see workbench.glossary.matching);
a fuzzy score only picks the words shown as "found" next to a missing term.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, count, filterfalse, groupby, repeat
from operator import add, and_, attrgetter, eq, itemgetter, mod, mul

from rapidfuzz import fuzz

from workbench.checks import Finding, Memo
from workbench.checks.view import Found, PairView, View, match_all_pairs, one_per_span
from workbench.glossary.matching import FORBIDDEN, EnHit, TermMatcher, rendering_key, rendering_keys
from workbench.text.normalize import EN_STOP, FOLDED_KEYS, WORD, en_key, simplified, word_pieces


def suggest_any(forms: list[str], text: str, taken: Iterable[tuple[int, int]] = (),
                keys: frozenset[str] | None = None) -> str | None:
    """The closest run of words to any accepted form (see `suggest`), never one that overlaps
    the rendering of another term (`taken`, iterated only where a word of a form is in the
    text): "sized enterprises" inside "small- and medium-sized enterprises" is 中小企业, not
    龙头企业. (`keys`: the keys of the text's words, if read already.)"""
    best, best_score = None, 70.0
    for form in forms:
        if _is_abbreviation(form):
            continue  # acronyms match by case: "Ai" of "Ai Jun" is no near-miss for "AI"
        got = _suggest(form, text, best_score, taken, keys)
        if got is not None:
            best, best_score = got
    return best


class _Lazy:
    """A sequence worked out when first iterated (`suggest_any`'s `taken`: only a text holding a
    word of the rendering is read further)."""

    def __init__(self, make: Callable[[], Sequence]) -> None:
        self.make, self.items = make, None

    def __iter__(self) -> Iterator:
        if self.items is None:
            self.items = self.make()
        return iter(self.items)


def suggest(expected: str, text: str, threshold: float = 70.0) -> str | None:
    """The run of words of `text` closest to `expected`, if close enough to show.

    Only runs that begin or end with a word of `expected` (by stem) are tried, and a fuzzy
    score only ever picks what is shown as found instead: it never lets a term pass.
    """
    got = _suggest(expected, text, threshold, ())
    return got[0] if got else None


@lru_cache(maxsize=16)
def _keys_of(text: str) -> frozenset[str]:
    """The keys of a sentence's words, read once however many terms ask (the terms of a pair
    are asked together: a few sentences kept, not the thousand that held 6 MB of matches)."""
    return frozenset(map(FOLDED_KEYS.__getitem__, WORD.findall(text)))  # (word_key, looked up in C)


@lru_cache(maxsize=16)
def _words_of(text: str) -> tuple[list[int], list[int], list[str], list[bool], list[int]]:
    """A sentence read once for suggestions, however many terms ask: where its words start and
    end, their keys, whether each is a function word (EN_STOP), and how many of the
    words before each are followed by punctuation (the places between two words where a
    suggestion may not reach across, counted up)."""
    parts, at = word_pieces(text)
    texts = parts[1::2]
    starts, ends = at[1:-1:2], at[2::2]
    keys = list(map(FOLDED_KEYS.__getitem__, texts))  # (word_key, looked up in C)
    edge = list(map(EN_STOP.__contains__, map(str.casefold, texts)))
    broken = map(bool, map(_PUNCT.search, parts[2:-1:2]))  # (the text between each two words)
    return starts, ends, keys, edge, list(accumulate(broken, initial=0))


def _suggest(expected: str, text: str, threshold: float, taken, keys=None) -> tuple[str, float] | None:
    stems = set(en_key(expected))
    if not stems:
        return None
    if stems.isdisjoint(_keys_of(text) if keys is None else keys):
        return None  # no word of the rendering in the text: nothing to show
    starts, ends, keys, edge, breaks = _words_of(text)
    n = len(stems)
    target = expected.casefold()
    sizes = range(max(1, n - 1), n + 3)
    # the runs that begin or end with a word of the rendering, in order
    at = [k for k, key in enumerate(keys) if key in stems]
    runs = sorted({(i, size) for k in at for size in sizes for i in (k, k - size + 1) if i >= 0})
    best, best_score = None, threshold
    for i, size in runs:
        last = i + size - 1
        if last >= len(keys) or breaks[last] != breaks[i]:  # (punctuation after a word of the run but the last)
            continue
        if edge[i] or edge[last]:
            continue  # a function word cannot begin or end a suggested rendering
        a, b = starts[i], ends[last]
        if any(x < b and a < y for x, y in taken):
            continue
        candidate = text[a:b]
        score = fuzz.ratio(target, candidate.casefold())
        if score > best_score:
            best, best_score = candidate, score
    return (best, best_score) if best is not None else None


_PUNCT = re.compile(r"[.,;:!?]")


_BACK_REFERENCE = frozenset(("these", "those", "such", "this", "that"))


def back_reference(expected: list[str], p: PairView) -> str | None:
    """“these SMEs”, “such zones”, “SMEs of this type”: a demonstrative with the head word of a
    rendering, the way a translation refers back to a term it has already named in full."""
    # (the head words first: a text holding none needs no look for a demonstrative, which an
    # expression of five words in either case takes letter by letter)
    heads = _heads(tuple(expected))
    if heads.isdisjoint(p.word_keys) or not _BACK_REFERENCE_RE.search(p.en):
        return None
    toks = p.tokens
    for k, t in enumerate(toks):
        if t.text.casefold() in _BACK_REFERENCE:
            for j in range(k + 1, min(k + 4, len(toks))):
                if toks[j].key in heads:
                    return p.en[t.start:toks[j].end]
            # "enterprises of this type"
            if k >= 2 and toks[k - 1].key == "of" and toks[k - 2].key in heads and k + 1 < len(toks) \
                    and toks[k + 1].key in ("type", "kind", "sort"):
                return p.en[toks[k - 2].start:toks[k + 1].end]
    return None


@lru_cache(maxsize=10_000)
def _heads(expected: tuple[str, ...]) -> frozenset[str]:
    """The head words of renderings (`back_reference`), by key."""
    heads = {key[-1] for key in (en_key(x) for x in expected) if key}
    # an acronym inside a long rendering is its head too ("… SMEs that use … products")
    heads |= {FOLDED_KEYS[w] for x in expected for w in WORD.findall(x) if len(w) > 1 and w.rstrip("s").isupper()}
    return frozenset(heads)


_PRONOUN = re.compile(r"\b(?:he|his|him|she|her)\b", re.I)
_PLURAL_PRONOUN = re.compile(r"\b(?:they|their|them|its)\b", re.I)


def pronoun(rendering: str, p: PairView) -> str | None:
    """“His” for 习近平总书记: a personal pronoun, when the term names a person (its rendering
    is a proper name, every word capitalised)."""
    words = WORD.findall(rendering)
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    m = _PRONOUN.search(p.en)
    return m.group() if m else None


def plural_pronoun(p: PairView) -> str | None:
    """“their” may refer back to the term (“promote their development”), or to anything else:
    a finding that has one is only info."""
    m = _PLURAL_PRONOUN.search(p.en)
    return m.group() if m else None


_SUFFIXES = (("izations", ""), ("ization", ""), ("isations", ""), ("isation", ""), ("ations", ""),
             ("ation", ""), ("ings", ""), ("ing", ""), ("ally", "al"), ("ly", ""), ("ed", ""), ("es", ""),
             ("s", ""))


_ENDINGS = tuple(suffix for suffix, _ in _SUFFIXES)


@lru_cache(maxsize=100_000)
def _root(word: str) -> str:
    """A rough derivational root, for `paraphrase` only: digitally → digital, transforming and
    transformation → transform."""
    w = word.casefold()
    if w.endswith(_ENDINGS):  # (most words end in none: one test in C first)
        for suffix, repl in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)] + repl
                break
    return w[:7]


def paraphrase(expected: list[str], p: PairView) -> str | None:
    """The words of an accepted rendering in another grammatical form or order, together:
    “digitally transforming” for “digital transformation”, “technological innovation in
    industry” for “industrial technology innovation”. Every word but a few function words
    must be there, by root, within one clause, and no other word among them."""
    # (a root begins its word, case folded: a form whose roots are not all in the text, case
    # folded, cannot be there; most are not, and the text's words need no roots then)
    text = p.en.casefold()
    wanted = [(form, want) for form in expected if len(want := _roots(form)) >= 2 and all(map(text.__contains__, want))]
    if not wanted:
        return None
    roots = [_root(t.text) for t in p.tokens]
    for form, want in wanted:
        if len(want) == 2:
            inverted = _of_phrase(want, roots, p)
            if inverted:
                return inverted
        width = len(WORD.findall(form)) + 2
        for k, r in enumerate(roots):
            if r not in want:
                continue
            window = roots[k:k + width]
            if all(x in window for x in want):
                last = max(k + window.index(x) for x in want)
                span = p.en[p.tokens[k].start:p.tokens[last].end]
                extra = [t for t in p.tokens[k:last + 1] if _root(t.text) not in want and t.text.casefold() not in _GLUE]
                if not extra and not _CLAUSE_BREAK.search(span):  # "new quality productive forces" is not
                    return span
    return None


@lru_cache(maxsize=10_000)
def _roots(form: str) -> tuple[str, ...]:
    """The roots of a rendering's words but a few function words (`paraphrase`)."""
    return tuple(_root(w) for w in WORD.findall(form) if w.casefold() not in _GLUE)


def _of_phrase(want: list[str], roots: list[str], p: PairView) -> str | None:
    """A two-noun rendering turned into an of-phrase: “renewal and replacement of key
    energy-consuming equipment” for “equipment renewal” (B … of … A, one clause)."""
    a, b = want
    for k, r in enumerate(roots):
        if r != b:
            continue
        for j in range(k + 1, min(k + 4, len(roots))):
            if p.tokens[j].text.casefold() != "of":
                continue
            for m in range(j + 1, min(j + 6, len(roots))):
                if roots[m] == a:
                    span = p.en[p.tokens[k].start:p.tokens[m].end]
                    return None if _CLAUSE_BREAK.search(span) else span
    return None


_CLAUSE_BREAK = re.compile(r"[,;:.!?()]")
_GLUE = frozenset(("a", "an", "the", "of", "and", "in", "for", "to"))  # "above" is no glue


_BACK_REFERENCE_RE = re.compile(r"\b(?:" + "|".join(_BACK_REFERENCE) + r")\b", re.I)


_LIST_START = re.compile(r"\s*(?:,|and\b|or\b)", re.I)
_LIST_WORD = re.compile(r",|\band\b|\bor\b", re.I)


def shared_head(expected: list[str], p: PairView) -> str | None:
    """“traditional, emerging and future industries” for 传统产业: the rendering's modifiers,
    then a list of other modifiers, then its head word — coordination sharing one noun."""
    present = p.word_keys
    # (the renderings whose first and last words are in the text, first: for most there are
    # none, and the text needs no look for a list)
    wanted = [key for key in map(en_key, expected) if len(key) >= 2 and key[0] in present and key[-1] in present]
    if not wanted or not _LIST_WORD.search(p.en):
        return None
    toks = None
    for key in wanted:
        if toks is None:
            toks = p.tokens
            keys = list(map(attrgetter("key"), toks))
        mods, head = key[:-1], key[-1]
        # (the places where the first modifier is, picked in C; the others then compared)
        for k in compress(range(len(toks) - len(mods)), map(eq, keys, repeat(mods[0]))):
            if tuple(keys[k:k + len(mods)]) != mods:
                continue
            start = k + len(mods)
            # the list begins right after the modifiers ("traditional, …" / "traditional and …")
            # and runs on for a few words to the head
            if not _LIST_START.match(p.en, toks[start - 1].end):
                continue
            for j in range(start, min(start + 8, len(toks))):
                if toks[j].key == head:
                    if not re.search(r"[.;:!?]", p.en[toks[start - 1].end:toks[j].start]):
                        return p.en[toks[k].start:toks[j].end]
                    break
    return None


#: How many pairs back a term named in full lets a pronoun or "these …" refer to it.
ANTECEDENT_PAIRS = 3


def term_missing(views: list[View], memo: Memo | None = None) -> Iterable[Finding]:
    """A glossary term in the Chinese with no accepted rendering in the English.

    Not reported: a head word shared in a list ("traditional, emerging and future
    industries"), the rendering's words in another grammatical form ("digitally
    transforming"), "His" or "these …" when the term was named in the last pairs, and a
    term found inside a longer compound (设备更新 in 设备更新换代: inside_a_longer_word).
    Info only: a "these …" with no such antecedent, and "their"/"its" right after a pair
    that named the term (it may refer back, or not).

    (`memo`: what is read of a pair for a term, `_Missing`, depends on the pair's Chinese and
    English and the glossary alone, so a run with the same glossary compiled (`checks.view`,
    the same matcher) takes the run before's: `Memo.missing`.)
    """
    known_here = {} if memo is None else memo.missing
    kept_here: dict = {}  # matcher → (term, Chinese, English) → what was read of the pair there
    for v in views:
        if v.matcher is None:
            continue
        local_was, local_now = known_here.get(v.matcher, {}), kept_here.setdefault(v.matcher, {})
        found = match_all_pairs(v)
        zh_codes, en_codes = _term_codes(v.matcher, found)
        named = set(zh_codes).intersection(en_codes)  # (pair, term): named in full there
        rendered = set(en_codes)
        width = len(v.matcher.terms)
        # each term of each pair's Chinese (pair, term as one number), first seen first, with no
        # rendering of any kind in the pair's English (read at once: most terms are rendered)
        last_pair = None
        for code in dict.fromkeys(filterfalse(rendered.__contains__, zh_codes)):
            k, i = divmod(code, width)
            p = v.pairs[k]
            if p is not last_pair:  # (the pairs come in order: the last one is done with)
                if last_pair is not None:
                    last_pair.forget(*_READ_FOR_MISSING)
                last_pair = p
            if not p.en:
                continue  # (an empty side is an omission, reported as such)
            t = v.matcher.terms[i]
            here = (i, p.zh, p.en)
            local = local_was.get(here) or local_now.get(here)
            if local is None:
                local = _missing_here(v, found, p, k, i)
            local_now[here] = local
            if local is _NOT_MISSING:
                continue
            found_words, ref, zh = local.found, local.ref, local.zh
            last = _last_named(named, width, k, i)
            recent = k - last <= ANTECEDENT_PAIRS
            if recent and (ref or (not found_words and local.pronoun(t.en, p))):
                continue
            if ref and found_words and found_words not in ref:
                ref = None  # the words found are elsewhere: a rendering that differs
            msg = f"{zh}: expected “{t.en}”"
            if t.variants:
                also = ", ".join(f"“{x}”" for x in t.variants)
                msg += f" (or {also})" if len(also) <= 80 else f" (or one of {len(t.variants)} variants)"
            if ref:
                msg += f"; only “{ref}” here, a reference back?"
                yield Finding("term-missing", "info", p.id, msg, term=t.key, expected=t.en, found=ref, file=v.file)
                continue
            if not found_words and k - last == 1 and local.plural_pronoun(p):
                msg += f"; “{local.plural_pronoun(p)}” here, a reference back to pair {v.pairs[k - 1].id}?"
                yield Finding("term-missing", "info", p.id, msg, term=t.key, expected=t.en, file=v.file)
                continue
            msg += f"; found “{found_words}”" if found_words else "; no rendering of it in the English"
            yield Finding("term-missing", "warning", p.id, msg, term=t.key, expected=t.en, found=found_words,
                          file=v.file)
        if last_pair is not None:
            last_pair.forget(*_READ_FOR_MISSING)
    if memo is not None:
        memo.missing = kept_here  # (only this run's: the memo does not grow edit after edit)


class _Missing:
    """What term-missing reads of one pair for a term whose Chinese it holds and whose
    English holds no rendering of it, all a function of the pair's Chinese and English and
    the glossary: the words found nearest a rendering (`suggest_any`), the reference back
    ("these SMEs"), the term's Chinese as written, and, read when first asked, the pronouns."""

    __slots__ = ("found", "ref", "zh", "_pronoun", "_plural")

    def __init__(self, found: str | None, ref: str | None, zh: str) -> None:
        self.found, self.ref, self.zh = found, ref, zh
        self._pronoun = self._plural = _UNREAD

    def pronoun(self, rendering: str, p: PairView) -> str | None:
        if self._pronoun is _UNREAD:
            self._pronoun = pronoun(rendering, p)
        return self._pronoun

    def plural_pronoun(self, p: PairView) -> str | None:
        if self._plural is _UNREAD:
            self._plural = plural_pronoun(p)
        return self._plural


_UNREAD = object()
#: What `_missing_here` gives where the pair renders the term after all (a head shared in a
#: list, a paraphrase, the term inside a longer word).
_NOT_MISSING = _Missing(None, None, "")


def _missing_here(v: View, found: Found, p: PairView, k: int, i: int) -> _Missing:
    """What term-missing reads of pair k for term i (`_Missing`), or `_NOT_MISSING`."""
    t = v.matcher.terms[i]
    accepted = t.accepted
    if shared_head(accepted, p) or paraphrase(accepted, p):
        return _NOT_MISSING
    hit = found.zh.first_hit(k, i)  # (the first of p.zh_hits of the term)
    if inside_a_longer_word(p.zh, hit.start, hit.end):
        return _NOT_MISSING  # 设备更新 of 设备|更新换代: the compound is translated, not the term
    # (the other terms' renderings, read only if a word of this one's is in the text)
    taken = _Lazy(lambda: [h.span for j, hs in p.en_by_term.items() if j != i for h in hs if h.kind != FORBIDDEN])
    return _Missing(suggest_any(accepted, p.en, taken, p.word_keys), back_reference(accepted + _nested_renderings(v, i), p), hit.text)


#: The readings of a pair that term-missing keeps (its words, as tokens, and their keys; its
#: hits by term): dropped when it is done with the pair (kept, they held 10 MB of 10,000 real
#: pairs to the end of the run, through rendering-inconsistent's peak; another check that
#: asks for them reads them again: variant-spelling asks a few hundred pairs' hits).
_READ_FOR_MISSING = ("words", "tokens", "word_keys", "en_hits", "en_by_term")


def _term_codes(m: TermMatcher, found: Found) -> tuple[list[int], list[int]]:
    """(pair, term) as one number (pair × the number of terms + term) of each term found in
    the Chinese of the view's pairs (`zh_terms`, first seen first) and of each rendering of
    any kind found in their English, from the whole run (in C)."""
    width = len(m.terms)
    zh_k, zh_terms = found.zh.texts_terms()
    en_k, payloads = found.en.texts_payloads()
    zh_codes = list(map(add, map(mul, zh_k, repeat(width)), zh_terms))
    en_codes = list(map(add, map(mul, en_k, repeat(width)), map(itemgetter(0), payloads)))
    return zh_codes, en_codes


def _last_named(named: set[int], width: int, k: int, i: int) -> int:
    """The index of the last of the ANTECEDENT_PAIRS pairs before pair k that named term i in
    full (its Chinese, and a rendering of it: `named`, (pair, term) as in `_term_codes`),
    else -99."""
    for j in range(k - 1, max(k - 1 - ANTECEDENT_PAIRS, -1), -1):
        if j * width + i in named:
            return j
    return -99


def inside_a_longer_word(zh: str, start: int, end: int) -> bool:
    """Whether the term found at zh[start:end] ends (or starts) inside a word of the sentence
    that reaches two characters or more beyond it (jieba): 设备更新 in 用能设备|更新换代 is part
    of 设备更新换代 ("the renewal and replacement of equipment"), not the term on its own. (A
    word reaching one character beyond is usually jieba's slip: 工业和信息化部|将 read as 部将.)

    Only the clause holding the term is cut, between the punctuation marks around it: jieba
    cuts each run of Chinese (and letters, digits, +#&._%-) on its own, and a punctuation mark
    is a word of its own between two runs, so the words of the clause are those of the
    sentence, where they were."""
    import rjieba

    a = max(map(zh.rfind, _CLAUSE_MARKS, repeat(0), repeat(start))) + 1
    m = _CLAUSE_MARK.search(zh, end)
    pos = a
    for word in rjieba.cut(simplified(zh[a:m.start() if m else len(zh)])):  # (jieba reads simplified; the positions are kept)
        a, b = pos, pos + len(word)
        pos = b
        if a < end < b and a >= start and b - end >= 2:
            return True
        if a < start < b and b <= end and start - a >= 2:
            return True
        if pos >= end:
            break
    return False


_CLAUSE_MARKS = "，。；：！？、,;:!?"  # (no run of jieba's holds one, nor is one a space)
_CLAUSE_MARK = re.compile(f"[{re.escape(_CLAUSE_MARKS)}]")


def _nested_renderings(v: View, i: int) -> list[str]:
    """The renderings of the glossary terms whose Chinese lies inside term i's (中小企业 in
    专精特新中小企业): "these SMEs" refers back to either."""
    return [f for j in v.matcher.nested(i) for f in v.matcher.terms[j].accepted]


def term_forbidden(views: list[View]) -> Iterable[Finding]:
    for v in views:
        if v.matcher is None:
            continue
        en_k, payloads = match_all_pairs(v).en.texts_payloads()
        # the pairs with a forbidden form (a hit's kind read in C: most pairs have none)
        for k in sorted(set(compress(en_k, map(FORBIDDEN.__eq__, map(itemgetter(1), payloads))))):
            p = v.pairs[k]
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
                h = hits[0] if len(hits) == 1 else next((x for x in hits if x.term in p.zh_terms), hits[0])
                t = v.matcher.terms[h.term]
                msg = f"“{h.text}” is a forbidden rendering of {t.key}: use “{t.en}”"
                if t.note:
                    msg += f" ({t.note})"
                yield Finding("term-forbidden", "error", p.id, msg, term=t.key, expected=t.en, found=h.text, file=v.file)


class _FullForms:
    """Whether a rendering of term i is the approved rendering of a term whose Chinese spells
    out term i's Chinese (国家高新区 is 国家高新技术产业开发区 with characters left out, the way
    简称 are made); worked out once per glossary, term and rendering in a run of the check."""

    def __init__(self, matcher: TermMatcher) -> None:
        self.matcher = matcher
        self.by_rendering: defaultdict[str, list[int]] = defaultdict(list)
        #: each term's approved rendering's key (`rendering_key`, all read at once)
        self.approved = rendering_keys([t.en for t in matcher.terms])
        for j, key in enumerate(self.approved):
            self.by_rendering[key].append(j)
        self.known: dict[tuple[int, str], bool] = {}
        self.keys: dict[str, str] = {}  # rendering → its rendering_key (`learn`)

    def learn(self, forms: Iterable[str]) -> None:
        """The rendering keys of many renderings, read at once (`key`)."""
        new = list(dict.fromkeys(f for f in forms if f not in self.keys))
        self.keys.update(zip(new, rendering_keys(new)))

    def key(self, form: str) -> str:
        """`rendering_key(form)`."""
        key = self.keys.get(form)
        return key if key is not None else rendering_key(form)

    def __call__(self, i: int, form: str) -> bool:
        known = self.known.get((i, form))
        if known is None:
            terms = self.matcher.terms
            short = terms[i].zh
            known = self.known[(i, form)] = any(
                j != i and any(_subsequence(s, long) for s in short for long in terms[j].zh if len(long) > len(s))
                for j in self.by_rendering.get(self.key(form), ())
            )
        return known


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


@lru_cache(maxsize=100_000)
def _is_abbreviation(form: str) -> bool:
    words = form.split()
    return len(words) == 1 and sum(ch.isupper() for ch in form) >= 2 and not form.isdigit()


def term_inconsistent(views: list[View], memo: Memo | None = None) -> Iterable[Finding]:
    """One source term rendered in several accepted ways across the pairs (and documents).

    The places that use a rendering other than the preferred one are flagged, with the
    counts: the preferred one is the glossary's approved rendering if the document uses it,
    else the most frequent one. A pair holding both is flagged too. One concept gets one
    piece of advice: a term inside a longer one (规模以上 in 规模以上工业增加值) is counted
    inside the longer one's renderings as well, and the longer one's renderings are compared
    with the shorter one's words set aside, so "the" in "above (the) designated size" is
    advised on once, the same way everywhere.

    (`memo`: the key a rendering of a term with nested terms counts under is a function of
    the pair's English, where the rendering is in it and what it renders, and the glossary: a
    run with the same glossary compiled, the same matcher, takes the run before's:
    `Memo.nested_keys`.)
    """
    # every accepted rendering counted where its term's Chinese is (`_counted`), in order, all
    # views one after another, as parallel lists: its view, pair, hit (`EnFound.hit`, made only
    # for a finding or where a nested term needs it), term, form, and the (file, pair id) it
    # is counted under; a use's place in these lists is its number
    u_view: list[int] = []
    u_k: list[int] = []
    u_j: list[int] = []
    u_term: list[int] = []  # the glossary (its number) and the term, as one number (glossary × width + term)
    u_form: list[str] = []
    u_place: list[tuple[str | None, int]] = []
    maybe = _maybe_inconsistent(views)
    width = 1 + max((len(v.matcher.terms) for v in views if v.matcher is not None), default=0)
    numbers: dict[int, int] = {}  # id(glossary) → its number
    for d, v in enumerate(views):
        if v.matcher is None:
            continue
        js = _counted_hits(v, maybe[id(v.matcher.glossary)])
        if not js:
            continue
        en_k, payloads = match_all_pairs(v).en.texts_payloads()
        ks = list(map(en_k.__getitem__, js))
        terms = map(itemgetter(0), map(payloads.__getitem__, js))
        ids = [p.id for p in v.pairs]
        u_view += repeat(d, len(ks))
        u_k += ks
        u_j += js
        u_term += map(add, repeat(width * numbers.setdefault(id(v.matcher.glossary), len(numbers))), terms)
        u_form += map(itemgetter(2), map(payloads.__getitem__, js))
        u_place += zip(repeat(v.file), map(ids.__getitem__, ks))
    # each term's uses by rendering key ({key: [use]}), with its first use counted
    keyed: list[tuple[int, int, View, dict[str, list[int]]]] = []
    full_forms: dict[int, _FullForms] = {}  # id(matcher) → its full forms
    todo = []  # (term, its uses, a view, its matcher, the form of each use)
    for code, group in groupby(sorted(range(len(u_term)), key=u_term.__getitem__), key=u_term.__getitem__):
        i = code % width
        occ = list(group)
        v0 = views[u_view[occ[0]]]
        m = v0.matcher
        forms = list(map(u_form.__getitem__, occ))
        if not m.nested(i) and (len(occ) == 1 or len(set(forms)) < 2):
            continue  # one form everywhere, one key at most: nothing inconsistent
        if id(m) not in full_forms:
            full_forms[id(m)] = _FullForms(m)
        todo.append((i, occ, v0, m, forms))
    for m_id, full_form in full_forms.items():  # (the rendering keys of the forms, read at once)
        full_form.learn(chain.from_iterable(forms for _, _, _, m, forms in todo if id(m) == m_id))
    read_here: dict[int, PairView] = {}  # the pairs whose hits a nested term's renderings were read from
    known = {} if memo is None else memo.nested_keys
    kept: dict = {}  # matcher → (English, the rendering's place in its words, what it renders) → its key
    for i, occ, v0, m, forms in todo:
        key_of = {form: _counted_as(m, full_forms[id(m)], i, form) for form in dict.fromkeys(forms)}
        keys = list(map(key_of.__getitem__, forms))
        if _NESTED in key_of.values():  # (by its words in the text: a key a use)
            was, now = known.get(m, {}), kept.setdefault(m, {})
            for n, u in enumerate(occ):
                if keys[n] is _NESTED:
                    v = views[u_view[u]]
                    p = v.pairs[u_k[u]]
                    at = p.en, *v.found.en.within(u_j[u])
                    key = was.get(at)
                    if key is None:
                        key = _key_without_nested(v, p, i, v.found.en.hit(u_j[u]))
                        read_here[id(p)] = p
                    keys[n] = now[at] = key
        by_key: dict[str, list[int]] = {}
        for key in dict.fromkeys(keys):
            if key is not None:  # (the uses of each key, picked in C: a term has few keys)
                by_key[key] = list(compress(occ, map(eq, keys, repeat(key))))
        if len(by_key) >= 2:
            keyed.append((min(uses[0] for uses in by_key.values()), i, v0, by_key))
    for p in read_here.values():  # (hit objects of thousands of pairs: read again if asked)
        p.forget("en_hits", "en_by_term")
    if memo is not None:
        memo.nested_keys = kept  # (only this run's: the memo does not grow edit after edit)
    keyed.sort(key=itemgetter(0))
    for _, i, v0, by_key in keyed:
        t = v0.matcher.terms[i]
        # the pairs of each key, the most first (as Counter.most_common: the first seen of equals)
        counts = {key: len(set(map(u_place.__getitem__, uses))) for key, uses in by_key.items()}
        most = sorted(counts.items(), key=itemgetter(1), reverse=True)
        approved = _approved_key(v0, i, full_forms[id(v0.matcher)])
        preferred = approved if approved in counts else most[0][0]
        pref_form = t.en if preferred == approved else u_form[by_key[preferred][0]]
        summary = ", ".join(f"“{t.en if key == approved else u_form[by_key[key][0]]}” ×{n}" for key, n in most)
        for key, uses in by_key.items():
            if key == preferred or f" {key} " in f" {preferred} ":
                continue  # "high-tech zones" after "national high-tech zones": a short mention
            done = set()
            for u in uses:
                if u_place[u] in done:
                    continue
                done.add(u_place[u])
                v = views[u_view[u]]
                surface = v.found.en.hit_text(u_j[u])
                msg = f"{t.key} rendered “{surface}” here, “{pref_form}” elsewhere ({summary})"
                yield Finding("term-inconsistent", "warning", v.pairs[u_k[u]].id, msg, term=t.key, expected=pref_form,
                              found=surface, file=v.file)


def _maybe_inconsistent(views: list[View]) -> dict[int, set[int]]:
    """id(glossary) → the terms that may be rendered inconsistently in the views: those with
    two accepted renderings found in the English (wherever the Chinese is), or a term nested
    inside (whose words are set aside). The others are rendered one way everywhere."""
    forms: dict[int, set[tuple[int, str]]] = {}
    for v in views:
        if v.matcher is not None:
            payloads = match_all_pairs(v).en.texts_payloads()[1]
            accepted = compress(payloads, map(FORBIDDEN.__ne__, map(itemgetter(1), payloads)))
            forms.setdefault(id(v.matcher.glossary), set()).update(map(itemgetter(0, 2), accepted))
    out = {}
    for v in views:
        glossary = id(v.matcher.glossary) if v.matcher is not None else None
        if glossary in forms and glossary not in out:
            counts = Counter(map(itemgetter(0), forms[glossary]))
            out[glossary] = {i for i, c in counts.items() if c > 1 or v.matcher.nested(i)}
    return out


def _counted_renderings(v: View, wanted: set[int]) -> list[tuple[int, int, EnHit]]:
    """(pair index, term, hit) of what `_term_renderings` gives in each pair of the view, in
    order, for the terms `wanted` only (`_counted`, its hits made)."""
    found = match_all_pairs(v).en
    en_k, payloads = found.texts_payloads()
    return [(en_k[j], payloads[j][0], found.hit(j)) for j in _counted_hits(v, wanted)]


def _counted_hits(v: View, wanted: set[int]) -> list[int]:
    """The hit indexes (in `EnFound.hit`) of what `_term_renderings` gives in each pair of the
    view, in order, for the terms `wanted` only, read from the whole run (filtered in C; only
    the renderings of a term found more than once in a pair are looked at one by one)."""
    found = match_all_pairs(v)
    width = len(v.matcher.terms)
    en_k, payloads = found.en.texts_payloads()
    hits = found.en.found + found.en.exact
    exact = [False] * len(found.en.found) + [True] * len(found.en.exact)  # (found word for word)
    terms, kinds = list(map(itemgetter(0), payloads)), list(map(itemgetter(1), payloads))
    codes = list(map(add, map(mul, en_k, repeat(width)), terms))  # (pair, term) as one number
    starts, ends = list(map(itemgetter(0), hits)), list(map(itemgetter(1), hits))  # (in the whole run)
    # a term found more than once in a pair: one hit a span, none inside another (`_by_term`)
    dropped: set[int] = set()
    if len(set(codes)) < len(codes):
        twice = {code for code, n in Counter(codes).items() if n > 1}
        groups: dict[int, list[int]] = {}
        for j in compress(count(), map(twice.__contains__, codes)):
            groups.setdefault(codes[j], []).append(j)
        for js in groups.values():
            kept = one_per_span(js, starts, ends, kinds, exact)
            dropped.update(js)
            dropped.difference_update(kept)
    # the accepted renderings of the terms whose Chinese is in the pair, less those whose
    # span another such rendering shares
    rank = found.zh.terms_all_rank(width)  # (pair, term) → its place in the order of zh_terms_all
    counted = compress(count(), map(and_, map(rank.__contains__, codes), map(FORBIDDEN.__ne__, kinds)))
    counted = list(filterfalse(dropped.__contains__, counted)) if dropped else list(counted)
    spans = list(zip(map(starts.__getitem__, counted), map(ends.__getitem__, counted)))
    if len(set(spans)) < len(spans):
        shared = {span for span, n in Counter(spans).items() if n > 1}
        counted = [j for j, span in zip(counted, spans) if span not in shared]
    counted = list(compress(counted, map(wanted.__contains__, map(terms.__getitem__, counted))))
    # in order: by pair, then the pair's terms as zh_terms_all lists them, then each term's hits
    # as found (the accepted renderings of a term are all found by stems, in one search, by start)
    # (sorted as one number a hit, its place × the number of hits + its index: ints sort in C)
    n = len(codes)
    order = sorted(map(add, map(mul, map(rank.__getitem__, map(codes.__getitem__, counted)), repeat(n)), counted))
    return list(map(mod, order, repeat(n)))


def _term_renderings(p: PairView) -> list[tuple[int, EnHit]]:
    """The accepted renderings (term, hit) in the pair of the terms whose Chinese it holds
    (nested ones too), by term as zh_terms_all lists them, less those whose words render
    another of these terms as well."""
    hits = p.en_hits
    terms = list(map(itemgetter(0), hits))
    if len(set(terms)) == len(terms):  # (most pairs: one hit a term, en_by_term not needed)
        by_term = dict(zip(terms, hits))
        found = [(i, h) for i in p.zh_terms_all if (h := by_term.get(i)) is not None and h.kind != FORBIDDEN]
    else:
        by_term = p.en_by_term
        found = [(i, h) for i in p.zh_terms_all if i in by_term for h in by_term[i] if h.kind != FORBIDDEN]
    if len(found) < 2:
        return found
    seen: set[tuple[int, int]] = set()
    shared: set[tuple[int, int]] = set()
    for _, h in found:
        (shared if h.span in seen else seen).add(h.span)
    return [(i, h) for i, h in found if h.span not in shared] if shared else found


_UNSEEN, _NESTED = object(), object()


def _counted_as(m: TermMatcher, full_form: _FullForms, i: int, form: str) -> str | object | None:
    """How a rendering of term i counts among its renderings: its key; None, not at all;
    _NESTED, by its words in the text (`_key_without_nested`: the term has nested terms)."""
    if _is_abbreviation(form):
        return None  # "MIIT" after the full name is style, not inconsistency
    if full_form(i, form):
        return None  # the full name behind a Chinese abbreviation (国家高新区) is fine
    return _NESTED if m.nested(i) else full_form.key(form)


def _key_without_nested(v: View, p: PairView, i: int, h: EnHit) -> str:
    """The rendering's key with the words of nested terms' renderings replaced by one mark
    per term: "value added … above the designated size" and "… above designated size" are
    one rendering of 规模以上工业增加值 (the "the" is 规模以上's business)."""
    inside = [x for j, hits in p.en_by_term.items() if j != i for x in hits
              if h.start <= x.start and x.end <= h.end and x.span != h.span and x.kind != FORBIDDEN]
    if inside:
        nested = set(v.matcher.nested(i))
        inner = sorted((x for x in inside if x.term in nested), key=lambda x: x.term)  # as nested() lists them
        if inner:
            return _marked(p.en, h.start, h.end, inner)
    return rendering_key(h.form)


def _approved_key(v: View, i: int, full_form: _FullForms) -> str:
    """The approved rendering's key, with nested terms marked as in `_key_without_nested`
    (`full_form`: the view's glossary's, which knows each term's approved key)."""
    m = v.matcher
    form = m.terms[i].en
    nested = set(m.nested(i))
    if not nested:
        return full_form.approved[i]
    inner = [x for x in m.en_hits(form) if x.term in nested and x.kind != FORBIDDEN
             and (x.start, x.end) != (0, len(form))]
    return _marked(form, 0, len(form), inner) if inner else rendering_key(form)


def _marked(text: str, start: int, end: int, inner: list[EnHit]) -> str:
    parts, last = [], start
    for x in sorted(inner, key=lambda x: (x.start, -x.end)):
        if x.start < last:
            continue
        parts.append(text[last:x.start])
        parts.append(f" nestedterm{x.term} ")
        last = x.end
    parts.append(text[last:end])
    return rendering_key("".join(parts))
