"""Held-out precision of rendering-inconsistent and `workbench terms`: three literary chapters.

The learned-gloss thresholds of rendering-inconsistent and the term miner were tuned on the demo
(official briefings); this runs them, with no glossary, on text they never saw: the three dev
chapters of ../shared/align-gold/mac-dev (novels and their published translations: 黄金时代,
鹿鼎记, 红楼梦), aligned as the gold says (one pair per gold bead), in a temporary folder (the
texts are never copied into the repository). Every rendering-inconsistent finding and every
`terms` candidate is looked up in bench/literary_judgements.tsv, judged by hand and recorded by
chapter, pair id and term only (the English of a finding is not recorded; a candidate's is a
few words). Prints precision per chapter and overall; lists what is not judged yet (exit 1).

    python bench/literary_checks.py [--verbose] [--keep DIR]   (--keep: write the aligned files there)
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "align-gold" / "mac-dev"
JUDGED = Path(__file__).with_name("literary_judgements.tsv")


def _lines(p: Path) -> list[str]:
    return p.read_text(encoding="utf-8").splitlines()


def aligned(chapter: str):
    """The chapter as an Alignment, one pair per gold bead."""
    from workbench.model import Alignment, Pair

    zh, en = _lines(GOLD / "zh" / chapter), _lines(GOLD / "en" / chapter)
    pairs = []
    for n, line in enumerate(_lines(GOLD / "gold" / chapter), 1):
        a, b = line.split(":")
        zi = [int(x) for x in a.strip("[]").split(",") if x.strip()]
        ei = [int(x) for x in b.strip("[]").split(",") if x.strip()]
        pairs.append(Pair(id=n, zh=[zh[i] for i in zi], en=[en[i] for i in ei]))
    return Alignment(title=f"mac-dev {chapter}", pairs=pairs)


def run(*args: str) -> list[dict]:
    r = subprocess.run([sys.executable, "-m", "workbench", *args, "--format", "json"], capture_output=True, text=True,
                       cwd=ROOT)
    if r.returncode not in (0, 1):
        raise SystemExit(f"workbench {args[0]} failed: {r.stderr}")
    return json.loads(r.stdout)


def judgements() -> dict[tuple, tuple[str, str]]:
    lines = [ln for ln in JUDGED.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    out = {}
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        out[(r["chapter"], r["what"], r["pair"], r["term"], r["en"])] = (r["verdict"], r["why"])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every finding and candidate with its judgement")
    ap.add_argument("--keep", type=Path, help="write the aligned chapters into this folder (outside the repository)")
    args = ap.parse_args()
    if not (GOLD / "gold").is_dir():
        print(f"literary_checks: no gold data at {GOLD} (needs ../shared/align-gold)")
        return 2
    from workbench.store.alignment_file import save_alignment

    judged = judgements()
    totals: dict[str, Counter] = {"rendering-inconsistent": Counter(), "terms": Counter()}
    unjudged = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for chapter in sorted(p.name for p in (GOLD / "gold").iterdir()):
            path = folder / f"lit{chapter}.yaml"
            save_alignment(aligned(chapter), path)
            found = [f for f in run("check", str(path), "--check", "rendering-inconsistent")]
            cands = run("terms", str(path), "--limit", "0")
            doc = f"lit{chapter}"
            rows = [("rendering-inconsistent", str(f["pair"]), f.get("term") or "-", "-", f) for f in found]
            rows += [("terms", "-", c["zh"], c["en"], c) for c in cands]
            per = {"rendering-inconsistent": Counter(), "terms": Counter()}
            for what, pair, term, en, item in rows:
                v = judged.get((doc, what, pair, term, en))
                if v is None:
                    unjudged.append((doc, what, pair, term, en, item))
                    continue
                per[what][v[0]] += 1
                totals[what][v[0]] += 1
                if args.verbose:
                    shown = item.get("message", "") if what != "terms" else f"→ {en} ({item['pairs']} pairs)"
                    print(f"  {doc} {what} {pair} {term} {v[0]}: {shown[:120]} — {v[1]}")
            for what, c in per.items():
                n = sum(c.values())
                if n:
                    print(f"{doc} {what:<23} {n:>3} judged: {_summary(c)}")
                else:
                    print(f"{doc} {what:<23}   0")
    for what, c in totals.items():
        print(f"all    {what:<23} {sum(c.values()):>3} judged: {_summary(c)}")
    if unjudged:
        print(f"not judged yet: {len(unjudged)} (add them to {JUDGED.name})")
        for doc, what, pair, term, en, item in unjudged:
            hint = item.get("message", "")[:140] if what != "terms" else f"{item['pairs']} pairs, e.g. {item['examples']}"
            print(f"  {doc}\t{what}\t{pair}\t{term}\t{en}\t\t\t# {hint}")
    return 1 if unjudged else 0


def _summary(c: Counter) -> str:
    n = sum(c.values())
    right = c["true"] + c["right"]
    text = ", ".join(f"{k} {v}" for k, v in sorted(c.items()))
    return f"{text}; precision {100 * right / n:.1f}%" if n else text


if __name__ == "__main__":
    raise SystemExit(main())
