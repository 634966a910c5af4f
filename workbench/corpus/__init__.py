"""The archive: every aligned file a team has made, indexed for concordance and translation
memory (SQLite + FTS5, embedded; see `backend.Corpus` for the interface callers use).

Where it lives: `--db PATH`, else `$WORKBENCH_DB`, else `corpus.sqlite` in the user's data
folder (platformdirs: ~/.local/share/workbench on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.corpus.backend import Corpus


def default_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The archive's path: the one given, else $WORKBENCH_DB, else the user's data folder."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("WORKBENCH_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("workbench", appauthor=False)) / "corpus.sqlite"


def open_corpus(path: str | os.PathLike | None = None, *, create: bool = False, readonly: bool = False) -> Corpus:
    """The archive at `default_db_path(path)`; with `create`, made if missing."""
    from workbench.corpus.sqlite import open_sqlite

    return open_sqlite(default_db_path(path), create=create, readonly=readonly)
