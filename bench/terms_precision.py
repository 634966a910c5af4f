"""Precision and recall of `workbench terms` on the demo, against candidates judged by hand.

Runs `workbench terms alignments/scio-2024-07-05.yaml --limit 0 --format json` (with its glossary,
glossary/scio.yaml, as a user would; and on a copy without it) and looks every candidate up in
bench/terms_judgements.tsv (doc, zh, en: right | noterm | wrong). Prints, for each run, the
candidates, how many are right pairings that make glossary entries ("right"), right pairings that
are no term ("noterm": a verb phrase, a common word), and wrong ones; precision over all and over
the first 60 (what `terms` shows by default). Recall: of the good pairings in
bench/terms_recall.tsv (the glossary's terms rendered as it says, and pairings read off the pairs
by hand), how many the run without the glossary offers (zh and one of the renderings, compared as
glossary matching compares them). Candidates not judged yet are listed (judge them and add rows:
a new candidate is not assumed right); the exit code is then 1.

    python bench/terms_precision.py [--verbose]     (--verbose: every wrong candidate and every missed pairing)

The literary held-out chapters: bench/literary_checks.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEMO = ROOT / "alignments" / "scio-2024-07-05.yaml"
JUDGED = Path(__file__).with_name("terms_judgements.tsv")
RECALL = Path(__file__).with_name("terms_recall.tsv")
SHOWN = 60


def _rows(path: Path) -> list[dict]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def judgements(doc: str) -> dict[tuple[str, str], tuple[str, str]]:
    return {(r["zh"], r["en"]): (r["verdict"], r["why"]) for r in _rows(JUDGED) if r["doc"] == doc}


def run_terms(path: Path, *extra: str) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "workbench", "terms", str(path), "--limit", "0", "--format", "json", *extra],
                         capture_output=True, text=True, cwd=ROOT)
    if run.returncode:
        raise SystemExit(f"workbench terms failed: {run.stderr}")
    return json.loads(run.stdout)


def without_glossary(tmp: str) -> Path:
    text = DEMO.read_text(encoding="utf-8")
    text = "\n".join(ln for ln in text.splitlines() if not ln.startswith("glossary:"))
    text = text.replace("path: ../", f"path: {ROOT.as_posix()}/")
    copy = Path(tmp) / DEMO.name
    copy.write_text(text + "\n", encoding="utf-8")
    return copy


def score(found: list[dict], judged: dict, label: str, verbose: bool) -> list[dict]:
    """Prints precision; returns the candidates not judged yet."""
    counts = {"right": 0, "noterm": 0, "wrong": 0}
    top = {"right": 0, "noterm": 0, "wrong": 0}
    unjudged = []
    for n, c in enumerate(found):
        v = judged.get((c["zh"], c["en"]))
        if v is None:
            unjudged.append(c)
            continue
        counts[v[0]] += 1
        if n < SHOWN:
            top[v[0]] += 1
        if verbose and v[0] == "wrong":
            print(f"    wrong: {c['zh']} → {c['en']} ({c['pairs']} pairs; {c['status']}): {v[1]}")
    total, shown = sum(counts.values()), sum(top.values())
    print(f"  {label}: {len(found)} candidates, {total} judged: right {counts['right']}, noterm {counts['noterm']}, "
          f"wrong {counts['wrong']}")
    if total:
        print(f"    precision (right / judged) {100 * counts['right'] / total:5.1f}%; right pairings (right + noterm) "
              f"{100 * (counts['right'] + counts['noterm']) / total:5.1f}%")
    if shown:
        print(f"    the first {SHOWN} (the default listing): right {top['right']}, noterm {top['noterm']}, "
              f"wrong {top['wrong']}: {100 * top['right'] / shown:5.1f}% right, "
              f"{100 * (top['right'] + top['noterm']) / shown:5.1f}% right pairings")
    return unjudged


def recall(found: list[dict], verbose: bool) -> None:
    from workbench.glossary.matching import rendering_key

    offered = {(c["zh"], rendering_key(c["en"])) for c in found}
    want = _rows(RECALL)
    hits, missed = 0, []
    for r in want:
        if any((r["zh"], rendering_key(e)) in offered for e in r["renderings"].split("|")):
            hits += 1
        else:
            missed.append(r)
    print(f"  recall (no glossary): {hits} / {len(want)} good pairings of {RECALL.name} offered "
          f"({100 * hits / len(want):.1f}%)")
    if verbose:
        got = {}
        for c in found:
            got.setdefault(c["zh"], c["en"])
        for r in missed:
            print(f"    missed: {r['zh']} → {r['renderings']}" + (f" (offered: {got[r['zh']]})" if r["zh"] in got else ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list the wrong candidates and the missed pairings")
    args = ap.parse_args()
    judged = judgements("demo")
    print(f"workbench terms on {DEMO.name} (judgements: {JUDGED.name})")
    unjudged = score(run_terms(DEMO), judged, "with its glossary", args.verbose)
    with tempfile.TemporaryDirectory() as tmp:
        bare = run_terms(without_glossary(tmp))
    unjudged += [c for c in score(bare, judged, "without a glossary", args.verbose) if c not in unjudged]
    recall(bare, args.verbose)
    if unjudged:
        print(f"not judged yet: {len(unjudged)} (add them to {JUDGED.name})")
        for c in unjudged:
            print(f"  demo\t{c['zh']}\t{c['en']}\t\t({c['pairs']} pairs, e.g. {c['examples']})")
    return 1 if unjudged else 0


if __name__ == "__main__":
    raise SystemExit(main())
