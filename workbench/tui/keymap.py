"""The reviser's own keys: `keymap.yaml` in the user's config folder (XDG on Linux, by platformdirs).

    # command palette name (or binding id): keys, Textual's names, comma-separated
    Confirm pair: space
    Next finding: f,ctrl+n
    editor.find: slash

A key may stand for one command only; the file is refused as a whole (with a notification
naming it) if it names an unknown command or gives one key twice.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.store.yamlio import load_root
from workbench.tui.commands import COMMANDS, Command


def keymap_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("workbench")) / "keymap.yaml"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """{binding id: keys} from the keymap file (empty if there is none)."""
    path = keymap_path() if path is None else path
    if not path.is_file():
        return {}
    root = load_root(path)
    by_name = {c.name.lower(): c for c in COMMANDS} | {c.binding_id: c for c in COMMANDS}
    out: dict[str, str] = {}
    owner: dict[str, str] = {}
    for name, node in root.mapping("the keymap").items():
        command = by_name.get(name.lower()) or by_name.get(name)
        if command is None:
            raise node.error(f"no command {name!r} (use a command palette name, e.g. 'Confirm pair')")
        keys = ",".join(k.strip() for k in (node.text(f"the keys of {name!r}") or "").split(",") if k.strip())
        if not keys:
            raise node.error(f"no key given for {name!r}")
        out[command.binding_id] = keys
    for c in COMMANDS:
        for key in keys_in_force(c, out).split(","):
            if key in owner and owner[key] != c.name:
                raise WorkbenchError(f"key {key!r} is given to both {owner[key]!r} and {c.name!r}", path)
            owner[key] = c.name
    return out


def keys_in_force(command: Command, keymap: dict[str, str]) -> str:
    return keymap.get(command.binding_id, command.key)
