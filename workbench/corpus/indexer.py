"""`workbench index`: bring the archive up to date with files on disk.

Aligned YAML files (folders searched recursively; only files of format `alignment/1`), and
TMX/XLIFF files through the importers (TSV/CSV only when named, since a folder's CSV is often
a glossary). A file whose SHA-256 is unchanged is skipped; a changed file's pairs are replaced;
a file that fails to load is reported and skipped while the rest are indexed. Writes are
batched in transactions of whole files, so the archive never holds half a file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.corpus.backend import Corpus, FileRecord, PairRow
from workbench.errors import WorkbenchError
from workbench.model import Alignment

FOLDER_SUFFIXES = (".yaml", ".yml", ".tmx", ".xlf", ".xliff")
NAMED_SUFFIXES = FOLDER_SUFFIXES + (".tsv", ".tab", ".csv")
_BATCH_PAIRS = 20_000  # pairs per transaction: few commits, bounded memory


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each, naming the file
    pairs: int = 0  # pairs written


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The files to index under `paths` (sorted, resolved), and the paths that cannot be."""
    files: list[Path] = []
    bad: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if any(part.startswith(".") for part in rel) or f.suffix.lower() not in FOLDER_SUFFIXES:
                    continue
                if f.is_file() and (f.suffix.lower() not in (".yaml", ".yml") or _is_alignment(f)):
                    files.append(f.resolve())
        elif p.is_file():
            if p.suffix.lower() not in NAMED_SUFFIXES:
                bad.append(f"{p}: not an aligned file (expected one of {', '.join(NAMED_SUFFIXES)})")
            else:
                files.append(p.resolve())
        elif p.exists():
            bad.append(f"{p}: not a regular file")
        else:
            bad.append(f"{p}: no such file or folder")
    return list(dict.fromkeys(files)), bad


def _is_alignment(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return b"alignment/1" in fh.read(300)
    except OSError:
        return False


Loader = Callable[[Path, bytes], Alignment]


def load_yaml(path: Path, data: bytes) -> Alignment:
    """An aligned YAML file; other formats need a loader from the caller (formats/ is a room
    beside this one), such as `editing.archive.load_any`."""
    from workbench.store.alignment_file import load_alignment
    from workbench.text.reading import decode_text

    if path.suffix.lower() not in (".yaml", ".yml"):
        raise WorkbenchError("only aligned YAML files can be indexed here", path)
    return load_alignment(path, decode_text(data, path))


def load_pairs(path: Path, data: bytes, load: Loader = load_yaml) -> tuple[FileRecord, list[PairRow]]:
    """The record and pairs of one file (WorkbenchError if it does not load)."""
    al = load(path, data)
    glossary = None
    if al.glossary:
        glossary = str((path.parent / al.glossary).resolve())
    sha = hashlib.sha256(data).hexdigest()
    rows = [PairRow(p.id, p.status, "".join(p.zh), " ".join(p.en)) for p in al.pairs if not p.is_empty]
    return FileRecord(str(path), sha, al.title or "", glossary, len(rows)), rows


def index_paths(
    corpus: Corpus,
    paths: Iterable[str | Path],
    *,
    prune: bool = False,
    progress: Callable[[float], None] | None = None,
    load: Loader = load_yaml,
) -> IndexReport:
    """Add new files, replace changed ones, skip unchanged ones; with `prune`, drop the indexed
    files that no longer exist."""
    from workbench.text.reading import read_bytes

    report = IndexReport()
    files, report.failed = collect(paths)
    known = corpus.files()
    batch: list[tuple[FileRecord, list[PairRow]]] = []
    pending = 0

    def flush() -> None:
        nonlocal batch, pending
        if batch:
            corpus.replace_files(batch)
            for rec, rows in batch:
                (report.updated if rec.path in known else report.added).append(rec.path)
                report.pairs += len(rows)
        batch, pending = [], 0

    for n, f in enumerate(files):
        try:
            data = read_bytes(f)
            old = known.get(str(f))
            if old is not None and old.sha256 == hashlib.sha256(data).hexdigest():
                report.unchanged.append(str(f))
                continue
            rec, rows = load_pairs(f, data, load)
        except WorkbenchError as exc:
            report.failed.append(_reason(exc, f))
            continue
        batch.append((rec, rows))
        pending += len(rows)
        if pending >= _BATCH_PAIRS:
            flush()
        if progress:
            progress((n + 1) / len(files))
    flush()
    if prune:
        gone = [p for p in known if not Path(p).is_file()]
        if gone:
            corpus.drop_files(gone)
            report.pruned = gone
    return report


def _reason(exc: WorkbenchError, path: Path) -> str:
    """One line naming the file (and line and column where the error has them)."""
    return str(exc) if exc.path else f"{path}: {exc}"
