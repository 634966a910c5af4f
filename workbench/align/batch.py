"""Aligning many document pairs: two folders paired by name, the jobs run on a local process
pool or on a Dask cluster, the results written by the caller.

The client reads each document and sends its bytes; a worker (a local process or a Dask
worker on another machine) parses, aligns and returns the aligned YAML text; the client writes
it. No shared file system is needed, and a cluster's output is byte for byte a local run's:
both run `align_job` on the same inputs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.glossary.model import Glossary


@dataclass(frozen=True)
class AlignOptions:
    """How every document of a batch is read and aligned (add a field for a new choice)."""

    presplit: bool = False
    input_format: str | None = None
    encoding: str | None = None  # of text and Markdown inputs (--encoding); None: found from the bytes
    semantic: bool = False  # the sentence encoder's similarity in the bead score (--semantic)


@dataclass(frozen=True)
class Job:
    """One document pair: where to read it, where its YAML goes, and the paths the YAML records
    (relative to the output's folder, worked out on the client where the files are)."""

    name: str
    zh_path: str
    en_path: str
    out_path: str
    zh_ref: str
    en_ref: str
    glossary_ref: str | None = None


@dataclass
class Outcome:
    job: Job
    yaml: str | None = None  # the aligned YAML text, None on failure
    pairs: int = 0
    error: str | None = None  # one line naming the file
    warnings: tuple[str, ...] = ()  # the aligner's warnings (AlignWarning), one line each


@dataclass
class FolderPairing:
    pairs: list[tuple[Path, Path]]
    zh_only: list[Path]
    en_only: list[Path]


def _documents(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file())
    except OSError as exc:
        raise WorkbenchError(f"cannot list the folder: {exc.strerror or exc}", folder) from None


def _keys(files: list[Path]) -> dict[str, Path]:
    """A file's pairing key: its stem when no other file of the folder has that stem (so
    ch01.docx pairs with ch01.pdf), else its whole name."""
    stems: dict[str, int] = {}
    for p in files:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    return {(p.stem if stems[p.stem] == 1 else p.name): p for p in files}


def pair_folders(zh_dir: Path, en_dir: Path) -> FolderPairing:
    """Pair the files of two folders by name (ch01.txt with ch01.txt, or ch01.docx with
    ch01.pdf), and list the files that have no partner."""
    zh, en = _keys(_documents(zh_dir)), _keys(_documents(en_dir))
    both = sorted(zh.keys() & en.keys())
    return FolderPairing(
        pairs=[(zh[k], en[k]) for k in both],
        zh_only=sorted(zh[k] for k in zh.keys() - en.keys()),
        en_only=sorted(en[k] for k in en.keys() - zh.keys()),
    )


def output_name(zh_path: Path, pairing: FolderPairing) -> str:
    """ch01.yaml; ch01.txt.yaml when the folder also pairs a ch01.md."""
    same_stem = sum(1 for z, _ in pairing.pairs if z.stem == zh_path.stem)
    return f"{zh_path.stem}.yaml" if same_stem == 1 else f"{zh_path.name}.yaml"


def make_job(zh_path: str | Path, en_path: str | Path, out_path: str | Path, glossary_path: str | Path | None = None) -> Job:
    from workbench.align.build import relative_to

    base = Path(os.path.realpath(out_path)).parent
    return Job(
        name=Path(zh_path).name,
        zh_path=str(zh_path),
        en_path=str(en_path),
        out_path=str(out_path),
        zh_ref=relative_to(zh_path, base),
        en_ref=relative_to(en_path, base),
        glossary_ref=relative_to(glossary_path, base) if glossary_path else None,
    )


Result = tuple[str | None, int, str | None, tuple[str, ...]]


def align_job(job: Job, zh_data: bytes, en_data: bytes, glossary: Glossary | None,
              options: AlignOptions) -> Result:
    """Parse and align one pair from its bytes: (YAML text, pairs, None, warnings) or
    (None, 0, error, warnings).

    Runs in a worker: it touches no file, every failure comes back as one line, and the
    aligner's warnings (a region that drifted, an empty side) come back as text, for the
    client to say, not as Python warnings printed by the worker.
    """
    import warnings

    from workbench.align import AlignWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AlignWarning)
        yaml, n, error = _align_job(job, zh_data, en_data, glossary, options)
    said: list[str] = []
    for w in caught:
        if issubclass(w.category, AlignWarning):
            if str(w.message) not in said:
                said.append(str(w.message))
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return yaml, n, error, tuple(said)


def _align_job(job: Job, zh_data: bytes, en_data: bytes, glossary: Glossary | None,
               options: AlignOptions) -> tuple[str | None, int, str | None]:
    from workbench.align.build import align_documents
    from workbench.store.alignment_file import dump_alignment
    from workbench.text.documents import document_from_bytes

    _undo_forced_malloc_trim()
    try:
        zh = document_from_bytes(zh_data, job.zh_path, "zh", options.presplit, options.input_format, options.encoding)
        en = document_from_bytes(en_data, job.en_path, "en", options.presplit, options.input_format, options.encoding)
        al = align_documents(zh, en, glossary=glossary, semantic=options.semantic)
        al.source.path, al.target.path = job.zh_ref, job.en_ref
        al.glossary = job.glossary_ref
        return dump_alignment(al), len(al.pairs), None
    except WorkbenchError as exc:
        return None, 0, str(exc)
    except MemoryError:
        return None, 0, f"{job.zh_path}: out of memory aligning this pair"
    except Exception as exc:  # a bug of ours: name the pair, keep the batch going
        return None, 0, f"{job.zh_path}: internal error aligning this pair: {type(exc).__name__}: {exc}"


