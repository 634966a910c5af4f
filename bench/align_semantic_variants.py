"""Variants of the encoder's bead-score feature that were tried and not adopted, side by side
with the one in use, on the development chapters clean and in the noisy variants.

Each variant is an extra scorer over the same span vectors (``semantic.scorer_for``, cached in
a temporary folder for the run); strict F1 pooled over the chapters, per variant kind:

- ``in use``: WEIGHT * (cosine - OFFSET) (bench/align_fit_semantic.py);
- ``size``: the same times the bead's mean side length, (a + b) / 2 (merges wholesale: the
  offset cancels between a merged bead and its parts, and a merged span's cosine is higher);
- ``knn-margin``: Bertalign-style margin, the cosine less the mean of each sentence's 4 nearest
  neighbours on the other side (a span: the mean over its sentences), offset lowered by the mean
  hub (0.42) to keep the term's zero;
- ``random-margin``: the cosine less the mean cosine of each span with 64 evenly spread
  sentences of the other side (Vecalign's normalisation), offset 0.105;
- ``many``: a separate weight and bias for beads of more than one sentence on a side
  (+0.3 cosine, -0.1), the direction a path-level fit suggested;
- ``quadratic``: a quadratic in the cosine from logistic regression on the candidate beads.

    python bench/align_semantic_variants.py [--kinds clean,joined,...] [--variants ...]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


class Variant:
    def __init__(self, sc, kind: str) -> None:
        from workbench.align import semantic

        self.sc, self.kind, self.weight = sc, kind, semantic.WEIGHT
        self.offset = semantic.OFFSET
        if kind == "knn-margin":
            z, e = sc.zh, sc.en
            S = z.spans(np.arange(z.n), np.arange(1, z.n + 1)) @ \
                e.spans(np.arange(e.n), np.arange(1, e.n + 1)).T
            hz = -np.sort(-S, axis=1)[:, :min(4, S.shape[1])].mean(1)
            he = -np.sort(-S, axis=0)[:min(4, S.shape[0])].mean(0)
            self.hz, self.he = np.concatenate([[0], np.cumsum(hz)]), np.concatenate([[0], np.cumsum(he)])
            self.offset -= 0.42
        if kind == "random-margin":
            z, e = sc.zh, sc.en
            zs = np.unique(np.linspace(0, z.n - 1, min(64, z.n)).astype(int))
            es = np.unique(np.linspace(0, e.n - 1, min(64, e.n)).astype(int))
            self.zsamp, self.esamp = z.spans(zs, zs + 1), e.spans(es, es + 1)
            self.offset = 0.105

    def __call__(self, zl, zh, el, eh) -> np.ndarray:
        zl, zh, el, eh = (np.asarray(x, dtype=np.int64) for x in (zl, zh, el, eh))
        c = self.sc.cosine(zl, zh, el, eh)
        a, b = (zh - zl).astype(float), (eh - el).astype(float)
        if self.kind == "size":
            return (c - self.offset) * (a + b) / 2
        if self.kind == "knn-margin":
            c = c - 0.5 * ((self.hz[zh] - self.hz[zl]) / a + (self.he[eh] - self.he[el]) / b)
        if self.kind == "random-margin":
            zv, zi = self.sc.zh.unique_spans(zl, zh)
            ev, ei = self.sc.en.unique_spans(el, eh)
            c = c - 0.5 * ((zv @ self.esamp.T).mean(1)[zi] + (ev @ self.zsamp.T).mean(1)[ei])
        if self.kind == "many":
            many = (a + b) > 2
            return c - self.offset + many * (0.3 * c - 0.1) / self.weight
        if self.kind == "quadratic":
            w1, w2, med = 2.759, -1.211, 0.196   # logistic fit on lex, cos, cos^2 (dev candidates)
            return (w1 * (c - med) + w2 * (c ** 2 - med ** 2)) / self.weight
        return c - self.offset


def main(argv=None) -> int:
    from align_accuracy import GOLD, KINDS, chapters, prf, score

    from workbench.align import align, semantic

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", default=KINDS)
    ap.add_argument("--variants", default="in use,size,knn-margin,random-margin,many,quadratic")
    args = ap.parse_args(argv)
    data = GOLD / "mac-dev"
    if not (data / "gold").is_dir():
        print(f"align_semantic_variants: no gold data at {data}; nothing to score")
        return 0
    kinds = args.kinds.split(",")
    variants = args.variants.split(",")
    print(f"{'variant':14} " + " ".join(f"{k[:12]:>12}" for k in kinds))
    with tempfile.TemporaryDirectory() as tmp:
        cache = semantic.VectorCache(tmp, max_bytes=2**31)
        sets = {k: [(zh, en, gold, semantic.scorer_for(zh, en, cache=cache))
                    for _, zh, en, gold in chapters(data, k)] for k in kinds}
        for v in variants:
            row = []
            for k in kinds:
                tot = [0] * 5
                for zh, en, gold, sc in sets[k]:
                    beads = align(zh, en, extra=Variant(sc, v))
                    tot = [x + y for x, y in zip(tot, score([(b.zh, b.en) for b in beads], gold))]
                row.append(prf(tot[0], tot[1], tot[0], tot[2])[2])
            print(f"{v:14} " + " ".join(f"{f:12.3f}" for f in row), flush=True)
    print("(strict F1 pooled over the dev chapters; 1-0/0-1 beads excluded as in align_accuracy)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
