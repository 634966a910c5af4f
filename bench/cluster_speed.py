"""Folder alignment on a Dask cluster against the local process pool, both timed in one run.

200 document pairs (the demo briefing's page 11, and every 20th pair the whole briefing) are
aligned three ways through the real command (`workbench align ZH_DIR EN_DIR -o OUT`):
one process; the local pool of 2 processes; and a Dask cluster of a local scheduler and
2 worker processes (1 thread each) on 127.0.0.1, started here (its start-up timed apart).
The three output folders must be byte-identical.

By default the pairs align with --no-semantic (the lexical aligner: what a batch of 100,000s of
sentences uses); --semantic adds the sentence encoder, each mode with an empty vector cache of
its own (the workers' included), so no mode reads vectors another encoded.

    python bench/cluster_speed.py [--pairs 200] [--workers 2] [--semantic]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")  # for the workers

from workbench.cli import main  # noqa: E402


def make_folders(base: Path, n: int) -> tuple[Path, Path, int]:
    zh, en = base / "zh", base / "en"
    zh.mkdir()
    en.mkdir()
    size = 0
    for k in range(n):
        stem = "scio-2024-07-05" if k % 20 == 19 else "scio-2024-07-05-page11"
        for side, folder in (("zh", zh), ("en", en)):
            data = (ROOT / "seeds" / side / f"{stem}.txt").read_bytes()
            (folder / f"doc{k:04d}.txt").write_bytes(data)
            size += len(data)
    return zh, en, size


def timed(args: list[str]) -> float:
    err = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(err):
        rc = main(args)
    seconds = time.perf_counter() - start
    if rc != 0:
        raise SystemExit(f"workbench {' '.join(args)} failed ({rc}):\n{err.getvalue()}")
    return seconds


def digest(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run(pairs: int, workers: int, semantic: bool) -> None:
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        zh, en, size = make_folders(base, pairs)
        print(f"{pairs} document pairs, {size / 1e6:.1f} MB of text, {os.cpu_count()} cores, "
              f"{'--semantic' if semantic else '--no-semantic'}")
        common = ["align", str(zh), str(en), "--semantic" if semantic else "--no-semantic"]

        def fresh_cache(mode: str) -> None:
            os.environ["WORKBENCH_CACHE"] = str(base / f"cache-{mode}")

        fresh_cache("one")
        one = timed([*common, "-o", str(base / "one"), "-j", "1"])
        fresh_cache("pool")
        pool = timed([*common, "-o", str(base / "pool"), "-j", str(workers)])
        fresh_cache("dask")  # before the cluster starts: its workers take this environment
        start = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            up = time.perf_counter() - start
            dask = timed([*common, "-o", str(base / "dask"), "--scheduler", cluster.scheduler_address])
            dask_again = timed([*common, "-o", str(base / "dask"), "--scheduler", cluster.scheduler_address, "--force"])
        same = digest(base / "one") == digest(base / "pool") == digest(base / "dask")
        rows = [
            ("one process (-j 1)", one),
            (f"local pool (-j {workers})", pool),
            (f"Dask, scheduler + {workers} workers, first run", dask),
            (f"Dask, scheduler + {workers} workers, again (warm workers{', cached vectors' if semantic else ''})",
             dask_again),
        ]
        print(f"{'mode':62} {'seconds':>8} {'pairs/s':>8}")
        for name, seconds in rows:
            print(f"{name:62} {seconds:8.2f} {pairs / seconds:8.1f}")
        print(f"Dask cluster start-up (not in the times above): {up:.2f} s")
        print(f"outputs byte-identical across the modes: {'yes' if same else 'NO'}")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--semantic", action="store_true", help="align with the sentence encoder too")
    a = ap.parse_args()
    run(a.pairs, a.workers, a.semantic)
