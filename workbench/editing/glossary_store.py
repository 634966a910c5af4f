"""The glossary an open alignment names, changed from the editor and saved on every change."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.glossary.model import Glossary, Term, load_glossary, save_glossary

if TYPE_CHECKING:
    from workbench.editing.session import Session


class GlossaryStore:
    """The glossary named by the alignment (relative to it), saved atomically on every change."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._glossary: Glossary | None = None
        self._loaded_from: Path | None = None

    @property
    def path(self) -> Path | None:
        rel = self.session.al.glossary
        return Path(os.path.realpath(self.session.path.parent / rel)) if rel else None

    def default_path(self) -> Path:
        """Where a new glossary goes when the alignment names none: beside it."""
        return self.session.path.with_name(self.session.path.stem + ".glossary.yaml")

    @property
    def glossary(self) -> Glossary:
        """The glossary (empty if the alignment names none or its file does not exist yet)."""
        path = self.path
        if self._glossary is None or self._loaded_from != path:
            self._loaded_from = path
            if path is not None and path.exists():
                self._glossary = load_glossary(path)
            else:
                self._glossary = Glossary(name=self.session.al.title or "")
        return self._glossary

    def _save(self) -> None:
        if self.path is None:
            target = self.default_path()
            self.session.set_glossary_path(os.path.relpath(target, os.path.realpath(self.session.path.parent)))
            self._loaded_from = self.path
        save_glossary(self.glossary, self.path)  # type: ignore[arg-type]

    def add(self, term: Term) -> None:
        self.glossary.add(term)
        try:
            self._save()
        except BaseException:
            self.glossary.terms.remove(term)
            raise

    def replace(self, index: int, term: Term) -> None:
        g = self.glossary
        old = g.terms[index]
        del g.terms[index]
        try:
            g.add(term)
        except WorkbenchError:
            g.terms.insert(index, old)
            raise
        g.terms.insert(index, g.terms.pop())
        self._save()

    def delete(self, index: int) -> Term:
        term = self.glossary.terms.pop(index)
        self._save()
        return term
