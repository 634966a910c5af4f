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
from operator import and_, is_not, not_, or_

from workbench.checks import Finding, Memo
from workbench.checks.view import PairView, View, english
from workbench.text.normalize import EN_STOP, WORD, WordTable, word_pieces

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
    for ch in _ANY_BRACKET.findall(text):  # (the brackets alone, found in C: nothing else counts)
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
    for ch in _CURLY.findall(text):  # (the curly double quotes alone, found in C)
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


def typography(views: list[View], memo: Memo | None = None) -> Iterable[Finding]:
    """(`memo`: what a pair's English gives is a function of that text, so the run before's is
    taken for a text it read: `Memo.typography`.)"""
    known = {} if memo is None else memo.typography
    kept: dict[str, tuple] = {}  # English → what it gives, for the next run
    for v in views:
        curly_pairs, straight_pairs = [], []
        texts = [p.en for p in v.pairs]
        if known:  # (the texts not read by the run before read, each once)
            read = dict(zip(*_read_each([en for en in dict.fromkeys(texts) if en not in known])))
            found_in = [known[en] if en in known else read[en] for en in texts]
        else:
            found_in = _read_each(texts)[1]
        if memo is not None:
            kept.update(zip(texts, found_in))
        for p, (found, curly, straight) in compress(zip(v.pairs, found_in), map(is_not, found_in, repeat(_NOTHING))):
            for severity, message, sign in found:
                yield Finding("typography", severity, p.id, message, found=sign, file=v.file)
            if curly:
                curly_pairs.append(p.id)
            if straight:
                straight_pairs.append(p.id)
        if curly_pairs and straight_pairs:
            rare, common, kind = ((straight_pairs, curly_pairs, "straight")
                                  if len(straight_pairs) <= len(curly_pairs) else (curly_pairs, straight_pairs, "curly"))
            other = "curly" if kind == "straight" else "straight"
            for pid in rare:
                yield Finding("typography", "info", pid,
                              f"{kind} quotation marks here, {other} ones in {len(common)} pair(s) (first: pair {common[0]})",
                              found=kind, expected=other, file=v.file)
    if memo is not None:
        memo.typography = kept  # (only the texts of this run: the memo does not grow edit after edit)


#: What a text without any character a finding needs gives (`_read`).
_NOTHING: tuple = ((), False, False)


def _read_each(texts: list[str]) -> tuple[list[str], list[tuple]]:
    """The texts, and what each gives (`_read`; only those holding a character that a finding
    needs read, looked for in C first)."""
    found = [_NOTHING] * len(texts)
    may = list(compress(range(len(texts)), _may_hold_a_finding(texts)))
    for k, read in zip(may, map(_read, [texts[k] for k in may])):
        found[k] = read
    return texts, found


def _read(en: str) -> tuple[tuple[tuple[str, str, str], ...], bool, bool]:
    """What one pair's English gives: its findings (severity, message, found), and whether it
    uses curly and straight quotation marks."""
    out = []
    found = sorted(set(_FULL_WIDTH.findall(en)))
    if found:
        out.append(("warning", "full-width punctuation in the English: " + " ".join(found), "".join(found)))
    bracket = _unbalanced_brackets(en)
    if bracket:
        out.append(("warning", f"unbalanced bracket “{bracket}”", bracket))
    quote = _unbalanced_quotes(en)
    if quote:
        out.append(("info", f"unbalanced quotation mark ‹{quote}›", quote))
    if _DOUBLE_SPACE.search(en):
        out.append(("info", "two spaces in a row", "  "))
    return tuple(out), bool(_CURLY.search(en)), '"' in en and bool(_STRAIGHT.search(en))


