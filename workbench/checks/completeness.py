"""omission (an empty side, a length far from the document's ratio) and untranslated
(Chinese left in the English, English identical to the Chinese)."""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable
from itertools import compress, repeat
from operator import and_, ge, lt, not_, or_, sub, truediv, xor

from workbench.checks import Finding
from workbench.checks.view import View
from workbench.text.normalize import HAN_CHARS, normalize_zh

_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
_WORDLIKE = re.compile(r"[^\W\d_]{3,}")  # "5G" or "C919" alike on both sides is no fault

#: Pairs with less Chinese than this are too short for a length ratio to mean anything.
MIN_ZH_CHARS = 20
#: A ratio is "far" when it is this many times off the document's median, at least …
MIN_FACTOR = 1.8
#: … and this many robust standard deviations (MAD × 1.4826) away on the log scale.
MIN_SIGMAS = 3.0


def _lengths(texts: list[str]) -> list[int]:
    """Characters other than white space, of each text (`str.split` and the `\\s` of regular
    expressions know the same white space). (Where the texts hold no white space but the space,
    each text's length less its spaces, counted in C.)"""
    joined = "".join(texts)
    if not any(map(joined.__contains__, _ASCII_SPACES if joined.isascii() else _SPACES)):
        return list(map(sub, map(len, texts), map(str.count, texts, repeat(" "))))
    return list(map(len, map("".join, map(str.split, texts))))


#: The white space other than the space (all that `str.isspace` knows: a test checks), and
#: that of it in ASCII.
_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_ASCII_SPACES = _SPACES[:9]


def omission(views: list[View]) -> Iterable[Finding]:
    for v in views:
        zh_lengths, en_lengths = _lengths([p.zh for p in v.pairs]), _lengths([p.en for p in v.pairs])
        # (a side of white space only counts as empty) the log ratio of each pair with both
        # sides, by pair id (a repeated id: the last), worked out in C
        ids = [p.id for p in v.pairs]
        both = list(map(and_, map(bool, zh_lengths), map(bool, en_lengths)))
        ratios = dict(zip(compress(ids, both),
                          map(math.log, map(truediv, compress(en_lengths, both), compress(zh_lengths, both)))))
        median = statistics.median(ratios.values()) if ratios else 0.0
        mad = statistics.median(map(abs, map(sub, ratios.values(), repeat(median)))) if ratios else 0.0
        limit = max(math.log(MIN_FACTOR), MIN_SIGMAS * 1.4826 * mad)
        # only the pairs with one side empty, or far from the median, are looked at (few)
        one_side = map(xor, map(bool, zh_lengths), map(bool, en_lengths))
        offs = map(abs, map(sub, map(ratios.get, ids, repeat(median)), repeat(median)))
        far = map(and_, map(lt, repeat(limit), offs), map(ge, zh_lengths, repeat(MIN_ZH_CHARS)))
        for p, zh, en in compress(zip(v.pairs, zh_lengths, en_lengths), map(or_, one_side, far)):
            if zh and not en:
                yield Finding("omission", "warning", p.id, f"no English for: {_clip(p.zh)}", file=v.file)
            elif en and not zh:
                yield Finding("omission", "info", p.id, f"no Chinese for: {_clip(p.en)}", file=v.file)
            elif p.id in ratios and zh >= MIN_ZH_CHARS:
                off = ratios[p.id] - median
                if abs(off) > limit:
                    factor = math.exp(abs(off))
                    if off < 0:
                        msg = f"the English is {factor:.1f}× shorter than this document's usual ratio: something may be left out"
                        yield Finding("omission", "warning", p.id, msg, file=v.file)
                    else:
                        msg = f"the English is {factor:.1f}× longer than this document's usual ratio: an addition, or a misaligned pair?"
                        yield Finding("omission", "info", p.id, msg, file=v.file)


def untranslated(views: list[View]) -> Iterable[Finding]:
    for v in views:
        pairs = [p for p in v.pairs if p.en]
        # a finding needs Han in the English (not all ASCII), or none in the Chinese (looked for in C first)
        for p in compress(pairs, map(or_, map(not_, map(str.isascii, [p.en for p in pairs])),
                                     map(not_, map(_HAN_RUN.search, [p.zh for p in pairs])))):
            han = _HAN_RUN.findall(p.en)  # (none: then the Chinese equals the English only without Han)
            if han:
                found = "".join(dict.fromkeys(han)) if len(han) > 1 else han[0]
                yield Finding("untranslated", "error", p.id, f"Chinese characters in the English: {', '.join(dict.fromkeys(han))}", found=found, file=v.file)
            elif p.zh and not _HAN_RUN.search(p.zh) and _same(p.zh, p.en) and _WORDLIKE.search(p.en) and not _name(p.en):
                yield Finding("untranslated", "warning", p.id, f"the English is the same as the Chinese: {_clip(p.en)}", found=p.en, file=v.file)


def _name(text: str) -> bool:
    """A name in Latin letters, the same in both languages: a few words, each with a capital
    or a digit (DeepSeek, HarmonyOS, iPhone 15, C919)."""
    words = text.split()
    return 0 < len(words) <= 5 and all(any(ch.isupper() or ch.isdigit() for ch in w) for w in words)


def _same(zh: str, en: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(normalize_zh(s).casefold().split())

    return norm(zh) == norm(en)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
