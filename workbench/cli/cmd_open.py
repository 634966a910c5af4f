"""`workbench open FILE.yaml` (and `workbench` alone: the demo): the alignment editor."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.errors import WorkbenchError

DEMO = "scio-2024-07-05.yaml"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "open",
        help="the editor on an aligned file",
        description="Open an aligned YAML file in the editor: fix pairs, confirm, keep the glossary, "
        "review the findings, export. Changes are journaled at once and autosaved.",
    )
    p.add_argument("file", metavar="FILE.yaml", help="an aligned file (format alignment/1)")
    p.add_argument("--autosave", type=float, default=30.0, metavar="SECONDS",
                   help="save this often when there are changes (0: only on Save and quit; default 30)")
    p.add_argument("--semantic", action=argparse.BooleanOptionalAction, default=None,
                   help="Realign from here with the sentence encoder, as align does by default "
                   "(use --no-semantic for a file aligned with --no-semantic; "
                   "WORKBENCH_SEMANTIC=0 makes that the default)")
    p.set_defaults(func=run)


def demo_path() -> Path:
    """The demo alignment: the user's own copy of the one shipped in the package (made on first run)."""
    from workbench.cli.demo_files import demo_alignment

    return demo_alignment()


def run(args: argparse.Namespace) -> int:
    semantic = getattr(args, "semantic", None)
    if semantic is None:
        from workbench.align import semantic_default

        semantic = semantic_default()
    return open_editor(Path(args.file), autosave=getattr(args, "autosave", 30.0), semantic=semantic)


def run_demo(args: argparse.Namespace) -> int:
    path = demo_path()
    if not path.is_file():
        raise WorkbenchError("the demo alignment is missing (`workbench demo DIR` copies it afresh); "
                             "open a file with: workbench open FILE.yaml", path)
    return open_editor(path)


def open_editor(path: Path, autosave: float = 30.0, semantic: bool = True) -> int:
    """Load the file (errors are one line, before the screen changes), then run the editor."""
    from workbench.text.inputs import EXTENSIONS

    if path.suffix.lower() in EXTENSIONS:
        raise WorkbenchError("a document, not an aligned file: align it with its translation first "
                             "(workbench align ZH EN -o OUT.yaml), then open OUT.yaml", path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise WorkbenchError("the editor opens aligned YAML files (.yaml); import other formats first "
                             "with `workbench import`", path)
    from workbench.editing.session import Session

    session = Session(path)
    from workbench.cli import say
    from workbench.store.invariant import verify_against_documents

    try:  # a file that breaks the invariant is refused before the screen changes
        for warning in verify_against_documents(session.al, path):
            say(f"warning: {warning}")
    except WorkbenchError:
        session.close()
        raise
    from workbench.tui.app import WorkbenchApp

    app = WorkbenchApp(session, autosave_seconds=autosave, semantic=semantic)
    app.run()
    return int(app.return_code or 0)
