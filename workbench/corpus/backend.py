"""What the archive's storage offers its callers: the small interface a backend implements.

The embedded SQLite backend (`sqlite.py`) is the default; a server backend (PostgreSQL with
pg_trgm, say) would implement the same methods and nothing that calls them would change.
Every search is complete: it returns every matching pair (up to `limit`) and the true total.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class FileRecord:
    """An indexed file: where it is, its checksum, and what it says about itself. A document
    pair aligned for the index (`workbench index --pair ZH EN`) is filed under the Chinese
    document, its English document the `partner`."""

    path: str
    sha256: str
    title: str = ""
    glossary: str | None = None  # the file's glossary, as an absolute path
    pairs: int = 0
    partner: str | None = None  # the English document of a pair, as an absolute path
    partner_sha256: str | None = None


@dataclass(frozen=True)
class PairRow:
    """One pair as indexed (zh sentences joined without a space, en with one)."""

    pair: int
    status: str
    zh: str
    en: str


@dataclass(frozen=True)
class Hit:
    """A pair found in the archive, with the file it belongs to."""

    file: str
    title: str
    glossary: str | None
    pair: int
    status: str
    zh: str
    en: str

    def as_dict(self) -> dict:
        return {"file": self.file, "pair": self.pair, "zh": self.zh, "en": self.en, "status": self.status}


@dataclass
class Found:
    """The hits of a search (at most the limit asked) and how many pairs match in all."""

    hits: list[Hit]
    total: int


class Corpus(Protocol):
    """The archive's storage."""

    path: str

    def files(self) -> dict[str, FileRecord]:
        """Every indexed file by path."""
        ...

    def replace_files(self, items: Iterable[tuple[FileRecord, list[PairRow]]]) -> None:
        """Put these files' pairs in place of what was indexed for them, all or nothing."""
        ...

    def drop_files(self, paths: Iterable[str]) -> None:
        """Forget these files, all or nothing."""
        ...

    def find_zh(self, text: str, *, status: str | None = None, limit: int | None = None,
                exclude_file: str | None = None) -> Found:
        """Pairs whose Chinese contains `text` (any length, exact; letters case-insensitive)."""
        ...

    def find_en(self, query: str, *, status: str | None = None, limit: int | None = None,
                exclude_file: str | None = None) -> Found:
        """Pairs whose English has the words of `query` as a phrase (case-insensitive; a final
        `*` makes the last word a prefix)."""
        ...

    def count_en(self, query: str) -> int:
        """How many pairs `find_en(query)` would find."""
        ...

    def scan(self, *, status: str | None = None) -> Iterator[Hit]:
        """Every pair, in index order (for searches the index cannot answer)."""
        ...

    def similar_zh(self, text: str, *, limit: int = 200) -> list[Hit]:
        """Candidates for fuzzy matches of `text`: the pairs sharing most of its rarer bigrams."""
        ...

    def stats(self) -> dict:
        """{files, pairs, bytes}."""
        ...

    def close(self) -> None: ...
