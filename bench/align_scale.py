"""The aligner at scale: no silent collapse, linear time and memory, a clear refusal beyond.

1. The dev chapters (printed last) (../shared/align-gold/mac-dev) concatenated and repeated 20 times: every
   word recurs, which once left the coarse pass with sentence lengths alone (strict F1 .015).
   Prints the strict F1 against the repeated gold and any drift warnings.
2. The same repeated 122 times (99,796 x 136,884 sentences) in a fresh process: wall time, CPU
   time and peak resident memory (targets: under 30 s and 1.5 GB; the wall time suffers from
   other load on the machine more than the CPU time does).
3. ``workbench align`` (the CLI, lexical) on 1,000,000 + 1,000,000 lines (--presplit): either
   aligned under 4 GB or refused with one line and exit status 2 — never a traceback.

    python bench/align_scale.py [--skip-million] [--repeat 20] [--size 122]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
GOLD = ROOT.parent / "shared" / "align-gold" / "mac-dev"

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
from workbench.align import align
beads = align(zh, en)
t1 = time.perf_counter()
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"zh": len(zh), "en": len(en), "seconds": t1 - t0,
                  "cpu_s": ru.ru_utime + ru.ru_stime, "peak_mb": ru.ru_maxrss / 1024}))
"""


def dev() -> tuple[list[str], list[str], list]:
    import align_accuracy as acc

    zh: list[str] = []
    en: list[str] = []
    gold: list = []
    for _name, z, e, g in acc.chapters(GOLD, "clean"):
        gold += [(tuple(i + len(zh) for i in a), tuple(j + len(en) for j in b)) for a, b in g]
        zh += z
        en += e
    return zh, en, gold


def repeated(k: int) -> None:
    import align_accuracy as acc

    from workbench.align import AlignDrift, align

    zh, en, gold = dev()
    n, m = len(zh), len(en)
    gold = [(tuple(i + r * n for i in a), tuple(j + r * m for j in b))
            for r in range(k) for a, b in gold]
    t = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        beads = align(zh * k, en * k)
    c = acc.score([(b.zh, b.en) for b in beads], gold)
    drift = [str(w.message) for w in caught if issubclass(w.category, AlignDrift)]
    print(f"1. dev x{k} ({n * k:,} x {m * k:,} sentences): strict F1 "
          f"{acc.prf(c[0], c[1], c[0], c[2])[2]:.3f}, {time.perf_counter() - t:.1f} s, "
          f"{len(drift)} drift warnings")
    for d in drift:
        print(f"   {d}")


def run_child(cmd: list[str], env: dict[str, str], cwd: str | None = None
              ) -> tuple[int, str, str, float]:
    """Exit status, stdout, stderr and peak resident MB of one child process (run from a small
    parent: a forked child's peak starts at its parent's size)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), usage.ru_maxrss / 1024)


def long_text(k: int) -> None:
    env = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PATH": "/usr/bin:/bin"}
    code, stdout, stderr, _ = run_child([sys.executable, "-c", CHILD, str(ROOT), str(GOLD),
                                         str(k)], env)
    if code:
        print(stderr[-2000:])
        return
    r = json.loads(stdout.strip().splitlines()[-1])
    print(f"2. dev x{k} ({r['zh']:,} x {r['en']:,} sentences), fresh process, one core: "
          f"{r['seconds']:.1f} s wall, {r['cpu_s']:.1f} s CPU, peak {r['peak_mb']:.0f} MB")


def million() -> None:
    zh, en, _ = dev()
    with tempfile.TemporaryDirectory() as tmp:
        zp, ep = Path(tmp, "zh.txt"), Path(tmp, "en.txt")
        # lines cut short, so that the files stay under the readers' size limit (64 MiB)
        zh = [s[:20] for s in zh]
        en = [s[:60] for s in en]
        zp.write_text("\n".join((zh * (10**6 // len(zh) + 1))[:10**6]) + "\n", encoding="utf-8")
        ep.write_text("\n".join((en * (10**6 // len(en) + 1))[:10**6]) + "\n", encoding="utf-8")
        t = time.perf_counter()
        code, _, stderr, peak = run_child(
            [sys.executable, "-m", "workbench", "align", "--presplit", "--no-semantic", str(zp),
             str(ep), "-o", str(Path(tmp, "o.yaml"))], {**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=tmp)
        lines = [ln for ln in stderr.splitlines() if ln.strip()]
        print(f"3. workbench align on 1,000,000 + 1,000,000 lines: exit {code}, "
              f"{time.perf_counter() - t:.1f} s, peak {peak:.0f} MB, "
              f"{len(lines)} line(s) on stderr, traceback: {'Traceback' in stderr}")
        for ln in lines[-3:]:
            print(f"   {ln}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--size", type=int, default=122)
    ap.add_argument("--skip-million", action="store_true")
    args = ap.parse_args(argv)
    if not (GOLD / "gold").is_dir():
        print(f"align_scale: no development data at {GOLD}; nothing to measure")
        return 0
    long_text(args.size)  # the children first, while this process is small
    if not args.skip_million:
        million()
    repeated(args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
