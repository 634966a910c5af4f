"""`workbench open FILE.yaml` (and `workbench` alone: the demo): the alignment editor.

`workbench open ZH EN` aligns the two documents as `align` does, writes the YAML (beside the
Chinese document as `<stem>.yaml`, or `-o`; never over a file without `--force`) and opens it."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.errors import WorkbenchError

DEMO = "scio-2024-07-05.yaml"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "open",
        help="the editor on an aligned file (or on two documents, aligned first)",
        description="Open an aligned YAML file in the editor: fix pairs, confirm, keep the glossary, "
        "review the findings, export. Changes are journaled at once and autosaved. Given two documents "
        "(ZH EN: text, .docx, .html, .md, .pdf), align them first as `workbench align` does and open the "
        "result, written beside the Chinese document as <stem>.yaml (or -o).",
    )
    p.add_argument("file", metavar="FILE.yaml", help="an aligned file (format alignment/1), or the Chinese document")
    p.add_argument("en", metavar="EN", nargs="?", default=None,
                   help="the English document: align FILE (Chinese) with it, then open the result")
    p.add_argument("-o", "--output", metavar="OUT.yaml",
                   help="with ZH EN: write the aligned YAML here (default: ZH's folder, ZH's stem + .yaml)")
    p.add_argument("--glossary", metavar="G.yaml", help="with ZH EN: a glossary whose terms guide the alignment")
    p.add_argument("--force", action="store_true", help="with ZH EN: overwrite an existing OUT.yaml")
    from workbench.cli.cmd_align import add_reading_options

    add_reading_options(p, "ZH and EN (with ZH EN)")
    p.add_argument("--autosave", type=float, default=30.0, metavar="SECONDS",
                   help="save this often when there are changes (0: only on Save and quit; default 30)")
    p.add_argument("--semantic", action=argparse.BooleanOptionalAction, default=None,
                   help="Realign from here with the sentence encoder or without it (default: as the file "
                   "was aligned, which align records in it; for older files as align does by default, "
                   "with it unless WORKBENCH_SEMANTIC=0)")
    p.set_defaults(func=run)


def demo_path() -> Path:
    """The demo alignment: the user's own copy of the one shipped in the package (made on first run)."""
    from workbench.cli.demo_files import demo_alignment

    return demo_alignment()


def run(args: argparse.Namespace) -> int:
    semantic = getattr(args, "semantic", None)  # None: as the file was aligned
    if getattr(args, "en", None) is not None:
        if semantic is None:
            from workbench.align import semantic_default

            semantic = semantic_default()
        path = align_pair(args, semantic)
        return open_editor(path, autosave=getattr(args, "autosave", 30.0), semantic=semantic)
    if any(getattr(args, name, None) for name in ("output", "glossary", "force", "input_format", "encoding", "presplit")):
        raise WorkbenchError("-o, --glossary, --force, --input-format, --encoding and --presplit are for aligning "
                             "two documents first: workbench open ZH EN")
    return open_editor(Path(args.file), autosave=getattr(args, "autosave", 30.0), semantic=semantic)


def run_demo(args: argparse.Namespace) -> int:
    path = demo_path()
    if not path.is_file():
        raise WorkbenchError("the demo alignment is missing (`workbench demo DIR` copies it afresh); "
                             "open a file with: workbench open FILE.yaml", path)
    return open_editor(path)


def align_pair(args: argparse.Namespace, semantic: bool) -> Path:
    """Align ZH with EN as `workbench align ZH EN -o OUT.yaml` does; return OUT.yaml."""
    from workbench.cli import cmd_align
    from workbench.store.output import check_output

    zh = Path(args.file)
    if zh.suffix.lower() in (".yaml", ".yml"):
        raise WorkbenchError("is an aligned file: open it alone (workbench open FILE.yaml), "
                             "or give two documents to align (workbench open ZH EN)", zh)
    out = Path(args.output) if args.output else zh.with_suffix(".yaml")
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise WorkbenchError("the aligned file must end in .yaml", out)
    if out.exists() and not args.force and not args.output:
        raise WorkbenchError("already exists: kept as it is (open it with `workbench open FILE.yaml`, "
                             "or name another file with -o OUT.yaml, or --force to align again over it)", out)
    check_output(out, args.force)
    align_args = argparse.Namespace(zh=str(zh), en=args.en, output=str(out), glossary=args.glossary,
                                    presplit=getattr(args, "presplit", False),
                                    input_format=getattr(args, "input_format", None),
                                    encoding=getattr(args, "encoding", None), title="",
                                    semantic=cmd_align._use_semantic(semantic))
    cmd_align._save(cmd_align._align_files(align_args), align_args)
    return out


def open_editor(path: Path, autosave: float = 30.0, semantic: bool | None = None) -> int:
    """Load the file (errors are one line, before the screen changes), then run the editor.
    `semantic`: Realign from here with the sentence encoder or not; None: as the file records
    it was aligned (`aligner: {semantic: …}`), else the user's default."""
    from workbench.text.inputs import EXTENSIONS

    if path.suffix.lower() in EXTENSIONS:
        raise WorkbenchError("a document, not an aligned file: open it with its translation "
                             "(workbench open ZH EN), or align them first (workbench align ZH EN -o OUT.yaml)",
                             path)
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
