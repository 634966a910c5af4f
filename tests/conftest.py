"""Test-wide environment.

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
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="workbench-test-cache-")
os.environ["WORKBENCH_CACHE"] = _CACHE
os.environ.setdefault("WORKBENCH_SEMANTIC", "0")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_user_archive(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path_factory.getbasetemp() / "no-archive.sqlite"))
