"""Text normalisation shared by every stage: Chinese width and quotes, English words and stems.

Chinese: full-width and half-width characters are the same, and so are all quote styles
(专精特新“小巨人”企业 = 专精特新"小巨人"企业 = 专精特新「小巨人」企业).

English: text is cut into word tokens, each reduced to a light stem that forgets plural
-s/-es/-ies and possessive 's (so "enterprise", "enterprises", "enterprise's" are
one stem); case is folded unless asked otherwise; hyphens, dashes and spaces all separate
tokens; quotation marks are not tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache
from itertools import accumulate, compress, filterfalse
from operator import methodcaller
from pathlib import Path
from typing import NamedTuple

# -- Chinese --------------------------------------------------------------------------------

#: The Han characters, for a regex class: the unified ideographs (basic, extension A and the
#: supplementary planes' B–H) and the compatibility ideographs.
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CHARS}]")

_QUOTES = "\"'“”„‟‘’‚‛«»‹›「」『』〝〞〟＂＇"
_ZH_TABLE: dict[int, str] = {ord(q): '"' for q in _QUOTES}
_ZH_TABLE.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if c not in (0xFF02, 0xFF07)})
_ZH_TABLE[0x3000] = " "
_ZH_TABLE.update({ord(c): "·" for c in "•・‧"})


#: The characters OpenCC's t2s makes another single character, alone (bench/build_t2s.py).
T2S_DATA = Path(__file__).resolve().parents[1] / "data" / "t2s_chars.txt"


class _T2STable(dict):
    """code point → its simplified form, as OpenCC's t2s converts the character alone: read
    from the table bench/build_t2s.py makes of OpenCC's data (`T2S_DATA`), loaded when the first
    character is asked (not OpenCC itself: ~12 ms to load, for a look-up a character), and
    kept a character seen."""

    changed: dict[int, int] | None = None  # (the table: the characters t2s changes)

    def __missing__(self, code: int) -> int:
        changed = _T2STable.changed
        if changed is None:
            data = T2S_DATA.read_text(encoding="utf-8")  # (a line each: the character, its form)
            changed = _T2STable.changed = dict(zip(map(ord, data[0::3]), map(ord, data[1::3])))
        self[code] = value = changed.get(code, code)
        return value


_T2S = _T2STable()


class _WidthQuotesT2S(dict):
    """normalize_zh's table and then t2s, in one pass (t2s asked of _T2S)."""

    def __missing__(self, code: int):
        self[code] = value = _ZH_TABLE[code] if code in _ZH_TABLE else _T2S[code]
        return value


_ZH_T2S = _WidthQuotesT2S()


def normalize_zh_simplified(text: str) -> str:
    """`normalize_zh`, then `simplified`, in one pass (same length as the input)."""
    return text.translate(_ZH_T2S)


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC's t2s data: `T2S_DATA`), character by
    character, so positions carry over: 國家高新區 → 国家高新区."""
    if text.isascii():
        return text
    return text.translate(_T2S)


def normalize_zh(text: str) -> str:
    """Chinese text with full-width ASCII made half-width and every quote made '"'.

    The result has the same length as the input, so positions carry over. (Only the runs of
    characters that change are translated: `translate` looks up every character of its text,
    which in Chinese is most of the time of this.)
    """
    return _ZH_CHANGES.sub(_translated, text)


_ZH_CHANGES = re.compile("[" + "".join(map(re.escape, map(chr, _ZH_TABLE))) + "]+")


def _translated(m: re.Match) -> str:
    return m.group().translate(_ZH_TABLE)


def normalize_zh_all(texts: list[str]) -> list[str]:
    """`normalize_zh` of each text, from one pass over them all: each character that changes
    replaced throughout (`str.replace`, in C: a handful of them in most runs) as soon as a scan
    of the joined texts meets it, and the scan taken up again where it was (the characters
    replaced no longer stop it: one scan in all, not a string made for each of the thousands of
    places to change). Each text keeps its length."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return list(map(normalize_zh, texts))  # (a text holding a line break)
    replaced = 0
    at = _ZH_CHANGING.search(joined)
    while at is not None:
        for ch in set(at.group()):
            joined = joined.replace(ch, _ZH_TABLE[ord(ch)])
            replaced += 1
        if replaced > _REPLACED_AT_MOST:
            return list(map(normalize_zh, texts))  # (many to replace)
        at = _ZH_CHANGING.search(joined, at.start())
    return joined.split("\n") if texts else []


