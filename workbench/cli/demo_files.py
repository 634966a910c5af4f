"""The demo shipped inside the package (workbench/data/demo): the aligned SCIO briefing, its two
documents and its glossary, laid out as in a source checkout so the relative paths hold.

An installed package may sit in a read-only place, and the editor journals and saves beside
the file it opens: so the demo is opened from a copy in the user's data directory, made on
first run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib.resources import files
from pathlib import Path

from workbench.errors import WorkbenchError

DEMO = "scio-2024-07-05.yaml"
DEMO_FILES = (
    f"alignments/{DEMO}",
    "seeds/zh/scio-2024-07-05.txt",
    "seeds/en/scio-2024-07-05.txt",
    "glossary/scio.yaml",
)


def packaged_demo() -> Path:
    return Path(str(files("workbench") / "data" / "demo"))


def user_demo_dir() -> Path:
    """Where the demo copy lives: $WORKBENCH_DATA_DIR, else the platform's user data directory."""
    base = os.environ.get("WORKBENCH_DATA_DIR")
    if not base:
        from platformdirs import user_data_dir

        base = user_data_dir("workbench", appauthor=False)
    return Path(base) / "demo"


def copy_demo(dest: Path, force: bool = False) -> list[Path]:
    """Copy the demo files into `dest` (made if missing); an existing file is kept unless `force`."""
    src = packaged_demo()
    missing = [name for name in DEMO_FILES if not (src / name).is_file()]
    if missing:
        raise WorkbenchError(f"the installed package lacks its demo files ({', '.join(missing)}): reinstall it", src)
    if dest.exists() and not dest.is_dir():
        raise WorkbenchError("exists and is not a folder", dest)
    if not force:
        for name in DEMO_FILES:
            target = dest / name
            if target.exists() or target.is_symlink():
                raise WorkbenchError("already exists: not overwriting it (use --force, or another folder)", target)
    written = []
    for name in DEMO_FILES:
        target = dest / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink() or (target.exists() and not target.is_file()):
                raise WorkbenchError("is not a regular file: not overwriting it", target)
            from workbench.store.atomic import atomic_write

            atomic_write(target, (src / name).read_bytes())
        except OSError as exc:
            raise WorkbenchError(f"cannot write: {exc.strerror or exc}", target) from None
        written.append(target)
    return written


def demo_alignment() -> Path:
    """The demo alignment to open: the user's copy, made from the package on first run."""
    folder = user_demo_dir()
    path = folder / "alignments" / DEMO
    if path.is_file():
        return path
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".demo-", dir=folder.parent))
    try:
        copy_demo(staging, force=True)
        try:
            os.rename(staging, folder)  # all or nothing; another first run may have won the race
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(folder, 0o777 & ~umask)  # mkdtemp made it 0700
        except OSError:
            if not path.is_file():
                copy_demo(folder, force=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return path
