"""Numbers in Chinese and English text, normalised so that the two sides can be compared.

39.9万亿 = 39.9 trillion, 383.7万 = 3.837 million, 1.2万 = 12,000, 22亿 = 2.2 billion,
230百亿亿 = 230 quintillion, 31.7% = 31.7 percent, 2035年 = 2035.

Every number found is *hard* or *soft*. Hard numbers are written in digits: a translation must
carry them. Soft numbers are written in words (六大方向, "six areas", "first", "June") or sit
in an English parenthesis (a translator's gloss such as "(2021-2025)"): they satisfy a hard
number on the other side but are never required themselves, because translators legitimately
turn 一是 into "First" or drop 一 from 一批.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import chinese2digits

from workbench.text.normalize import normalize_zh


@dataclass(frozen=True)
class Number:
    value: float
    text: str
    start: int
    end: int
    hard: bool
    alts: tuple[float, ...] = ()  # the same quantity in other units (1 gigabit = 1000 megabits)

    def keys(self) -> set[float]:
        return {value_key(v) for v in (self.value, *self.alts)}


def value_key(value: float) -> float:
    """Values that differ only by floating-point noise compare equal through this key."""
    return float(f"{value:.9g}")


# -- Chinese --------------------------------------------------------------------------------

_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_CHARS = "".join(_CN_DIGIT) + "".join(_CN_UNIT)

# Digits, then multipliers written in characters (39.9万亿, 230百亿亿). 兆 is not one: in
# today's usage 10兆 is "10 megabits", not 10 trillion. A number glued to a Latin letter
# before it (C919, IPv4, ARJ21) is a name, not a quantity.
_ZH_ARABIC = re.compile(r"(?<![A-Za-z0-9])(?<!\d[.,])(\d+(?:,\d{3})*(?:\.\d+)?)(?![\d])([十百千万亿]*)")
_ZH_PERCENT_WORDS = re.compile(rf"百分之([{_CN_CHARS}点]+)")
_ZH_RUN = re.compile(rf"[{_CN_CHARS}]+")


def zh_numbers(text: str) -> list[Number]:
    """The numbers of a Chinese text: digits (hard) and Chinese numerals (soft)."""
    norm = normalize_zh(text)
    out: list[Number] = []
    taken = [False] * len(norm)
    for m in _ZH_ARABIC.finditer(norm):
        value = float(m.group(1).replace(",", ""))
        for ch in m.group(2):
            value *= _CN_UNIT[ch]
        out.append(Number(value, text[m.start():m.end()], m.start(), m.end(), True))
        for k in range(m.start(), m.end()):
            taken[k] = True
    for m in _ZH_PERCENT_WORDS.finditer(norm):
        for v in _cn_values(m.group(1)):
            out.append(Number(v, text[m.start():m.end()], m.start(), m.end(), False))
        for k in range(m.start(), m.end()):
            taken[k] = True
    for m in _ZH_RUN.finditer(norm):
        if taken[m.start()]:
            continue
        for v in _cn_values(m.group()):
            out.append(Number(v, m.group(), m.start(), m.end(), False))
    out.sort(key=lambda n: n.start)
    return out


@lru_cache(maxsize=4096)
def _cn_values(run: str) -> tuple[float, ...]:
    """Values a run of Chinese numerals may stand for.

    The whole run (chinese2digits), and its short pieces: 十四五 is "the 14th Five-Year Plan",
    not 55, and 二十届三中全会 holds 20 and 3. Extra readings only ever satisfy a number.
    """
    values: set[float] = set()
    pieces = {run}
    for size in (1, 2, 3):
        pieces.update(run[i:i + size] for i in range(len(run) - size + 1))
    for piece in pieces:
        v = _cn_value(piece)
        if v is not None:
            values.add(v)
    return tuple(sorted(values))


@lru_cache(maxsize=4096)
def _cn_value(piece: str) -> float | None:
    if len(piece) == 1 and piece in _CN_DIGIT:
        return float(_CN_DIGIT[piece])
    if piece in _CN_UNIT:
        return float(_CN_UNIT[piece])
    try:
        got = chinese2digits.takeNumberFromString(piece)
    except Exception:  # the library raises on odd input; a run without a reading is no number
        return None
    digits = got.get("digitsStringList") or []
    if len(digits) != 1 or got.get("replacedText") != digits[0]:
        return None
    try:
        return float(digits[0])
    except ValueError:
        return None


# -- English --------------------------------------------------------------------------------

_SCALE = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "quadrillion": 1e15, "quintillion": 1e18,
}
_SCALE_RE = "|".join(_SCALE)
_EN_DIGITS = re.compile(
    r"(?<![A-Za-z0-9])(?<!\d[.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])"
    rf"(?:(?:st|nd|rd|th)\b|\s*-?\s*({_SCALE_RE})\b)?",
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
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_EN_WORDS = re.compile(
    r"\b(" + "|".join(sorted(list(_WORD_VALUE) + list(_TENS), key=len, reverse=True)) + r")"
    r"(?:-(" + "|".join(_UNITS[1:10]) + r"))?"
    rf"(?:\s+({_SCALE_RE})\b)?\b",
    re.I,
)
_EN_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\b")
_PARENS = re.compile(r"\([^()]*\)")
# A unit with a decimal prefix after an English number: Chinese counts the same quantity in
# another unit (千兆 "thousand mega" = 1 gigabit, 3千米 = 3 kilometres).
_PREFIXED_UNIT = re.compile(r"\s*-?\s*(kilo|giga|tera)", re.I)
_PREFIX = {"kilo": (1e3,), "giga": (1e3, 1e9), "tera": (1e6, 1e12)}


def en_numbers(text: str) -> list[Number]:
    """The numbers of an English text: digits (hard, unless in a parenthesis) and words (soft)."""
    glossed = [False] * (len(text) + 1)
    for m in _PARENS.finditer(text):
        for k in range(m.start(), m.end()):
            glossed[k] = True
    out: list[Number] = []
    for m in _EN_DIGITS.finditer(text):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        if m.group(3):
            value *= _SCALE[m.group(3).lower()]
        unit = _PREFIXED_UNIT.match(text, m.end())
        alts = tuple(value * f for f in _PREFIX[unit.group(1).lower()]) if unit else ()
        out.append(Number(value, m.group(), m.start(), m.end(), not glossed[m.start()], alts))
    for m in _EN_WORDS.finditer(text):
        word = m.group(1).lower()
        value = _WORD_VALUE.get(word, float(_TENS.get(word, 0)))
        if m.group(2):
            value += _UNITS.index(m.group(2).lower())
        if m.group(3):
            value *= _SCALE[m.group(3).lower()]
        out.append(Number(value, m.group(), m.start(), m.end(), False))
    for m in _EN_MONTH.finditer(text):
        out.append(Number(float(_MONTHS.index(m.group(1).lower()) + 1), m.group(), m.start(), m.end(), False))
    out.sort(key=lambda n: n.start)
    return out


def unmatched(ours: list[Number], theirs: list[Number]) -> list[Number]:
    """Our hard numbers that no number on the other side equals (each value reported once)."""
    have: set[float] = set()
    for n in theirs:
        have |= n.keys()
    seen: set[float] = set()
    out = []
    for n in ours:
        k = value_key(n.value)
        if n.hard and not (n.keys() & have) and k not in seen:
            seen.add(k)
            out.append(n)
    return out
