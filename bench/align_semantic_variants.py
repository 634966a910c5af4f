"""Variants of the encoder's bead-score feature that were tried and not adopted, side by side
with the one in use, on the development chapters clean and in the noisy variants.

Each variant is an extra scorer over the same span vectors (``semantic.scorer_for``); strict F1
pooled over the chapters, per variant kind:

- ``in use``: WEIGHT * (cosine - OFFSET + COVER * sentence coverage) (SemanticScorer);
- ``span only``: WEIGHT * (cosine - OFFSET), as before the coverage; the variants below are
  variants of this one;
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
- (``in use`` adds COVER times the bead's sentence coverage: over its sentences, the best
  single-sentence cosine with a sentence of the other side in the bead, less COVER_FROM, summed
  and halved: a per-sentence term, so the number of beads does not change its total; meant
  for boundary sentences that a span cosine barely tells apart.)

``--cover-grid COVERS:FROMS`` instead chooses COVER and COVER_FROM too, leaving one chapter
out: for each held-out chapter the (weight, COVER, COVER_FROM) with the best mean strict F1
over the kinds on the other two.

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
        if self.kind == "in use":
            return self.sc(zl, zh, el, eh)
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
    import time

    from align_accuracy import GOLD, KINDS
    from align_fit_semantic import Runs, held_out_f1, held_out_weights, pooled_f1

    from workbench.align import semantic

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", default=KINDS)
    ap.add_argument("--variants",
                    default="in use,span only,knn-margin,random-margin,many,size,quadratic")
    ap.add_argument("--grid", default="1.0,1.3,1.5,1.695,1.9,2.1,2.4",
                    help="weights the held-out choice picks from")
    ap.add_argument("--cover-grid", default=None, metavar="COVERS:FROMS",
                    help="choose COVER and COVER_FROM too, leaving one chapter out "
                    "(e.g. 0,0.15,0.3,0.6:0.2,0.3,0.4)")
    args = ap.parse_args(argv)
    if not (GOLD / "mac-dev" / "gold").is_dir():
        print(f"align_semantic_variants: no gold data at {GOLD / 'mac-dev'}; nothing to score")
        return 0
    t0 = time.process_time()
    kinds = args.kinds.split(",")
    grid = [float(w) for w in args.grid.split(",")]
    runs = Runs(kinds)
    shipped = (semantic.WEIGHT, semantic.OFFSET)
    if args.cover_grid:
        return cover_grid(runs, grid, args.cover_grid, t0)
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


def cover_grid(runs, grid, spec: str, t0: float) -> int:
    """Held-out F1 with (weight, COVER, COVER_FROM) all chosen on the other two chapters."""
    import itertools
    import time

    from align_fit_semantic import pooled_f1

    from workbench.align import semantic

    covers, froms = ([float(x) for x in part.split(",")] for part in spec.split(":"))
    configs = [(w, c, f) for w, c, f in itertools.product(grid, covers, froms)
               if c or f == froms[0]]   # COVER 0: COVER_FROM does not matter

    def counts(kind, w, c, f):
        def wrap(sc):
            sc.cover, sc.cover_from = c, f
            return sc
        return runs.counts(kind, w, semantic.OFFSET, wrap, f"cover {c} {f}")

    print(f"{'weight':>6} {'COVER':>5} {'FROM':>5} " + " ".join(f"{k[:12]:>12}" for k in runs.kinds)
          + "  (in-sample)")
    for w, c, f in configs:
        print(f"{w:6.3f} {c:5.2f} {f:5.2f} " + " ".join(
            f"{pooled_f1(counts(k, w, c, f), runs.names):12.3f}" for k in runs.kinds), flush=True)
    chosen = {}
    for name in runs.names:
        train = [n for n in runs.names if n != name]
        mean = [sum(pooled_f1(counts(k, *cfg), train) for k in runs.kinds) / len(runs.kinds)
                for cfg in configs]
        chosen[name] = configs[int(np.argmax(mean))]
    held = [pooled_f1({n: counts(k, *chosen[n])[n] for n in runs.names}, runs.names)
            for k in runs.kinds]
    print(f"{'held out':17} " + " ".join(f"{f:12.3f}" for f in held) + "   chosen "
          + "; ".join(f"without {n}: {w:g}/{c:g}/{f:g}" for n, (w, c, f) in chosen.items()))
    print(f"(strict F1 pooled over the dev chapters; held out: leave one chapter out, weight, "
          f"COVER and COVER_FROM chosen on the other two; {time.process_time() - t0:.0f} s CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
