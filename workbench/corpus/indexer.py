"""`workbench index`: bring the archive up to date with files on disk.

Aligned YAML files (folders searched recursively; only files of format `alignment/1`), and
TMX/XLIFF files through the importers (TSV/CSV only when named, since a folder's CSV is often
a glossary). Documents (.docx, .html, .md, .pdf) when named: the loader reads a bilingual one's
tables as pairs. Document pairs (a Chinese document and its English one) are aligned by the
caller's `align` and filed under the Chinese document, the English one its partner. A file
(or pair) whose SHA-256 is unchanged is skipped; a changed file's pairs are replaced; a file
that fails to load is reported and skipped while the rest are indexed. Writes are batched in
transactions of whole files, so the archive never holds half a file.
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
ALIGNED_SUFFIXES = NAMED_SUFFIXES
_BATCH_PAIRS = 20_000  # pairs per transaction: few commits, bounded memory


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each, naming the file
    pairs: int = 0  # pairs written


def collect(paths: Iterable[str | Path], forced: str | None = None) -> tuple[list[Path], list[str]]:
    """The files to index under `paths` (sorted, resolved), and the paths that cannot be.
    Named documents (.docx, .html, .md, .pdf; any file but an aligned one when the reader is
    `forced`) are kept for the loader; folders give aligned files only."""
    from workbench.text.inputs import EXTENSIONS

    documents = tuple(ext for ext, fmt in EXTENSIONS.items() if fmt != "txt")
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
            suffix = p.suffix.lower()
            if suffix not in NAMED_SUFFIXES and suffix not in documents and not forced:
                bad.append(f"{p}: not an aligned file or a document (expected one of "
                           f"{', '.join(NAMED_SUFFIXES + documents)}, or --input-format)")
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
PairAligner = Callable[[Path, bytes, Path, bytes], Alignment]


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
    rows = _rows(al)
    return FileRecord(str(path), sha, al.title or "", glossary, len(rows)), rows


def _rows(al: Alignment) -> list[PairRow]:
    return [PairRow(p.id, p.status, "".join(p.zh), " ".join(p.en)) for p in al.pairs if not p.is_empty]


def collect_pairs(pairs: Iterable[tuple[str | Path, str | Path]],
                  pair_folders: Callable[[Path, Path], tuple[list[tuple[Path, Path]], list[Path]]] | None = None,
                  ) -> tuple[list[tuple[Path, Path]], list[str]]:
    """The document pairs to index (resolved): two files, or two folders paired by name with
    `pair_folders` (which also returns the files without a partner); and what cannot be."""
    out: list[tuple[Path, Path]] = []
    bad: list[str] = []
    for zh_given, en_given in pairs:
        zh, en = Path(zh_given), Path(en_given)
        if zh.is_dir() and en.is_dir() and pair_folders is not None:
            try:
                found, alone = pair_folders(zh, en)
            except WorkbenchError as exc:
                bad.append(str(exc))
                continue
            out += [(z.resolve(), e.resolve()) for z, e in found]
            bad += [f"{p}: no file of the same name in the other folder" for p in alone]
            if not found and not alone:
                bad.append(f"{zh}: no documents to pair with {en}")
            continue
        problem = next((f"{p}: no such file" if not p.exists() else f"{p}: not a regular file (--pair takes two "
                        "documents, or two folders of them)" for p in (zh, en) if not p.is_file()), None)
        if problem:
            bad.append(problem)
        else:
            out.append((zh.resolve(), en.resolve()))
    return list(dict.fromkeys(out)), bad


def index_paths(
    corpus: Corpus,
    paths: Iterable[str | Path],
    *,
    prune: bool = False,
    progress: Callable[[float], None] | None = None,
    load: Loader = load_yaml,
    forced: str | None = None,
    pairs: Iterable[tuple[str | Path, str | Path]] = (),
    align: PairAligner | None = None,
    pair_folders: Callable[[Path, Path], tuple[list[tuple[Path, Path]], list[Path]]] | None = None,
) -> IndexReport:
    """Add new files, replace changed ones, skip unchanged ones; with `prune`, drop the indexed
    files (or pairs) that no longer exist. `pairs` (Chinese document, English document; or two
    folders, paired by `pair_folders`) are aligned by `align` unless both are unchanged."""
    from workbench.text.reading import read_bytes

    report = IndexReport()
    files, report.failed = collect(paths, forced)
    doc_pairs, bad_pairs = collect_pairs(pairs, pair_folders)
    report.failed += bad_pairs
    if doc_pairs and align is None:
        raise WorkbenchError("document pairs need an aligner")
    known = corpus.files()
    total = len(files) + len(doc_pairs)
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
            if old is not None and old.partner is None and old.sha256 == hashlib.sha256(data).hexdigest():
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
            progress((n + 1) / total)
    for n, (zh, en) in enumerate(doc_pairs, len(files)):
        try:
            zh_data, en_data = read_bytes(zh), read_bytes(en)
            zh_sha, en_sha = hashlib.sha256(zh_data).hexdigest(), hashlib.sha256(en_data).hexdigest()
            old = known.get(str(zh))
            if old is not None and (old.sha256, old.partner, old.partner_sha256) == (zh_sha, str(en), en_sha):
                report.unchanged.append(str(zh))
                continue
            al = align(zh, zh_data, en, en_data)  # type: ignore[misc]
        except WorkbenchError as exc:
            report.failed.append(str(exc) if exc.path else f"{zh}: {exc}")
            continue
        rows = _rows(al)
        batch.append((FileRecord(str(zh), zh_sha, al.title or "", None, len(rows), str(en), en_sha), rows))
        pending += len(rows)
        if pending >= _BATCH_PAIRS:
            flush()
        if progress:
            progress((n + 1) / total)
    flush()
    if prune:
        gone = [p for p, rec in known.items()
                if not Path(p).is_file() or (rec.partner is not None and not Path(rec.partner).is_file())]
        if gone:
            corpus.drop_files(gone)
            report.pruned = gone
    return report


def _reason(exc: WorkbenchError, path: Path) -> str:
    """One line naming the file (and line and column where the error has them)."""
    return str(exc) if exc.path else f"{path}: {exc}"
