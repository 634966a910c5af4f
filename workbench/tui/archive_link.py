"""The editor's handle on the archive: opened once, read-only, shared by the translation
memory panel and the Concordance screen; None when there is no archive to read."""

from __future__ import annotations

import threading

from workbench.corpus import default_db_path, open_corpus
from workbench.corpus.backend import Corpus
from workbench.errors import WorkbenchError


class ArchiveLink:
    """Lazily opened archive; `lock` serialises the worker threads that query it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._corpus: Corpus | None = None
        self.error: str | None = None
        self._tried = False

    @property
    def path(self):
        return default_db_path()

    def corpus(self) -> Corpus | None:
        """The archive, or None (no archive yet, or it cannot be read: see `error`)."""
        if not self._tried:
            self._tried = True
            if not default_db_path().exists():
                self.error = "no archive yet: `workbench index FOLDER` builds one"
                return None
            try:
                self._corpus = open_corpus(readonly=True)
            except WorkbenchError as exc:
                self.error = str(exc)
        return self._corpus

    def close(self) -> None:
        if self._corpus is not None:
            with self.lock:
                self._corpus.close()
                self._corpus = None


def archive(app) -> ArchiveLink:
    """The app's archive link, made on first use."""
    link = getattr(app, "_archive_link", None)
    if link is None:
        link = ArchiveLink()
        app._archive_link = link
    return link
