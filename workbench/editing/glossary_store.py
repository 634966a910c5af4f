"""The glossary an open alignment names, changed from the editor and saved on every change."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.glossary.model import Glossary, Term, load_glossary, save_glossary, validate_term

if TYPE_CHECKING:
    from workbench.editing.session import Session


class GlossaryOutside(WorkbenchError):
    """The glossary the alignment names lies outside the alignment's folder tree: the editor
    writes there only once the user has confirmed the full path (a received file may name any
    path on disk)."""


class GlossaryStore:
    """The glossary named by the alignment (relative to it), saved atomically on every change."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._glossary: Glossary | None = None
        self._loaded_from: Path | None = None
        self.confirmed_outside: Path | None = None  # the one outside path the user said yes to

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

    def outside(self) -> Path | None:
        """The glossary's full path when it is outside the alignment's folder tree, else None."""
        path = self.path
        if path is None:
            return None
        home = os.path.realpath(self.session.path.parent)
        return None if os.path.commonpath([home, str(path)]) == home else path

    def _save(self) -> None:
        outside = self.outside()
        if outside is not None and outside != self.confirmed_outside:
            raise GlossaryOutside(f"the glossary this file names is outside its folder: {outside}", outside)
        if self.path is None:
            target = self.default_path()
            self.session.set_glossary_path(os.path.relpath(target, os.path.realpath(self.session.path.parent)))
            self._loaded_from = self.path
        save_glossary(self.glossary, self.path)  # type: ignore[arg-type]

    # -- changes: each one a patch on the session's undo stack (and in its journal) ------------

    def add(self, term: Term) -> None:
        g = self.glossary
        validate_term(term)
        for form in term.zh:
            other = g.find(form)
            if other is not None:
                raise WorkbenchError(f"the term {form!r} is already in the glossary (→ {other.en!r})")
        self._change("Add to glossary", len(g.terms), None, term)

    def replace(self, index: int, term: Term) -> None:
        g = self.glossary
        validate_term(term)
        for form in term.zh:
            other = g.find(form)
            if other is not None and other is not g.terms[index]:
                raise WorkbenchError(f"the term {form!r} is already in the glossary (→ {other.en!r})")
        self._change("Edit term", index, g.terms[index], term)

    def delete(self, index: int) -> Term:
        term = self.glossary.terms[index]
        self._change("Delete term", index, term, None)
        return term

    def _change(self, label: str, index: int, before: Term | None, after: Term | None) -> None:
        from workbench.store.journal import Patch

        if getattr(self.session, "read_only", False):
            # the glossary is saved at once: only the editor holding the file may change it
            raise WorkbenchError("opened read-only: the glossary is changed from the editor that holds the file")

        self.session.apply(Patch(0, [], [], label, term=(index, _plain(before), _plain(after))))

    def apply_change(self, change: tuple[int, dict | None, dict | None]) -> None:
        """Make a glossary change of a patch (done, undone or replayed from a journal) and save.

        A change already made (the glossary is saved at once, so a replayed journal finds its
        terms there) is left as it is."""
        index, before, after = change
        g = self.glossary
        old, new = _term(before), _term(after)
        terms = list(g.terms)
        if old is None:
            if new in g.terms:
                return
            g.terms.insert(min(index, len(g.terms)), new)  # type: ignore[arg-type]
        elif new is None:
            if old not in g.terms:
                return
            at = index if index < len(g.terms) and g.terms[index] == old else g.terms.index(old)
            del g.terms[at]
        else:
            if new in g.terms and old not in g.terms:
                return
            at = index if index < len(g.terms) and g.terms[index] == old else g.terms.index(old)
            g.terms[at] = new
        try:
            self._save()
        except BaseException:
            g.terms[:] = terms
            raise


def _plain(term: Term | None) -> dict | None:
    return None if term is None else dataclasses.asdict(term)


def _term(d: dict | None) -> Term | None:
    if d is None:
        return None
    try:
        term = Term(**d)
        validate_term(term)
    except (TypeError, ValueError) as exc:
        raise WorkbenchError(f"a glossary change in the journal is not a term: {exc}") from None
    return term
