"""typography and capitalisation: the form of the English, as Xbench and Verifika check it.

typography, per pair: full-width (Chinese) punctuation in the English (warning), brackets
that do not balance (warning), quotation marks that do not balance (info: a quotation may run
on into the next pair), two spaces in a row (info); per document: curly and straight quotes
both used (info, at the pairs that use the rarer kind). Chinese characters in the English are
`untranslated`'s business.

capitalisation: the same phrase of two or more words capitalised two ways across the
documents ("National SME Development Fund" / "national SME development fund"); the first word
of a sentence does not count. The way used in more pairs is the reference.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import compress, filterfalse, repeat
from operator import or_

from workbench.checks import Finding
from workbench.checks.view import View, english
from workbench.text.normalize import EN_STOP, WORD

# CJK punctuation and the full-width forms of ASCII punctuation (not letters or digits)
_FULL_WIDTH_CHARS = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_FULL_WIDTH = re.compile(f"[{_FULL_WIDTH_CHARS}]")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
# a straight double quote after a digit is an inch or second mark (5'10", 30"), not a quotation mark
_CURLY, _STRAIGHT = re.compile(r"[“”]"), re.compile(r'(?<![0-9])"')
# an enumerator closed by a bracket alone: "1) build, 2) grow", "a) …", "(ii)" is balanced anyway
_ENUMERATOR = re.compile(r"(?:^|(?<=[\s,;:]))(?:[0-9]{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)")


_ANY_BRACKET = re.compile(r"[()\[\]{}]")


def _unbalanced_brackets(text: str) -> str | None:
    if not _ANY_BRACKET.search(text):
        return None  # (most sentences: no character to walk through)
    if ")" in text and "(" not in text:
        text = _ENUMERATOR.sub("", text)
    stack: list[str] = []
    closing = {v: k for k, v in _BRACKETS.items()}
    for ch in text:
        if ch in _BRACKETS:
            stack.append(ch)
        elif ch in closing:
            if not stack or stack[-1] != closing[ch]:
                return ch
            stack.pop()
    return stack[0] if stack else None


def _unbalanced_quotes(text: str) -> str | None:
    if "“" not in text and "”" not in text:
        return '"' if '"' in text and len(_STRAIGHT.findall(text)) % 2 else None
    depth = 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth -= 1
            if depth < 0:
                return "”"
    if depth:
        return "“"
    if len(_STRAIGHT.findall(text)) % 2:
        return '"'
    return None


# a character that one of the findings below needs (two spaces are looked for apart)
_MAY_BE_A_FINDING = re.compile(f"[{_FULL_WIDTH_CHARS}" + r'()\[\]{}“”"]')


#: The ASCII characters of _MAY_BE_A_FINDING (a test checks), and two spaces.
_ASCII_SIGNS = ("(", ")", "[", "]", "{", "}", '"', "  ")


def _may_hold_a_finding(texts: list[str]) -> Iterator[bool]:
    """Whether each text holds a character that a finding needs, or two spaces. (In ASCII,
    each of those looked for in all the texts at once first, then only those found in each
    text: in C.)"""
    joined = "\n".join(texts)
    if not joined.isascii():
        return map(or_, map(bool, map(_MAY_BE_A_FINDING.search, texts)), map(str.__contains__, texts, repeat("  ")))
    found: Iterator[bool] = repeat(False, len(texts))
    for sign in _ASCII_SIGNS:
        if sign in joined:
            found = map(or_, found, map(str.__contains__, texts, repeat(sign)))
    return found


def typography(views: list[View]) -> Iterable[Finding]:
    for v in views:
        curly_pairs, straight_pairs = [], []
        # only the pairs holding a character that a finding needs are read (looked for in C first)
        for p in compress(v.pairs, _may_hold_a_finding([p.en for p in v.pairs])):
            en = p.en
            found = sorted(set(_FULL_WIDTH.findall(en)))
            if found:
                yield Finding("typography", "warning", p.id, "full-width punctuation in the English: " + " ".join(found),
                              found="".join(found), file=v.file)
            bracket = _unbalanced_brackets(en)
            if bracket:
                yield Finding("typography", "warning", p.id, f"unbalanced bracket “{bracket}”", found=bracket, file=v.file)
            quote = _unbalanced_quotes(en)
            if quote:
                yield Finding("typography", "info", p.id, f"unbalanced quotation mark ‹{quote}›", found=quote, file=v.file)
            if _DOUBLE_SPACE.search(en):
                yield Finding("typography", "info", p.id, "two spaces in a row", found="  ", file=v.file)
            if _CURLY.search(en):
                curly_pairs.append(p.id)
            if '"' in en and _STRAIGHT.search(en):
                straight_pairs.append(p.id)
        if curly_pairs and straight_pairs:
            rare, common, kind = ((straight_pairs, curly_pairs, "straight")
                                  if len(straight_pairs) <= len(curly_pairs) else (curly_pairs, straight_pairs, "curly"))
            other = "curly" if kind == "straight" else "straight"
            for pid in rare:
                yield Finding("typography", "info", pid,
                              f"{kind} quotation marks here, {other} ones in {len(common)} pair(s) (first: pair {common[0]})",
                              found=kind, expected=other, file=v.file)


def capitalisation(views: list[View]) -> Iterable[Finding]:
    # Pass 1: the words written both capitalised (not first in a sentence) and in lower case;
    # only phrases of such words can be written two ways, so pass 2 looks at no other.
    distinct = english(views).distinct_read
    if distinct is None:
        distinct = set()
        for v in views:
            for p in v.pairs:
                distinct.update(WORD.findall(p.en))
    capital = {w.lower() for w in filterfalse(str.islower, distinct) if w[:1].isupper() and w[1:].islower()}
    both = {w for w in capital if w in distinct and w.islower()} - EN_STOP
    if not both:
        return
    # casefolded phrase → case shape of its content words → [(view, pair id, surface)]
    seen: dict[str, dict[tuple, list[tuple[View, int, str]]]] = defaultdict(lambda: defaultdict(list))
    for v in views:
        for p in v.pairs:
            if not p.en or both.isdisjoint(p.words_lower()):
                continue
            words = list(WORD.finditer(p.en))
            if _heading(words):
                continue  # a heading in Title Case says nothing about the phrase's own case
            for k, first in enumerate(words):
                if first.group().lower() not in both:
                    continue
                starts = _starts_sentence(p.en, first.start())
                for n in range(2, 6):
                    if k + n > len(words):
                        break
                    run = words[k:k + n]
                    if p.en[run[-2].end():run[-1].start()] not in (" ", "-"):
                        break  # one phrase: words joined by a space or a hyphen only
                    texts = [m.group() for m in run]
                    if texts[-1].casefold() in EN_STOP:
                        continue
                    shape = [_case(t) for t in texts if t.casefold() not in EN_STOP]
                    if len(shape) < 2 or "m" in shape or "d" in shape:
                        continue  # mixed-case words (iPhone) and numbers follow no rule here
                    if "T" in shape and _inside_a_name(words, k, k + n - 1):
                        continue  # "Industry and Information Technology" in "Ministry of …"
                    if starts:
                        shape[0] = "*"  # the first word of a sentence is capitalised anyway
                    surface = p.en[first.start():run[-1].end()]
                    seen[" ".join(t.casefold() for t in texts)][tuple(shape)].append((v, p.id, surface))
    found: dict[tuple, list[tuple[int, int, Finding]]] = defaultdict(list)  # (file, pair) → findings
    for phrase, shapes in seen.items():
        if len(shapes) < 2:
            continue
        title = [s for s in shapes if _all(s, "T") and "T" in s]
        lower = [s for s in shapes if _all(s, "l") and "l" in s]
        if not title or not lower:
            continue  # only Title Case against lower case of the same words is a finding
        pairs_of = {s: {(o[0].file, o[1]) for o in occ} for s, occ in shapes.items()}
        ref = max(title + lower, key=lambda s: len(pairs_of[s]))
        ref_occ = shapes[ref][0]
        for s in title + lower:
            if s == ref or _compatible(s, ref):
                continue
            for v, pid, surface in shapes[s]:
                f = Finding("capitalisation", "info", pid,
                            f"“{surface}” here, “{ref_occ[2]}” in {len(pairs_of[ref])} pair(s) (first: pair {ref_occ[1]})",
                            term=phrase, expected=ref_occ[2], found=surface, file=v.file)
                found[(v.file, pid)].append((len(phrase), f))
    for fs in found.values():  # the longest phrase of a pair speaks for the phrases inside it
        fs.sort(key=lambda x: -x[0])
        kept: list[Finding] = []
        for _, f in fs:
            if not any(f.term in k.term and f.found in k.found for k in kept):
                kept.append(f)
        yield from kept


def _heading(words: list) -> bool:
    """Most content words capitalised: a heading or a title."""
    content = [m.group() for m in words[1:] if m.group().casefold() not in EN_STOP and m.group().isalpha()
               and not m.group().isupper()]
    return len(content) >= 2 and sum(w[:1].isupper() for w in content) >= 0.8 * len(content)


_TITLE_GLUE = frozenset(("of", "and", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with"))


def _inside_a_name(words: list, first: int, last: int) -> bool:
    """The run has a capitalised word right before or after it (over "of", "in", "the", …):
    it is part of a longer name or title ("… Equipment Renewal in the Industrial Sector")."""
    def cap(k: int, step: int) -> bool:
        while 0 <= k < len(words) and words[k].group().casefold() in _TITLE_GLUE:
            k += step
        return 0 <= k < len(words) and words[k].group()[:1].isupper()
    return cap(first - 1, -1) or cap(last + 1, 1)


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"“‘(")
    return not before or before[-1] in ".!?:;"


def _case(word: str) -> str:
    if any(ch.isdigit() for ch in word):
        return "d"
    if word.isupper() and len(word) > 1:
        return "U"  # an acronym (SME): the same either way
    if word[:1].isupper() and word[1:].islower():
        return "T"
    if word.islower():
        return "l"
    return "m"


def _all(shape: tuple, case: str) -> bool:
    return all(c in (case, "U", "*") for c in shape)


def _compatible(a: tuple, b: tuple) -> bool:
    """Shapes that differ only where a sentence begins."""
    return all(x == y or "*" in (x, y) for x, y in zip(a, b))
