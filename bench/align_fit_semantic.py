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

    python bench/align_fit_semantic.py
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


def main() -> int:
    if not (GOLD / "gold").is_dir():
        print(f"align_fit_semantic: no gold data at {GOLD}")
        return 0
    from align_accuracy import parse_beads, read_lines

    from workbench.align import core, semantic

    chapters = []
    for g in sorted((GOLD / "gold").iterdir()):
        zh = read_lines(GOLD / "zh" / g.name)
        en = read_lines(GOLD / "en" / g.name)
        chapters.append((zh, en, parse_beads(read_lines(g)),
                         semantic.scorer_for(zh, en, cache=False)))
    L, C, Y = (np.concatenate(x) for x in zip(*(candidates(*c) for c in chapters)))
    print(f"candidate beads: {len(Y)}, gold among them: {int(Y.sum())}")
    b0, b_lex, b_cos = logistic(np.column_stack([L, C]), Y)
    weight = b_cos / b_lex
    offset = float(np.median(C[Y == 0]))
    print(f"cosine: gold beads median {np.median(C[Y == 1]):.3f}, others median {offset:.3f}")
    print(f"with cosine:  logit = {b0:.3f} + {b_lex:.3f} lex + {b_cos:.3f} cos")
    print(f"WEIGHT = {weight:.3f}\nOFFSET = {offset:.3f}")
    # calibration of the aligner's raw scores with the fitted feature
    raw_one, ok_one, raw_many, ok_many = [], [], [], []
    for zh, en, gold, sc in chapters:
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