def capitalisation(views: list[View], memo: Memo | None = None) -> Iterable[Finding]:
    """(`memo`: what a pair's text gives to pass 2 depends on the text and on which of its words
    are in `both` and `titled`, so the run before's is taken for a text it read, unless one of
    its words went in or out of those: `Memo.capitals`.)"""
    # Pass 1: the words written both capitalised (not first in a sentence) and in lower case;
    # only phrases of such words can be written two ways, so pass 2 looks at no other.
    distinct = english(views).distinct_read
    own: list[list[str]] = []  # (each pair's words, where this check reads them itself: read once)
    if distinct is None:
        own = [WORD.findall(p.en) for v in views for p in v.pairs]
        distinct = set().union(*own)
    capital = {w.lower() for w in filterfalse(str.islower, distinct) if w[:1].isupper() and w[1:].islower()}
    both = {w for w in capital if w in distinct and w.islower()} - EN_STOP
    if not both:
        return
    # the words (case folded) written somewhere in Title Case or in capitals: a phrase written in
    # lower case has a twin in Title Case only if each of its words (but the first) is one
    titled = {w.casefold() for w in filterfalse(str.islower, distinct) if w[:1].isupper() and w[1:].islower() or w.isupper() and len(w) > 1}
    known = {} if memo is None else _still_read(memo.capitals, both, titled)
    kept: dict[str, tuple] = {}  # English → its phrases, for the next run
    keep = {}.setdefault
    # casefolded phrase → case shape of its content words → [(view, pair id, surface, place)]; only
    # the shapes that can take part in a finding are kept: Title Case or lower case throughout
    # (a shape with both, or with neither, is never a finding nor the reference)
    seen: dict[str, dict[tuple, list[tuple[View, int, str, int]]]] = defaultdict(lambda: defaultdict(list))
    read = iter(own)
    for v in views:
        for p in v.pairs:
            texts = next(read) if own else None
            phrases = known.get(p.en) if known else None
            if phrases is None:
                phrases = _phrases(p, texts, both, titled)
                if memo is not None and phrases:  # (each phrase, shape and text kept once: 9 MB less on 10,000 real pairs)
                    phrases = tuple((keep(a, a), keep(b, b), keep(c, c), at) for a, b, c, at in phrases)
            if memo is not None:
                kept[p.en] = phrases
            for phrase, kind, surface, place in phrases:
                seen[phrase][kind].append((v, p.id, surface, place))
    if memo is not None:
        memo.capitals = (both, titled, kept)
    found: dict[tuple, list[tuple[int, int, Finding]]] = defaultdict(list)  # (file, pair) → (length, place, finding)
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
            for v, pid, surface, place in shapes[s]:
                f = Finding("capitalisation", "info", pid,
                            f"“{surface}” here, “{ref_occ[2]}” in {len(pairs_of[ref])} pair(s) (first: pair {ref_occ[1]})",
                            term=phrase, expected=ref_occ[2], found=surface, file=v.file)
                found[(v.file, pid)].append((len(phrase), place, f))
    for fs in found.values():  # the longest phrase of a pair speaks for the phrases inside it
        fs.sort(key=lambda x: (-x[0], x[1]))  # (phrases as long: as they come in the pair)
        kept: list[Finding] = []
        for _, _, f in fs:
            if not any(f.term in k.term and f.found in k.found for k in kept):
                kept.append(f)
        yield from kept


def _still_read(last: tuple | None, both: set[str], titled: set[str]) -> dict[str, tuple]:
    """Of what the last run read (`_phrases` of each English, with its `both` and `titled`),
    what holds still: all, where those two are the same; else the texts that hold none of the
    words that went in or out of them (as a word of the text lower-cased is a piece of the
    text lower-cased; a text not in ASCII is read again)."""
    if last is None:
        return {}
    old_both, old_titled, phrases = last
    if old_both == both and old_titled == titled:
        return phrases
    moved = list((old_both ^ both) | (old_titled ^ titled))
    return {en: found for en, found in phrases.items()
            if en.isascii() and not any(map(en.lower().__contains__, moved))}