#: The characters normalize_zh changes (not '"', which it leaves as it is).
_ZH_CHANGING = re.compile("[" + "".join(re.escape(chr(c)) for c, to in _ZH_TABLE.items() if to != chr(c)) + "]+")


#: Past this many characters to change, `normalize_zh_all` normalises each text (each
#: replacement reads all the text).
_REPLACED_AT_MOST = 16


def absent_char(texts: list[str]) -> str:
    """A character that none of the texts holds, neither a letter, a digit, a space nor a Han
    character (a control character, else one of private use): joined by it, texts can be read
    as one, and no word or phrase runs from one into the next."""
    joined = "".join(texts)
    for code in (*range(0, 9), *range(0xE000, 0xF900)):
        if chr(code) not in joined:
            return chr(code)
    raise ValueError("no free separator character")  # pragma: no cover - 6,400 distinct ones


# -- English --------------------------------------------------------------------------------

HAS_WORD = re.compile(r"[^\W_]")
# A word: letters/digits, with inner apostrophes, ampersands or dots (China's, R&D, 39.9).
# (Possessive: nothing after a run of letters could match if it gave some back; the engine,
# told so, keeps no place to go back to, and reads English a seventh faster.)
WORD = re.compile(r"[^\W_]++(?:[’'&.][^\W_]++)*+", re.UNICODE)
#: WORD as a group: `WORD_SPLIT.split(text)` alternates the text between words and the words.
WORD_SPLIT = re.compile(f"({WORD.pattern})")


def word_pieces(text: str) -> tuple[list[str], list[int]]:
    """`WORD_SPLIT.split(text)` — the text before the first word, word 0, the text between
    words 0 and 1, …, word n − 1, the text after — and where each piece starts, one past the
    end last (summed from their lengths, in C): word i is at[2i + 1]:at[2i + 2]."""
    pieces = WORD_SPLIT.split(text)
    return pieces, list(accumulate(map(len, pieces), initial=0))
# A run of letters or digits, nothing joined: the token of full-text indexes (SQLite unicode61).
ALNUM_RUN = re.compile(r"[^\W_]+")

