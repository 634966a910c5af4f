"""Editor speed: open a 10,000-pair alignment to the first screen, 100 key presses, filtering.

    python bench/tui_speed.py [--pairs 10000] [--moves 200]

Prints the time to the first screen (aim: under 0.5 s), the CPU time a key press takes to be
handled and drawn (aim: median under 10 ms, worst under 50 ms; the keys are cursor moves,
page down, Confirm pair and Undo), and the CPU time of "Filter pairs" on the whole document
(aim: under 100 ms). A key's CPU time is the whole editor process's (every thread), from the
press until the process is idle: the checks run in the background from the first screen on
(and again after each change), and when their findings come back during a key, that key pays
for taking them in; the keys go on past --moves until that has happened once, and the run says
during which key. The document is generated: the seed
sentences when the repository has them, repeated, with varied lengths and some multi-sentence
pairs, so wrapping does real work.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.model import CONFIRMED, Alignment, Pair  # noqa: E402
from workbench.store.alignment_file import save_alignment  # noqa: E402

FALLBACK_ZH = ["国务院新闻办公室星期五在北京举行新闻发布会，请工业和信息化部有关负责人介绍推动高质量发展有关情况。",
               "我们要加快发展新质生产力，培育专精特新“小巨人”企业。", "女士们、先生们，大家上午好！"]
FALLBACK_EN = ["The State Council Information Office held a press conference on Friday in Beijing.",
               "We will accelerate the development of new quality productive forces and foster \"little giant\" enterprises.",
               "Ladies and gentlemen, good morning."]


def seed_sentences() -> tuple[list[str], list[str]]:
    try:
        from workbench.text.documents import read_document

        zh = read_document(ROOT / "seeds/zh/scio-2024-07-05.txt", "zh").sentences()
        en = read_document(ROOT / "seeds/en/scio-2024-07-05.txt", "en").sentences()
        if zh and en:
            return zh, en
    except Exception:
        pass
    return FALLBACK_ZH, FALLBACK_EN


def generate(n: int, path: Path) -> None:
    zh, en = seed_sentences()
    rnd = random.Random(5)
    al = Alignment(title=f"generated: {n} pairs")
    for i in range(n):
        kz, ke = rnd.choice([(1, 1)] * 6 + [(1, 2), (2, 1), (2, 2), (0, 1), (1, 0)])
        al.pairs.append(Pair(
            id=i + 1,
            zh=[rnd.choice(zh) for _ in range(kz)],
            en=[rnd.choice(en) for _ in range(ke)],
            status=CONFIRMED if i >= n - n // 10 else "auto",  # (the keys confirm and undo at the start: real edits)
            score=round(rnd.random(), 3),
        ))
    save_alignment(al, path)


@dataclass
class Timings:
    load: float  # reading and validating the YAML (workbench.store.alignment_file)
    screen: float  # from the loaded session to the first screen drawn
    keys_cpu: list[float]  # CPU time per cursor move (handling and drawing it)
    keys_wall: list[float]  # wall time per move through the test harness (Pilot), idle waits included
    keys: list[str] | None = None  # the key of each measure
    keys_thread: list[float] | None = None  # CPU per key of the editor's own thread (the rest ran in the background)
    landed: list[tuple[int, str]] | None = None  # (key, what) for each check run that ended during the keys
    layout: float = 0.0  # after the first screen, until every pair's height is measured (in the background)
    filters: dict[str, float] | None = None  # CPU time of each filter (and of turning it off)


async def measure(path: Path, moves: int) -> Timings:
    from workbench.editing.session import Session
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.pairs_view import PairsView

    # The first screen is there when the view has drawn its last visible line once.
    drawn: list[float] = []
    render_line = PairsView.render_line

    def timed_render_line(self, y):
        strip = render_line(self, y)
        if not drawn and y == self.scrollable_content_region.height - 1 and self.virtual_size.height:
            drawn.append(time.perf_counter())
        return strip

    PairsView.render_line = timed_render_line
    t0 = time.perf_counter()
    session = Session(path, use_journal=False)
    t1 = time.perf_counter()
    app = WorkbenchApp(session, autosave_seconds=0)
    async with app.run_test(size=(160, 45)) as pilot:
        while not drawn:
            await asyncio.sleep(0.001)
        t2 = drawn[0]
        PairsView.render_line = render_line
        view = app.screen.query_one(PairsView)
        # The heights below the screen are measured in small steps in the background; time
        # the keys once that is done (a key pressed earlier waits for at most one step).
        while 0 in view._exact:
            await asyncio.sleep(0.01)
        t3 = time.perf_counter()
        assert view.virtual_size.height > 0
        cpu, wall, keys, thread, landed = [], [], [], [], []
        checking = app.checking
        # The keys go on past `moves` until a check run has ended during them (at most 5 times as
        # many keys): when the findings come back is then always timed, whatever the load.
        k = -1
        while (k := k + 1) < moves or (not landed and k < 5 * moves):
            key = "pagedown" if k % 10 == 9 else "c" if k % 7 == 6 else "ctrl+z" if k % 13 == 12 else "down"
            w, c, t = time.perf_counter(), time.process_time(), time.thread_time()
            await pilot.press(key)
            await pilot.pause()
            cpu.append(time.process_time() - c)
            thread.append(time.thread_time() - t)
            wall.append(time.perf_counter() - w)
            keys.append(key)
            if checking and not app.checking:  # a check run ended: its findings came back
                landed.append((k, f"{len(app.findings or ())} findings"))
            checking = app.checking
        assert view.cursor > 0
        filters = {}
        editor = app.editor
        for kind in ("unconfirmed", "low", "shape", "notes", None):
            while 0 in view._exact:  # the background measuring of the last filter's pairs
                await asyncio.sleep(0.01)
            await pilot.pause()
            c = time.process_time()
            editor.set_filter(kind)  # the subset, its layout, the cursor placed (the redraw is a key's)
            filters[kind or "off"] = time.process_time() - c
    return Timings(t1 - t0, t2 - t1, cpu, wall, keys, thread, landed, t3 - t2, filters)


async def baseline(moves: int) -> Timings:
    """The same measures on an empty Textual app with a footer: what the framework itself costs."""
    from textual.app import App
    from textual.widgets import Footer, Static

    class Empty(App):
        BINDINGS = [("down,pagedown", "nothing", "Nothing")]

        def compose(self):
            yield Static("empty")
            yield Footer()

        def action_nothing(self) -> None:
            pass

    t1 = time.perf_counter()
    async with Empty().run_test(size=(160, 45)) as pilot:
        t2 = time.perf_counter()  # (measured on entering the harness: an upper bound of its first screen)
        await pilot.pause()
        cpu, wall = [], []
        for _ in range(moves):
            w, c = time.perf_counter(), time.process_time()
            await pilot.press("down")
            await pilot.pause()
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - w)
    return Timings(0.0, t2 - t1, cpu, wall)


def _ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"mean {1000 * sum(xs) / len(xs):.1f} ms, median {1000 * xs[len(xs) // 2]:.1f} ms, worst {1000 * xs[-1]:.1f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=10_000)
    ap.add_argument("--moves", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        generate(args.pairs, path)
        size = path.stat().st_size
        t = asyncio.run(measure(path, args.moves))
    print(f"file: {args.pairs} pairs, {size / 1e6:.1f} MB")
    print(f"open to first screen: {t.load + t.screen:.3f} s (aim < 0.5 s) = "
          f"load+validate YAML {t.load:.3f} s + editor to first screen {t.screen:.3f} s")
    print(f"  then every pair measured in the background in {t.layout:.3f} s (keys stay live meanwhile)")
    print(f"{len(t.keys_cpu)} keys (moves, page down, confirm, undo), CPU per key: {_ms(t.keys_cpu)} "
          "(aim: median < 10 ms, worst < 50 ms)")
    slow = sorted(zip(t.keys_cpu, t.keys or [], range(len(t.keys_cpu))), reverse=True)[:3]
    print("  the slowest: " + ", ".join(f"{key} (key {n + 1}) {1000 * c:.0f} ms" for c, key, n in slow))
    print(f"  of which the editor's own thread: {_ms(t.keys_thread or [0.0])}")
    if t.landed:
        print("  check runs ended (their findings came back) during " + ", ".join(f"key {k + 1} ({what})" for k, what in t.landed))
    else:
        print("  no check run ended during the keys, even with 5 times --moves: their arrival is NOT timed")
    print("Filter pairs on the whole document, CPU: "
          + ", ".join(f"{k} {1000 * v:.0f} ms" for k, v in (t.filters or {}).items()) + " (aim < 100 ms)")
    print(f"  wall per key through the Pilot harness (its idle waits included): {_ms(t.keys_wall)}")
    b = asyncio.run(baseline(args.moves))
    print(f"for scale, an empty Textual app on this machine: first screen {b.screen:.3f} s, "
          f"CPU per key {_ms(b.keys_cpu)}, wall per key {_ms(b.keys_wall)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
