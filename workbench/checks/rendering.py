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
import sys
from array import array
from bisect import bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Callable
from hashlib import blake2b
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, ge, ne

from workbench.checks import Finding, Memo
from workbench.checks.masks import lanes, nonzero, table
from workbench.checks.view import View, zh_norms
from workbench.glossary.dictionary import Dictionary, dictionary
from workbench.glossary.mining import _ZH_GLUE, _ZH_STOP, _segmenter, term_edges_ok
from workbench.glossary.renderings import (
    EnPair,
    Renderings,
    Seen,
    Verdict,
    _ContentIndex,
    learn_limit,
    learn_range,
    verdict,
)
from workbench.text.normalize import HAN_CHARS, WordTable, absent_char, normalize_zh

CHECK = "rendering-inconsistent"
#: A unit starting with one of these is a verb phrase or a stock phrase, not a term.
_NOT_TERM_START = tuple("""深入 加快 推动 推进 促进 实施 完善 建设 加强 提升 提高 支持 培育 打造 开展 面临 全球 系列
    广泛 大力 积极 不断 坚持 持续 进一步 着力 扎实 全力""".split())
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")


def _words(texts: list[str], cut: Callable[[str], list[str]], sep: str) -> tuple[list[str], list[int]]:
    """The jieba words of all texts in one list, each text's followed by `sep`, and where each
    text's start. (Each distinct word kept once: jieba gives every occurrence a string of its
    own, 29 MB on 10,000 pairs where the distinct words take a tenth of that.)"""
    words: list[str] = []
    starts: list[int] = []
    once: dict[str, str] = {}
    for ws in map(cut, texts):
        starts.append(len(words))
        words += map(once.setdefault, ws, ws)
        words.append(sep)
    return words, starts


def _pair_units(words: list[str]) -> set[str]:
    """Term mining's Chinese units of three characters or more in one pair's jieba words: a word
    of 3–10 characters that is no general word, or two or three adjacent words of Chinese of
    3–10 characters together, neither the first nor the last a general word, none a particle.
    (The plain way, pair by pair: `_Units` reads a whole document at once.)"""
    han = [bool(_HAN_RUN.fullmatch(w)) for w in words]
    units = set()
    for i, w in enumerate(words):
        if han[i] and 3 <= len(w) <= 10 and w not in _ZH_STOP:
            units.add(w)
        for k in (2, 3):
            run = words[i:i + k]
            unit = "".join(run)
            if (len(run) == k and all(han[i:i + k]) and 3 <= len(unit) <= 10
                    and run[0] not in _ZH_STOP and run[-1] not in _ZH_STOP and not set(run) & _ZH_GLUE):
                units.add(unit)
    return units


# A jieba word's code, one byte: what it may be in a unit (the low four bits: a unit of its own;
# the first word of a run; a later word of a run; the last word of a run: no general word) and
# its length (the high four bits; 11 for any longer: a unit has at most 10 characters).
_ALONE, _FIRST, _NEXT, _LAST = 1, 2, 4, 8


class _WordCodes(dict):
    """jieba word → its code, worked out once per distinct word."""

    def __missing__(self, w: str) -> int:
        if w in _ZH_GLUE or not _HAN_RUN.fullmatch(w):
            bits = 0
        elif w in _ZH_STOP:
            bits = _NEXT  # (a general word: inside a run only)
        else:
            bits = _FIRST | _NEXT | _LAST | (_ALONE if 3 <= len(w) <= 10 else 0)
        code = self[w] = bits | min(len(w), 11) << 4
        return code


