"""Precision of each check on the demo, against findings judged by hand (bench/check_judgements.tsv).

Runs `workbench check alignments/scio-2024-07-05.yaml` (its glossary, glossary/scio.yaml; with
--no-glossary, a copy without its `glossary:` line, as rendering-inconsistent is meant for) and
matches every finding to a judgement by pair, check, term, found and the advice (expected). Prints, per check, the
findings, how many are true, and the precision; then any false finding at warning or error,
and any finding not judged yet (judge it and add a row: a new finding is not assumed true).

    python bench/check_precision.py [--no-glossary] [--json FILE]   (FILE: a saved `--format json` output to score)
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
DEMO = ROOT / "alignments" / "scio-2024-07-05.yaml"
JUDGED = Path(__file__).with_name("check_judgements.tsv")


def judgements() -> dict[tuple, tuple[bool, str]]:
    rows = [ln for ln in JUDGED.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    out = {}
    for row in list(csv.DictReader(rows, delimiter="\t")):
        key = (int(row["pair"]), row["check"], row["term"], row["found"], row["expected"])
        out[key] = (row["verdict"] == "true", row["why"])
    return out


def key(f: dict) -> tuple:
    return (f["pair"], f["check"], f.get("term") or "-", f.get("found") or "-")


def verdict_of(f: dict, judged: dict) -> tuple[bool, str] | None:
    """The judgement naming this finding's advice (expected), else the one for any advice."""
    return judged.get(key(f) + (f.get("expected") or "-",)) or judged.get(key(f) + ("*",))


def _run(path: Path) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "workbench", "check", str(path), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT)
    return json.loads(run.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="score this saved output instead of running the check")
    ap.add_argument("--no-glossary", action="store_true", help="check a copy of the demo without its glossary")
    args = ap.parse_args()
    if args.json:
        findings = json.loads(args.json.read_text(encoding="utf-8"))
    elif args.no_glossary:
        with tempfile.TemporaryDirectory() as tmp:
            text = DEMO.read_text(encoding="utf-8")
            text = "\n".join(ln for ln in text.splitlines() if not ln.startswith("glossary:"))
            text = text.replace("path: ../", f"path: {ROOT.as_posix()}/")
            copy = Path(tmp) / DEMO.name
            copy.write_text(text + "\n", encoding="utf-8")
            findings = _run(copy)
    else:
        findings = _run(DEMO)
    judged = judgements()
    total, true, unjudged, false_loud = Counter(), Counter(), [], []
    for f in findings:
        verdict = verdict_of(f, judged)
        if verdict is None:
            unjudged.append(f)
            continue
        total[f["check"]] += 1
        if verdict[0]:
            true[f["check"]] += 1
        elif f["severity"] != "info":
            false_loud.append((f, verdict[1]))
    print(f"{len(findings)} findings on {DEMO.name}; precision per check (target ≥ 90%, no false warning):")
    for check in sorted(total, key=lambda c: -total[c]):
        print(f"  {check:<22} {true[check]:>3} / {total[check]:<3} true  {100 * true[check] / total[check]:5.1f}%")
    n = sum(total.values())
    print(f"  {'all':<22} {sum(true.values()):>3} / {n:<3} true  {100 * sum(true.values()) / max(n, 1):5.1f}%")
    print(f"false findings at warning or error: {len(false_loud)}")
    for f, why in false_loud:
        print(f"  pair {f['pair']} {f['check']} ({f['severity']}) {f.get('term') or ''}: {why}")
    if unjudged:
        print(f"not judged yet: {len(unjudged)} (add them to {JUDGED.name})")
        for f in unjudged:
            print("  " + "\t".join(map(str, key(f))) + "\t" + f["message"][:100])
    return 1 if unjudged else 0


if __name__ == "__main__":
    raise SystemExit(main())
