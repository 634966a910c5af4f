"""CPU time to load a glossary: `load_glossary` (the line-by-line reader for the canonical form
`save_glossary` writes, else the general reader) against the general YAML reader alone.

    python bench/glossary_load.py [FILE.yaml] [--terms 5000] [--runs 5]

Without FILE, the synthetic glossary of bench/check_speed.py (--terms terms, seeded) is saved
to a temporary file first. Prints the median CPU time (time.process_time) of --runs loads each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.glossary import model  # noqa: E402
from workbench.text.reading import read_text  # noqa: E402


def median_cpu(load, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = load()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.file) if args.file else Path(tmp) / "glossary.yaml"
        if not args.file:
            from check_speed import build

            model.save_glossary(build(args.terms, 0)[0], path)
        text = read_text(path)
        try:
            model._load_canonical(text)
            taken = "line-by-line reader"
        except model.NotCanonical:
            taken = "general reader (not in the canonical form)"
        fast, g = median_cpu(lambda: model.load_glossary(path), args.runs)
        general, g2 = median_cpu(lambda: model._load_general(path, read_text(path)), args.runs)
    assert g == g2, "the two readers disagree"
    print(f"{path.name}: {len(g.terms):,} terms, {len(text.encode('utf-8')) / 1e6:.2f} MB; load_glossary takes the {taken}")
    print(f"  load_glossary   {fast:.4f} s CPU (median of {args.runs})")
    print(f"  general reader  {general:.4f} s CPU (median of {args.runs})  ×{general / max(fast, 1e-9):.1f}")


if __name__ == "__main__":
    main()
