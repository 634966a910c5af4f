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
- ``quadratic``: a quadratic in the cosine from logistic regression on the candidate beads;
- ``coverage``: plus 0.3 times the bead's sentence coverage: over its sentences, the best
  single-sentence cosine with a sentence of the other side in the bead, less 0.3, summed and
  halved (a per-sentence term, so the number of beads does not change its total; meant for
  boundary sentences that a span cosine barely tells apart).

Every variant runs the aligner's own path (``align(semantic=True)``, English lines split as it
splits them) with the scorer swapped, at each weight of a grid; printed: strict F1 at the
shipped weight (in-sample), and held out, leaving one chapter out: the weight chosen on the
other two chapters by mean strict F1 over the kinds (bench/align_fit_semantic.py --cv).

    python bench/align_semantic_variants.py [--kinds clean,joined,...] [--variants ...]
"""
from __future__ import annotations

import argparse
import sys
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
        if self.kind == "coverage":
            return c - self.offset + 0.3 * self._coverage(zl, zh, el, eh, 0.3)
        if self.kind == "quadratic":
            w1, w2, med = 2.759, -1.211, 0.196   # logistic fit on lex, cos, cos^2 (dev candidates)
            return (w1 * (c - med) + w2 * (c ** 2 - med ** 2)) / self.weight
        return c - self.offset

    def _coverage(self, zl, zh, el, eh, theta: float) -> np.ndarray:
        a, b = zh - zl, eh - el
        A, B = int(a.max()), int(b.max())
        S = np.full((len(zl), A, B), -9.0)
        for d in range(A):
            for f in range(B):
                m = (d < a) & (f < b)
                if m.any():
                    S[m, d, f] = self.sc.cosine(zl[m] + d, zl[m] + d + 1, el[m] + f, el[m] + f + 1)
        zs = np.where(np.arange(A)[None] < a[:, None], S.max(2) - theta, 0).sum(1)
        es = np.where(np.arange(B)[None] < b[:, None], S.max(1) - theta, 0).sum(1)
        return (zs + es) / 2


def main(argv=None) -> int:
    import time

    from align_accuracy import GOLD, KINDS
    from align_fit_semantic import Runs, held_out_f1, held_out_weights, pooled_f1

    from workbench.align import semantic

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", default=KINDS)
    ap.add_argument("--variants",
                    default="in use,coverage,knn-margin,random-margin,many,size,quadratic")
    ap.add_argument("--grid", default="1.0,1.3,1.5,1.695,1.9,2.1,2.4",
                    help="weights the held-out choice picks from")
    args = ap.parse_args(argv)
    if not (GOLD / "mac-dev" / "gold").is_dir():
        print(f"align_semantic_variants: no gold data at {GOLD / 'mac-dev'}; nothing to score")
        return 0
    t0 = time.process_time()
    kinds = args.kinds.split(",")
    grid = [float(w) for w in args.grid.split(",")]
    runs = Runs(kinds)
    shipped = (semantic.WEIGHT, semantic.OFFSET)
    print(f"{'variant':14} {'':9} " + " ".join(f"{k[:12]:>12}" for k in kinds))
    for v in args.variants.split(","):
        def wrap(sc, v=v):
            return Variant(sc, v)
        chosen = held_out_weights(runs, grid, shipped[1], wrap, v)
        inside = [pooled_f1(runs.counts(k, shipped[0], shipped[1], wrap, v), runs.names)
                  for k in kinds]
        held = [held_out_f1(runs, k, chosen, shipped[1], wrap, v) for k in kinds]
        print(f"{v:14} {'in-sample':9} " + " ".join(f"{f:12.3f}" for f in inside))
        print(f"{'':14} {'held out':9} " + " ".join(f"{f:12.3f}" for f in held)
              + "   weights " + "/".join(f"{chosen[n]:g}" for n in runs.names), flush=True)
    print(f"(strict F1 pooled over the dev chapters; in-sample: weight {shipped[0]}; held out: "
          f"leave one chapter out, weight from {grid}; {time.process_time() - t0:.0f} s CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
