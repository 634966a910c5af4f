"""Noticing that a file changed on disk since we loaded it, so a save never clobbers it.

The editor loads a file with `read_with_state` (the text and a `FileState` of the very bytes
it parsed), and saves with `save_if_unchanged`, which refuses with a WorkbenchError when
someone else (another editor, `git checkout`, a sync tool) has written the file meanwhile.
The check compares content (SHA-256), not the modification time: mtimes can be coarse or
restored by tools, and a touch that changes nothing is not a conflict.

A file deleted since loading is not a conflict: writing it again loses nothing.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.store.atomic import atomic_write
from workbench.text.reading import decode_text, read_bytes


@dataclass(frozen=True)
class FileState:
    """What a file held when we read or wrote it: its size and the SHA-256 of its bytes."""

    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> FileState:
        return cls(len(data), hashlib.sha256(data).hexdigest())


def read_with_state(path: str | Path) -> tuple[str, FileState]:
    """The decoded text of a file and the state of exactly the bytes decoded."""
    data = read_bytes(path)
    return decode_text(data, path), FileState.of(data)


def check_unchanged(path: str | Path, recorded: FileState | None) -> None:
    """Raise a WorkbenchError if the file on disk is no longer what was recorded at load.

    `recorded` None means the file did not exist when loaded: then any file now there is a
    change made by someone else.
    """
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WorkbenchError(f"cannot check before saving: {exc.strerror or exc}", path) from None
    if recorded is None:
        raise WorkbenchError("was created by someone else since it was opened; not overwritten", path)
    # Same size: compare content (the size check alone spares reading a file that grew).
    if size != recorded.size or FileState.of(read_bytes(path, limit=size)).sha256 != recorded.sha256:
        raise WorkbenchError(
            "changed on disk since it was loaded; not overwritten (reload it, or save under another name)",
            path,
        )


def save_if_unchanged(path: str | Path, data: bytes | str, recorded: FileState | None) -> FileState:
    """Write atomically unless the file changed since `recorded`; return the new state."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    check_unchanged(path, recorded)
    atomic_write(path, data)
    return FileState.of(data)
