"""One side of a pair as one segment of text, and back again.

Interchange formats hold one segment a side: the Chinese sentences are joined with nothing
(Chinese has no space between sentences), the English ones with a single space. To undo
the join exactly, our files also carry the sentence lengths (in characters, e.g. "12 30 8");
a segment without them, or edited since (the lengths no longer fit), is split again with
the project's sentence splitter.
"""

from __future__ import annotations

from workbench.text import segment

JOINER = {"zh": "", "en": " "}


def join(sentences: list[str], lang: str) -> str:
    return JOINER[lang].join(sentences)


def lengths(sentences: list[str]) -> str:
    return " ".join(str(len(s)) for s in sentences)


def split(text: str, lang: str, recorded: str | None = None) -> list[str]:
    """The sentences of a segment: exactly as recorded when the lengths fit, else re-split.

    A tab becomes a space (a sentence never holds one: it would break TSV columns).
    """
    text = text.replace("\t", " ")
    exact = _split_by_lengths(text, JOINER[lang], recorded) if recorded else None
    if exact is not None:
        return exact
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(segment.split(line, lang))
    return out


def _split_by_lengths(text: str, joiner: str, recorded: str) -> list[str] | None:
    try:
        sizes = [int(n) for n in recorded.split()]
    except ValueError:
        return None
    if not sizes or any(n <= 0 for n in sizes):
        return None
    if sum(sizes) + len(joiner) * (len(sizes) - 1) != len(text):
        return None
    out, at = [], 0
    for i, n in enumerate(sizes):
        if i:
            if text[at : at + len(joiner)] != joiner:
                return None
            at += len(joiner)
        piece = text[at : at + n]
        if not piece.strip():
            return None
        out.append(piece)
        at += n
    return out
