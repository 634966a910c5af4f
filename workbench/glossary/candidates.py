"""Words and phrases of one pair offered as a new glossary term (Chinese and English)."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.]*[A-Za-z0-9]|[A-Za-z0-9]")
_EN_STOP = set(
    "the a an of and or to in on for is are was were be been being has have had will would can could "
    "we you he she it they i our your his her its their this that these those which who with as by at "
    "from into also all already not so than then there here very".split()
)


# Characters that a term neither starts nor ends with (particles, verbs of linking, measure words).
_ZH_EDGE = set("的了是和与及在对把被将已有也都就而至从向为以之其这那个架等们")


_ZH_INSIDE = set("的了是")


def zh_candidates(sentences: list[str], longest: int = 3) -> list[str]:
    """Words of the zh side (jieba) and runs of up to `longest` words, in reading order.

    Each word comes first, then the longer runs starting with it; runs that begin or end with
    a particle (的, 了, 已…) are left out: they are never terms.
    """
    import rjieba  # slow to import: only when candidates are asked for

    cut = rjieba.cut
    out: dict[str, None] = {}
    for s in sentences:
        for chunk in re.split(r"[^\u3400-\u9fffA-Za-z0-9\"“”]+", s):
            words = [w for w in cut(chunk) if w.strip()]
            for k in range(len(words)):
                for n in range(1, longest + 1):
                    if k + n > len(words):
                        break
                    term = "".join(words[k : k + n])
                    if (len(term) < 2 or not _HAN.search(term) or term[0] in _ZH_EDGE or term[-1] in _ZH_EDGE
                            or (n > 1 and _ZH_INSIDE.intersection(term))):
                        continue
                    out[term] = None
    return list(out)


def en_candidates(sentences: list[str], longest: int = 5) -> list[str]:
    """Phrases of 1..`longest` words of the en side, in reading order, shortest first at each
    word; none starts or ends with a function word."""
    out: dict[str, None] = {}
    for s in sentences:
        for clause in re.split(r"[,;:!?()\"“”]|\.\s", s):
            words = _EN_WORD.findall(clause)
            for k in range(len(words)):
                for n in range(1, longest + 1):
                    if k + n > len(words):
                        break
                    phrase = words[k : k + n]
                    if phrase[0].lower() in _EN_STOP or phrase[-1].lower() in _EN_STOP:
                        continue
                    out[" ".join(phrase)] = None
    return list(out)
