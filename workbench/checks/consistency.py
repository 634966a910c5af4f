"""source-inconsistent: the same Chinese translated differently, and the same English
standing for different Chinese (across all documents under check).

Translations are compared by their words' stems, case folded, with contractions spelled out,
so "That's all" / "That is all" and "question" / "questions" are the same translation. A
short sentence (a stock phrase of a press conference) worded two ways is not reported;
anything else is a warning unless the wordings are nearly identical (then info).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from hashlib import blake2b
from itertools import compress, count, repeat
from operator import add, and_, attrgetter, lt, ne, or_, sub

from rapidfuzz import fuzz

from workbench.checks import Finding, Memo
from workbench.checks.view import English, PairView, View, english, zh_norms
from workbench.text.normalize import FOLDED_KEYS, WORD, WordTable, normalize_zh

_NOT_WORD = re.compile(r"[\W_]+")
_ZH, _EN = attrgetter("zh"), attrgetter("en")

#: Sources at least this similar (rapidfuzz ratio) may share a translation without remark:
#: 谢谢您的提问 and 谢谢你的提问 are both "Thank you for your question."
SIMILAR_SOURCES = 75.0
#: Translations at least this similar differ in wording only: reported as info.
NEAR_IDENTICAL = 90.0


def zh_key(text: str) -> str:
    """A Chinese segment without punctuation, spacing or width/quote differences."""
    return zh_keys([normalize_zh(text)])[0]


def zh_keys(normalized: list[str]) -> list[str]:
    """`zh_key` of each segment given as normalize_zh gives it."""
    return list(map(str.casefold, map(_NOT_WORD.sub, repeat(""), normalized)))


_CONTRACTIONS = [  # (each with the parts that any text it changes holds)
    (re.compile(r"\bcan(?:'t|not)\b"), "can not", ("can't", "cannot")),
    (re.compile(r"\bwon't\b"), "will not", ("won't",)),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not", ("n't",)),
    (re.compile(r"\blet's\b"), "let us", ("let's",)),
    (re.compile(r"\b(that|it|there|here|what|who|he|she|this)'s\b"), r"\1 is",
     tuple(w + "'s" for w in ("that", "it", "there", "here", "what", "who", "he", "she", "this"))),
    (re.compile(r"'re\b"), " are", ("'re",)), (re.compile(r"'ve\b"), " have", ("'ve",)),
    (re.compile(r"'ll\b"), " will", ("'ll",)), (re.compile(r"\bi'm\b"), "i am", ("i'm",)),
    (re.compile(r"'d\b"), " would", ("'d",)),
]


def en_key(p: PairView, folded: dict[str, str] | None = None) -> str:
    """An English segment's words as stems, case folded, contractions spelled out: "That's
    all" = "That is all", "question" = "questions"; punctuation and spacing do not count.
    (`folded`: each word of the run → FOLDED_KEYS of it case folded, if worked out already.)"""
    words = p.words_read
    if words is not None and p.plain and "'" not in p.en and "’" not in p.en and "cannot" not in p.en.casefold():
        # (case-folding such a text word by word is case-folding it: its words, read once)
        if folded is not None:
            return " ".join(map(folded.__getitem__, words))
        return " ".join(map(FOLDED_KEYS.__getitem__, map(str.casefold, words)))
    return _text_key(p.en)


def _text_key(text: str) -> str:
    """`en_key` of a text read from the text itself (its words case folded, contractions
    spelled out)."""
    text = text.casefold().replace("’", "'")
    if "'" in text or "cannot" in text:
        for rx, repl, parts in _CONTRACTIONS:
            # (only where the text, as the spellings before have left it, holds what the
            # expression needs: most texts have only a possessive 's, if anything)
            if any(map(text.__contains__, parts)):
                text = rx.sub(repl, text)
    # (FOLDED_KEYS is what word_key looks up; mapping its __getitem__ stays in C but for
    # words seen for the first time)
    return " ".join(map(FOLDED_KEYS.__getitem__, WORD.findall(text)))


_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _zh_keys_of(pairs: list[PairView]) -> list[str]:
    """`zh_key` of each pair's Chinese. (normalize_zh changes punctuation, quotes and spaces,
    which a key leaves out, and full-width letters and digits, which it keeps: where there
    are none, the most usual, the text is keyed as it is, and not normalised first.)"""
    texts = [p.zh for p in pairs]
    if _FULL_WIDTH_ALNUM.search("".join(texts)):
        texts = zh_norms(pairs)
    return zh_keys(texts)


_CANNOT = re.compile("[Cc][Aa][Nn][Nn][Oo][Tt]")  # ("cannot" in the case-folded text, where it is plain)


def _en_keys_wanted(en: English, ks: list[int], wanted: list[bool]) -> dict[int, str]:
    """`en_key` of the pairs ks[i] for which wanted[i], and of those whose key another of `ks`
    may share; not of the others, whose keys no other pair has.

    Where the words of the run are read (by the glossary's matcher, or for variant-spelling),
    most pairs' keys are their words' keys joined (`FOLDED_KEYS` of each case folded); not
    those of a text that is not `PairView.plain`, or holds an apostrophe or "cannot": those are
    keyed from their text. Equal keys have as many words, and the same first and last: the keys
    of the pairs keyed from their words are worked out only where another pair has as many
    words, the same first and the same last (a few, in most runs)."""
    if en.distinct_read is None:  # (no check reads the run's words: each text keyed its own way)
        texts = [p.en for p in en.pairs]
        return {k: _text_key(texts[k]) for k in ks}
    read = en.read
    texts, words, bounds = read.texts, read.words, read.bounds
    by_text = set(en.not_plain)
    joined = "\n".join(texts)
    for mark in ("'", "’"):
        by_text.update(_texts_holding(joined, read.offsets, mark))
    if "cannot" in joined.lower():  # (in any case: the places then looked for)
        by_text.update(compress(ks, map(_CANNOT.search, map(texts.__getitem__, ks))))
    keys = {k: _text_key(texts[k]) for k in by_text.intersection(ks)}
    # (number of words, first key, last key) of each pair's key: from its key, or its words
    shapes = [(len(parts), parts[0], parts[-1]) for parts in (key.split(" ") for key in keys.values() if key)]
    from_words = [k for k in ks if k not in keys and bounds[k] < bounds[k + 1]]
    starts = list(map(bounds.__getitem__, from_words))
    ends = list(map(bounds.__getitem__, map(add, from_words, repeat(1))))
    word_shapes = list(zip(map(sub, ends, starts), _word_keys(map(words.__getitem__, starts)),
                           _word_keys(map(words.__getitem__, map(sub, ends, repeat(1))))))
    count = Counter(word_shapes)
    count.update(shapes)
    maybe = set(compress(from_words, map(lt, repeat(1), map(count.__getitem__, word_shapes))))
    maybe.update(compress(ks, wanted))
    for k in maybe.difference(keys):
        keys[k] = " ".join(_word_keys(words[bounds[k]:bounds[k + 1]]))
    return keys


def _texts_holding(joined: str, offsets: list[int], part: str) -> list[int]:
    """The indices of the texts that hold `part` (no line break in it), found in `joined`, the
    texts joined by line breaks (text k at offsets[k]): a scan in C to each text that holds it
    (in most runs, a few or none), not a look into each text."""
    found: list[int] = []
    at = joined.find(part)
    while at >= 0:
        found.append(bisect.bisect_right(offsets, at) - 1)
        at = joined.find(part, offsets[found[-1] + 1])  # (the next text)
    return found


def _word_keys(words: Iterable[str]) -> Iterator[str]:
    """`FOLDED_KEYS` of each word case folded (in C, but for words not seen before)."""
    return map(FOLDED_KEYS.__getitem__, map(str.casefold, words))


def _keys_kept(memo: Memo, pairs: list[PairView]) -> tuple[list[bytes], list[bytes]]:
    """`zh_key` and `en_key` of each pair as `_digest`s (equal keys, equal digests), those of
    the texts keyed in the run before taken from the memo (by place where as many pairs are
    keyed, else by text), and this run's kept there for the next (only this run's texts: the
    memo does not grow edit after edit; as digests: the keys took 5 MB on 10,000 pairs of real
    text)."""
    zh, en = list(map(_ZH, pairs)), list(map(_EN, pairs))
    then = memo.sources
    folded = WordTable(lambda w: FOLDED_KEYS[w.casefold()])
    zks = _kept(zh, then and (then[0], then[2]), lambda ks: map(_digest, _zh_keys_of([pairs[k] for k in ks])))
    eks = _kept(en, then and (then[1], then[3]), lambda ks: (_digest(en_key(pairs[k], folded)) for k in ks))
    memo.sources = zh, en, zks, eks
    return zks, eks


def _kept(texts: list[str], then: tuple[list[str], list[bytes]] | None,
          keyed: Callable[[list[int]], Iterable[bytes]]) -> list[bytes]:
    """The key of each text: from `then` (the texts of the run before, and their keys), by
    place where there are as many (the texts that differ found in C), else by text; those of
    the others `keyed` (given their places)."""
    if then is not None and len(then[0]) == len(texts):
        keys = list(then[1])
        todo = list(compress(count(), map(ne, texts, then[0])))
    else:
        known = dict(zip(*then)) if then is not None else {}
        keys = list(map(known.get, texts))
        todo = [k for k, key in enumerate(keys) if key is None]
    for k, key in zip(todo, keyed(todo)):
        keys[k] = key
    return keys


def _digest(key: str) -> bytes:
    """A key as a 128-bit BLAKE2 digest (an empty key as empty: no key)."""
    return blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest() if key else b""


#: A sentence this short (characters without punctuation) is a stock phrase ("谢谢。", "这个问题
#: 请辛部长回答。"): its wordings are style, not reported.
STOCK_PHRASE = 15


def _stock_phrase(zh: str) -> bool:
    """A short sentence (it ends as one: 。！？) — "这个问题请辛国斌副部长回答。", "谢谢。" —
    not a heading or a term ("一、总体要求", "新质生产力"), whose wordings must agree."""
    return len(zh_key(zh)) <= STOCK_PHRASE and normalize_zh(zh).rstrip().endswith(_SENTENCE_END)


_SENTENCE_END = ("。", "!", "?", ".", "…")


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def source_inconsistent(views: list[View], memo: Memo | None = None) -> Iterable[Finding]:
    """(`memo`: a text's key is a function of the text, so the keys of the texts of the run
    before are taken from it, `Memo.sources`, kept as digests.)"""
    en = english(views)
    every = en.pairs
    # the pairs with both sides (by their index in the run)
    ks = list(compress(range(len(every)), map(and_, map(bool, map(_ZH, every)), map(bool, map(_EN, every)))))
    if memo is None:
        zks = _zh_keys_of([every[k] for k in ks])
    else:
        zks, en_keys = _keys_kept(memo, [every[k] for k in ks])
    # only a key that two pairs or more share can have variants (counted in C: most are in one)
    zh_count = Counter(zks)
    zh_shared = list(map(lt, repeat(1), map(zh_count.__getitem__, zks)))
    # (with the memo, every pair's English key: a key no other pair has is in no group, as
    # where only those another pair may share are worked out)
    eks = _en_keys_wanted(en, ks, zh_shared) if memo is None else dict(zip(ks, en_keys))
    en_count = Counter(eks.values())
    by_zh: dict[str, dict[str, list[tuple[View, PairView]]]] = defaultdict(lambda: defaultdict(list))
    by_en: dict[str, dict[str, list[tuple[View, PairView]]]] = defaultdict(lambda: defaultdict(list))
    # (the pairs whose Chinese key or English key another pair shares, picked in C: a few)
    en_shared = {k for k, ek in eks.items() if en_count[ek] > 1}
    for k, zk in compress(zip(ks, zks), map(or_, zh_shared, map(en_shared.__contains__, ks))):
        ek = eks.get(k)
        if not ek or not zk:
            continue
        v, p = views[en.view_index(k)], every[k]
        by_zh[zk][ek].append((v, p))
        by_en[ek][zk].append((v, p))
    for groups, forward in ((by_zh, True), (by_en, False)):
        for variants in groups.values():
            if len(variants) < 2:
                continue
            # The most frequent version is taken as the reference (the first seen on a tie).
            ref_key = max(variants, key=lambda k: len(variants[k]))
            ref_v, ref_p = variants[ref_key][0]
            where = f"pair {ref_p.id}" + (f" of {ref_v.file}" if ref_v.file and len(views) > 1 else "")
            for key, occ in variants.items():
                if key == ref_key:
                    continue
                this, ref = key, ref_key
                if memo is not None:  # (the keys are digests: the keys themselves worked out for the few compared)
                    this, ref = ((en_key(occ[0][1]), en_key(ref_p)) if forward
                                 else (zh_key(occ[0][1].zh), zh_key(ref_p.zh)))
                if not forward and fuzz.ratio(this, ref) >= SIMILAR_SOURCES:
                    continue
                for v, p in occ:
                    if forward:
                        msg = f"the same Chinese is translated “{_clip(p.en)}” here and “{_clip(ref_p.en)}” in {where}"
                        # near-identical wordings ("That's all" / "That is all") are style, not sense
                        if _stock_phrase(p.zh):
                            continue  # a stock phrase worded two ways: below info, not reported
                        severity = "info" if fuzz.ratio(this, ref) >= NEAR_IDENTICAL else "warning"
                        yield Finding("source-inconsistent", severity, p.id, msg, expected=ref_p.en, found=p.en, file=v.file)
                    else:
                        msg = f"the same English “{_clip(p.en)}” stands for “{_clip(p.zh)}” here and “{_clip(ref_p.zh)}” in {where}"
                        yield Finding("source-inconsistent", "info", p.id, msg, expected=ref_p.zh, found=p.zh, file=v.file)
