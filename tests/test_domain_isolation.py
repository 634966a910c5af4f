"""The domain (everything outside workbench/tui/) never imports Textual."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import workbench

ROOT = Path(workbench.__file__).resolve().parent


def domain_modules():
    for info in pkgutil.walk_packages([str(ROOT)], prefix="workbench."):
        if info.name.startswith("workbench.tui") or info.name in ("workbench.__main__",):
            continue
        yield info.name


def test_domain_does_not_import_textual():
    modules = sorted(domain_modules())
    assert "workbench.model" in modules and "workbench.alignment_io" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    # cli.cmd_open may import the TUI lazily (inside run), never at import time
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"textual imported by the domain: {out.stdout}"
