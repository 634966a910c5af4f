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

``--cv``: leave one chapter out (fit on two, align the third, clean and noisy), to see how
much the fitted constants depend on the chapters they were fitted on.

    python bench/align_fit_semantic.py [--cv]
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


def cross_validate(chapters, cands) -> None:
    """Leave one chapter out: the weight and offset fitted on the other chapters, the held-out
    chapter aligned with them (clean and each noisy variant of bench/noisy.py), against the
    same chapter aligned with the constants fitted on all chapters; strict F1 pooled over the
    held-out chapters."""
    from align_accuracy import KINDS, prf, score
    from align_accuracy import chapters as variants

    from workbench.align import align, semantic

    names = [name for name, *_ in chapters]
    folds = {}
    for k, name in enumerate(names):
        w, o, _ = fit([c for q, c in enumerate(cands) if q != k])
        folds[name] = (w, o)
        print(f"fold without {name}: WEIGHT = {w:.3f}, OFFSET = {o:.3f}")
    w_all, o_all, _ = fit(cands)
    print(f"{'variant':14} {'held-out F1':>11} {'all-data F1':>11}")
    for kind in KINDS.split(","):
        tot = {"cv": [0] * 5, "all": [0] * 5}
        for name, zh, en, gold in variants(GOLD, kind):
            sc = semantic.scorer_for(zh, en, cache=False)
            for key, (w, o) in (("cv", folds[name]), ("all", (w_all, o_all))):
                sc.weight, sc.offset = w, o
                c = score([(b.zh, b.en) for b in align(zh, en, extra=sc)], gold)
                tot[key] = [a + b for a, b in zip(tot[key], c)]
        f = {k: prf(t[0], t[1], t[0], t[2])[2] for k, t in tot.items()}
        print(f"{kind:14} {f['cv']:11.3f} {f['all']:11.3f}", flush=True)


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true",
                    help="also cross-validate the fit, leaving one chapter out at a time")
    args = ap.parse_args(argv)
    if not (GOLD / "gold").is_dir():
        print(f"align_fit_semantic: no gold data at {GOLD}")
        return 0
    from align_accuracy import parse_beads, read_lines

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
        cross_validate(chapters, cands)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
