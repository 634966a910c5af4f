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

from workbench.text.normalize import ALNUM_RUN

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


def zh_tokens(text: str) -> str:
    """The Chinese side as the index stores it: bigram and terminal tokens, space separated."""
    out: list[str] = []
    for run in RUN.findall(text.lower()):
        out += _run_tokens(run)
    return " ".join(out)


def zh_match(query: str) -> str | None:
    """The FTS5 expression (for the zh column) that finds every pair containing `query`;
    None when the query has no letter or digit (it must be scanned)."""
    runs = RUN.findall(query.lower())
    if not runs:
        return None
    parts = []
    for run in runs:
        if len(run) == 1:
            parts.append(f'"{_CODE[run]}" *')
        else:
            codes = list(map(_CODE.__getitem__, run))
            parts.append('"' + " ".join(map(str.__add__, codes, codes[1:])) + '"')
    return "zh : (" + " AND ".join(parts) + ")"


def needs_check(query: str) -> bool:
    """True if the FTS5 match of `query` may include pairs without it (so each is checked):
    a query that is not one run of letters and digits."""
    low = query.lower()
    return RUN.fullmatch(low) is None


def contains(text: str, query: str) -> bool:
    """The check the index answers: `query` in `text`, letters compared lower-cased."""
    return query.lower() in text.lower()


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
