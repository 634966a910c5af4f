"""The aligner's bilingual lexicon: CC-CEDICT entries with stemmed glosses, a light English
stemmer, stop words.

The dictionary data (CC-CEDICT, loading and lookup) is `workbench.glossary.dictionary`, shared
with the checks; the stemmer and stop words here are the aligner's own.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

from workbench.glossary.dictionary import DATA, Dictionary, dictionary

EN_STOP = frozenset("""
a an the of to in on at by for with from or and as is are was were be been being am it its
this that these those there here he him his she her hers they them their theirs we us our ours
you your yours i me my mine who whom whose which what when where why how not no nor so than
too very can could will would shall should may might must do does did done have has had
having into onto upon about over under up down out off again then once all any both each few
more most other some such only own same just but if because until while s t don now one ones
sb sth someone something oneself himself herself itself themselves yourself myself ourselves
also let get got make made go went come came say said tell told like well even still yet ever
mr mrs ms miss ll ve re d m didn don won isn wasn couldn wouldn hadn doesn
aren weren shouldn haven hasn ain oh ah
""".split())

_IRREG = {
    "was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "am": "be",
    "went": "go", "gone": "go", "said": "say", "says": "say", "told": "tell", "saw": "see",
    "seen": "see", "took": "take", "taken": "take", "gave": "give", "given": "give",
    "came": "come", "made": "make", "knew": "know", "known": "know", "thought": "think",
    "brought": "bring", "bought": "buy", "felt": "feel", "left": "leave", "kept": "keep",
    "held": "hold", "stood": "stand", "sat": "sit", "ran": "run", "ate": "eat", "eaten": "eat",
    "fell": "fall", "fallen": "fall", "found": "find", "got": "get", "gotten": "get",
    "heard": "hear", "lay": "lie", "lain": "lie", "laid": "lay", "lost": "lose", "meant": "mean",
    "met": "meet", "paid": "pay", "sent": "send", "slept": "sleep", "spoke": "speak",
    "spoken": "speak", "spent": "spend", "taught": "teach", "threw": "throw", "thrown": "throw",
    "understood": "understand", "woke": "wake", "wore": "wear", "worn": "wear", "won": "win",
    "wrote": "write", "written": "write", "began": "begin", "begun": "begin", "drank": "drink",
    "drunk": "drink", "drove": "drive", "driven": "drive", "flew": "fly", "forgot": "forget",
    "grew": "grow", "grown": "grow", "hid": "hide", "hidden": "hide", "rode": "ride",
    "rose": "rise", "risen": "rise", "sang": "sing", "sung": "sing", "shook": "shake",
    "stole": "steal", "stolen": "steal", "struck": "strike", "swam": "swim", "tore": "tear",
    "torn": "tear", "broke": "break", "broken": "break", "chose": "choose", "chosen": "choose",
    "did": "do", "done": "do", "does": "do", "had": "have", "has": "have", "men": "man",
    "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "people": "person", "better": "good", "best": "good", "worse": "bad", "worst": "bad",
    "fought": "fight", "caught": "catch", "sought": "seek", "built": "build", "led": "lead",
    "fed": "feed", "bled": "bleed", "dug": "dig", "hung": "hang", "shot": "shoot", "lit": "light",
    "wept": "weep", "knelt": "kneel", "crept": "creep", "swept": "sweep", "spat": "spit",
    "bit": "bite", "bitten": "bite", "beaten": "beat", "forgave": "forgive",
    "slid": "slide", "sprang": "spring", "sprung": "spring", "clung": "cling", "swung": "swing",
    "wives": "wife", "lives": "life", "knives": "knife", "leaves": "leaf", "thieves": "thief",
    "halves": "half", "selves": "self", "economies": "economy", "children's": "child",
}
_VOWEL = re.compile(r"[aeiouy]")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light, consistent English stemmer (plural, past, -ing, -ly, common derivations).

    It need not be linguistically right, only apply the same way to the dictionary's glosses and
    to the translation."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if w in _IRREG:
        return stem(_IRREG[w]) if _IRREG[w] != w else w
    n = len(w)
    if n <= 3:
        return w
    for suf, rep, minlen in (("ational", "ate", 8), ("ization", "ize", 8), ("fulness", "ful", 8),
                             ("iveness", "ive", 8), ("ousness", "ous", 8), ("ements", "", 9),
                             ("ement", "", 8), ("ments", "", 8), ("ment", "", 7), ("nesses", "", 8),
                             ("ness", "", 6), ("ities", "", 7), ("ity", "", 6), ("ically", "ic", 8),
                             ("fully", "ful", 7), ("ily", "y", 5), ("ly", "", 5)):
        if w.endswith(suf) and n >= minlen:
            w = w[: n - len(suf)] + rep
            n = len(w)
            break
    if w.endswith("ies") and n > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and n > 3:
        w = w[:-1]
    n = len(w)
    for suf in ("ing", "ed"):
        if w.endswith(suf) and n - len(suf) >= 3 and _VOWEL.search(w[: n - len(suf)]):
            w = w[: n - len(suf)]
            if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w.endswith("e") and len(w) >= 4:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


_lock = threading.Lock()
_lexicon: Lexicon | None = None


class Lexicon:
    """The dictionary's entries with their gloss words stemmed for the aligner (cached)."""

    def __init__(self, source: Dictionary | Path = DATA) -> None:
        self.dictionary = source if isinstance(source, Dictionary) else Dictionary(source)
        self.lines = self.dictionary.lines
        self._cache: dict[str, tuple[str, tuple[str, ...]] | None] = {}

    def entry(self, word: str) -> tuple[str, tuple[str, ...]] | None:
        """(pinyin, stemmed content gloss words) of a simplified headword, or None."""
        try:
            return self._cache[word]
        except KeyError:
            pass
        found = self.dictionary.lookup(word)
        res = None
        if found is not None:
            py, gl = found
            stems = tuple(dict.fromkeys(stem(g) for g in gl.split() if g not in EN_STOP))
            res = (py, stems)
        self._cache[word] = res
        return res

    def has_prefix(self, prefix: str) -> bool:
        return self.dictionary.has_prefix(prefix)


def lexicon() -> Lexicon:
    global _lexicon
    with _lock:
        if _lexicon is None:
            _lexicon = Lexicon(dictionary())
        return _lexicon