_MALLOC_TUNED = False


def _undo_forced_malloc_trim() -> None:
    """Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_ set, which also fixes glibc's
    mmap threshold at 128 KiB: every large array the aligner makes is then mapped and unmapped
    afresh, 2-3x slower (bench/cluster_speed.py). Raise the mmap threshold again, once a process."""
    global _MALLOC_TUNED
    if _MALLOC_TUNED:
        return
    _MALLOC_TUNED = True
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, 32 * 1024 * 1024)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # not glibc
        pass


def _read(job: Job) -> tuple[bytes, bytes]:
    from workbench.text.reading import read_bytes

    return read_bytes(job.zh_path), read_bytes(job.en_path)


def run_jobs(
    jobs: Sequence[Job],
    *,
    glossary: Glossary | None = None,
    options: AlignOptions = AlignOptions(),
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[float], None] | None = None,
) -> Iterator[Outcome]:
    """Align the jobs, yielding each outcome as it completes (not in order).

    Without `scheduler`, on a local pool of `workers` processes (in this process for one);
    with `scheduler` ("tcp://host:8786"), on that Dask cluster. At most a few documents per
    worker are read ahead, so a batch of any size runs in bounded memory.
    """
    total = len(jobs)
    done = 0
    workers = workers or os.cpu_count() or 1

    def tick(outcome: Outcome) -> Outcome:
        nonlocal done
        done += 1
        if progress:
            progress(done / total)
        return outcome

    if scheduler is None and workers <= 1 or total == 0:
        for job in jobs:
            try:
                zh_data, en_data = _read(job)
            except WorkbenchError as exc:
                yield tick(Outcome(job, error=str(exc)))
                continue
            yield tick(Outcome(job, *align_job(job, zh_data, en_data, glossary, options)))
        return
    with _executor(scheduler, workers) as (executor, slots, shared_glossary):
        yield from (tick(o) for o in _windowed(executor, slots, jobs, shared_glossary(glossary), options))


def align_jobs(batch: list[tuple[Job, bytes, bytes]], glossary: Glossary | None,
               options: AlignOptions) -> list[Result]:
    """`align_job` on a few pairs in one task: a cluster's cost per task (a round trip through the
    scheduler) is then paid once for them."""
    return [align_job(job, zh, en, glossary, options) for job, zh, en in batch]


def _windowed(executor, slots: int, jobs: Sequence[Job], glossary, options: AlignOptions) -> Iterator[Outcome]:
    from concurrent.futures import FIRST_COMPLETED, wait

    # Pairs a task: enough that each worker gets about 8 tasks, at most 8 pairs (progress stays
    # lively and a failed task costs little); 2 tasks a worker in flight, so memory stays bounded.
    size = max(1, min(8, len(jobs) // (8 * slots)))
    window = max(2, 2 * slots)
    pending: dict = {}
    queue = iter(jobs)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            batch: list[tuple[Job, bytes, bytes]] = []
            while len(batch) < size:
                job = next(queue, None)
                if job is None:
                    exhausted = True
                    break
                try:
                    zh_data, en_data = _read(job)
                except WorkbenchError as exc:
                    yield Outcome(job, error=str(exc))
                    continue
                batch.append((job, zh_data, en_data))
            if batch:
                pending[executor.submit(align_jobs, batch, glossary, options)] = [job for job, _, _ in batch]
        if not pending:
            return
        finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
        for fut in finished:
            batch_jobs = pending.pop(fut)
            try:
                results = fut.result()
            except Exception as exc:  # the worker died, or the cluster lost it
                results = [(None, 0, f"{job.zh_path}: the worker failed on this pair: {type(exc).__name__}: {exc}",
                            ()) for job in batch_jobs]
            for job, result in zip(batch_jobs, results):
                yield Outcome(job, *result)


class _executor:
    """A local process pool, or a Dask cluster's executor; the glossary sent to each worker once."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        self.scheduler, self.workers = scheduler, workers

    def __enter__(self):
        if self.scheduler is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers)
            return self._pool, self.workers, lambda g: g
        self._client = connect(self.scheduler)
        slots = max(1, sum(self._client.nthreads().values()))
        executor = self._client.get_executor(pure=False)

        def share(glossary):
            return None if glossary is None else self._client.scatter(glossary, broadcast=True, hash=False)

        return executor, slots, share

    def __exit__(self, *exc: object) -> None:
        if self.scheduler is None:
            self._pool.shutdown(cancel_futures=True)
        else:
            self._client.close()


def connect(scheduler: str, timeout: float = 10.0):
    """A Dask client on `scheduler`, or one clear line if the extra is missing or it is not there."""
    try:
        from distributed import Client
    except ImportError:
        raise WorkbenchError("--scheduler needs Dask distributed: pip install 'workbench[cluster]'") from None
    try:
        return Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise WorkbenchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    except ValueError as exc:
        raise WorkbenchError(f"not a scheduler address {scheduler!r}: {exc}") from None
