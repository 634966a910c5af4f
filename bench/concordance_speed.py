"""The archive's speed and size: indexing, re-indexing, concordance, translation memory.

Synthetic pairs made from the demo's sentences (alignments/scio-2024-07-05.yaml): each pair
is a demo pair with about one Chinese character in eight replaced by another of the demo's
characters and one English word in ten by another of its words, so every sentence is new but
the terms recur as they do in an archive of briefings. Seeded.

1. `workbench index` on 100,000 pairs in YAML files of 1,000 pairs (bar: < 10 s), then again
   with nothing changed (bar: < 1 s).
2. An archive of 1,000,000 pairs (written through the same storage call, without YAML files):
   exact-term queries, timed in the process (bar: < 50 ms for an exact term), each checked
   complete against a brute-force scan; the translation-memory lookup of the editor's panel
   (bar: < 100 ms); the database size per pair.

    python bench/concordance_speed.py [--pairs 100000] [--big 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.corpus import open_corpus  # noqa: E402
from workbench.corpus.backend import FileRecord, PairRow  # noqa: E402
from workbench.corpus.indexer import index_paths  # noqa: E402
from workbench.corpus.memory import fuzzy_matches  # noqa: E402
from workbench.corpus.search import concordance  # noqa: E402
from workbench.model import Alignment, Pair  # noqa: E402
from workbench.store.alignment_file import load_alignment, save_alignment  # noqa: E402

DEMO = ROOT / "alignments" / "scio-2024-07-05.yaml"


def synthetic(n: int, seed: int = 14):
    """n (zh, en, status) tuples made from the demo's pairs."""
    demo = [("".join(p.zh), " ".join(p.en)) for p in load_alignment(DEMO).pairs if p.zh and p.en]
    chars = [c for zh, _ in demo for c in zh if "\u4e00" <= c <= "\u9fff"]
    words = [w for _, en in demo for w in en.split()]
    rnd = random.Random(seed)
    for _ in range(n):
        zh, en = rnd.choice(demo)
        zh = "".join(rnd.choice(chars) if "\u4e00" <= c <= "\u9fff" and rnd.random() < 0.125 else c for c in zh)
        en = " ".join(rnd.choice(words) if rnd.random() < 0.1 else w for w in en.split())
        yield zh, en, "confirmed" if rnd.random() < 0.7 else "auto"


def write_files(folder: Path, n: int, per_file: int = 1000) -> None:
    rows = list(synthetic(n))
    for k in range(0, n, per_file):
        al = Alignment(title=f"synthetic briefing {k // per_file}")
        al.pairs = [Pair(id=i + 1, zh=[zh], en=[en], status=st) for i, (zh, en, st) in enumerate(rows[k : k + per_file])]
        save_alignment(al, folder / f"doc{k // per_file:05d}.yaml")


