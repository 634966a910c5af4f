"""Every test runs without the user's own archive (WORKBENCH_DB points at nothing)."""

import pytest


@pytest.fixture(autouse=True)
def _no_user_archive(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path_factory.getbasetemp() / "no-archive.sqlite"))
