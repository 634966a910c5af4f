"""Fit the sentence encoder's weight in the bead score, and the confidence calibration, on the
development beads (../shared/align-gold/mac-dev).

1. Candidate beads: every two-sided bead the final DP pass scores in a band of +-8 sentences
   around the gold path (after the translation table is learnt, as in the aligner).  Label: the
   bead is in the gold.  Logistic regression of the label on (lexical score, cosine): the
   cosine's weight is beta_cos / beta_lex (in the lexical score's units).  Its offset is the
   median cosine of the candidates that are not gold: a bead whose meaning agrees no better than
   a neighbouring wrong pairing's gains nothing, so the term does not favour more or fewer beads
   by itself.  (Placing the offset from the regression's intercepts instead, 0.68, merged
   beads wholesale: pooled strict F1 0.63.)
2. Calibration: the aligner with the fitted feature; logistic regression of "bead strictly
   right" on its raw score, for 1-1 beads and for the other two-sided beads.

Prints the constants to put in workbench/align/semantic.py (WEIGHT, OFFSET) and in
workbench/align/__init__.py (_CAL_SEMANTIC).

``--cv``: leave one chapter out (constants chosen on two chapters, the third aligned, clean and
noisy), two ways (the logistic fit above; the weight picked from a grid by strict F1), beside
the shipped constants in-sample, and a table of strict F1 against the weight per chapter (see
:func:`cross_validate`).  These are the held-out figures to quote.

    python bench/align_fit_semantic.py [--cv [--kinds clean,untranslated,...]]
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
GOLD = ROOT.parent / "shared" / "align-gold" / "mac-dev"


def logistic(X: np.ndarray, y: np.ndarray, iters: int = 50, ridge: float = 1e-6) -> np.ndarray:
    """Logistic regression by Newton's method; X gets an intercept column first."""
    X = np.column_stack([np.ones(len(X)), X])
    w = np.zeros(X.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-X @ w))
        g = X.T @ (y - p) - ridge * w
        H = (X * (p * (1 - p))[:, None]).T @ X + ridge * np.eye(len(w))
        step = np.linalg.solve(H, g)
        w += step
        if np.abs(step).max() < 1e-9:
            break
    return w


def candidates(zh, en, gold, scorer):
    from workbench.align import core

    prm = core.Params()
    doc = core.Doc(zh, en, (), prm.idf_pow)
    ctx = core._context(doc, zh, en, prm, None, None, None)
    beads = core._search(doc, prm, ctx, core.TYPES_FULL)
    doc.learn(beads, prm.dice_min)
    gold_path = [(tuple(z), tuple(e), 0.0) for z, e in gold]
    band = core.Band.around(core._centre_from_beads(gold_path, doc.N), prm.width, doc.M)
    nodes = core.Nodes.of(band)
    _, score, _ = core.bead_scores(doc, band, nodes, core.TYPES_FULL, prm, ctx)
    gs = {(z, e) for z, e in gold if z and e}
    lex, cos, lab = [], [], []
    for t, (a, b) in enumerate(core.TYPES_FULL):
        if a == 0 or b == 0:
            continue
        k = np.nonzero(score[t] > core.NEG / 2)[0]
        i, j = nodes.row[k], nodes.col[k]
        lex.append(score[t, k])
        cos.append(scorer.cosine(i - a, i, j - b, j))
        lab.append(np.array([(tuple(range(ii - a, ii)), tuple(range(jj - b, jj))) in gs
                             for ii, jj in zip(i.tolist(), j.tolist())]))
    return np.concatenate(lex), np.concatenate(cos), np.concatenate(lab).astype(float)


def fit(cands) -> tuple[float, float, np.ndarray]:
    """(weight, offset, regression coefficients) from the candidates of some chapters."""
    L, C, Y = (np.concatenate(x) for x in zip(*cands))
    coef = logistic(np.column_stack([L, C]), Y)
    return float(coef[2] / coef[1]), float(np.median(C[Y == 0])), coef


# weights the held-out choice picks from (the shipped WEIGHT and the logistic folds are added)
GRID = (0.0, 0.6, 1.0, 1.3, 1.5, 1.9, 2.1, 2.4, 2.8, 3.3)


