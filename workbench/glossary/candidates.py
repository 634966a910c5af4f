"""Words and phrases of one pair offered as a new glossary term (Chinese and English)."""

from __future__ import annotations

import re

from workbench.text.normalize import EN_STOP, HAN, HAN_CHARS, WORD

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
        for chunk in re.split(f"[^{HAN_CHARS}A-Za-z0-9\"“”]+", s):
            words = [w for w in cut(chunk) if w.strip()]
            for k in range(len(words)):
                for n in range(1, longest + 1):
                    if k + n > len(words):
                        break
                    term = "".join(words[k : k + n])
                    if (len(term) < 2 or not HAN.search(term) or term[0] in _ZH_EDGE or term[-1] in _ZH_EDGE
                            or (n > 1 and _ZH_INSIDE.intersection(term))):
                        continue
                    out[term] = None
    return list(out)


def en_candidates(sentences: list[str], longest: int = 5) -> list[str]:
    """Phrases of 1..`longest` words of the en side as written, in reading order, shortest first
    at each word; none starts or ends with a function word."""
    out: dict[str, None] = {}
    for s in sentences:
        for clause in re.split(r"[,;:!?()\"“”]|\.\s", s):
            words = list(WORD.finditer(clause))
            for k in range(len(words)):
                for n in range(1, longest + 1):
                    if k + n > len(words):
                        break
                    first, last = words[k], words[k + n - 1]
                    if first.group().lower() in EN_STOP or last.group().lower() in EN_STOP:
                        continue
                    out[" ".join(clause[first.start():last.end()].split())] = None
    return list(out)
