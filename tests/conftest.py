"""Test-wide environment: nothing is written to the user's cache folder, and the CLI aligns
lexical-only unless a test asks for the sentence encoder (--semantic): loading the encoder in
each of the many CLI subprocesses would cost seconds apiece.  tests/test_align_semantic.py tests
the encoder, the CLI with --semantic and the editor's realign with it."""

from __future__ import annotations

import os
import tempfile

_CACHE = tempfile.mkdtemp(prefix="workbench-test-cache-")
os.environ["WORKBENCH_CACHE"] = _CACHE
os.environ.setdefault("WORKBENCH_SEMANTIC", "0")


def _cleanup() -> None:
    import shutil

    shutil.rmtree(_CACHE, ignore_errors=True)


import atexit  # noqa: E402

atexit.register(_cleanup)