_IS_ALONE, _IS_FIRST, _IS_NEXT, _IS_LAST = (table(lambda b, bit=bit: bool(b & bit)) for bit in (_ALONE, _FIRST, _NEXT, _LAST))
_LENGTH = table(lambda b: b >> 4)
_3_TO_10, _UP_TO_10 = table(lambda n: 3 <= n <= 10), table(lambda n: n <= 10)
_BIT_1, _BIT_2, _BIT_4 = (table(lambda b, bit=bit: bool(b & bit)) for bit in (1, 2, 4))
# Of a character's UTF-32-LE, its second byte and its third (its plane): whether it may be Han
# (HAN_CHARS: U+3400–U+9FFF and U+F900–U+FAFF in the first plane; all of the second and third)
_MAY_BE_HAN_BMP = table(lambda b: 0x34 <= b <= 0x9F or b in (0xF9, 0xFA))
_IS_BMP, _HAN_PLANE = table(lambda b: b == 0), table(lambda b: b in (2, 3))


def _begins(utf32: bytes, prefixes: frozenset[int]) -> bytes:
    """For each character of a text (given as its UTF-32-LE), 1 where it and the next are the
    first two characters of a dictionary word (`Dictionary.prefixes`), else 0. (The text's
    eight bytes from each character, read as one number, are those two characters' `pair_key`:
    every other character's in one array, and the others' in another, looked up in C.)"""
    n = len(utf32) // 4
    even = array("Q", utf32[:n // 2 * 8])
    odd = array("Q", utf32[4:4 + max(n - 1, 0) // 2 * 8])
    if sys.byteorder == "big":
        even.byteswap()
        odd.byteswap()
    found = bytearray(n)
    found[0:2 * len(even):2] = bytes(map(prefixes.__contains__, even))
    found[1:1 + 2 * len(odd):2] = bytes(map(prefixes.__contains__, odd))
    return bytes(found)


def _may_be_han(utf32: bytes) -> int:
    """As a mask (`lanes`), the characters of a text (its UTF-32-LE) that may be Han: all that
    are, and a few that are not (U+4DC0–U+4DFF; the second and third planes' unassigned)."""
    plane = utf32[2::4]
    return lanes(utf32[1::4].translate(_MAY_BE_HAN_BMP)) & lanes(plane.translate(_IS_BMP)) | lanes(plane.translate(_HAN_PLANE))


class _Units:
    """Term mining's Chinese units (`_pair_units`) in every pair of a document, and the pairs
    holding each; `repeated`, those in two pairs or more that may be terms.

    A term has three characters or more, and its first two begin a dictionary word (its first
    part is one: Renderings.parts). So first, on the document's texts as one text (joined by a
    character none holds), in C: the places where two characters begin a dictionary word
    (`_begins`) and a third that may be Chinese follows. Only the pairs with such a place are
    cut into jieba words (each pair is cut on its own: its words do not depend on the others'),
    read as one list (each pair's followed by the joining character, which no unit holds), and
    their codes as bytes (`_WordCodes`). On those, as whole numbers (`checks.masks.lanes`):
    where units start, and of those, where the two characters from the word's first begin a
    dictionary word (`_begins`, at each word's first character). Only those units are built,
    and counted; the pairs of any other are found when asked."""

    def __init__(self, texts: list[str], cut: Callable[[str], list[str]], d: Dictionary,
                 known: dict[str, tuple[str, ...]] | None = None, last: _Units | None = None) -> None:
        """`known`: text → its units, for the texts read already (an earlier run's: then each
        text's are kept, `by_text`, for the next); `last`: the units of an earlier run, read
        with `known`, taken over where as many texts are read and a few changed (`_again`)."""
        self._texts, self._cut = texts, cut
        self.by_text: dict[str, tuple[str, ...]] | None = None
        if known is None:
            units, pairs = _found(texts, cut, d)
        else:
            # only the texts not read already read (each once), and each text's units kept
            new = [t for t in dict.fromkeys(texts) if t not in known]
            read: list[list[str]] = [[] for _ in new]
            for u, k in zip(*_found(new, cut, d)):
                read[k].append(u)
            self.by_text = by_text = dict(zip(new, map(tuple, map(dict.fromkeys, read))))
            by_text.update((t, known[t]) for t in texts if t not in by_text)
            if last is not None and self._again(last):
                return
            each = list(map(by_text.__getitem__, texts))
            units = list(chain.from_iterable(each))
            pairs = list(chain.from_iterable(map(repeat, range(len(texts)), map(len, each))))
        # a unit found in another pair than the last it is found in is in two pairs or more
        last_pair = dict(zip(units, pairs))
        #: the units in two pairs or more whose first two characters begin a dictionary word
        self.repeated = repeated = set(compress(units, map(ne, map(last_pair.__getitem__, units), pairs)))
        # the pairs of each (the words, the units and their pairs are not kept: 10 MB on 10,000
        # pairs of real text, through the reading of every term)
        held: dict[str, list[int]] = defaultdict(list)
        for u, pair in compress(zip(units, pairs), map(repeated.__contains__, units)):
            held[u].append(pair)
        self._held = {u: sorted(set(found)) for u, found in held.items()}

    #: `_again` takes over an earlier run's units where at most this many texts changed.
    AGAIN_MAX = 20

    def _again(self, last: _Units) -> bool:
        """`repeated` and the pairs holding each from those of `last`, an earlier run's on as
        many texts (`by_text` of both made), where a few of the texts changed (else False): a
        unit that left a text leaves its pairs (and `repeated`, if in one pair now); one that
        came into a text joins the pairs of a unit in `repeated`, and another's are looked
        for in every text (in C, then in the units of the texts holding it). (`last` is taken
        over, changed in place: an earlier run's units are kept by `DocumentMemo` only until
        they are taken.)"""
        texts, old = self._texts, last._texts
        if len(old) != len(texts) or last.by_text is None:
            return False
        changed = list(compress(range(len(texts)), map(ne, texts, old)))
        if len(changed) > self.AGAIN_MAX:
            return False
        by_text, held, repeated = self.by_text, last._held, last.repeated
        came = []
        for k in changed:
            before, now = set(last.by_text[old[k]]), set(by_text[texts[k]])
            for u in before - now:
                found = held.get(u)
                if found is not None:
                    found.remove(k)
                    if len(found) < 2:
                        del held[u]
                        repeated.discard(u)
            came.extend(zip(now - before, repeat(k)))
        for u, k in came:
            found = held.get(u)
            if found is None:
                found = [j for j in compress(range(len(texts)), map(str.__contains__, texts, repeat(u)))
                         if u in by_text[texts[j]]]
                if len(found) >= 2:
                    held[u] = found
                    repeated.add(u)
            elif k not in found:
                insort(found, k)
        self.repeated, self._held = repeated, held
        return True

    def pairs(self, unit: str) -> list[int]:
        """The pairs (indexes of `texts`) holding `unit` as a unit, in order."""
        if unit in self.repeated:
            return self._held[unit]
        # (asked for seldom: where the dictionary lacks a term's part) the pairs whose text holds
        # it, read the plain way
        return [k for k, text in enumerate(self._texts) if unit and unit in text and unit in _pair_units(self._cut(text))]


def _found(texts: list[str], cut: Callable[[str], list[str]], d: Dictionary) -> tuple[list[str], list[int]]:
    """The units of the texts that may be terms (`_Units`), each occurrence, and the index of
    the text each is in (in no order)."""
    if not texts:
        return [], []
    sep = absent_char(texts)
    utf32 = (sep.join(texts) + sep).encode("utf-32-le", "surrogatepass")
    begins = _begins(utf32, d.prefixes)
    may_start = lanes(begins) & _may_be_han(utf32) >> 16  # (the third character's bit, brought two places back)
    # the pairs with such a place (each text's part of the mask searched, in C)
    at = list(accumulate(map(len, texts), lambda a, n: a + n + 1, initial=0))
    marks = may_start.to_bytes(len(utf32) // 4, "little")
    kept = list(compress(range(len(texts)), map(ge, map(marks.find, repeat(1), at, at[1:]), repeat(0))))
    kept_texts = [texts[k] for k in kept]
    if len(kept) < len(texts):
        begins = b"".join(begins[at[k]:at[k + 1]] for k in kept)
    words, starts = _words(kept_texts, cut, sep)
    n = len(words)
    if "".join(words) != sep.join(kept_texts) + (sep if kept else ""):  # pragma: no cover - jieba gives back its text
        begins = _begins("".join(words).encode("utf-32-le", "surrogatepass"), d.prefixes)
    kind = bytes(map(_WordCodes().__getitem__, words))
    lengths = kind.translate(_LENGTH)  # (each word's length, 11 for any longer)
    # whether the two characters from each word's first begin a dictionary word (where each
    # word starts: its length read from its code, where none is longer than 10)
    steps = lengths[:-1] if lengths.find(11) < 0 else map(len, words[:-1])
    may = lanes(bytes(map(begins.__getitem__, accumulate(steps, initial=0)))) if n else 0
    first, later, last = (lanes(kind.translate(t)) for t in (_IS_FIRST, _IS_NEXT, _IS_LAST))
    size = lanes(lengths)
    run = first & (later >> 8)  # word i may start a run and word i + 1 go on with it
    size2 = size + (size >> 8)  # (the characters of words i and i + 1)
    size3 = size2 + (size >> 16)
    two = run & (last >> 8) & lanes(size2.to_bytes(n, "little").translate(_3_TO_10))
    three = run & (last >> 16) & lanes(size3.to_bytes(n, "little").translate(_UP_TO_10))
    # where units start (one, two or three words: bits 1, 2, 4 of one mask, read in one pass)
    starts_at = ((lanes(kind.translate(_IS_ALONE)) | two << 1 | three << 2) & may * 7).to_bytes(n, "little")
    found = nonzero(starts_at)
    codes = bytes(map(starts_at.__getitem__, found))
    at = [list(compress(found, codes.translate(t))) for t in (_BIT_1, _BIT_2, _BIT_4)]
    units = [words[i] for i in at[0]]
    # (each distinct unit of two or three words kept once, as the words are: a string an
    # occurrence took 20 MB on 10,000 pairs of real text)
    keep = {}.setdefault
    units += [keep(u, u) for i in at[1] for u in [words[i] + words[i + 1]]]
    units += [keep(u, u) for i in at[2] for u in [words[i] + words[i + 1] + words[i + 2]]]
    pairs = [kept[bisect_right(starts, i) - 1] for i in chain.from_iterable(at)]
    return units, pairs


def rendering_inconsistent(views: list[View], memo: Memo | None = None) -> list[Finding]:
    findings: list[Finding] = []
    d = dictionary()
    for view in views:
        kept = None if memo is None else memo.renderings.setdefault(view.file, DocumentMemo())
        findings.extend(_one_document(view, d, kept))
    return findings


class DocumentMemo:
    """What a run found for each term of one document, kept for the next run (`checks.Memo`):
    each pair's texts by id, and for each term read, what it was read with (`Renderings.inputs`,
    its pairs) and whether it is rendered two ways (then its renderings; else None, as for most
    terms). A term whose inputs and pairs are the same, and none of whose pairs' texts has
    changed, is not read again: the engine would read it the same. (Only the terms read in
    the last run are kept: where it stopped half way, those it found unchanged, and read
    again, before it stopped. Inputs are kept as 128-bit BLAKE2 digests, texts as themselves,
    shared with the readings kept by text.) Also kept by text: each Chinese text's units and
    each English text's content words; and, of the last run that ended, what the engine
    counted for each Chinese word (`learned`: after an edit counted again from the texts that
    came and went), each term's verdict, and its units whole (the pairs holding each: taken
    over where a few texts changed, `_Units._again`); the index of each pair's content words
    (`Renderings.index`: the next run moves only the changed pairs' words, `_ContentIndex.again`),
    what each word counted learned (taken as then where counted the same), and jieba's verdict on
    each unit's edges. On 10,000 pairs of real text: ~21 MB (the terms and verdicts 6, the units
    5, the index 3.3, the content words 2.3, the texts)."""

    def __init__(self) -> None:
        self.texts: dict[int, tuple[str, str]] = {}
        self.terms: dict[str, tuple[bytes, tuple[int, ...], list[Seen] | None]] = {}
        self.changed: set[int] = set()
        self._read: set[str] = set()
        #: each Chinese text (as read) → its units that may be terms (`_Units`), and each
        #: English text → its content words (`Renderings`), of the last run's pairs
        self.units: dict[str, tuple[str, ...]] = {}
        self.contents: dict[str, tuple[str, ...]] = {}
        #: the last run's units whole (`_Units`: the pairs holding each), for the next to take
        #: over (`_Units._again`)
        self.last_units: _Units | None = None
        #: each unit that may be a term, of the last run → its `components` (the dictionary's)
        self.components: dict[str, tuple[str, ...]] = {}
        #: of the last run that ended: its pairs' texts (`texts`), the number of pairs each
        #: English content word is in, what `Renderings.learned` counted for each Chinese
        #: word (`Renderings.counted`), and what it learned for each (`Renderings.learned`)
        self.learning: tuple[dict[int, tuple[str, str]], dict[str, int], dict[str, tuple[int, dict[str, int]]],
                             dict[str, set[str]]] | None = None
        #: each term's verdict, with the renderings it was made on (the glossary's Chinese
        #: forms the same: `_glossary_terms`)
        self.verdicts: dict[str, tuple[list[Seen], Verdict | None]] = {}
        self._verdicts: dict[str, tuple[list[Seen], Verdict | None]] = {}
        self._glossary_terms: set[str] | None = None
        #: the index of the pairs' content words of the last run that ended (`Renderings.index`:
        #: the next reads its own from it, `_ContentIndex.again`)
        self.index: _ContentIndex | None = None
        #: `term_edges_ok` of each unit asked in the last run that ended, and in this one
        self._edges: tuple[dict[str, bool], dict[str, bool]] = ({}, {})
        #: of the run under way: its pairs' texts, and the number of pairs each English content
        #: word is in (`learned`; kept by `ended`)
        self._now: tuple[dict[int, tuple[str, str]], dict[str, int]] = ({}, {})

    def learned(self, engine: Renderings) -> None:
        """What the engine learns for each Chinese word it counted in the last run that ended,
        counted again from what changed since (`Renderings.learned` is a function of the English
        texts of the pairs holding the word, and of how many pairs of the file hold each English
        word: `_recounted`), where as many pairs hold it as before; another word is counted
        from the start, where asked. (The engine's pairs are those `start` was given.)"""
        now = self.texts
        df = engine.index.df
        last = self.learning
        self.learning = None  # (until this run ends: a run that stops keeps nothing half-made)
        self._now = now, df
        if last is None:
            return
        before, df_before, counted, learned = last
        # the texts that came and went, by id (the ids whose texts differ found in C: a few),
        # less those that came to one id and went from another
        came = Counter(map(now.__getitem__, compress(now, map(ne, map(before.get, now), now.values()))))
        went = Counter(map(before.__getitem__, compress(before, map(ne, map(now.get, before), before.values()))))
        came, went = came - went, went - came
        if not counted or sum(len(zh) for zh, _ in chain(came, went)) > 50_000:
            return  # (most of the file changed: every word counted again)
        longest = max(map(len, counted))
        # the Chinese words in a text that came or went
        moved = {zh[i:i + n] for zh, _ in chain(came, went) for i in range(len(zh)) for n in range(1, longest + 1)}
        contents = {en: EnPair(0, en).content for _, en in chain(came, went)}
        # the English words whose number of pairs fell (words of the texts that went), with
        # that number now and then
        fell = [(k, df.get(k, 0), then) for k in {k for _, en in went for k in contents[en]}
                if df.get(k, 0) < (then := df_before.get(k, 0))]
        # (the English words in another number of pairs of the file than then, and the `most`
        # of `learn_range` at which a word whose pairs fell may be counted anew: `_recounted`)
        other_df = {k for en in contents.values() for k in en if df.get(k, 0) != df_before.get(k, 0)}
        reach = {most for _, now_df, then in fell for most in range(now_df, then)}
        zh_of, pairs_of = engine.zh_of.__getitem__, engine.index.pairs_of
        texts_of = WordTable(lambda k: list(map(zh_of, pairs_of(k))))
        joined_of = WordTable(lambda k: "\n".join(texts_of[k]))
        dropped = 0
        engine.scans = 200  # (the pairs holding a word `_recounted` asks for: found by a look through every pair)
        for zh, (n, both) in counted.items():
            changed = None
            if zh not in moved and learn_range(n)[1] not in reach:
                # (counted as then: learned as then, but for the words in another number of
                # pairs of the file, each asked again as `Renderings.learn` asks it)
                was = learned[zh]
                if not other_df.isdisjoint(both):
                    was = set(was)
                    for k in other_df.intersection(both):
                        if engine.at_most(k, learn_limit(both[k], n)):
                            was.add(k)
                        else:
                            was.discard(k)
                engine.learned_as(zh, n, both, was)
                continue
            if zh in moved:
                went_en = [en for (z, en), c in went.items() if zh in z for _ in range(c)]
                came_en = [en for (z, en), c in came.items() if zh in z for _ in range(c)]
                if len(went_en) != len(came_en):  # (another number of pairs: another floor and range)
                    dropped += 1
                    continue
                changed = Counter(chain.from_iterable(map(contents.__getitem__, came_en)))
                changed.subtract(chain.from_iterable(map(contents.__getitem__, went_en)))
            engine.learn(zh, n, _recounted(engine, zh, n, both, changed, fell, texts_of, joined_of))
        # (many words to count again from the start, after a large edit: the pairs holding each
        # found through the index by character, not by a look through every pair)
        if dropped >= 100:
            engine.scans = 0

    def edges_ok(self, unit: str) -> bool:
        """`term_edges_ok(unit)` (a function of the unit alone: jieba's tags), as the last run
        found it where it asked."""
        then, now = self._edges
        ok = then.get(unit)
        if ok is None:
            ok = term_edges_ok(unit)
        now[unit] = ok
        return ok

    def ended(self, engine: Renderings, units: _Units) -> None:
        """The run on this document ended: what it read kept for the next (only this run's
        texts: the memo does not grow edit after edit)."""
        self._edges = self._edges[1], {}
        self.learning = (*self._now, engine.counted, {zh: engine.learned(zh) for zh in engine.counted})
        self._verdicts = {}
        self.units = units.by_text or {}
        self.last_units = units if units.by_text is not None else None
        self.components = {t: engine.components[t] for t in units.repeated if t in engine.components}
        index = self.index = engine.index
        self.contents = dict(zip(map(engine.en_of.__getitem__, index.content), index.content.values()))
        index.let_go()  # (what it made when asked: the next run asks its own)

    def start(self, ids: list[int], zh: list[str], en: list[str], glossary_terms: set[str] | None = None) -> None:
        """A new run on these pairs (their ids, Chinese as read, English), and the glossary's
        Chinese forms as read: the pairs changed since the last are noted, the texts kept."""
        old = self.texts
        self.texts = dict(zip(ids, zip(zh, en)))
        self.changed = {pid for pid, text in self.texts.items() if old.get(pid) != text}
        self.terms = {t: kept for t, kept in self.terms.items() if t in self._read}
        self._read = set()
        if glossary_terms != self._glossary_terms:
            self.verdicts = {}
        self._glossary_terms = glossary_terms
        self._verdicts, self.verdicts = self.verdicts, {}

    def verdict(self, term: str, seen: list[Seen], glossary_terms: set[str], zh_of: dict[int, str]) -> Verdict | None:
        """`_verdict` of the term's renderings, as the last run found where they are the same
        (the same renderings kept by `of`, none of whose pairs changed) and so is the glossary."""
        kept = self._verdicts.get(term)
        v = kept[1] if kept is not None and kept[0] is seen else _verdict(term, seen, glossary_terms, zh_of)
        self.verdicts[term] = seen, v
        return v

    def of(self, engine: Renderings, term: str, ids: list[int]) -> list[Seen] | None:
        """`engine.of(term, ids)` where it renders the term two ways or more, else None (as
        the last run found, where nothing it read has changed)."""
        read = engine.inputs(term)
        inputs = b"" if read is None else _digest(
            *read[0], *("\x1f".join(sorted(g)) for g in chain(read[1], read[2])))
        kept = self.terms.get(term)
        if kept is None or kept[0] != inputs or kept[1] != tuple(ids) or not self.changed.isdisjoint(ids):
            kept = self.terms[term] = (inputs, tuple(ids), _two_ways(engine.of(term, ids)))
        self._read.add(term)  # (once read: a term whose reading failed is not kept)
        return kept[2]


def _verdict(term: str, seen: list[Seen], glossary_terms: set[str], zh_of: dict[int, str]) -> Verdict | None:
    """The verdict on the term's renderings, those in a pair where it is inside a glossary term
    left out (term-inconsistent's business)."""
    if glossary_terms:
        inside = [g for g in glossary_terms if term in g]
        seen = [x for x in seen if not any(g in zh_of[x.pair] for g in inside)]
    return verdict(seen)


def _recounted(engine: Renderings, zh: str, n: int, both: dict[str, int], changed: Counter | None,
               fell: list[tuple[str, int, int]], texts_of: dict[str, list[str]],
               joined_of: dict[str, str]) -> dict[str, int]:
    """What `Renderings.learned` counts for `zh` now (`_ContentIndex.counts`: each English word
    in `floor` to `most` pairs of the file that is in `floor` or more of the pairs holding `zh`,
    with the number of those; others perhaps too, with theirs), from what it counted in the last
    run (`both`, `n` pairs holding `zh` then and now), and how many more of those pairs hold
    each English word now (`changed`; None: their texts are the same). A word counted then is
    counted now by that change. One not counted then was in fewer than `floor` of those pairs
    (so in `floor` now only if more of them hold it), or in more than `most` pairs of the file
    (then, in `most` now, it is one whose pairs `fell`: (word, pairs now, then)): such words
    are counted anew, through the pairs holding `zh` or the Chinese of those holding the word
    (`texts_of`, each word's made when first asked), where `zh` is found `floor` times or more
    in that Chinese (`joined_of`, joined: counted in C; a word in `floor` of the pairs holding
    `zh` is in those pairs at least)."""
    floor, most = learn_range(n)
    now = dict(both)
    new = set()
    if changed:
        for k, d in changed.items():
            if k in now:
                now[k] += d
            elif d > 0:
                new.add(k)
    new.update(k for k, df_now, then in fell if df_now <= most < then and k not in both)
    df = engine.index.df
    new = [k for k in new if floor <= df.get(k, 0) <= most and joined_of[k].count(zh) >= floor]
    if new:
        if sum(df[k] for k in new) < len(engine.zh_of):  # (the Chinese of the pairs holding each looked at)
            now.update((k, sum(map(str.__contains__, texts_of[k], repeat(zh)))) for k in new)
        else:  # (the pairs holding `zh`, found once: a look through every pair, in C)
            held = set(engine.holding(zh))
            now.update(zip(new, map(len, map(held.intersection, map(engine.index.pairs_of, new)))))
    return {k: c for k, c in now.items() if c >= floor}


def _two_ways(seen: list[Seen]) -> list[Seen] | None:
    """The renderings, where they render the term two ways or more (their shortest differ)."""
    return seen if len({s.parts[0] for s in seen}) >= 2 else None


def _digest(*texts: str) -> bytes:
    """The texts as a 128-bit BLAKE2 digest (each text after its length: no two lists of texts
    are written alike)."""
    return blake2b("".join(f"{len(t)}:{t}" for t in texts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _one_document(view: View, d: Dictionary, memo: DocumentMemo | None = None) -> list[Finding]:
    glossary_terms: set[str] = set()
    forms = [f for t in view.matcher.glossary.terms for f in t.zh] if view.matcher is not None else []
    if forms:  # (normalised all at once: normalize_zh goes character by character)
        sep = absent_char(forms)
        glossary_terms = set(normalize_zh(sep.join(forms)).replace('"', "").split(sep))
    kept = [p for p in view.pairs if p.zh and p.en]
    ids = list(map(attrgetter("id"), kept))
    texts = list(map(str.replace, zh_norms(kept), repeat('"'), repeat("")))
    en_of = dict(zip(ids, map(attrgetter("en"), kept)))
    zh_of = dict(zip(ids, texts))
    last = None
    if memo is not None:  # (taken: changed in place by the new units)
        last, memo.last_units = memo.last_units, None
    units = _Units(texts, _segmenter(None), d, None if memo is None else memo.units, last)

    def pairs_with(unit: str) -> list[int]:
        return list(map(ids.__getitem__, units.pairs(unit)))  # (in C: asked of every term, after an edit too)

    pair_of = dict(zip(ids, kept))

    def words(pid: int) -> list[str] | None:  # (the English words, where read already)
        return pair_of[pid].words_read

    # (the same ids, in the same order; the characters of the units that may be terms, all that
    # are looked for in the pairs: the terms, their parts and heads)
    engine = Renderings((zh_of, en_of), d, units=pairs_with, words=words, chars=set().union(*units.repeated),
                        contents=None if memo is None else memo.contents)
    if memo is not None:
        engine.components.update(memo.components)
        engine.index_then, memo.index = memo.index, None  # (taken: a run that stops keeps nothing half-made)
        en = list(map(attrgetter("en"), kept))
        memo.start(ids, texts, en, glossary_terms)
        memo.learned(engine)
    edges_ok = term_edges_ok if memo is None else memo.edges_ok
    terms = {t for t in units.repeated
             if len(t) >= 3 and t not in glossary_terms and not t.startswith(_NOT_TERM_START)
             and engine.parts(t) is not None and edges_ok(t)}  # (parts first: it turns most units away, where
    # term_edges_ok turns away few, and tagging costs more than what parts looks up, kept for the terms read)
    reported: list[str] = []
    out: list[Finding] = []
    # shortest first, and a term holding a reported one is not reported again: one concept,
    # one piece of advice (大规模设备更新 follows what 设备更新 is rendered as most)
    for term in sorted(terms, key=lambda t: (len(t), t)):
        if any(small in term for small in reported):
            continue
        held = pairs_with(term)
        if engine.renderable(term, held) < 2:
            continue  # (rendered in one pair at most: not two ways; most candidates of some texts)
        if memo is None:
            seen = _two_ways(engine.of(term, held))
            v = None if seen is None else _verdict(term, seen, glossary_terms, zh_of)
        else:
            seen = memo.of(engine, term, held)
            v = None if seen is None else memo.verdict(term, seen, glossary_terms, zh_of)
        if v is None or not v.odd:
            continue
        reported.append(term)
        for pid, found in v.odd:
            out.append(Finding(
                CHECK, "info", pid,
                f"{term} is rendered “{found}” here but “{v.expected}” in pair"
                f"{'s' if len(v.same) > 1 else ''} {', '.join(map(str, v.same))}",
                term=term, expected=v.expected, found=found, file=view.file))
    if memo is not None:
        memo.ended(engine, units)
    return out
