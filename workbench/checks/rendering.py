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
from collections import defaultdict

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
# later word of a run; the last word of a run (not a general word).
_ALONE, _FIRST, _NEXT, _LAST = 1, 2, 4, 8


class _WordKinds(dict):
    """jieba word → its _ALONE/_FIRST/_NEXT/_LAST bits, worked out once per distinct word."""

    def __missing__(self, w: str) -> int:
        bits = 0
        if _HAN_RUN.fullmatch(w):
            stop, glue = w in _ZH_STOP, w in _ZH_GLUE
            bits |= _ALONE if 3 <= len(w) <= 10 and not stop else 0
            bits |= 0 if stop or glue else _FIRST
            bits |= 0 if glue else _NEXT
            bits |= 0 if glue or stop else _LAST
        self[w] = bits
        return bits


def _units(words: list[str], kinds: _WordKinds) -> set[str]:
    """Term mining's Chinese units of three characters or more: a word, or two or three
    adjacent words neither starting nor ending with a general word nor holding a particle."""
    bits = list(map(kinds.__getitem__, words))
    units = {w for w, b in zip(words, bits) if b & _ALONE}
    # runs of two (None where none starts), then of three from the runs of two
    two = [a + b if ba & _FIRST and bb & _NEXT else None for a, b, ba, bb in zip(words, words[1:], bits, bits[1:])]
    units.update(u for u, bb in zip(two, bits[1:]) if u is not None and 3 <= len(u) <= 10 and bb & _LAST)
    units.update(t + c for t, c, bc in zip(two, words[2:], bits[2:])
                 if t is not None and bc & _LAST and len(t) + len(c) <= 10)
    return units


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
    cut = _segmenter(None)
    en_of: dict[int, str] = {}
    zh_of: dict[int, str] = {}
    kinds = _WordKinds()
    units_of: list[tuple[int, set[str]]] = []
    for p in view.pairs:
        if not p.zh or not p.en:
            continue
        en_of[p.id] = p.en
        zh_of[p.id] = p.zh_norm.replace('"', "")
        units_of.append((p.id, _units(cut(zh_of[p.id]), kinds)))
    # the units in two pairs or more: those seen before gathered first (in C, set operations)
    seen: set[str] = set()
    repeated: set[str] = set()
    for _, units in units_of:
        repeated |= units & seen
        seen |= units
    del seen
    where: dict[str, list[int]] = {}  # the pairs of a unit in two or more (the terms' listed below)
    once: dict[str, int] = {}  # the pair of each unit in one pair only (filled when first asked)

    def pairs_with(unit: str) -> list[int]:
        if unit in repeated:
            if unit not in where:
                where[unit] = [pid for pid, units in units_of if unit in units]
            return where[unit]
        if not once:
            for pid, units in units_of:
                once.update(dict.fromkeys(units, pid))
        return [once[unit]] if unit in once else []

    engine = Renderings(((pid, zh_of[pid], en_of[pid]) for pid in en_of), d, units=pairs_with)
    terms = {t for t in repeated
             if len(t) >= 3 and t not in glossary_terms and not t.startswith(_NOT_TERM_START)
             and engine.parts(t) is not None and term_edges_ok(t)}
    listed: dict[str, list[int]] = defaultdict(list)  # (the terms' pairs, in one pass)
    for pid, units in units_of:
        for u in units & terms:
            listed[u].append(pid)
    where.update(listed)
    reported: list[str] = []
    out: list[Finding] = []
    # shortest first, and a term holding a reported one is not reported again: one concept,
    # one piece of advice (大规模设备更新 follows what 设备更新 is rendered as most)
    for term in sorted(terms, key=lambda t: (len(t), t)):
        if any(small in term for small in reported):
            continue
        seen = engine.of(term, where[term])
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
