"""Sentence splitting for Chinese and English paragraphs.

Chinese ends a sentence on 。！？；, on an ellipsis (…… or …), and on their half-width
forms; closing quotes and brackets that follow belong to the sentence they close.
English ends one on . ! ? (and ...) followed by space and a plausible sentence start, except
after abbreviations (Mr., No. 5, U.S., e.g.), initials, and inside numbers (39.9).
"""

from __future__ import annotations

import re

from workbench.text.normalize import HAN_CHARS

_ZH_CLOSERS = "”’」』）)》〉】\"'"
_ZH_END = re.compile(rf"(?:……|…|[。！？；!?;])+[{re.escape(_ZH_CLOSERS)}]*")


def split_zh(paragraph: str) -> list[str]:
    """Split a Chinese paragraph into sentences (text kept exactly, whitespace trimmed)."""
    text = paragraph.strip()
    out: list[str] = []
    start = 0
    for m in _ZH_END.finditer(text):
        end = m.end()
        # Half-width ! ? ; right after a Latin word (e.g. "Yahoo!") do not end a Chinese sentence.
        before = text[m.start() - 1] if m.start() else ""
        if m.group()[0] in "!?;" and before.isascii() and before.isalnum():
            continue
        piece = text[start:end].strip()
        if piece and not _only_closers(piece):
            out.append(piece)
            start = end
    rest = text[start:].strip()
    if rest:
        if out and _only_closers(rest):
            out[-1] += rest
        else:
            out.append(rest)
    return out


def _only_closers(s: str) -> bool:
    return all(ch in _ZH_CLOSERS or ch in "。！？；…!?;" for ch in s)


# Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
_NEVER_FINAL = {
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "rev", "hon", "vs", "e.g", "i.e", "cf", "fig", "approx", "dept", "u.s",
    "u.k", "u.n", "p.r.c", "messrs", "a.m", "p.m",
}
# Abbreviations that do not end a sentence when a number follows: "No. 5", "Jan. 3", "p. 12".
_BEFORE_NUMBER = {
    "no", "nos", "art", "p", "pp", "vol", "ch", "sec", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
_EN_END = re.compile(r"(?:\.{3}|…|[.!?])+[\"'”’)\]]*(?=\s+)")
_EN_START = re.compile(f"[\"'“‘(\\[]*[A-Z0-9{HAN_CHARS}]")
_WORD_BEFORE = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.$")


def split_en(paragraph: str) -> list[str]:
    """Split an English paragraph into sentences (text kept exactly, whitespace trimmed)."""
    text = paragraph.strip()
    out: list[str] = []
    start = 0
    for m in _EN_END.finditer(text):
        end = m.end()
        after = text[end:].lstrip()
        if not after or not _EN_START.match(after):
            continue
        if m.group().startswith(".") and not m.group().startswith("...") and _is_abbreviation(text[start : m.start() + 1], after):
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def _is_abbreviation(upto_dot: str, after: str) -> bool:
    m = _WORD_BEFORE.search(upto_dot)
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if low in _NEVER_FINAL:
        return True
    if low in _BEFORE_NUMBER and after[:1].isdigit():
        return True
    # An initial: "J. K. Rowling", "Xi J. said" — one capital letter alone before the dot.
    if len(word) == 1 and word.isupper():
        return True
    return False


def split(paragraph: str, lang: str) -> list[str]:
    """Split a paragraph in the given language ("zh" or "en")."""
    return split_zh(paragraph) if lang == "zh" else split_en(paragraph)
