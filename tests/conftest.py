"""What the test modules share: the test-wide environment, the one way to run the real command
line, and the editor's sample document and Pilot helpers.

Test modules import these by name (`from conftest import run_cli`); pytest puts tests/ on the
path. The editor's `doc` fixture is here too, so every editor test opens the same document.

Environment:
- Every test runs without the user's own archive (WORKBENCH_DB points at nothing).
- Nothing is written to the user's vector cache (WORKBENCH_CACHE is a temporary folder), and the
  CLI aligns lexical-only unless a test asks for the sentence encoder (--semantic): loading the
  encoder in each of the many CLI subprocesses would cost seconds apiece.
  tests/test_align_semantic.py tests the encoder, the CLI with --semantic and the editor's
  realign with it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_CACHE = tempfile.mkdtemp(prefix="workbench-test-cache-")
os.environ["WORKBENCH_CACHE"] = _CACHE
os.environ.setdefault("WORKBENCH_SEMANTIC", "0")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

# -- the command line ---------------------------------------------------------------------

MEMORY_CAP = 1 << 30  # address space allowed to the child: a bomb that expands fails loudly
TIMEOUT = 120.0  # seconds before a hung child is killed (and the test fails)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float


# The CLI runs as the grandchild of a small launcher, which reaps it with wait4 and reports its
# peak memory. Measured from the test process directly, a child forked from it would count the
# test process's own pages (hundreds of MB once a test has loaded the sentence encoder).
_LAUNCHER = """
import os, resource, subprocess, sys
cap, report = int(sys.argv[1]), sys.argv[2]
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
proc = subprocess.Popen([sys.executable, "-m", "workbench", *sys.argv[3:]], preexec_fn=limit)
_, status, usage = os.wait4(proc.pid, 0)
proc.returncode = 0
with open(report, "w") as fh:
    fh.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)  # a signal as the shell says it
"""


def run_cli(
    *args: str | Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
    stdin: bytes = b"",
) -> Result:
    """`python -m workbench ARGS` as a user runs it, in the repository (or `cwd`), `stdin` as its
    input: its exit code, output, wall time and peak resident memory, its address space capped at
    MEMORY_CAP; a run longer than `timeout` seconds is killed and fails the test."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as given,
        tempfile.TemporaryDirectory() as tmp,
    ):
        given.write(stdin)
        given.seek(0)
        report = Path(tmp) / "maxrss"
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(MEMORY_CAP), str(report), *map(str, args)],
            stdout=out,
            stderr=err,
            stdin=given,
            cwd=cwd or ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
            start_new_session=True,  # the launcher and the CLI are killed together on a time-out
        )
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"`workbench {' '.join(map(str, args))}` did not finish within {timeout:g} s")
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        maxrss = int(report.read_text()) if report.exists() else 0
        if returncode > 128 and returncode - 128 < 65:  # killed by a signal: report it as Popen does
            returncode = -(returncode - 128)
        return Result(
            returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            maxrss / 1024,
        )


# -- the editor ---------------------------------------------------------------------------

SIZE = (160, 45)

ZH = [
    "女士们、先生们，大家上午好！",
    "欢迎出席国务院新闻办新闻发布会。",
    "我们要加快发展新质生产力。",
    "专精特新“小巨人”企业达到1.2万家。",
    "制造业增加值占全球比重约30%。",
    "谢谢大家。",
    "下面请记者提问。",
    "工业和信息化部将继续推动高质量发展。",
]
EN = [
    "Ladies and gentlemen, good morning.",
    "Welcome to this press conference.",
    "We will speed up the development of new quality productive forces.",
    'There are 12,000 "little giant" enterprises.',
    "Manufacturing value added is about 30% of the global total.",
    "Thank you.",
    "The floor is now open for questions.",
    "The ministry will keep promoting high-quality development.",
]


def make_alignment():
    """Seven pairs over ZH and EN: 1–1, 2–1, 0–1 and 2–2 beads, scores high and low."""
    from workbench.model import Alignment, Pair

    al = Alignment(title="test briefing")
    pairs = [
        ([0], [0], 0.9),
        ([1], [1], 0.3),
        ([2, 3], [2], 0.45),
        ([], [3], 0.3),
        ([4], [4], 0.95),
        ([5, 6], [5, 6], 0.8),
        ([7], [7], 0.99),
    ]
    for n, (z, e, score) in enumerate(pairs):
        al.pairs.append(Pair(id=n + 1, zh=[ZH[i] for i in z], en=[EN[i] for i in e], score=score))
    return al


def app_for(path: Path, **kw):
    """The editor on `path`, without autosave, its checks in a thread (no process start-up), and
    without the tester's own key map and settings (settings.yaml beside `path`)."""
    from workbench.editing.session import Session
    from workbench.tui.app import WorkbenchApp

    kw.setdefault("autosave_seconds", 0)
    kw.setdefault("checks_in_process", False)
    kw.setdefault("keymap_path", path.parent / "no-keymap.yaml")  # never the tester's own keys
    kw.setdefault("settings_path", path.parent / "settings.yaml")  # nor their settings
    return WorkbenchApp(Session(path), **kw)


def sentences(path: Path) -> tuple[list[str], list[str]]:
    from workbench.store.alignment_file import load_alignment

    al = load_alignment(path)
    return al.zh_sentences(), al.en_sentences()


def assert_invariant(path: Path) -> None:
    """The saved file still holds every sentence once, in order, in pairs with unique ids."""
    from workbench.store.alignment_file import load_alignment

    zh, en = sentences(path)
    assert zh == ZH and en == EN
    al = load_alignment(path)
    assert len({p.id for p in al.pairs}) == len(al.pairs)
    assert all(p.zh or p.en for p in al.pairs)


async def goto(pilot, app, index: int) -> None:
    app.editor.view.move_to(index)
    await pilot.pause()


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    """The sample alignment saved as doc.yaml."""
    from workbench.store.alignment_file import save_alignment

    path = tmp_path / "doc.yaml"
    save_alignment(make_alignment(), path)
    return path


# -- every test ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_user_archive(tmp_path_factory, monkeypatch):
    """Every test runs without the user's own archive (WORKBENCH_DB points at nothing)."""
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path_factory.getbasetemp() / "no-archive.sqlite"))
