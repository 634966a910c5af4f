"""How the archive indexes Chinese so that a substring of any length is found exactly.

FTS5's trigram tokenizer cannot match a query shorter than three characters, and a word
tokenizer cuts Chinese at the wrong places. So the Chinese side is indexed as overlapping
character bigrams: the text is lower-cased and cut into runs of letters and digits (the same
characters FTS5's unicode61 tokenizer keeps); a run "新质生产力" becomes the tokens 新质 质生
生产 产力 and a terminal token 力 that closes the run. A query of n ≥ 2 characters is the
phrase of its n-1 bigrams, which occurs exactly where the query does (the terminal tokens keep
a phrase from running on across punctuation); a one-character query is the prefix query of its
character, which every bigram it starts and the terminal token match. Each character is
written as four base-36 digits, so a token is plain ASCII that every tokenizer keeps whole,
whatever Unicode tables the SQLite at hand was built with.

A query holding punctuation or spaces is the AND of its runs, a superset checked afterwards
(`needs_check`); a query with no letter or digit at all has no tokens and is scanned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from workbench.text.normalize import ALNUM_RUN, normalize_zh

RUN = ALNUM_RUN  # a run of letters and digits, as unicode61 cuts tokens
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


class _Codes(dict):
    """character → its four base-36 digits, computed once per character."""

    def __missing__(self, ch: str) -> str:
        n = ord(ch)
        code = "".join(_DIGITS[(n // 36**k) % 36] for k in (3, 2, 1, 0))
        self[ch] = code
        return code


_CODE = _Codes()


def _run_tokens(run: str) -> list[str]:
    codes = list(map(_CODE.__getitem__, run))
    return [*map(str.__add__, codes, codes[1:]), codes[-1]]


def fold(text: str) -> str:
    """Chinese as the index compares it: widths and quote styles made one (`normalize_zh`),
    letters lower-cased. Same length as the text wherever lower-casing keeps it."""
    return normalize_zh(text).lower()


def zh_tokens(text: str) -> str:
    """The Chinese side as the index stores it: bigram and terminal tokens, space separated."""
    out: list[str] = []
    for run in RUN.findall(fold(text)):
        out += _run_tokens(run)
    return " ".join(out)


def zh_match(query: str) -> str | None:
    """The FTS5 expression (for the zh column) that finds every pair containing `query`;
    None when the query has no letter or digit (it must be scanned).

    One phrase: each run's bigrams, and the terminal token of each run the query shows ending
    (punctuation follows it), so "专精特新“小巨人”企业" finds exactly the pairs with those runs
    in that order, whatever punctuation stands between them (`contains` then checks it). A
    last run of one character that ends the query is a prefix (it may go on in the text)."""
    folded = fold(query)
    runs = list(RUN.finditer(folded))
    if not runs:
        return None
    tokens: list[str] = []
    prefix = False
    for m in runs:
        codes = list(map(_CODE.__getitem__, m.group()))
        tokens += map(str.__add__, codes, codes[1:])
        if m.end() < len(folded):
            tokens.append(codes[-1])
        elif len(codes) == 1:
            tokens.append(codes[-1])
            prefix = True
    return 'zh : "' + " ".join(tokens) + '"' + (" *" if prefix else "")


def needs_check(query: str) -> bool:
    """True if the FTS5 match of `query` may include pairs without it (so each is checked):
    a query that is not one run of letters and digits."""
    return RUN.fullmatch(fold(query)) is None


def contains(text: str, query: str) -> bool:
    """The check the index answers: `query` in `text`, both folded (see `fold`)."""
    return fold(query) in fold(text)


@lru_cache(maxsize=1)
def _unfolded() -> dict[str, str]:
    """folded character → every character that folds to it (computed once, over the BMP less
    the ideographs, Hangul and surrogates, which nothing folds)."""
    out: dict[str, set[str]] = {}
    for cp in (*range(0x3400), *range(0xE000, 0x10000)):
        ch = chr(cp)
        f = fold(ch)
        if len(f) == 1 and f != ch:
            out.setdefault(f, {f}).add(ch)
    return {f: "".join(sorted(chars)) for f, chars in out.items()}


@lru_cache(maxsize=256)
def matcher(query: str) -> Callable[[str], bool]:
    """`contains(text, query)` as one compiled pattern over the raw text (no folding per text):
    each character of the query matches every character that folds as it does."""
    table = _unfolded()
    parts = []
    for ch in fold(query):
        alts = table.get(ch)
        parts.append("[" + re.escape(alts) + "]" if alts else re.escape(ch))
    pattern = re.compile("".join(parts))
    return lambda text: pattern.search(text) is not None


def zh_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` is in `text` (folded alike), for highlighting."""
    t, q = fold(text), fold(query)
    if not q or len(t) != len(text):
        t, q = text, query
    out, at = [], t.find(q)
    while at >= 0 and q:
        out.append((at, at + len(q)))
        at = t.find(q, at + len(q))
    return out


# -- English: words, case-insensitive, a prefix on the last word, always a phrase ---------------

def en_match(query: str) -> str | None:
    """The FTS5 expression (for the en column) for an English query: its words as a phrase,
    case-insensitive; a final `*` makes the last word a prefix. None if it has no word."""
    text = query.strip()
    if text.startswith('"') and text.endswith('"') and len(text) > 1:
        text = text[1:-1]
    prefix = text.endswith("*")
    words = RUN.findall(text.rstrip("*").lower())
    if not words:
        return None
    phrase = '"' + " ".join(words) + '"'
    return "en : " + phrase + (" *" if prefix else "")


def en_pattern(query: str) -> re.Pattern:
    """A regular expression that highlights what `en_match` found in a text."""
    text = query.strip().strip('"')
    prefix = text.endswith("*")
    words = RUN.findall(text.rstrip("*"))
    body = r"[\W_]+".join(re.escape(w) for w in words)
    return re.compile(r"(?<![^\W_])" + body + (r"[^\W_]*" if prefix else r"(?![^\W_])"), re.IGNORECASE)