def _phrases(p: PairView, texts: list[str] | None, both: set[str], titled: set[str]) -> tuple:
    """The phrases of pass 2 in one pair's English, in order: (phrase case folded, the case shape
    of its content words, its text, where it starts). (`texts`: its words, where read already.)"""
    if texts is None:
        texts = p.words_read
        if texts is None:
            texts = WORD.findall(p.en)
    firsts = list(compress(range(len(texts)), map(both.__contains__, map(str.lower, texts))))
    if not firsts or not p.plain and both.isdisjoint(p.words_lower()):
        return ()  # (a text whose lower case is not its words' lower case: as it reads lower-cased)
    en = p.en
    # each word read once (case folded, whether a stop word, its case shape, where it is,
    # and whether the next is joined to it by a space or a hyphen only), not once a run
    folds = list(map(str.casefold, texts))
    stop = list(map(EN_STOP.__contains__, folds))
    if _heading(texts, stop):
        return ()  # a heading in Title Case says nothing about the phrase's own case
    cases = list(map(_CASES.__getitem__, texts))
    pieces, at = word_pieces(en)  # (the text between words i and i + 1 at 2i + 2)
    begins, ends = at[1::2], at[2::2]
    joined = list(map((" ", "-").__contains__, pieces[2:-1:2]))
    found = []
    for k in firsts:
        starts = _starts_sentence(en, begins[k])
        shape = [] if stop[k] else [cases[k]]
        for last in range(k + 1, min(k + 5, len(texts))):  # runs of 2–5 words
            if not joined[last - 1]:
                break  # one phrase: words joined by a space or a hyphen only
            if stop[last]:
                continue
            shape.append(cases[last])
            if shape[-1] == "l" and len(shape) > 1 and folds[last] not in titled:
                break  # (nor has any longer run from this word)
            if len(shape) < 2:
                continue
            if "m" in shape or "d" in shape:
                break  # mixed-case words (iPhone) and numbers follow no rule here (nor in a longer run)
            kept = ("*", *shape[1:]) if starts else tuple(shape)  # the first word of a sentence is capitalised anyway
            if "T" in kept and "l" in kept:
                break  # (and so in every longer run)
            if "T" not in kept and "l" not in kept:
                continue
            if "T" in shape and _inside_a_name(texts, k, last):
                continue  # "Industry and Information Technology" in "Ministry of …"
            found.append((" ".join(folds[k:last + 1]), kept, en[begins[k]:ends[last]], begins[k]))
    return tuple(found)


def _heading(texts: list[str], stop: list[bool]) -> bool:
    """Most content words capitalised (the first word aside): a heading or a title. (`stop`:
    whether each word is a stop word. The content words, no stop word, letters only and not
    all in capitals, picked in C.)"""
    content = list(compress(texts[1:], map(and_, map(not_, stop[1:]), map(_LETTERS_NOT_CAPITALS.__getitem__, texts[1:]))))
    return len(content) >= 2 and sum(map(_BEGINS_CAPITAL.__getitem__, content)) >= 0.8 * len(content)


_LETTERS_NOT_CAPITALS = WordTable(lambda w: w.isalpha() and not w.isupper())
_BEGINS_CAPITAL = WordTable(lambda w: w[:1].isupper())


_TITLE_GLUE = frozenset(("of", "and", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with"))


def _inside_a_name(words: list[str], first: int, last: int) -> bool:
    """The run has a capitalised word right before or after it (over "of", "in", "the", …):
    it is part of a longer name or title ("… Equipment Renewal in the Industrial Sector")."""
    def cap(k: int, step: int) -> bool:
        while 0 <= k < len(words) and words[k].casefold() in _TITLE_GLUE:
            k += step
        return 0 <= k < len(words) and words[k][:1].isupper()
    return cap(first - 1, -1) or cap(last + 1, 1)


def _starts_sentence(text: str, pos: int) -> bool:
    """Nothing but a sentence's end (and spaces, opening quotes, brackets) before `pos`."""
    i = pos
    while i and text[i - 1] in " \"“‘(":
        i -= 1
    return not i or text[i - 1] in ".!?:;"


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


_CASES = WordTable(_case)  # word → its case shape, worked out once a distinct word


def _all(shape: tuple, case: str) -> bool:
    return all(c in (case, "U", "*") for c in shape)


def _compatible(a: tuple, b: tuple) -> bool:
    """Shapes that differ only where a sentence begins."""
    return all(x == y or "*" in (x, y) for x, y in zip(a, b))