class Runs:
    """Strict counts of the aligner's own path (``align(semantic=True)``: English lines split
    as the aligner splits them) on every chapter and noisy kind, at any weight of the cosine,
    optionally with the scorer replaced by ``wrap(scorer)`` (a variant of the feature, see
    bench/align_semantic_variants.py).  The chapters' span vectors are encoded once and reused
    across weights and variants."""

    def __init__(self, kinds: list[str]) -> None:
        from align_accuracy import chapters as variants

        from workbench.align import semantic

        self.sem = semantic
        self.kinds = kinds
        self.sets = {k: list(variants(GOLD, k)) for k in kinds}
        self.names = [name for name, *_ in self.sets[kinds[0]]]
        self._scorers: dict = {}
        self._counts: dict = {}

    def _scorer_for(self, zh, en, **_):
        key = (tuple(zh), tuple(en))
        if key not in self._scorers:
            self._scorers[key] = self._orig(zh, en, cache=False)
        sc = self._scorers[key]
        sc.weight, sc.offset = self._w, self._o
        if self._wrap is None:
            return sc
        v = self._wrap(sc)
        v.weight = self._w
        return v

    def counts(self, kind: str, weight: float, offset: float, wrap=None, tag: str = ""
               ) -> dict[str, tuple]:
        """{chapter: (strict tp, predicted, gold)} at this weight and offset (with the scorer
        ``wrap``ped, a variant named ``tag``)."""
        from align_accuracy import score

        from workbench.align import align

        key = (tag, kind, round(weight, 4), round(offset, 4))
        if key not in self._counts:
            self._orig, self._w, self._o = self.sem.scorer_for, weight, offset
            self._wrap = wrap
            self.sem.scorer_for = self._scorer_for
            try:
                self._counts[key] = {
                    name: score([(b.zh, b.en) for b in align(zh, en, semantic=True,
                                                             cache=False)], gold)[:3]
                    for name, zh, en, gold in self.sets[kind]}
            finally:
                self.sem.scorer_for = self._orig
        return self._counts[key]


def pooled_f1(counts: dict[str, tuple], names) -> float:
    from align_accuracy import prf

    tp, n_pred, n_gold = (sum(counts[n][k] for n in names) for k in range(3))
    return prf(tp, n_pred, tp, n_gold)[2]


