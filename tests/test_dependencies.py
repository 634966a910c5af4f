"""Dependencies earn their place: every runtime dependency declared in pyproject.toml is imported
by the package, and every third-party module the package imports is declared."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "workbench"


def declared(extra: str | None = None) -> set[str]:
    """The runtime dependencies, or those of an optional extra."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {canonical(re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0]) for d in deps}


#: Extras the package imports from (lazily, with a clear message when missing).
OPTIONAL = ("cluster",)
#: Declared for a dependency that needs it but does not say so in a way pip honours, pinned to
#: a wheel: not imported by workbench itself.
FOR_A_DEPENDENCY = {"lxml-html-clean": "justext (under trafilatura) imports lxml.html.clean"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_top_modules() -> dict[str, str]:
    """Top-level module → the first file that imports it, over every module of the package."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(REPO)))
    return found


def third_party(modules: dict[str, str]) -> dict[str, set[str]]:
    """Distribution → the imported modules it provides (standard library and workbench left out)."""
    dists = packages_distributions()
    out: dict[str, set[str]] = {}
    for module in modules:
        if module in sys.stdlib_module_names or module == "workbench" or module == "__future__":
            continue
        for dist in dists.get(module, [f"<not installed: {module}>"]):
            out.setdefault(canonical(dist), set()).add(module)
    return out



def test_every_declared_dependency_is_imported_by_the_package():
    used = third_party(imported_top_modules())
    unused = declared() - set(used) - set(FOR_A_DEPENDENCY)
    assert not unused, f"declared in pyproject.toml but never imported by workbench/: {sorted(unused)}"


def test_every_imported_library_is_declared():
    modules = imported_top_modules()
    allowed = declared().union(*(declared(x) for x in OPTIONAL))
    undeclared = {d: m for d, m in third_party(modules).items() if d not in allowed}
    where = {d: sorted(modules[x] for x in m) for d, m in undeclared.items()}
    assert not undeclared, f"imported by workbench/ but not declared in pyproject.toml: {where}"


def test_one_xml_library():
    modules = imported_top_modules()
    assert "defusedxml" not in modules
    assert not [m for m in modules if m == "xml"], "XML is read and written through formats.xmlsafe (lxml)"


def test_optional_extras_are_imported_only_lazily():
    """`pip install workbench` without [cluster] must still import every module."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert name.split(".")[0] not in ("distributed", "dask"), f"{path}: imports {name} at top level"
