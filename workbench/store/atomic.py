"""Writing files atomically: the old content or the new, never a mixture."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.store.output import special_kind


def beside(path: str | Path, suffix: str) -> Path:
    """The hidden file kept beside a file: `.NAME<suffix>` in its folder (its lock, its
    journal, a save's temporary file)."""
    p = Path(path)
    return p.with_name(f".{p.name}{suffix}")


def leftover_temps(path: str | Path) -> list[str]:
    """Temporary files of saves of `path` that were never renamed: `.NAME.XXXX.tmp`."""
    import glob

    return glob.glob(glob.escape(str(beside(path, "."))) + "*.tmp")


def atomic_write(path: str | Path, data: bytes | str) -> None:
    """Write a file so that it is either wholly the old or wholly the new content.

    Writes a temporary file in the same folder, fsyncs it, renames it over the target and
    fsyncs the folder. A crash at any point leaves the old file intact.
    """
    p = Path(path)
    if p.is_symlink():  # write through the link: replacing it would leave its target stale
        p = Path(os.path.realpath(p))
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = p.parent if str(p.parent) else Path(".")
    kind = special_kind(p)
    if kind is not None:  # never replace a FIFO, a device or a folder with a regular file
        raise WorkbenchError(f"is {kind}, not a regular file: not written over", p)
    try:
        fd, tmp = tempfile.mkstemp(prefix=beside(p, ".").name, suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise WorkbenchError("folder does not exist", p) from None
    except OSError as exc:
        raise WorkbenchError(f"cannot write: {exc.strerror or exc}", p) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _pause_for_tests()
        try:  # keep the old file's mode; a new file gets the usual one, not mkstemp's 0600
            os.chmod(tmp, p.stat().st_mode & 0o7777 if p.exists() else 0o666 & ~_umask())
        except OSError:
            pass
        os.replace(tmp, p)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):  # disk full, quota, I/O error: the user's to fix, not a bug
            raise WorkbenchError(f"cannot write: {exc.strerror or exc} (the old file is unchanged)", p) from None
        raise
    try:
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _pause_for_tests() -> None:
    """Let a test kill the process between write and rename (WORKBENCH_SAVE_PAUSE seconds)."""
    pause = os.environ.get("WORKBENCH_SAVE_PAUSE")
    if pause:
        import time

        time.sleep(float(pause))
