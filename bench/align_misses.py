"""Where the aligner misses, by kind, on the development chapters and their noisy variants.

For every gold bead not found exactly (pooled over MAC-Dev 001-003, ../shared/align-gold):

- ``absorbed``: a gold 1-0 / 0-1 sentence put into a two-sided bead;
- ``spurious``: a gold two-sided bead of which a sentence was left unpaired;
- ``split``: a gold bead cut into several two-sided beads that stay inside it (m-n split);
- ``merged``: a gold bead swallowed whole by a bigger predicted bead;
- ``shift``: anything else (predicted beads crossing the gold bead's boundaries).

With ``--coverage``, also the lexical evidence the aligner sees for the sentences of the gold
two-sided beads (after it learns its translation table from the document, as align() does):
the share of sentences of multi-sentence beads that share nothing (no unit/stem link, cues
included) with the other side of their bead, and the mean covered share of their weight.

    python bench/align_misses.py [--mode lexical|semantic] [--kinds clean,untranslated,...]
                                 [--seeds N] [--coverage]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align_accuracy import GOLD, KINDS, chapters  # noqa: E402

CLASSES = ("absorbed", "spurious", "split", "merged", "shift")


def classify(pred, gold) -> Counter:
    """Counts of the missed gold beads by class (see the module's docstring)."""
    found = set(pred)
    zh_of, en_of = {}, {}
    for k, (zs, es) in enumerate(pred):
        for z in zs:
            zh_of[z] = k
        for e in es:
            en_of[e] = k
    out: Counter = Counter()
    for zs, es in gold:
        if (zs, es) in found:
            continue
        ks = {zh_of[z] for z in zs} | {en_of[e] for e in es}
        beads = [pred[k] for k in ks]
        if not (zs and es):
            out["absorbed"] += 1
        elif any(not (p[0] and p[1]) for p in beads):
            out["spurious"] += 1
        elif all(set(p[0]) <= set(zs) and set(p[1]) <= set(es) for p in beads):
            out["split"] += 1
        elif len(beads) == 1:
            out["merged"] += 1
        else:
            out["shift"] += 1
    return out


def coverage(zh, en, gold) -> tuple[int, int, float]:
    """(sentences of multi-sentence gold beads with no evidence, such sentences, mean covered
    share) with the learnt table of a normal alignment run."""
    import numpy as np

    from workbench.align import core

    prm = core.Params()
    doc = core.Doc(zh, en, person=prm.person)
    ctx = core._context(doc, zh, en, prm, None, None, None)
    doc.learn(core._search(doc, prm, ctx, core.TYPES_FULL), prm.dice_min)
    N, M = doc.N, doc.M
    off, zc, ec = doc.pairs(np.zeros(N, dtype=np.int64), np.full(N, M, dtype=np.int64))
    zc, ec = zc.reshape(N, M), ec.reshape(N, M)
    zt = doc.zh_mass + doc.zh_unlinked
    et = doc.en_mass + doc.en_unlinked
    none = total = 0
    shares = []
    for zs, es in gold:
        if not (zs and es) or len(zs) + len(es) < 3:
            continue
        for z in zs:
            c = zc[z, list(es)].sum()
            total += 1
            none += c == 0
            shares.append(min(1.0, c / zt[z]) if zt[z] else 0.0)
        for e in es:
            c = ec[list(zs), e].sum()
            total += 1
            none += c == 0
            shares.append(min(1.0, c / et[e]) if et[e] else 0.0)
    return none, total, float(np.mean(shares)) if shares else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("lexical", "semantic"), default="lexical")
    ap.add_argument("--kinds", default=KINDS)
    ap.add_argument("--seeds", type=int, default=1, help="noisy variants drawn this many times")
    ap.add_argument("--coverage", action="store_true",
                    help="also the lexical evidence of the gold beads' sentences")
    args = ap.parse_args(argv)
    data = GOLD / "mac-dev"
    if not (data / "gold").is_dir():
        print(f"align_misses: no gold data at {data}; nothing to score")
        return 0
    from workbench.align import align

    print(f"{'variant':14} {'chapter':7} " + " ".join(f"{c:>8}" for c in CLASSES)
          + f" {'missed':>7} {'gold':>5}" + ("  no-evidence  cover" if args.coverage else ""))
    for kind in args.kinds.split(","):
        pooled: Counter = Counter()
        n_gold = 0
        cov = [0, 0, 0.0]
        for name, zh, en, gold in chapters(data, kind, args.seeds):
            beads = align(zh, en, semantic=args.mode == "semantic", cache=False)
            pred = [(b.zh, b.en) for b in beads]
            c = classify(pred, gold)
            pooled.update(c)
            n_gold += len(gold)
            line = (f"{kind:14} {name:7} " + " ".join(f"{c[k]:8d}" for k in CLASSES)
                    + f" {sum(c.values()):7d} {len(gold):5d}")
            if args.coverage:
                none, tot, share = coverage(zh, en, gold)
                cov[0] += none
                cov[1] += tot
                cov[2] += share * tot
                line += f"  {none:4d}/{tot:<5d} {share:6.3f}"
            print(line)
        line = (f"{kind:14} {'pooled':7} " + " ".join(f"{pooled[k]:8d}" for k in CLASSES)
                + f" {sum(pooled.values()):7d} {n_gold:5d}")
        if args.coverage and cov[1]:
            line += f"  {cov[0]:4d}/{cov[1]:<5d} {cov[2] / cov[1]:6.3f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
