"""What every document reader returns: blocks of text in reading order, one a paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters written without spaces between them: CJK ideographs, kana, fullwidth punctuation.
_TIGHT = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’]")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b]+")
_TIGHT_GAP = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]) +(?=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])")


@dataclass(frozen=True)
class Block:
    """A paragraph of a document. A `verbatim` block (a code block) is kept whole: never split
    into sentences, never taken for a speaker label or for web debris."""

    text: str
    verbatim: bool = False


def join_lines(lines: list[str], tight_gaps: bool = False) -> str:
    """Join the lines of one paragraph: no space between Chinese characters, one space
    between English words; runs of spaces collapsed. With `tight_gaps`, spaces between two
    Chinese characters inside a line go too (a PDF's justified lines)."""
    out = ""
    for raw in lines:
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        if out and not (_TIGHT.match(out[-1]) and _TIGHT.match(line[0])):
            out += " "
        out += line
    return _TIGHT_GAP.sub("", out) if tight_gaps else out


def blocks_from_lines(text: str) -> list[Block]:
    """One block a non-blank line (soft line breaks inside a line already joined)."""
    return [Block(line.strip()) for line in text.split("\n") if line.strip()]
