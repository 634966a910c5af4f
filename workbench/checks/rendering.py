"""rendering-inconsistent: a Chinese term seen in several pairs, rendered two ways (no glossary
needed).

Terms are the Chinese units of term mining (jieba words and runs of two or three of them) that
occur in two pairs or more and split into two or more dictionary words (科技成果 = 科技 + 成果;
the last may be a single character, 先导区 = 先导 + 区), and neither start nor end with a
pronoun, conjunction or particle nor end with a count (term_edges_ok: 再说一遍 is no term). How each occurrence is rendered is
read by the rendering engine, `workbench.glossary.renderings` (the dictionary's glosses, and
what the file itself shows where they fall short), which `workbench terms` shares.

A term rendered two ways is reported at each pair whose rendering differs from the one most
occurrences agree with (`expected`, what "Add to glossary" offers); a shorter term inside a
reported one is not reported again, nor a glossary term (term-inconsistent covers those).
Info: the renderings are found by the tool, not approved by anyone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import chain, compress, islice, repeat
from operator import add, ne

from workbench.checks import Finding
from workbench.checks.view import View
from workbench.glossary.dictionary import Dictionary, dictionary
from workbench.glossary.mining import _ZH_GLUE, _ZH_STOP, _segmenter, term_edges_ok
from workbench.glossary.renderings import Renderings, verdict
from workbench.text.normalize import HAN_CHARS, normalize_zh

CHECK = "rendering-inconsistent"
#: A unit starting with one of these is a verb phrase or a stock phrase, not a term.
_NOT_TERM_START = tuple("""深入 加快 推动 推进 促进 实施 完善 建设 加强 提升 提高 支持 培育 打造 开展 面临 全球 系列
    广泛 大力 积极 不断 坚持 持续 进一步 着力 扎实 全力""".split())
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")


# What a jieba word may be in a unit (bits): a unit of its own; the first word of a run; a
# later word of a run; the last word of a run (not a general word). The high four bits of a
# word's kind are its length, 11 for any longer (a unit has at most 10 characters).
_ALONE, _FIRST, _NEXT, _LAST = 1, 2, 4, 8


class _WordKinds(dict):
    """jieba word → its kind (one byte), worked out once per distinct word."""

    def __missing__(self, w: str) -> int:
        bits = 0
        if _HAN_RUN.fullmatch(w):
            stop, glue = w in _ZH_STOP, w in _ZH_GLUE
            bits |= _ALONE if 3 <= len(w) <= 10 and not stop else 0
            bits |= 0 if stop or glue else _FIRST
            bits |= 0 if glue else _NEXT
            bits |= 0 if glue or stop else _LAST
        kind = self[w] = bits | min(len(w), 11) << 4
        return kind


def _table(test: Callable[[int], object]) -> bytes:
    """A `bytes.translate` table: each byte value to 1 where `test` holds, else to 0."""
    return bytes(1 if test(b) else 0 for b in range(256))


_IS_ALONE, _IS_FIRST, _IS_NEXT, _IS_LAST = (_table(lambda b, bit=bit: b & bit) for bit in (_ALONE, _FIRST, _NEXT, _LAST))
_LENGTH = bytes(b >> 4 for b in range(256))
_3_TO_10, _UP_TO_10 = _table(lambda n: 3 <= n <= 10), _table(lambda n: n <= 10)


def _lanes(data: bytes) -> int:
    """The bytes as one integer, byte i in its bits 8i to 8i + 7: `x >> 8 * k` brings byte i + k
    to place i, and `&` and `+` work on every byte at once (in C; a sum of bytes below 256
    carries nothing into the next)."""
    return int.from_bytes(data, "little")


class _Units:
    """Term mining's Chinese units of three characters or more in every pair of a document (a
    jieba word, or two or three adjacent words neither starting nor ending with a general word
    nor holding a particle), and the pairs holding each.

    Read across the whole document at once, in C: its words in one list (each pair's followed
    by an empty word, which no unit holds), each word's kind in one byte string, where units
    start worked out on all of it at once (`_lanes`), and the units built, and counted, with
    map and compress over those."""

    def __init__(self, texts: list[str], cut: Callable[[str], list[str]]) -> None:
        words: list[str] = []
        sizes: list[int] = []  # the words of each pair, the empty one after them included
        for ws in map(cut, texts):
            words += ws
            words.append("")
            sizes.append(len(ws) + 1)
        kinds = _WordKinds()
        kind = bytes(map(kinds.__getitem__, words))
        n = len(kind)
        first, later, last, size = (_lanes(kind.translate(t)) for t in (_IS_FIRST, _IS_NEXT, _IS_LAST, _LENGTH))
        run = first & (later >> 8)  # word i may start a run and word i + 1 go on with it
        size2 = size + (size >> 8)  # (the characters of words i and i + 1)
        size3 = size2 + (size >> 16)
        two = run & (last >> 8) & _lanes(size2.to_bytes(n, "little").translate(_3_TO_10))
        three = run & (last >> 16) & _lanes(size3.to_bytes(n, "little").translate(_UP_TO_10))
        # where a unit of one, two or three words starts
        alone, two, three = kind.translate(_IS_ALONE), two.to_bytes(n, "little"), three.to_bytes(n, "little")

        def at(mask: bytes, k: int = 0) -> Iterator[str]:  # the words k after where `mask` is 1
            return compress(islice(words, k, None), mask)

        units = list(at(alone))
        units += map(add, at(two), at(two, 1))
        units += map("".join, zip(at(three), at(three, 1), at(three, 2)))
        pair_of = list(chain.from_iterable(map(repeat, range(len(sizes)), sizes)))  # each word's pair
        pairs = list(compress(pair_of, alone))
        pairs += compress(pair_of, two)
        pairs += compress(pair_of, three)
        self._units, self._pairs = units, pairs
        # the units found twice or more (most are found once), and of those the ones found in
        # another pair than the last they are found in: the units in two pairs or more (kept
        # in lists of strings and numbers: nothing for the garbage collector to go through)
        twice = Counter(units)
        twice = {unit for unit, n in twice.items() if n > 1}
        found = bytes(map(twice.__contains__, units))
        self._twice, self._twice_pairs = list(compress(units, found)), list(compress(pairs, found))
        last_pair = dict(zip(self._twice, self._twice_pairs))
        #: the units in two pairs or more
        self.repeated = set(compress(self._twice, map(ne, map(last_pair.__getitem__, self._twice), self._twice_pairs)))
        self._held: dict[str, list[int]] | None = None
        self._once: dict[str, int] | None = None

    def pairs(self, unit: str) -> list[int]:
        """The pairs (indexes of `texts`) holding `unit` as a unit, in order."""
        if unit in self.repeated:
            if self._held is None:  # (the pairs of every unit in two or more, when first asked)
                held: dict[str, set[int]] = {}
                for u, pair in zip(self._twice, self._twice_pairs):
                    if u in self.repeated:
                        held.setdefault(u, set()).add(pair)
                self._held = {u: sorted(found) for u, found in held.items()}
            return self._held[unit]
        if self._once is None:  # (asked for seldom: where the dictionary lacks a term's part)
            self._once = dict(zip(self._units, self._pairs))
        return [self._once[unit]] if unit in self._once else []


def rendering_inconsistent(views: list[View]) -> list[Finding]:
    findings: list[Finding] = []
    d = dictionary()
    for view in views:
        findings.extend(_one_document(view, d))
    return findings


def _one_document(view: View, d: Dictionary) -> list[Finding]:
    glossary_terms: set[str] = set()
    if view.matcher is not None:
        glossary_terms = {normalize_zh(f).replace('"', "") for t in view.matcher.glossary.terms for f in t.zh}
    kept = [p for p in view.pairs if p.zh and p.en]
    ids = [p.id for p in kept]
    texts = [p.zh_norm.replace('"', "") for p in kept]
    en_of = {p.id: p.en for p in kept}
    zh_of = dict(zip(ids, texts))
    units = _Units(texts, _segmenter(None))

    def pairs_with(unit: str) -> list[int]:
        return [ids[k] for k in units.pairs(unit)]

    engine = Renderings(((pid, zh_of[pid], en_of[pid]) for pid in en_of), d, units=pairs_with)
    terms = {t for t in units.repeated
             if len(t) >= 3 and t not in glossary_terms and not t.startswith(_NOT_TERM_START)
             and engine.parts(t) is not None and term_edges_ok(t)}
    reported: list[str] = []
    out: list[Finding] = []
    # shortest first, and a term holding a reported one is not reported again: one concept,
    # one piece of advice (大规模设备更新 follows what 设备更新 is rendered as most)
    for term in sorted(terms, key=lambda t: (len(t), t)):
        if any(small in term for small in reported):
            continue
        seen = engine.of(term, pairs_with(term))
        if len({s.parts[0] for s in seen}) < 2:
            continue
        if glossary_terms:  # where it is inside a glossary term, term-inconsistent's business
            inside = [g for g in glossary_terms if term in g]
            seen = [x for x in seen if not any(g in zh_of[x.pair] for g in inside)]
        v = verdict(seen)
        if v is None or not v.odd:
            continue
        reported.append(term)
        for pid, found in v.odd:
            out.append(Finding(
                CHECK, "info", pid,
                f"{term} is rendered “{found}” here but “{v.expected}” in pair"
                f"{'s' if len(v.same) > 1 else ''} {', '.join(map(str, v.same))}",
                term=term, expected=v.expected, found=found, file=view.file))
    return out
