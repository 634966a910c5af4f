"""A flow-style (non-canonical) aligned YAML of 1M pairs: `workbench check` must refuse it with
one line naming the size limit, in bounded time and memory (it used to die with MemoryError
near 5 GB). Prints exit code, seconds and peak memory of the real CLI.

    python bench/flow_yaml_limit.py [PAIRS]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "flow.yaml"
        with path.open("w", encoding="utf-8") as fh:
            fh.write("workbench: alignment/1\ntitle: t\nsource: {lang: zh}\ntarget: {lang: en}\npairs: [")
            fh.write(", ".join(f"{{id: {k}, zh: [第{k}句。], en: [Sentence {k}.]}}" for k in range(1, n + 1)))
            fh.write("]\n")
        size = path.stat().st_size
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "workbench", "check", str(path)], cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        message = proc.stderr.read().decode("utf-8", "replace").strip()
        proc.stderr.close()
        proc.returncode = 0
    print(f"{n:,} pairs, flow style, {size / 1e6:.0f} MB")
    print(f"exit {os.waitstatus_to_exitcode(status)}, {seconds:.2f} s, peak {usage.ru_maxrss / 1024:.0f} MB")
    print(message)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # the bound: under 3 GB
    main()
