"""Accuracy of the aligner on the development gold data (../shared/align-gold/mac-dev).

Prints strict and lax precision / recall / F1 per chapter and pooled, and a reliability table
(confidence bins vs share of beads that are strictly right).

Scoring (as Bertalign's scorer): beads with an empty side (1-0 / 0-1) are excluded from both
the gold and the prediction.  Strict: a predicted bead is right only if the gold has exactly the
same bead.  Lax: a predicted bead is right if it shares a zh and an en sentence with a gold
bead; lax recall counts gold beads that share a zh and an en sentence with a predicted bead.

Each set is aligned clean and in the noisy variants of bench/noisy.py (``--kinds``: sentences
left untranslated, English-only sentences, boilerplate lines, joined English sentences, English
sections the Chinese lacks, Chinese passages the English leaves out, all together), without and with the sentence encoder (``--mode
both``, the default), and a summary table puts them side by side, with the share of the gold's
1-0 / 0-1 beads, of its 2-2 beads and of its many-to-many beads (>= 2 sentences on each side)
found exactly.  Vectors are not cached here (every run encodes afresh).

    python bench/align_accuracy.py [--data DIR ...] [--mode lexical|semantic|both]
                                   [--kinds clean,untranslated,added,boilerplate,joined,section,omitted,all]
                                   [--seeds N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
KINDS = "clean,untranslated,added,boilerplate,joined,section,omitted,all"
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


def recall_of(pred, gold, kind) -> tuple[int, int]:
    """(found, total) gold beads of a kind found exactly: "null" = 1-0 / 0-1, "2-2" = two
    sentences on each side."""
    want = [b for b in gold if (kind == "null" and not (b[0] and b[1]))
            or (kind == "2-2" and len(b[0]) == 2 and len(b[1]) == 2)
            or (kind == "m-n" and len(b[0]) >= 2 and len(b[1]) >= 2)]
    ps = set(pred)
    return sum(1 for b in want if b in ps), len(want)


def chapters(data: Path, kind: str = "clean", seeds: int = 1):
    """(name, zh lines, en lines, gold beads) of each chapter, with noise of `kind` (drawn
    `seeds` times: 001, 001/1, 001/2 ...; the clean chapters once)."""
    import noisy

    for gfile in sorted((data / "gold").iterdir()):
        name = gfile.name
        zh = read_lines(data / "zh" / name)
        en = read_lines(data / "en" / name)
        gold = parse_beads(read_lines(gfile))
        if kind == "clean":
            yield name, zh, en, gold
            continue
        for seed in range(max(1, seeds)):
            z, e, g = noisy.to_files(noisy.variant(kind, name, noisy.from_gold(zh, en, gold), seed))
            yield (f"{name}/{seed}" if seed else name), z, e, g


def run_mode(data: Path, semantic: bool, quiet: bool = False, kind: str = "clean",
             seeds: int = 1) -> dict:
    """Align every chapter of ``data`` in one mode; print per chapter, return the pooled counts."""
    from workbench.align import align

    t0 = time.perf_counter()
    tot = [0, 0, 0, 0, 0]
    extra = {"null": [0, 0], "2-2": [0, 0], "m-n": [0, 0]}
    rel: list[tuple[float, bool]] = []
    if not quiet:
        print(f"{'chapter':8} {'strict P':>8} {'R':>6} {'F1':>6} | {'lax P':>6} {'R':>6} {'F1':>6}"
              f" | {'beads':>5} {'gold':>5}")
    for name, zh, en, gold in chapters(data, kind, seeds):
        beads = align(zh, en, semantic=semantic, cache=False)
        pred = [(b.zh, b.en) for b in beads]
        c = score(pred, gold)
        for k in range(5):
            tot[k] += c[k]
        for kind in extra:
            f, n = recall_of(pred, gold, kind)
            extra[kind][0] += f
            extra[kind][1] += n
        gs = set(gold)
        rel.extend((b.score, (b.zh, b.en) in gs) for b in beads if b.zh and b.en)
        sp = prf(c[0], c[1], c[0], c[2])
        lp = prf(c[3], c[1], c[4], c[2])
        if not quiet:
            print(f"{name:8} {sp[0]:8.3f} {sp[1]:6.3f} {sp[2]:6.3f} | {lp[0]:6.3f} {lp[1]:6.3f}"
                  f" {lp[2]:6.3f} | {c[1]:5d} {c[2]:5d}")
    sp = prf(tot[0], tot[1], tot[0], tot[2])
    lp = prf(tot[3], tot[1], tot[4], tot[2])
    seconds = time.perf_counter() - t0
    if not quiet:
        print(f"{'pooled':8} {sp[0]:8.3f} {sp[1]:6.3f} {sp[2]:6.3f} | {lp[0]:6.3f} {lp[1]:6.3f}"
              f" {lp[2]:6.3f} | {tot[1]:5d} {tot[2]:5d}")
        for kind, (f, n) in extra.items():
            print(f"  {kind} beads of the gold found exactly: {f}/{n}"
                  + (f" ({f / n:.2f})" if n else ""))
        print(f"(1-0/0-1 beads excluded from gold and prediction in P/R/F1, as Bertalign's "
              f"scorer does; {seconds:.2f} s)")
    return {"strict": sp[2], "lax": lp[2], "null": extra["null"], "2-2": extra["2-2"],
            "m-n": extra["m-n"], "rel": rel, "seconds": seconds}


def reliability(rel) -> None:
    print("reliability (non-empty predicted beads): confidence bin -> share strictly right")
    bins = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
    for lo, hi in bins:
        sel = [ok for s, ok in rel if lo <= s < hi]
        if sel:
            mean = sum(s for s, _ in rel if lo <= s < hi) / len(sel)
            print(f"  {lo:.1f}-{min(hi, 1.0):.1f}: {len(sel):4d} beads, mean conf {mean:.2f}, "
                  f"right {sum(sel) / len(sel):.2f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, action="append",
                    help="a folder with zh/ en/ gold/ (repeatable; default: mac-dev and the "
                    "noisy variants in bench/ if present)")
    ap.add_argument("--mode", choices=("lexical", "semantic", "both"), default="both",
                    help="without / with the sentence encoder (default: both, side by side)")
    ap.add_argument("--kinds", default=KINDS,
                    help=f"clean and noisy variants (bench/noisy.py), comma-separated "
                    f"(default: {KINDS})")
    ap.add_argument("--seeds", type=int, default=1,
                    help="draw each noisy variant this many times (other random draws, pooled: "
                    "steadier figures; default 1, the figures quoted in README.md)")
    args = ap.parse_args(argv)
    sets = args.data or [GOLD / "mac-dev"]
    if not (sets[0] / "gold").is_dir():
        print(f"align_accuracy: no gold data at {sets[0]} (needs ../shared/align-gold); "
              "nothing to score")
        return 0
    modes = {"lexical": [False], "semantic": [True], "both": [False, True]}[args.mode]
    summary = []
    kinds = [k for k in args.kinds.split(",") if k]
    for data in sets:
        for kind in kinds:
            for semantic in modes:
                label = "with the encoder (--semantic)" if semantic else "lexical (--no-semantic)"
                quiet = kind != "clean"
                if not quiet:
                    print(f"\n== {data.name}: {label}")
                r = run_mode(data, semantic, quiet=quiet, kind=kind, seeds=args.seeds)
                if not quiet:
                    reliability(r["rel"])
                name = data.name if kind == "clean" else f"{data.name}/{kind}"
                summary.append((name, label, r))
    print(f"\n{'set':22} {'mode':30} {'strict F1':>9} {'lax F1':>7} {'null':>7} {'2-2':>5}"
          f" {'m-n':>5} {'seconds':>7}")
    for name, label, r in summary:
        nf, nn = r["null"]
        tf, tn = r["2-2"]
        mf, mn = r["m-n"]
        print(f"{name:22} {label:30} {r['strict']:9.3f} {r['lax']:7.3f} {f'{nf}/{nn}':>7}"
              f" {f'{tf}/{tn}':>5} {f'{mf}/{mn}':>5} {r['seconds']:7.1f}")
    print("(pooled over the chapters; null: gold 1-0/0-1 beads found exactly; 2-2 and m-n: gold "
          "beads with 2 / >= 2 sentences on each side found exactly)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
