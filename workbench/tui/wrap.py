"""Wrapping mixed Chinese/English text to a width in terminal cells (Chinese characters are two).

Fast on purpose: the main view wraps every pair of a 10,000-pair document to know its height.
Text without wide characters is wrapped at spaces with `str.rfind`; text with them is broken
between any two wide characters or at spaces, never inside a Latin word that fits a line.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from workbench.text.visible import visible

# One wide character, or a run of narrow non-space characters, or a run of spaces.
_TOKENS = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+")
# Chinese punctuation that should not begin a line: it stays with the character before it.
_NO_LINE_START = frozenset("，。、；：！？）》」』”’…—．,.;:!?)")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells (one line for text that fits; at least one line).

    The text is first made visible (control, bidi and zero-width characters as marks), so
    what is measured is what is drawn and nothing in a sentence can drive the terminal.
    """
    text = visible(text, keep="")
    width = max(width, 2)
    if text.isascii() or cell_len(text) == len(text):
        return _wrap_narrow(text, width)
    return _wrap_wide(text, width)


def _wrap_narrow(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    lines = []
    pos, n = 0, len(text)
    while n - pos > width:
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:
            lines.append(text[pos : pos + width])
            pos += width
        else:
            lines.append(text[pos:cut])
            pos = cut + 1
        while pos < n and text[pos] == " ":
            pos += 1
    if pos < n or not lines:
        lines.append(text[pos:])
    return lines


def _wrap_wide(text: str, width: int) -> list[str]:
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for tok in _TOKENS.findall(text):
        if len(tok) == 1 and tok > "\u1100" and not tok.isspace():
            w = 2 if tok >= "\u2e80" or tok <= "\u115f" else cell_len(tok)
        else:
            w = len(tok) if tok.isascii() else cell_len(tok)
        if tok.isspace():
            if used + w <= width and line:
                line.append(tok)
                used += w
            elif line:
                lines.append("".join(line).rstrip())
                line, used = [], 0
            continue
        if used + w <= width:
            line.append(tok)
            used += w
            continue
        if tok in _NO_LINE_START and len(line) > 1 and width >= 6 and not line[-1].isspace():
            # carry the last character down with the punctuation rather than start a line with it
            carry = line.pop()
            lines.append("".join(line).rstrip())
            line, used = [carry, tok], cell_len(carry) + w
            continue
        if line:
            lines.append("".join(line).rstrip())
            line, used = [], 0
        while w > width:  # a word longer than a line: cut it
            head, rest = _cut_cells(tok, width)
            lines.append(head)
            tok = rest
            w = cell_len(tok)
        line, used = [tok], w
    if line or not lines:
        lines.append("".join(line).rstrip())
    return lines


def _cut_cells(tok: str, width: int) -> tuple[str, str]:
    used = 0
    for k, ch in enumerate(tok):
        used += cell_len(ch)
        if used > width:
            return tok[:k] or tok[:1], tok[k:] if k else tok[1:]
    return tok, ""