def held_out_weights(runs: Runs, grid, offset: float, wrap=None, tag: str = ""
                     ) -> dict[str, float]:
    """For each chapter: the weight in ``grid`` with the best mean strict F1 over all the kinds
    on the other chapters (ties: the middle one)."""
    chosen = {}
    for name in runs.names:
        train = [n for n in runs.names if n != name]
        mean = [sum(pooled_f1(runs.counts(k, w, offset, wrap, tag), train) for k in runs.kinds)
                / len(runs.kinds) for w in grid]
        best = [w for w, m in zip(grid, mean) if m >= max(mean) - 1e-9]
        chosen[name] = best[len(best) // 2]
    return chosen


def held_out_f1(runs: Runs, kind: str, chosen: dict[str, float], offset: float, wrap=None,
                tag: str = "") -> float:
    """Strict F1 pooled over the chapters, each aligned at the weight chosen without it."""
    return pooled_f1({n: runs.counts(kind, w, offset, wrap, tag)[n] for n, w in chosen.items()},
                     runs.names)


def cross_validate(cands, kinds: list[str]) -> None:
    """Leave one chapter out, two ways, every held-out chapter aligned by the aligner's own
    path with constants chosen without it (clean and each noisy variant of bench/noisy.py;
    strict F1 pooled over the held-out chapters):

    - ``logistic``: WEIGHT and OFFSET fitted on the other two chapters as above;
    - ``grid``: OFFSET as shipped, the weight in GRID with the best mean strict F1 over all the
      kinds on the other two chapters (ties: the middle one);

    next to the shipped constants on all chapters (in-sample) and a table of pooled and
    per-chapter F1 against the weight (how flat the optimum is)."""
    import time

    from workbench.align import semantic

    t0 = time.process_time()
    runs = Runs(kinds)
    names = runs.names
    folds = {}
    for k, name in enumerate(names):
        w, o, _ = fit([c for q, c in enumerate(cands) if q != k])
        folds[name] = (w, o)
        print(f"fold without {name}: logistic WEIGHT = {w:.3f}, OFFSET = {o:.3f}")
    shipped = (semantic.WEIGHT, semantic.OFFSET)
    grid = sorted(set(GRID) | {shipped[0]})
    print(f"\nstrict F1 against the weight (OFFSET {shipped[1]}): pooled, and per chapter")
    print(f"{'kind':13} {'weight':>6} {'pooled':>7} " + " ".join(f"{n:>6}" for n in names))
    for kind in kinds:
        for w in grid:
            c = runs.counts(kind, w, shipped[1])
            print(f"{kind:13} {w:6.3f} {pooled_f1(c, names):7.3f} "
                  + " ".join(f"{pooled_f1(c, [n]):6.3f}" for n in names), flush=True)
    chosen = held_out_weights(runs, grid, shipped[1])
    print("\nweight chosen on the other two chapters (grid): "
          + ", ".join(f"without {n}: {w}" for n, w in chosen.items()))
    print(f"\n{'variant':13} {'held-out F1':>11} {'held-out F1':>11} {'in-sample F1':>12}")
    print(f"{'':13} {'(logistic)':>11} {'(grid)':>11} {'(shipped)':>12}")
    for kind in kinds:
        tot: dict[str, dict] = {"logistic": {}}
        for name in names:
            tot["logistic"][name] = runs.counts(kind, *folds[name])[name]
        f_all = pooled_f1(runs.counts(kind, *shipped), names)
        print(f"{kind:13} {pooled_f1(tot['logistic'], names):11.3f} "
              f"{held_out_f1(runs, kind, chosen, shipped[1]):11.3f} {f_all:12.3f}", flush=True)
    print(f"(leave one chapter out, strict F1 pooled over the held-out chapters; "
          f"{time.process_time() - t0:.0f} s CPU)")


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true",
                    help="also cross-validate the fit, leaving one chapter out at a time")
    ap.add_argument("--kinds", default=None,
                    help="with --cv: the clean and noisy variants (default: all of "
                    "bench/align_accuracy.py's)")
    args = ap.parse_args(argv)
    if not (GOLD / "gold").is_dir():
        print(f"align_fit_semantic: no gold data at {GOLD}")
        return 0
    from align_accuracy import KINDS, parse_beads, read_lines

    args.kinds = args.kinds or KINDS

    from workbench.align import core, semantic

    chapters = []
    for g in sorted((GOLD / "gold").iterdir()):
        zh = read_lines(GOLD / "zh" / g.name)
        en = read_lines(GOLD / "en" / g.name)
        chapters.append((g.name, zh, en, parse_beads(read_lines(g)),
                         semantic.scorer_for(zh, en, cache=False)))
    cands = [candidates(zh, en, gold, sc) for _, zh, en, gold, sc in chapters]
    weight, offset, (b0, b_lex, b_cos) = fit(cands)
    Y = np.concatenate([c[2] for c in cands])
    C = np.concatenate([c[1] for c in cands])
    print(f"candidate beads: {len(Y)}, gold among them: {int(Y.sum())}")
    print(f"cosine: gold beads median {np.median(C[Y == 1]):.3f}, others median {offset:.3f}")
    print(f"with cosine:  logit = {b0:.3f} + {b_lex:.3f} lex + {b_cos:.3f} cos")
    print(f"WEIGHT = {weight:.3f}\nOFFSET = {offset:.3f}")
    # calibration of the aligner's raw scores with the fitted feature
    raw_one, ok_one, raw_many, ok_many = [], [], [], []
    for _, zh, en, gold, sc in chapters:
        sc.weight, sc.offset = weight, offset
        gs = set(gold)
        for zs, es, s in core.align_indices(zh, en, extra=sc):
            if zs and es:
                right = (tuple(zs), tuple(es)) in gs
                if len(zs) == 1 and len(es) == 1:
                    raw_one.append(s)
                    ok_one.append(right)
                else:
                    raw_many.append(s)
                    ok_many.append(right)
    cal = {}
    for name, r, ok in (("one", raw_one, ok_one), ("many", raw_many, ok_many)):
        b, a = logistic(np.array(r)[:, None], np.array(ok, dtype=float))
        cal[name] = (round(float(a), 2), round(float(b), 2))
        print(f"calibration {name}: {len(r)} beads, P(right) = 1/(1+exp(-({a:.2f} raw + {b:.2f})))")
    print(f"_CAL_SEMANTIC = {{'one': {cal['one']}, 'many': {cal['many']}, 'skip': 0.3}}")
    if args.cv:
        cross_validate(cands, args.kinds.split(","))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
