"""A check run's findings as the editor holds them: what the main view needs at once (which
pairs have findings, how many), the findings themselves decoded only when they are shown.

The checks run in another process and their findings come back pickled. On 10,000 pairs that
is some 16,000 findings, and unpickling them all holds the interpreter 25-40 ms: a key pressed
meanwhile stalls. So the checks process sorts them by pair and hands over pieces still pickled,
with where each pair's findings are; a pair's piece is unpickled when that pair is shown (about
a millisecond), the whole list when the findings screen asks for it.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence

PIECE = 500  # findings a piece

#: (pieces: pickled lists of findings or lists, spans: pair id -> (start, stop), count)
Packed = tuple[list, dict, int]


def pack(found: list, *, pickled: bool = True) -> Packed:
    """The findings sorted by pair (document-wide ones first, each pair's in the checks' order)
    in pieces of PIECE, and where each pair's findings are in that order."""
    found = sorted(found, key=lambda f: -1 if f.pair is None else f.pair)
    spans: dict[int | None, tuple[int, int]] = {}
    for n, f in enumerate(found):
        start = spans.get(f.pair, (n, n))[0]
        spans[f.pair] = (start, n + 1)
    pieces = [found[k : k + PIECE] for k in range(0, len(found), PIECE)]
    return ([pickle.dumps(p) for p in pieces] if pickled else pieces), spans, len(found)


class CheckResults(Sequence):
    """The findings of one check run (a sequence of `Finding`); `marks` are the ids of the pairs
    with findings; `on_pair(id)` a pair's findings."""

    def __init__(self, packed: Packed) -> None:
        self._pieces, self._spans, self._count = packed
        self.marks = frozenset(k for k in self._spans if k is not None)

    @classmethod
    def of(cls, found: list) -> CheckResults:
        return cls(pack(found, pickled=False))

    def _piece(self, k: int) -> list:
        piece = self._pieces[k]
        if isinstance(piece, bytes):
            piece = self._pieces[k] = pickle.loads(piece)
        return piece

    def on_pair(self, pair_id: int | None) -> list:
        """The findings on this pair (None: on the whole document), in the checks' order."""
        span = self._spans.get(pair_id)
        if span is None:
            return []
        start, stop = span
        out = []
        for k in range(start // PIECE, (stop - 1) // PIECE + 1):
            base = k * PIECE
            out.extend(self._piece(k)[max(start - base, 0) : stop - base])
        return out

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._piece(index // PIECE)[index % PIECE]

    def __iter__(self) -> Iterator:
        for k in range(len(self._pieces)):
            yield from self._piece(k)
