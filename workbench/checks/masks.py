"""Byte masks: one byte for each word of a run's text, worked on whole in C.

variant-spelling and rendering-inconsistent reduce every word (and what is between words) to
a byte, map those bytes through a table (`table`, for `bytes.translate`), and-or them as whole
numbers (`lanes`: byte k in bits 8k to 8k + 7, so that `>> 8 * j` brings word k + j's byte to
word k), and look one by one only at the places left (`nonzero`)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate, compress, repeat
from operator import add, sub


def table(f: Callable[[int], int]) -> bytes:
    """`bytes.translate`'s table: byte b → f(b) (a bool counts as 0 or 1)."""
    return bytes(map(f, range(256)))


def lanes(mask: bytes) -> int:
    """The bytes as one number, byte k in its bits 8k to 8k + 7: `&`, `|`, and `+` where no sum
    of two bytes reaches 256, work on every byte at once."""
    return int.from_bytes(mask, "little")


def nonzero(mask: bytes) -> list[int]:
    """The places of the nonzero bytes of a mask."""
    if mask.count(0) < len(mask) - len(mask) // 8:  # (many: each place picked by compress)
        return list(compress(range(len(mask)), mask))
    # (fewer: the mask cut at its nonzero bytes, in C, and each place added up from the lengths
    # of the pieces before it, a few C steps a place, not one for every byte)
    pieces = mask.translate(_ONE).split(b"\x01")
    pieces.pop()
    return list(map(sub, accumulate(map(add, map(len, pieces), repeat(1))), repeat(1)))


_ONE = table(bool)  # (a nonzero byte → 1)
