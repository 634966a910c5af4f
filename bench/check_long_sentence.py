"""Every check on one very long sentence: time and peak memory grow linearly (issue 10).

A sentence pair of SIZE bytes of English (and a third as much Chinese) made of clauses that
each bring their own variant to find — a hyphenated compound also written open, British and
American spellings, an article present and absent, numbers, glossary terms — so the checks
that compare things *within* a text face as many distinct variants as the text can hold.
Each size runs in a fresh process; peak memory is that process's maximum resident set.
The last line runs `workbench check` on a single-line alignment file of --cli-mb megabytes.

    python bench/check_long_sentence.py [--sizes 100000 1000000] [--cli-mb 60]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def word(r: random.Random) -> str:
    return "".join(r.choice("bcdfghklmnprstv") + r.choice("aeiou") for _ in range(3))


def sentence(size: int, seed: int = 1) -> tuple[str, str]:
    r = random.Random(seed)
    en, zh, n = [], [], 0
    while n < size:
        a, b, c = word(r), word(r), word(r)
        k = r.randint(1, 999)
        s = (f"{a}-{b} {c} and {a} {b} {c}, the organisation of {c} {a} and the organization of {c} {a} "
             f"above the designated {b} {c}, above designated {b} {c}, {k}.5% of SMEs in industrial parks;")
        en.append(s)
        zh.append(f"{a}{b}的中小企业占{k}.5%，园区")
        n += len(s) + 1
    return " ".join(en), "".join(zh)[: size // 3]


def one(size: int) -> dict:
    from workbench.checks import run_checks
    from workbench.glossary.model import load_glossary
    from workbench.model import Alignment, Pair

    en, zh = sentence(size)
    al = Alignment(pairs=[Pair(id=1, zh=[zh], en=[en])])
    glossary = load_glossary(ROOT / "glossary" / "scio.yaml")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    n = len(run_checks(al, glossary))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"size": size, "wall": wall, "cpu": cpu, "findings": n, "peak_mb": peak / 1024,
            "growth_mb": (peak - before) / 1024}


def cli(mb: int) -> None:
    from workbench.model import Alignment, Pair
    from workbench.store.alignment_file import save_alignment

    en, zh = sentence(mb * 1_000_000 * 3 // 4)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "long.yaml"
        save_alignment(Alignment(title="one long line", pairs=[Pair(id=1, zh=[zh], en=[en])]), path)
        size = path.stat().st_size / 1e6
        del en, zh
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", "import resource,sys,runpy; sys.argv=['workbench','check',sys.argv[1],"
             "'--format','json']; \ntry:\n runpy.run_module('workbench', run_name='__main__')\n"
             "finally:\n print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)", str(path)],
            capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t0
        peak = int(proc.stderr.strip().splitlines()[-1]) / 1024 if proc.stderr.strip() else float("nan")
        found = len(json.loads(proc.stdout)) if proc.stdout.strip().startswith("[") else "?"
        print(f"workbench check on a {size:.0f} MB single-line alignment: exit {proc.returncode}, "
              f"{wall:.1f} s, peak {peak:.0f} MB, {found} findings")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    ap.add_argument("--cli-mb", type=int, default=0, help="also run `workbench check` on a file this big")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    print("all checks (with glossary/scio.yaml) on one sentence pair; wall / CPU seconds, peak RSS")
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True)
        if out.returncode:
            print(f"  {size:>9,} bytes: failed\n{out.stderr}")
            continue
        r = json.loads(out.stdout)
        print(f"  {size:>9,} bytes: {r['wall']:6.2f} / {r['cpu']:5.2f} s, peak {r['peak_mb']:5.0f} MB "
              f"(+{r['growth_mb']:.0f} MB while checking), {r['findings']} findings")
    if args.cli_mb:
        cli(args.cli_mb)


if __name__ == "__main__":
    main()