#: English function words: never the first or last word of a term, nor a content word.
EN_STOP = frozenset(
    """a an the of in on at to for from by with without into onto over under above below about
    through during including and or but nor as than that this these those which who whom whose
    what it its their our your his her we they he she you i is are was were be been being has have
    had do does did will would shall should can could may might must not no so such also already
    all any each both more most other some very then there here thank thanks mr ms""".split()
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem: plural and possessive removed (case kept); "Plane" stays apart
    from "Plan", and "branches" meets "branch".

    Applied alike to glossary renderings and to text, so only equality of stems matters.
    """
    w = word
    if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":
        w = w[:-2]
    w = w.replace("’", "'")
    if 3 <= len(w) <= 7 and w[-1] == "s" and w[:-1].isupper():  # acronyms: SMEs → SME
        return w[:-1]
    if w.isupper() and len(w) <= 6:  # an acronym (GDP, MIIT), not a word in capitals
        return w
    if len(w) > 3:
        low = w.lower()
        if low.endswith("ies") and low[-4] not in "ae":
            w = w[:-3] + ("Y" if w[-3:].isupper() else "y")
        elif low.endswith(("ches", "shes", "sses", "xes", "zzes")):
            w = w[:-2]  # branches → branch, processes → process
        elif low.endswith("s") and not low.endswith(("ss", "us", "is")):
            w = w[:-1]
    return w


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # case-folded stem
    ckey: str  # case-kept stem (for case-sensitive terms)


@lru_cache(maxsize=200_000)
def stem_keys(word: str) -> tuple[str, str]:
    s = stem(word)
    return s.lower(), s


class WordTable(dict):
    """word → `key_of(word)`, worked out once per distinct word, so that
    `map(table.__getitem__, words)` runs in C; past `LIMIT` words it starts afresh."""

    LIMIT = 500_000

    def __init__(self, key_of: Callable[[str], str]) -> None:
        super().__init__()
        self.key_of = key_of

    def __missing__(self, word: str) -> str:
        if len(self) > self.LIMIT:
            self.clear()
        key = self[word] = self.key_of(word)
        return key

    def fill(self, words: Iterable[str]) -> set[str]:
        """Look up at once the words not seen yet, for a `key_of` that leaves the words
        `as_is_words` picks as they are (most words of a text, seen for the first time: those
        are set in C, the others looked up one by one), and return those."""
        new = set(words)
        # (set.difference goes through the whole of the other when it is not a plain dict or
        # set: this table, only where it is the smaller)
        new = new.difference(self) if len(self) <= len(new) else set(filterfalse(self.__contains__, new))
        if len(self) + len(new) > self.LIMIT:
            self.clear()
        as_is = as_is_words(new)
        self.update(zip(as_is, as_is))
        for word in new.difference(as_is):
            self[word]  # (__missing__)
        return as_is


def as_is_words(words: Iterable[str]) -> set[str]:
    """The words that `stem`, lower-casing and case folding leave as they are (picked in C):
    ASCII without a capital letter or an apostrophe, not ending in "s" (every rule of `stem`
    is about a final s, an apostrophe or capitals)."""
    return set(compress(words, map(_AS_IS.fullmatch, words)))


_AS_IS = re.compile(r"[a-z0-9&.]+(?<!s)")


#: word → its stem, case folded / as written (`stem_keys`)
FOLDED_KEYS = WordTable(lambda word: stem_keys(word)[0])
KEPT_KEYS = WordTable(lambda word: stem_keys(word)[1])


def word_key(word: str) -> str:
    """The case-folded stem of one word, as renderings are matched by."""
    return FOLDED_KEYS[word]


def tokenize_en(text: str) -> list[Token]:
    """The word tokens of English text, with their stems."""
    out = []
    for m in WORD.finditer(text):
        w = m.group()
        out.append(Token(m.start(), m.end(), w, FOLDED_KEYS[w], KEPT_KEYS[w]))
    return out


@lru_cache(maxsize=100_000)
def en_key(phrase: str, case_sensitive: bool = False) -> tuple[str, ...]:
    """The stems a rendering is matched by."""
    return tuple(map((KEPT_KEYS if case_sensitive else FOLDED_KEYS).__getitem__, WORD.findall(phrase)))


# -- British and American spelling ------------------------------------------------------------

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


_ANY_RULE = re.compile("|".join(f"(?:{rx.pattern})" for rx, _ in _RULES))
#: Every ending a word that a rule changes can have (a word without one is passed over first).
_RULE_ENDINGS = (
    "isation", "isations", "ise", "ised", "ises", "ising", "iser", "isers", "yse", "ysed", "yses", "ysing",
    "our", "ours", "oured", "ouring", "ourable", "ourably", "ourite", "ourites", "ourer", "ourers", "ourful",
    "ourless", "tre", "tres", "tred", "bre", "bres", "bred", "ogue", "ogues", "lled", "lling", "ller", "llers",
)


def british(words: Collection[str]) -> dict[str, str]:
    """Of distinct lower-case words, those that `american` changes, with their American form
    (the words that no rule can change, most of them, are passed over in C: those without
    an ending a rule changes, then those the rules do not match)."""
    ending = list(compress(words, map(methodcaller("endswith", _RULE_ENDINGS), words)))
    maybe = (_WORD_TABLE.keys() & words) | set(compress(ending, map(_ANY_RULE.search, ending)))
    return {w: am for w in maybe if (am := american(w)) != w}


@lru_cache(maxsize=100_000)
def american(word: str) -> str:
    """The American spelling of a (lower-case) British word form; other words unchanged."""
    if word in _WORD_TABLE:
        return _WORD_TABLE[word]
    if len(word) < 5 or word in ("four", "hour", "your", "pour", "tour", "sour", "flour"):
        return word
    if not _ANY_RULE.search(word):
        return word  # (one scan for the seven rules: most words end in none of them)
    for rx, rep in _RULES:
        new = rx.sub(rep, word)
        if new != word:
            return new
    return word
