"""The one rule for every file a command writes (`-o`, the editor's Export, …).

- A FIFO, a device, a socket or a directory is never replaced, not even with `--force`:
  writing "a file" there would either hang, or (as root) swap `/dev/null` for a regular file.
- An existing regular file is kept unless the user said so (`--force`, or a yes in the editor).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.text.reading import file_kind


def special_kind(path: str | Path) -> str | None:
    """'a directory', 'a FIFO', 'a device', 'a socket' … when `path` is not a regular file.

    Follows symbolic links (a link to /dev/null is a device); None when the path is a regular
    file or does not exist.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "a symbolic link loop"
        return None
    return None if stat.S_ISREG(st.st_mode) else file_kind(st.st_mode)


def check_output(path: str | Path, force: bool = False) -> Path:
    """Refuse to write `path` unless the rule allows it; return it as a Path.

    Raises WorkbenchError with a message saying why and what to do.
    """
    p = Path(path)
    kind = special_kind(p)
    if kind is not None:
        raise WorkbenchError(
            f"is {kind}, not a regular file: output is never written over it (name a file)", p
        )
    if os.path.lexists(p) and not force:
        raise WorkbenchError("already exists: kept as it is (use --force to overwrite it, or another -o)", p)
    return p


def output_exists(path: str | Path) -> bool:
    """True when writing `path` would replace an existing file (the editor asks first)."""
    return os.path.lexists(path)
