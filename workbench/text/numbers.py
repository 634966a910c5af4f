"""Numbers in Chinese and English text, read once for the aligner and for the checks.

39.9万亿 = 39.9 trillion, 383.7万 = 3.837 million, 1.2万 = 12,000, 22亿 = 2.2 billion,
230百亿亿 = 230 quintillion, 31.7% = 31.7 percent, 2035年 = 2035, 二〇三五年 = 2035,
三成 = 30%, 三分之一 = one-third, 十倍 = tenfold, 2个百分点 = 2 percentage points (not 2%),
萬/億/兩 as 万/亿/两, full-width ０-９ and ％ as 0-9 and %.

Every number found is *hard* or *soft*. Hard numbers are written in digits, or are a
proportion or a multiple (百分之五, 三分之一, 十倍, "eleven-fold"): a translation must carry
them. Soft numbers are written in words (六大方向, "six areas", "first", "June") or sit in an
English parenthesis (a translator's gloss such as "(2021-2025)"): they satisfy a hard number on
the other side but are never required themselves, because translators legitimately turn 一是
into "First" or drop 一 from 一批.

A run of Chinese numerals is read as the well-formed numbers it holds: 十四五 is 14 and 5 (the
14th Five-Year Plan), 二〇二四 is 2024. Digits glued to a Latin letter (C919, ARJ21, IPv6) are
a *name*: the aligner may link them, the checks do not count them as quantities.

`unit` keeps what the number counts where that matters: "%" (percent), "pp" (percentage
points), "x" (a multiple). Percent and percentage points never satisfy each other.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, count, repeat
from operator import add, sub

from workbench.text.normalize import normalize_zh

PERCENT, POINTS, TIMES, NAME = "%", "pp", "x", "name"


@dataclass(frozen=True, init=False)
class Number:
    value: float
    text: str
    start: int
    end: int
    hard: bool
    alts: tuple[float, ...] = ()  # the same quantity in other units (1 gigabit = 1000 megabits)
    unit: str = ""  # "" | PERCENT | POINTS | TIMES | NAME

    def __init__(self, value: float, text: str, start: int, end: int, hard: bool, alts: tuple[float, ...] = (),
                 unit: str = "") -> None:
        # (the fields set at once: the __init__ a frozen dataclass writes sets each through
        # object.__setattr__, at twice the time, for the numbers of every pair read; a test
        # checks that this one takes the fields, in order, with their defaults)
        self.__dict__.update(value=value, text=text, start=start, end=end, hard=hard, alts=alts, unit=unit)

    def keys(self) -> set[float]:
        return {value_key(v) for v in (self.value, *self.alts)}


@lru_cache(maxsize=65536)
def value_key(value: float) -> float:
    """Values that differ only by floating-point noise compare equal through this key.
    (Cached: the same few values come back in sentence after sentence, and formatting one
    costs more than looking it up.)"""
    return float(f"{value:.9g}")


def _units_agree(a: str, b: str) -> bool:
    return {a, b} != {PERCENT, POINTS}


# -- Chinese --------------------------------------------------------------------------------

_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "壹": 1, "贰": 2, "貳": 2, "叁": 3, "肆": 4, "柒": 7, "捌": 8, "玖": 9}
# (伍 and 陆 are left out: 队伍 and 大陆 are words, not numbers)
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_MULT = {**_CN_SMALL, **_CN_BIG}
_DIG = "".join(_CN_DIGIT)
_NUM = _DIG + "".join(_CN_MULT)
_MULT = "".join(_CN_MULT)

# Digits, then multipliers written in characters (39.9万亿, 230百亿亿). 兆 is not one: in
# today's usage 10兆 is "10 megabits", not 10 trillion.
_ZH_ARABIC = re.compile(
    rf"(?<![A-Za-z0-9])(?<!\d[.,])([A-Za-z]*)(\d+(?:,\d{{3}})*(?:\.\d+)?)(?![\d])([{_MULT}]*)"
    r"(%|个百分点|個百分點|百分点|倍)?"
)
_ZH_FRACTION = re.compile(rf"([{_NUM}\d.]+)分之([{_NUM}\d.点]+)")
_ZH_PERCENT_WORDS = re.compile(rf"百分之([{_NUM}点]+)")
_ZH_RUN = re.compile(rf"[{_NUM}]+(?:点[{_DIG}]+)?(个百分点|個百分點|百分点|倍|成(?![为為了功果本立效熟就长長员員]))?")


def zh_numbers(text: str, normalized: str | None = None) -> list[Number]:
    """The numbers of a Chinese text (see the module's note on hard, soft and units);
    `normalized`: normalize_zh(text), where it is known."""
    norm = normalize_zh(text) if normalized is None else normalized
    out: list[Number] = []
    taken = bytearray(len(norm))

    def add(n: Number) -> None:
        out.append(n)
        taken[n.start:n.end] = b"\x01" * (n.end - n.start)

    for m in _digit_matches(norm, 0, _ZH_ARABIC):
        letters, digits, mults, tail = m.groups()
        start = m.start(2)
        value = float(digits.replace(",", ""))
        if letters:  # C919, ARJ21, IPv6: a name
            add(Number(value, text[m.start():m.end(2)], m.start(), m.end(2), False, unit=NAME))
            continue
        for ch in mults:
            value *= _CN_MULT[ch]
        add(Number(value, text[start:m.end()], start, m.end(), True, unit=_zh_unit(tail)))
    for m in _ZH_PERCENT_WORDS.finditer(norm):
        v = _zh_value(m.group(1))
        if v is not None and not taken[m.start()]:
            add(Number(v, text[m.start():m.end()], m.start(), m.end(), True, unit=PERCENT))
    for m in _ZH_FRACTION.finditer(norm):
        if taken[m.start()]:
            continue
        den, num = _zh_value(m.group(1)), _zh_value(m.group(2))
        if den and num is not None:
            v = num / den
            add(Number(v, text[m.start():m.end()], m.start(), m.end(), True,
                       (round(100 * v), round(100 * v, 1), 100 * v)))
    for m in _ZH_RUN.finditer(norm):
        if taken[m.start()]:
            continue
        tail = m.group(1) or ""
        body = m.group()[: len(m.group()) - len(tail)]
        pieces = _zh_pieces(body)
        for k, (v, a, b) in enumerate(pieces):
            last = k == len(pieces) - 1
            s, e = m.start() + a, m.start() + (len(m.group()) if last else b)
            if last and tail == "成":
                add(Number(v * 10, text[s:e], s, e, False, (v / 10,), PERCENT))
            elif last and tail:
                add(Number(v, text[s:e], s, e, True, (2.0,) if (tail == "倍" and v == 1) else (),
                           _zh_unit(tail)))
            else:
                add(Number(v, text[s:e], s, e, False))
    out.sort(key=lambda n: n.start)
    return out


def _zh_unit(tail: str | None) -> str:
    if not tail:
        return ""
    if tail == "%":
        return PERCENT
    if tail == "倍":
        return TIMES
    return POINTS


def _zh_value(s: str) -> float | None:
    """One number written in digits or Chinese numerals (三, 3, 二十五, 一点五), or None."""
    try:
        return float(s)
    except ValueError:
        pass
    pieces = _zh_pieces(s)
    return pieces[0][0] if len(pieces) == 1 else None


@lru_cache(maxsize=8192)
def _zh_pieces(run: str) -> tuple[tuple[float, int, int], ...]:
    """The well-formed numbers in a run of Chinese numerals, as (value, start, end).

    一千二百 = 1200; 十四五 = 14, 5; 二〇三五 = 2035 (digit by digit); 三四 = 3, 4; 三十一点七 = 31.7.
    """
    frac = ""
    if "点" in run:
        run, frac = run.split("点", 1)
    digits_only = all(c in _CN_DIGIT for c in run)
    if digits_only and len(run) >= 3 or (digits_only and len(run) == 2 and run[1] in "零〇○"):
        pieces = [(float("".join(str(_CN_DIGIT[c]) for c in run)), 0, len(run))]
    else:
        pieces = []
        start = 0
        total = section = 0
        cur: int | None = None
        last_small = 10**9  # the last 十/百/千 in this section: a bigger one starts a new number
        seen = False

        def close(end: int) -> None:
            nonlocal total, section, cur, seen, last_small, start
            if seen:
                pieces.append((float(total + section + (cur or 0)), start, end))
            total = section = 0
            cur = None
            seen = False
            last_small = 10**9
            start = end

        for i, c in enumerate(run):
            if c in _CN_DIGIT:
                d = _CN_DIGIT[c]
                if d == 0 and seen:  # 一千零五: a placeholder
                    continue
                if cur is not None:  # 十四五: a digit after a digit starts a new number
                    close(i)
                cur = d
                seen = True
            elif c in _CN_SMALL:
                u = _CN_SMALL[c]
                if u >= last_small:
                    close(i)
                section += (1 if cur is None else cur) * u
                cur = None
                last_small = u
                seen = True
            else:  # 万, 亿
                u = _CN_BIG[c]
                if not seen:
                    pieces.append((float(u), i, i + 1))
                    start = i + 1
                    continue
                value = section + (cur or 0)
                if total and value == 0:  # 万亿: multiply what we have
                    total *= u
                elif total and total < u:  # 三万五千亿 is not written; keep it simple
                    total = (total + value) * u
                else:
                    total += value * u
                section = 0
                cur = None
                last_small = 10**9
        close(len(run))
    if frac and pieces and all(c in _CN_DIGIT for c in frac):
        v, a, _ = pieces[-1]
        pieces[-1] = (float(f"{int(v)}.{''.join(str(_CN_DIGIT[c]) for c in frac)}"), a,
                      len(run) + 1 + len(frac))
    return tuple(pieces)


# -- English --------------------------------------------------------------------------------

_SCALE = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "quadrillion": 1e15, "quintillion": 1e18,
}
_SCALE_RE = "|".join(_SCALE)
_PCT_RE = r"(?:\s*(%|per\s*cent(?:age\s+points?)?|percent(?:age\s+points?)?|points?\b))?"
_EN_DIGITS = re.compile(
    r"(?<![A-Za-z0-9])(?<!\d[.,])([A-Za-z]*)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])"
    rf"(?:(?:st|nd|rd|th)\b|\s*-?\s*({_SCALE_RE})\b|\s*-?\s*(fold\b|times\b))?" + _PCT_RE,
    re.I,
)
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
             "seventeenth", "eighteenth", "nineteenth", "twentieth"]
_WORD_VALUE: dict[str, float] = {w: float(i) for i, w in enumerate(_UNITS)}
_WORD_VALUE.update({w: float(v) for w, v in _TENS.items()})
_WORD_VALUE.update({w: float(i) for i, w in enumerate(_ORDINALS) if i})
_WORD_VALUE.update({"dozen": 12.0, "single": 1.0, "double": 2.0, "triple": 3.0, "once": 1.0, "twice": 2.0})
_MULTIPLE_WORDS = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
              "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_NUMBER_WORD = "|".join(sorted(list(_WORD_VALUE), key=len, reverse=True))
_EN_FRACTION = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+("
    + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r")\b", re.I)
_EN_WORDS = re.compile(
    rf"\b({_NUMBER_WORD})"
    r"(?:-(" + "|".join(_UNITS[1:10]) + r"))?"
    rf"(?:\s+({_SCALE_RE})\b)?(\s*-?\s*fold\b|\s+times\b)?\b" + _PCT_RE,
    re.I,
)
# Python's case-insensitive matching lets four non-ASCII letters stand for ASCII ones (ſ for s,
# ı and İ for i, the Kelvin sign for k): a matched word is folded the same way before lookup.
_ASCII_TWINS = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "\u212a": "k"})


def _fold(word: str) -> str:
    return word.translate(_ASCII_TWINS).lower()


_EN_MULTIPLE = re.compile(r"\b(" + "|".join(_MULTIPLE_WORDS) + r")\b", re.I)
_EN_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|"
                       r"October|November|December)\b")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_PARENS = re.compile(r"\([^()]*\)")
# A unit with a decimal prefix after an English number: Chinese counts the same quantity in
# another unit (千兆 "thousand mega" = 1 gigabit, 3千米 = 3 kilometres).
_PREFIXED_UNIT = re.compile(r"\s*-?\s*(kilo|giga|tera)", re.I)
_PREFIX = {"kilo": (1e3,), "giga": (1e3, 1e9), "tera": (1e6, 1e12)}
_FULL_WIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} | {0xFF05: "%", 0xFF0E: ".", 0xFF0C: ","}


def _en_unit(pct: str | None, times: str | None = None) -> str:
    if times:
        return TIMES
    if not pct:
        return ""
    p = pct.lower()
    return POINTS if "point" in p else PERCENT


# A cheap precheck: most sentences hold no digit and no number word, and then the patterns
# below cannot match.  It must stay a superset of them: a word that can start a number, a
# month, a fraction or a multiple ("tenfold" is caught by "fold"), or one of the four
# non-ASCII letters that Python's case-insensitive matching folds onto ASCII ones.
_ANY_DIGIT = re.compile(r"\d")
_EN_LETTERS = re.compile(r"[A-Za-z]+")
#: The runs of letters where a match of _EN_WORDS can begin (a number word, or one closed up
#: with "fold": "tenfold"), and the fraction words, one of which a match of _EN_FRACTION holds.
_EN_WORD_RUNS = frozenset(_WORD_VALUE) | frozenset(w + "fold" for w in _WORD_VALUE)
_EN_NUMBER_WORDS = _EN_WORD_RUNS | frozenset(_FRACTIONS)
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _en_triggers(text: str) -> tuple[int, bool | frozenset[str], bool, bool] | None:
    """Which of the patterns below can match, or None for none: most sentences need one or
    two of the five scans. (Where the first digit's word starts, or -1 for no digit; the runs
    of letters where a number word or a fraction may be, lower-cased (a set, empty for none),
    or True for "look everywhere"; multiples; months.)"""
    if not text.isascii() and any(map(text.__contains__, _FOLDS_TO_ASCII)):
        return 0, True, True, True
    digit = _ANY_DIGIT.search(text)
    first = -1
    if digit is not None:
        first = digit.start()
        while first > 0 and text[first - 1].isascii() and text[first - 1].isalpha():
            first -= 1  # the letters of a name (C919) belong to the number's match
    words = set(_EN_LETTERS.findall(text.lower()))
    # (a month of _EN_MONTH is a run of letters, capitalised as it reads them)
    months = any(map(text.__contains__, map(str.capitalize, words.intersection(_MONTHS))))
    number_words = words.intersection(_EN_NUMBER_WORDS)
    multiples = not words.isdisjoint(_MULTIPLE_WORDS)
    if first >= 0 or number_words or multiples or months:
        return first, number_words, multiples, months
    return None


def en_numbers(text: str) -> list[Number]:
    """The numbers of an English text (see the module's note on hard, soft and units)."""
    triggers = _en_triggers(text)
    if triggers is None:
        return []
    first_digit, number_words, multiples, months = triggers
    text_in = text
    if not text.isascii():  # (full-width digits and signs are not ASCII: nothing to map otherwise)
        text = text.translate(_FULL_WIDTH)
    glossed = bytearray(len(text) + 1)
    for m in _PARENS.finditer(text):
        glossed[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    out: list[Number] = []
    for m in _digit_matches(text, first_digit) if first_digit >= 0 else ():
        letters, whole, decimals, scale, times, pct = m.groups()
        start = m.start(2)
        value = float(whole.replace(",", "") + (decimals or ""))
        if letters:  # C919, ARJ21, IPv6: a name
            out.append(Number(value, text_in[m.start():m.end(3) if decimals else m.end(2)], m.start(),
                              m.end(2), False, unit=NAME))
            continue
        if scale:
            value *= _SCALE[_fold(scale)]
        unit = _PREFIXED_UNIT.match(text, m.end())
        alts = tuple(value * f for f in _PREFIX[_fold(unit.group(1))]) if unit else ()
        out.append(Number(value, text_in[start:m.end()], start, m.end(), not glossed[start], alts,
                          _en_unit(pct, times)))
    fractions = []
    everywhere = number_words is True
    for m in _EN_FRACTION.finditer(text) if everywhere or not number_words.isdisjoint(_FRACTIONS) else ():
        head = _fold(m.group(1))
        num = 1.0 if head in ("a", "an") else _WORD_VALUE[head]
        v = num / _FRACTIONS[_fold(m.group(2))]
        fractions.append((m.start(), m.end()))
        out.append(Number(v, text_in[m.start():m.end()], m.start(), m.end(), False, (100 * v,)))
    for m in _EN_WORDS.finditer(text) if everywhere else _word_matches(text, number_words & _EN_WORD_RUNS):
        if any(a <= m.start() < b for a, b in fractions):
            continue
        word = _fold(m.group(1))
        value = _WORD_VALUE[word]
        if m.group(2):
            value += _UNITS.index(_fold(m.group(2)))
        if m.group(3):
            value *= _SCALE[_fold(m.group(3))]
        fold = m.group(4) and "fold" in _fold(m.group(4))
        out.append(Number(value, text_in[m.start():m.end()], m.start(), m.end(), bool(fold), (),
                          _en_unit(m.group(5), m.group(4))))
    for m in _EN_MULTIPLE.finditer(text) if multiples else ():
        out.append(Number(_MULTIPLE_WORDS[_fold(m.group(1))], text_in[m.start():m.end()], m.start(), m.end(),
                          False, unit=TIMES))
    for m in _EN_MONTH.finditer(text) if months else ():
        out.append(Number(float(_MONTHS.index(_fold(m.group(1))) + 1), m.group(), m.start(), m.end(), False))
    out.sort(key=lambda n: n.start)
    return out


def _digit_matches(text: str, first: int, pattern: re.Pattern = _EN_DIGITS) -> Iterator[re.Match]:
    """`pattern.finditer(text, first)` (_EN_DIGITS or _ZH_ARABIC: ASCII letters, then a
    digit, after no ASCII letter or digit), tried only at each run of digits (found by a scan
    that skips ahead to digits in C) and the ASCII letters right before it (C919): within a run
    of ASCII digits only its start (or its letters') can begin a match. (A run holding a digit
    of another script, after which an ASCII digit may begin one: the text scanned from there
    on, as finditer would.)"""
    end = 0
    for run in _DIGIT_RUN.finditer(text, first):
        if not run.group().isascii():
            yield from pattern.finditer(text, max(end, first))
            return
        at = run.start()
        while at > first and text[at - 1].isascii() and text[at - 1].isalpha():
            at -= 1
        if at >= end and (m := pattern.match(text, at)) is not None:
            end = m.end()
            yield m


_DIGIT_RUN = re.compile(r"\d+")


def _word_matches(text: str, runs: Iterable[str]) -> Iterator[re.Match]:
    """`_EN_WORDS.finditer(text)`, tried only where one of `runs` (lower-cased) is in the text:
    a match begins at a run of letters that is a number word, or one closed up with "fold", and
    the text's runs of such words are `runs` (the scan of every place, with its 50 words each,
    was most of the time of reading an English sentence)."""
    low = text.lower()
    if len(low) != len(text):  # (lower-casing moved places)
        yield from _EN_WORDS.finditer(text)
        return
    starts = set()
    for run in runs:
        at = low.find(run)
        while at >= 0:
            starts.add(at)
            at = low.find(run, at + 1)
    end = 0
    for at in sorted(starts):  # (as finditer: the next match from where the last one ended)
        if at >= end and (m := _EN_WORDS.match(text, at)) is not None:
            end = m.end()
            yield m


# -- pairs whose numbers surely agree -----------------------------------------------------------

# A pair whose two sides hold the same plain numbers (digits, a decimal part, a "%"), in the same
# order, and nothing else that can make a hard number or change one's value, can have no
# number-mismatch: each hard number has its twin on the other side (same value; a "%" on both
# or neither; percentage points need 百分点, which rules a pair out). The two scans below list a
# text's plain numbers, and also match whatever rules that out: a digit outside a plain number
# (C919, 1st, 3万, 3 million, 1.2.3, full-width or other scripts' digits), a hard number in
# Chinese words (百分之五, 三分之一, 十倍, 2个百分点) or with "fold" ("tenfold"). Number words, or
# 一 and 三 in Chinese, make soft numbers only, which matter only where a hard number lacks its
# twin. 倍 and 分之 make a hard number only right after a digit or a Chinese numeral (十倍, 3倍,
# 三分之一, 百分之五: each reading of them, _ZH_ARABIC's, _ZH_RUN's, _ZH_FRACTION's and
# _ZH_PERCENT_WORDS', has one there); elsewhere (加倍, 倍增, 部分之) they rule nothing out. Each
# scan puts what rules a pair out in a different group (the Chinese in the third, the English
# in the second, the other one always empty): two lists of matches are equal only where
# neither text holds any. (Each scan starts with a look at the one character, which lets the
# engine skip ahead through text without a digit.)
_PLAIN = r"(?<![A-Za-z0-9])((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?%?)"
# what may not follow one: "3.5.1", "3,5" and "3．5" are not plain (the digits after "3." are read
# as a number of their own by one scan, not by the other)
_PLAIN_GOES_ON = r"[A-Za-z0-9%％]|[.,．，]\d"
_ZH_PLAIN = re.compile(rf"(?=[\d分倍百])(?:{_PLAIN}(?!{_PLAIN_GOES_ON}|[{_MULT}])|()(\d|(?<=[\d.{_NUM}])(?:分之|倍)|百分[点點]))")
_EN_PLAIN = re.compile(
    rf"(?=[\dFf])(?:{_PLAIN}(?!{_PLAIN_GOES_ON}|\s*-?\s*(?i:hundred|thousand|[a-z]*illion))|(\d|[Ff][Oo][Ll][Dd])())"
)


def plain_agree(zh_normalized: list[str], en: list[str]) -> list[bool]:
    """For each pair (its Chinese as `normalize_zh` gives it, its English): True where both
    sides surely hold the same numbers (see above), so that no number of one is missing from
    the other. False says nothing: those pairs need reading."""
    return list(map(list.__eq__, map(_ZH_PLAIN.findall, zh_normalized, _zh_starts(zh_normalized)),
                    map(_EN_PLAIN.findall, en, _en_starts(en))))


#: Where a match of _ZH_PLAIN may begin (what its look ahead asks for).
_ZH_MAY_BEGIN = re.compile(r"[\d分倍百]")


def _zh_starts(zh: list[str]) -> list[int]:
    """Where the Chinese scan of each text may begin: its first character that a match can
    begin with, found by a scan for that one character (the scan itself tries its look ahead,
    and more, at every character: a third of the time number-mismatch reads the Chinese),
    or its end if it has none."""
    found = list(map(_ZH_MAY_BEGIN.search, zh))
    if None not in found:
        return list(map(re.Match.start, found))
    return [m.start() if m else len(text) for m, text in zip(found, zh)]


# 1 for a byte of the English where its scan may begin: an ASCII digit, or "?", which
# encode("ascii", "replace") leaves for a character that is not ASCII (a digit of another
# script, perhaps); and the "\x00" after each text (where a text without one is scanned from)
_MAY_BEGIN = bytes(1 if 48 <= b <= 57 or b in (0, 63) else 0 for b in range(256))


def _en_starts(en: list[str]) -> list[int]:
    """Where the English scan of each text may begin: its first digit (the scan still looks
    back at the character before), its end if it has none, its start if it holds "fold" — found
    in C for all the texts at once, from a mask of their digits. (The scan would read most of a
    text otherwise: a sentence's number is often near its end, or there is none.)"""
    # (one byte a character: "?" for one that is not ASCII, so that places carry over)
    joined = ("\x00".join(en) + "\x00").encode("ascii", "replace")
    mask = joined.translate(_MAY_BEGIN)
    offsets = list(map(add, accumulate(map(len, en), initial=0), count()))  # (each text, and its "\x00")
    starts = list(map(sub, map(mask.find, repeat(b"\x01"), offsets, offsets[1:]), offsets))  # (in each text)
    for k in _holding_fold(joined, offsets):
        starts[k] = 0
    return starts


def _holding_fold(joined: bytes, offsets: list[int]) -> list[int]:
    """The indices of the texts holding "fold" in any case of ASCII letters (`joined`: the
    texts as `_en_starts` encodes them, each at its offset; bytes.lower lower-cases ASCII
    letters only, as [Ff][Oo][Ll][Dd] reads them)."""
    low = joined.lower()
    found: list[int] = []
    at = low.find(b"fold")
    while at >= 0:
        found.append(bisect.bisect_right(offsets, at) - 1)
        at = low.find(b"fold", offsets[found[-1] + 1])  # (the next text)
    return found


def unmatched(ours: list[Number], theirs: list[Number]) -> list[Number]:
    """Our hard numbers that no number on the other side equals (each value reported once).

    Names (C919) are not quantities; percent and percentage points never agree."""
    have: dict[float, set[str]] = {}
    for n in theirs:
        if n.unit == NAME:
            continue
        for k in n.keys() if n.alts else (value_key(n.value),):
            have.setdefault(k, set()).add(n.unit)
    seen: set[tuple[float, str]] = set()
    out = []
    for n in ours:
        if not n.hard or n.unit == NAME:
            continue
        k = (value_key(n.value), n.unit)
        if k in seen:
            continue
        # (a unit on the other side agrees unless it is percent against percentage points: a
        # value there agrees but where its only unit is this one's opposite)
        opposite = _OPPOSITE.get(n.unit)
        if any(units and (opposite is None or len(units) > 1 or opposite not in units)
               for units in map(have.get, n.keys() if n.alts else (k[0],))):
            continue
        seen.add(k)
        out.append(n)
    return out


_OPPOSITE = {PERCENT: POINTS, POINTS: PERCENT}  # (the units that never agree: `_units_agree`)
