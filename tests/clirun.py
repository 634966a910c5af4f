"""Running the real CLI in a subprocess, with its time and peak memory (not a test module)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMORY_CAP = 1 << 30  # address space allowed to the child: a bomb that expands fails loudly


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


def run_cli(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """`python -m workbench ARGS`, its output, wall time and peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "maxrss"
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(MEMORY_CAP), str(report), *map(str, args)],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd or ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        )
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        maxrss = int(report.read_text()) if report.exists() else 0
        returncode = proc.returncode
        if returncode > 128 and returncode - 128 < 65:  # killed by a signal: report it as Popen does
            returncode = -(returncode - 128)
        return Result(
            returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            maxrss / 1024,
        )
