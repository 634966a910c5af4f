"""The reviser's own settings: `settings.yaml` in the user's config folder, beside keymap.yaml.

    # workbench settings (the editor writes this file; keys it does not know are kept)
    low-confidence: 0.6

`low-confidence`: pairs the aligner scored below it (and not confirmed) are marked `?`, visited
by "Next low-confidence pair" and shown by the low-confidence filter. It is the reviser's, not
the document's: set in the editor (Set low-confidence threshold), it holds for every file and
survives a restart, and the aligned files are not touched by it.
"""

from __future__ import annotations

from pathlib import Path

from workbench.editing.filters import LOW_CONFIDENCE
from workbench.errors import WorkbenchError
from workbench.store.atomic import atomic_write
from workbench.store.yamlio import dump, load_root

HEADER = "# workbench settings (the editor writes this file; keys it does not know are kept)\n"
KEY = "low-confidence"


def settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("workbench")) / "settings.yaml"


def parse_threshold(value: object) -> float:
    """A low-confidence threshold: a number from 0 to 1 (ValueError otherwise)."""
    if isinstance(value, bool):
        raise ValueError(value)
    t = float(value)  # type: ignore[arg-type]
    if not 0 <= t <= 1:
        raise ValueError(value)
    return t


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    root = load_root(path)
    if root.is_null():
        return {}
    return {name: node.scalar() for name, node in root.mapping("the settings").items()}


def load_threshold(path: Path | None = None) -> float:
    """The reviser's low-confidence threshold (the default when the file does not set one)."""
    path = settings_path() if path is None else path
    values = _read(path)
    if KEY not in values:
        return LOW_CONFIDENCE
    try:
        return parse_threshold(values[KEY])
    except (TypeError, ValueError):
        raise WorkbenchError(f"{KEY} must be a number from 0 to 1, not {values[KEY]!r}", path) from None


def save_threshold(threshold: float, path: Path | None = None) -> Path:
    """Keep the threshold in the settings file (made with its folder if need be); returns the file."""
    path = settings_path() if path is None else path
    values = _read(path)  # a file that cannot be read is not written over
    values[KEY] = parse_threshold(threshold)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbenchError(f"cannot make the folder: {exc.strerror or exc}", path.parent) from None
    atomic_write(path, HEADER + dump(values))
    return path
