"""`workbench export FILE.yaml --to yaml|tmx|tsv|xliff [-o OUT]`: hand an alignment on."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli import emit, say
from workbench.errors import WorkbenchError
from workbench.formats import EXPORTERS, export_text, format_of
from workbench.store.alignment_file import load_alignment
from workbench.store.atomic import atomic_write
from workbench.store.output import check_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write an aligned file as YAML, TMX, TSV or XLIFF",
        description="Write an aligned file in another format: TMX 1.4b for translation memories, "
        "XLIFF 1.2 for CAT tools, TSV for spreadsheets, or the canonical YAML. "
        "The format is --to, else the suffix of -o; without -o the text goes to standard output.",
    )
    p.add_argument("file", metavar="FILE.yaml", help="an aligned file (format alignment/1)")
    p.add_argument("--to", choices=tuple(EXPORTERS), help="the format to write")
    p.add_argument("-o", "--output", metavar="OUT", help="the file to write (atomically); default: standard output")
    p.add_argument("--force", action="store_true",
                   help="overwrite an existing OUT file (a FIFO, device or folder is never replaced)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.to or (format_of(args.output) if args.output else None)
    if fmt not in EXPORTERS:
        raise WorkbenchError("say which format to write: --to yaml|tmx|tsv|xliff")
    if args.output is not None:
        out = Path(args.output)
        if fmt != "yaml" and _same_file(out, Path(args.file)):
            raise WorkbenchError(f"would overwrite the aligned file with {fmt.upper()}; choose another -o", out)
        check_output(out, args.force)
    al = load_alignment(args.file)
    from workbench.store.invariant import verify_against_documents

    for warning in verify_against_documents(al, args.file):  # broken: an error, nothing written
        say(f"warning: {warning}")
    text = export_text(al, fmt)
    if args.output is None:
        emit(text)
        return 0
    atomic_write(out, text)
    two_sided = sum(1 for p in al.pairs if p.zh and p.en)
    units = {"tmx": f"{two_sided} translation units", "xliff": f"{len(al.pairs)} trans-units"}.get(fmt, f"{len(al.pairs)} pairs")
    say(f"wrote {units} to {out}")
    return 0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return False
