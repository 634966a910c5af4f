"""Speed and peak memory of the aligner on long documents (1x, 2x, 4x, 8x the dev chapters),
without and with the sentence encoder (--semantic), side by side.

Each size runs in a fresh subprocess, so the time includes importing the aligner and loading
the dictionary; peak memory is the child's maximum resident set size (getrusage), which
includes the Python interpreter and numpy.  The long document is the development chapters
(../shared/align-gold/mac-dev) concatenated and repeated.

With the encoder, "encode s" is the part spent encoding the sentences and the junctions of
adjacent sentences (nothing cached: a first alignment; a second one reads the vectors from the
cache) and loading the encoder.

    python bench/align_speed.py [--sizes 1,2,4,8] [--mode lexical|semantic|both] [--threads N]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "align-gold"

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from pathlib import Path
data = Path(sys.argv[2]); k = int(sys.argv[3])
zh, en = [], []
for name in sorted(p.name for p in (data / "gold").iterdir()):
    zh += (data / "zh" / name).read_text(encoding="utf-8").splitlines()
    en += (data / "en" / name).read_text(encoding="utf-8").splitlines()
zh, en = zh * k, en * k
semantic = sys.argv[4] == "1"
t1 = time.perf_counter()
from workbench.align import align
extra = None
if semantic:
    from workbench.align import semantic as sem
    extra = sem.scorer_for(zh, en, cache=False)
t_enc = time.perf_counter() - t1
beads = align(zh, en, extra=extra)
t2 = time.perf_counter()
assert [i for b in beads for i in b.zh] == list(range(len(zh)))
assert [j for b in beads for j in b.en] == list(range(len(en)))
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"zh": len(zh), "en": len(en), "align_s": t2 - t1, "total_s": t2 - t0,
                  "cpu_s": ru.ru_utime + ru.ru_stime, "peak_mb": ru.ru_maxrss / 1024,
                  "beads": len(beads), "encode_s": t_enc if semantic else 0.0}))
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8")
    ap.add_argument("--data", type=Path, default=GOLD / "mac-dev")
    ap.add_argument("--mode", choices=("lexical", "semantic", "both"), default="both")
    ap.add_argument("--threads", type=int, default=1,
                    help="BLAS threads of the child (default 1: one core, as the lexical figures)")
    args = ap.parse_args(argv)
    if not (args.data / "gold").is_dir():
        print(f"align_speed: no development data at {args.data} (needs ../shared/align-gold); "
              "nothing to measure")
        return 0
    modes = {"lexical": ["0"], "semantic": ["1"], "both": ["0", "1"]}[args.mode]
    threads = str(args.threads)
    print(f"{'size':>4} {'zh':>6} {'en':>6} {'mode':>8} {'seconds':>8} {'encode s':>8} {'cpu s':>6}"
          f" {'peak MB':>8}")
    for k in (int(x) for x in args.sizes.split(",")):
        for mode in modes:
            out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(args.data), str(k),
                                  mode], capture_output=True, text=True,
                                 env={"OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads,
                                      "MKL_NUM_THREADS": threads, "PATH": "/usr/bin:/bin"})
            if out.returncode:
                print(out.stderr[-2000:])
                return 1
            r = json.loads(out.stdout.strip().splitlines()[-1])
            name = "semantic" if mode == "1" else "lexical"
            enc = f"{r['encode_s']:8.2f}" if mode == "1" else f"{'-':>8}"
            print(f"{k:>3}x {r['zh']:6d} {r['en']:6d} {name:>8} {r['align_s']:8.2f} {enc}"
                  f" {r['cpu_s']:6.2f} {r['peak_mb']:8.0f}")
    print("(seconds: wall time of the import of the aligner, dictionary load and alignment in a "
          "fresh process, on --threads BLAS threads; encode s: of which loading the encoder and "
          "encoding every sentence and junction; cpu s: the CPU time of that process, "
          "interpreter start included, which other load on the machine inflates less; peak MB: "
          "maximum resident set size)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
