"""Accuracy of the aligner on the development gold data (../shared/align-gold/mac-dev).

Prints strict and lax precision / recall / F1 per chapter and pooled, and a reliability table
(confidence bins vs share of beads that are strictly right).

Scoring (as Bertalign's scorer): beads with an empty side (1-0 / 0-1) are excluded from both
the gold and the prediction.  Strict: a predicted bead is right only if the gold has exactly the
same bead.  Lax: a predicted bead is right if it shares a zh and an en sentence with a gold
bead; lax recall counts gold beads that share a zh and an en sentence with a predicted bead.

Then the same pooled figures on noisy variants of the chapters (bench/noisy.py), with the
recall of gold 1-0 / 0-1 beads and of many-to-many beads.

    python bench/align_accuracy.py [--data DIR] [--kinds clean,untranslated,...]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
GOLD = ROOT.parent / "shared" / "align-gold"


def read_lines(p: Path) -> list[str]:
    return [ln.rstrip("\n") for ln in p.read_text(encoding="utf-8").splitlines()]


def parse_beads(lines) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        z, e = ln.split(":")
        zs = tuple(int(x) for x in z.strip()[1:-1].split(",") if x.strip())
        es = tuple(int(x) for x in e.strip()[1:-1].split(",") if x.strip())
        out.append((zs, es))
    return out


def score(pred, gold):
    """Returns counts: strict tp, n_pred, n_gold, lax tp_pred, lax tp_gold."""
    g = [b for b in gold if b[0] and b[1]]
    p = [b for b in pred if b[0] and b[1]]
    gs = set(g)
    tp = sum(1 for b in p if b in gs)

    def cells(bs):
        c = {}
        for k, (zs, es) in enumerate(bs):
            for z in zs:
                for e in es:
                    c.setdefault((z, e), set()).add(k)
        return c

    gcells, pcells = cells(g), cells(p)
    lax_p = sum(1 for zs, es in p if any((z, e) in gcells for z in zs for e in es))
    lax_g = sum(1 for zs, es in g if any((z, e) in pcells for z in zs for e in es))
    return tp, len(p), len(g), lax_p, lax_g


def prf(tp_p, n_p, tp_g, n_g):
    P = tp_p / n_p if n_p else 0.0
    R = tp_g / n_g if n_g else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F


def null_and_many(pred, gold):
    """(gold null beads found, gold null beads, gold m-n beads (m, n >= 2) found, gold m-n)."""
    ps = set(pred)
    nulls = [b for b in gold if not (b[0] and b[1])]
    many = [b for b in gold if len(b[0]) >= 2 and len(b[1]) >= 2]
    return (sum(b in ps for b in nulls), len(nulls), sum(b in ps for b in many), len(many))


def chapters(data: Path, kind: str):
    """(name, zh lines, en lines, gold beads) of each chapter, with noise of `kind`."""
    import noisy

    for gfile in sorted((data / "gold").iterdir()):
        name = gfile.name
        zh = read_lines(data / "zh" / name)
        en = read_lines(data / "en" / name)
        gold = parse_beads(read_lines(gfile))
        if kind != "clean":
            zh, en, gold = noisy.to_files(noisy.variant(kind, name, noisy.from_gold(zh, en, gold)))
        yield name, zh, en, gold


def evaluate(data: Path, kind: str, verbose: bool):
    """Pooled counts over the chapters; prints per chapter when verbose."""
    from workbench.align import align

    tot = [0] * 9
    rel: list[tuple[float, bool]] = []
    for name, zh, en, gold in chapters(data, kind):
        beads = align(zh, en)
        pred = [(b.zh, b.en) for b in beads]
        c = score(pred, gold) + null_and_many(pred, gold)
        for k in range(9):
            tot[k] += c[k]
        gs = set(gold)
        rel.extend((b.score, (b.zh, b.en) in gs) for b in beads if b.zh and b.en)
        if verbose:
            sp = prf(c[0], c[1], c[0], c[2])
            lp = prf(c[3], c[1], c[4], c[2])
            print(f"{name:8} {sp[0]:8.3f} {sp[1]:6.3f} {sp[2]:6.3f} | {lp[0]:6.3f} {lp[1]:6.3f}"
                  f" {lp[2]:6.3f} | {c[1]:5d} {c[2]:5d}")
    return tot, rel


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b}" if b else "-"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=GOLD / "mac-dev")
    ap.add_argument("--kinds", default="clean,untranslated,added,boilerplate,joined,section,all",
                    help="comma-separated: clean and the noisy kinds of bench/noisy.py")
    args = ap.parse_args(argv)
    if not (args.data / "gold").is_dir():
        print(f"align_accuracy: no gold data at {args.data} (needs ../shared/align-gold); "
              "nothing to score")
        return 0
    t0 = time.perf_counter()
    kinds = [k for k in args.kinds.split(",") if k]
    rows = []
    for kind in kinds:
        verbose = kind == "clean"
        if verbose:
            print(f"{'chapter':8} {'strict P':>8} {'R':>6} {'F1':>6} | {'lax P':>6} {'R':>6}"
                  f" {'F1':>6} | {'beads':>5} {'gold':>5}")
        tot, rel = evaluate(args.data, kind, verbose)
        rows.append((kind, tot))
        if verbose:
            sp = prf(tot[0], tot[1], tot[0], tot[2])
            lp = prf(tot[3], tot[1], tot[4], tot[2])
            print(f"{'pooled':8} {sp[0]:8.3f} {sp[1]:6.3f} {sp[2]:6.3f} | {lp[0]:6.3f}"
                  f" {lp[1]:6.3f} {lp[2]:6.3f} | {tot[1]:5d} {tot[2]:5d}")
            print("\nreliability (non-empty predicted beads): confidence bin -> share strictly "
                  "right")
            bins = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
            for lo, hi in bins:
                sel = [ok for s, ok in rel if lo <= s < hi]
                if sel:
                    mean = sum(s for s, _ in rel if lo <= s < hi) / len(sel)
                    print(f"  {lo:.1f}-{min(hi, 1.0):.1f}: {len(sel):4d} beads, mean conf "
                          f"{mean:.2f}, right {sum(sel) / len(sel):.2f}")
            print()
    print(f"{'pooled':12} {'strict P':>8} {'R':>6} {'F1':>6} | {'lax F1':>6} | "
          f"{'1-0/0-1 recall':>14} {'m-n recall':>10}")
    for kind, tot in rows:
        sp = prf(tot[0], tot[1], tot[0], tot[2])
        lp = prf(tot[3], tot[1], tot[4], tot[2])
        print(f"{kind:12} {sp[0]:8.3f} {sp[1]:6.3f} {sp[2]:6.3f} | {lp[2]:6.3f} | "
              f"{_ratio(tot[5], tot[6]):>14} {_ratio(tot[7], tot[8]):>10}")
    print(f"(strict/lax exclude 1-0/0-1 beads from gold and prediction, as Bertalign's scorer "
          f"does; 1-0/0-1 recall: gold null beads output exactly; m-n: gold beads with >= 2 "
          f"sentences on both sides; noisy kinds: bench/noisy.py; "
          f"{time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