def timed(fn, repeat: int = 7):
    """(median wall seconds, median CPU seconds, the result) of `repeat` calls."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        t, p = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - p)
    return statistics.median(times), statistics.median(cpu), result


def editor_panel_times(db: Path, moves: int = 20) -> str:
    """The editor on the demo, the archive at `db`: time from a cursor move to the panel showing
    that pair's matches (lookup in a worker thread, then the redraw)."""
    import asyncio
    import os

    os.environ["WORKBENCH_DB"] = str(db)
    from workbench.editing.session import Session
    from workbench.tui.app import WorkbenchApp

    work = Path(tempfile.mkdtemp(prefix="tm-panel-"))
    shutil.copy(DEMO, work / "demo.yaml")
    times: list[float] = []

    async def drive() -> None:
        app = WorkbenchApp(Session(work / "demo.yaml"), autosave_seconds=0, checks_in_process=False)
        async with app.run_test(size=(140, 45)) as pilot:
            panel = app.editor.memory
            await pilot.pause(1.0)
            shown = asyncio.Event()
            arrived = panel._arrived

            def arrived_and_told(*args) -> None:  # the panel's own callback, then wake the timer
                arrived(*args)
                shown.set()

            panel._arrived = arrived_and_told
            for k in range(moves):
                target = 20 + 13 * k
                want = "".join(app.session.al.pairs[target].zh)
                t = time.perf_counter()
                app.editor.view.move_to(target)
                while panel.query_text != want:
                    shown.clear()
                    await shown.wait()
                await pilot.pause()  # the redraw
                times.append(time.perf_counter() - t)

    asyncio.run(drive())
    shutil.rmtree(work, ignore_errors=True)
    times.sort()
    return (f"median {statistics.median(times) * 1000:.0f} ms, worst {times[-1] * 1000:.0f} ms "
            f"of {len(times)} moves (bar < 100 ms)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=100_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="build in DIR and keep it (reused if there)")
    args = ap.parse_args()
    import os

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall times are shared)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="concordance-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        docs = work / "docs"
        if not docs.is_dir():
            docs.mkdir()
            t = time.perf_counter()
            write_files(docs, args.pairs)
            print(f"wrote {args.pairs:,} pairs in {len(list(docs.iterdir()))} YAML files ({time.perf_counter() - t:.1f} s)")
        db = work / "small.sqlite"
        db.unlink(missing_ok=True)
        c = open_corpus(db, create=True)
        t, cpu = time.perf_counter(), time.process_time()
        r = index_paths(c, [docs])
        first, first_cpu = time.perf_counter() - t, time.process_time() - cpu
        t, cpu = time.perf_counter(), time.process_time()
        r2 = index_paths(c, [docs])
        again, again_cpu = time.perf_counter() - t, time.process_time() - cpu
        size = db.stat().st_size
        # CPU time too: the wall time of a shared, loaded machine says little about the code.
        print(f"index {r.pairs:,} pairs: {first:.2f} s wall, {first_cpu:.2f} s CPU (bar < 10 s); again, "
              f"unchanged ({len(r2.unchanged)} files): {again:.2f} s wall, {again_cpu:.2f} s CPU (bar < 1 s); "
              f"{size / r.pairs:.0f} bytes/pair")
        c.close()

        big = work / "big.sqlite"
        if not big.exists():
            c = open_corpus(big, create=True)
            t = time.perf_counter()
            rows = list(synthetic(args.big, seed=15))
            for k in range(0, len(rows), 50_000):
                chunk = rows[k : k + 50_000]
                c.replace_files([(FileRecord(f"/archive/big{k // 50_000:03d}.yaml", str(k), f"big {k}"),
                                  [PairRow(i + 1, st, zh, en) for i, (zh, en, st) in enumerate(chunk)])])
            print(f"built {args.big:,} pairs in {time.perf_counter() - t:.1f} s")
            c.close()
        c = open_corpus(big, readonly=True)
        stats = c.stats()
        print(f"archive: {stats['pairs']:,} pairs, {stats['bytes'] / 1e6:.0f} MB, "
              f"{stats['bytes'] / stats['pairs']:.0f} bytes/pair")
        brute = [(h.zh, h.en) for h in c.scan()]
        for q in ("新质生产力", "小巨人", "工业", "链", "专精特新“小巨人”企业",
                  "high-quality development"):
            seconds, cpu_s, found = timed(lambda q=q: concordance(c, q, limit=50))
            if found.lang == "zh":
                expected = sum(q.lower() in zh.lower() for zh, _ in brute)
            else:
                expected = None
            check = "" if expected is None else (" complete" if expected == found.total else f" INCOMPLETE ({expected})")
            print(f"  {q!r:<24} {found.total:>8,} pairs, first 50 and the total: {seconds * 1000:6.1f} ms "
                  f"({cpu_s * 1000:5.1f} ms CPU){check}")
        rnd = random.Random(3)
        samples = [rnd.choice(brute)[0] for _ in range(30)]
        times, cpu, counts = [], [], []
        for zh in samples:
            t, p = time.perf_counter(), time.process_time()
            m = fuzzy_matches(c, zh)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - p)
            counts.append(len(m))
        times.sort()
        cpu.sort()
        print(f"translation memory over {stats['pairs']:,} pairs: median {statistics.median(times) * 1000:.0f} ms "
              f"({statistics.median(cpu) * 1000:.0f} ms CPU), worst {times[-1] * 1000:.0f} ms ({cpu[-1] * 1000:.0f} ms "
              f"CPU) of {len(samples)} sentences (bar < 100 ms); {statistics.mean(counts):.1f} matches ≥ 70% on average")
        c.close()
        print(f"editor: translation-memory panel after a move, over {stats['pairs']:,} pairs: "
              + editor_panel_times(big))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
