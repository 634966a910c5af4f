"""Score the aligner on the demo briefing against the hand-checked demo alignment.

    python bench/demo_alignment.py

Each run is lexical-only (--no-semantic) and with the sentence encoder (--semantic, vectors
not cached).

Prints strict precision/recall/F1 (exact pair match, pairs with an empty side included and
excluded) and whether every speaker turn is paired with its counterpart. The reference was
made from the tool's own first output and then corrected by hand (alignments/README.md), so it
is a check of a non-literary genre, not an independent gold standard.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.align.build import align_documents  # noqa: E402
from workbench.glossary.model import load_glossary  # noqa: E402
from workbench.store.alignment_file import load_alignment  # noqa: E402
from workbench.text.documents import read_document  # noqa: E402


def beads_of(al) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out, zi, ei = [], 0, 0
    for p in al.pairs:
        out.append((tuple(range(zi, zi + len(p.zh))), tuple(range(ei, ei + len(p.en)))))
        zi += len(p.zh)
        ei += len(p.en)
    return out


def prf(pred, gold):
    ps, gs = set(pred), set(gold)
    tp = len(ps & gs)
    p = tp / len(ps) if ps else 0.0
    r = tp / len(gs) if gs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ref = load_alignment(ROOT / "alignments" / "scio-2024-07-05.yaml")
    zh = read_document(ROOT / "seeds" / "zh" / "scio-2024-07-05.txt", "zh")
    en = read_document(ROOT / "seeds" / "en" / "scio-2024-07-05.txt", "en")
    glossary_path = ROOT / "glossary" / "scio.yaml"
    runs = [(g, sem) for g in (("no glossary", None), ("with glossary/scio.yaml", load_glossary(glossary_path) if glossary_path.exists() else None))
            for sem in (False, True)]
    for (label, glossary), semantic in runs:
        if label != "no glossary" and glossary is None:
            continue
        label += ", --semantic" if semantic else ", --no-semantic"
        t = time.perf_counter()
        got = align_documents(zh, en, glossary=glossary, semantic=semantic, cache=False)
        dt = time.perf_counter() - t
        pred, gold = beads_of(got), beads_of(ref)
        p, r, f = prf(pred, gold)
        pn, rn, fn = prf([b for b in pred if b[0] and b[1]], [b for b in gold if b[0] and b[1]])
        turns = [(z, e) for z, e in gold if len(z) == 1 and re.fullmatch(r".{2,6}：", zh.sentences()[z[0]])]
        turns_ok = sum(1 for b in turns if b in set(pred))
        print(f"demo briefing ({label}): {len(gold)} reference pairs, {len(pred)} predicted, {dt:.2f} s")
        print(f"  strict, all pairs:        P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        print(f"  strict, two-sided pairs:  P {pn:.3f}  R {rn:.3f}  F1 {fn:.3f}")
        print(f"  speaker turns in place:   {turns_ok}/{len(turns)}")


if __name__ == "__main__":
    main()
