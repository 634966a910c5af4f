"""The import contract: the pipeline's rooms import only downwards, the domain never Textual.

Rooms, lowest first: the shared base (model, errors, progress), text/, store/, glossary/, then
align/, checks/, formats/ and corpus/ side by side, editing/, tui/, and at the top cli/ (which
starts the editor).
A module may import its own room and rooms below it, never one beside or above it.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import workbench

ROOT = Path(workbench.__file__).resolve().parent

RANK = {
    "model": 0, "errors": 0, "progress": 0, "__init__": 0,
    "text": 1,
    "store": 2,
    "glossary": 3,
    "align": 4, "checks": 4, "formats": 4, "corpus": 4,
    "editing": 5,
    "tui": 6, "cli": 7, "__main__": 8,
}
UI_LIBRARIES = ("textual", "rich")


def room_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) < 2 or parts[1].startswith("__") and parts[1] != "__main__":
        return "__init__"  # the package itself (workbench.__version__)
    return parts[1]


def imports_of(path: Path, module: str) -> list[tuple[str, int, bool]]:
    """(imported module, line, at top level) for every workbench/UI import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = module.split(".")[: -node.level] if not path.name == "__init__.py" else module.split(".")[: len(module.split(".")) - node.level + 1]
                names = [".".join(base + ([node.module] if node.module else []))]
            else:
                names = [node.module or ""]
                if node.module == "workbench":
                    names = [f"workbench.{a.name}" for a in node.names]
        else:
            continue
        found += [(n, node.lineno, id(node) in top) for n in names]
    return found


def all_modules():
    for info in pkgutil.walk_packages([str(ROOT)], prefix="workbench."):
        spec = info.module_finder.find_spec(info.name, None)  # type: ignore[call-arg]
        yield info.name, Path(spec.origin)


def test_rooms_import_only_downwards():
    bad = []
    for module, path in all_modules():
        own = room_of(module)
        for target, line, _ in imports_of(path, module):
            if not target.startswith("workbench.") and target != "workbench":
                continue
            room = room_of(target)
            if room == own or room == "__init__":
                continue
            if RANK.get(room, 99) >= RANK.get(own, -1):
                bad.append(f"{path.relative_to(ROOT.parent)}:{line}: {own}/ imports {target}")
    assert not bad, "\n".join(bad)


def test_domain_never_imports_ui_libraries():
    bad = []
    for module, path in all_modules():
        if room_of(module) in ("tui", "__main__"):
            continue
        for target, line, top in imports_of(path, module):
            if target.split(".")[0] in UI_LIBRARIES and (room_of(module) != "cli" or top):
                bad.append(f"{path.relative_to(ROOT.parent)}:{line}: imports {target}")
    assert not bad, "\n".join(bad)


def test_every_room_is_known():
    rooms = {room_of(m) for m, _ in all_modules()}
    assert rooms <= set(RANK), f"a new room needs a rank here: {sorted(rooms - set(RANK))}"


def test_importing_the_domain_loads_no_textual():
    modules = sorted(m for m, _ in all_modules() if room_of(m) not in ("tui", "__main__"))
    assert "workbench.model" in modules and "workbench.store.alignment_file" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"textual/rich imported by the domain: {out.stdout}"
