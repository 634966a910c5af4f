"""Byte masks: one byte for each word of a run's text, worked on whole in C.

variant-spelling and rendering-inconsistent reduce every word (and what is between words) to
a byte, map those bytes through a table (`table`, for `bytes.translate`), and-or them as whole
numbers (`lanes`: byte k in bits 8k to 8k + 7, so that `>> 8 * j` brings word k + j's byte to
word k), and look one by one only at the places left (`nonzero`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import compress


def table(f: Callable[[int], int]) -> bytes:
    """`bytes.translate`'s table: byte b → f(b) (a bool counts as 0 or 1)."""
    return bytes(map(f, range(256)))


def lanes(mask: bytes) -> int:
    """The bytes as one number, byte k in its bits 8k to 8k + 7: `&`, `|`, and `+` where no sum
    of two bytes reaches 256, work on every byte at once."""
    return int.from_bytes(mask, "little")


def nonzero(mask: bytes) -> list[int]:
    """The places of the nonzero bytes of a mask."""
    if mask.count(0) > len(mask) - len(mask) // 32:  # (few: found by a scan in C)
        return list(map(re.Match.start, _NONZERO.finditer(mask)))
    return list(compress(range(len(mask)), mask))


_NONZERO = re.compile(rb"[^\x00]")
