"""`workbench import FILE.tmx|FILE.xlf|FILE.tsv|FILE.csv [-o OUT.yaml]`: an alignment made elsewhere."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli import emit, say
from workbench.errors import WorkbenchError
from workbench.formats import READERS, read_alignment
from workbench.store.alignment_file import dump_alignment
from workbench.store.atomic import atomic_write
from workbench.store.output import check_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="make an aligned YAML file from TMX, XLIFF, TSV or CSV",
        description="Read an alignment made elsewhere (a TMX memory, an XLIFF file, or a two-column "
        "TSV/CSV of zh and en) and write it as aligned YAML. The format is taken from the suffix, "
        "else from the content; without -o the YAML goes to standard output.",
    )
    p.add_argument("file", metavar="FILE", help="a .tmx, .xlf/.xliff, .tsv or .csv file")
    p.add_argument("--from", dest="fmt", choices=tuple(READERS), help="the input format, if the suffix does not say")
    p.add_argument("-o", "--output", metavar="OUT.yaml", help="the aligned file to write (atomically)")
    p.add_argument("--force", action="store_true",
                   help="overwrite an existing OUT file (a FIFO, device or folder is never replaced)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.output is not None:
        try:
            same = Path(args.output).exists() and Path(args.output).samefile(args.file)
        except OSError:
            same = False
        if same:
            raise WorkbenchError("would overwrite the file being imported; choose another -o", args.output)
        check_output(args.output, args.force)
    al = read_alignment(args.file, args.fmt)
    text = dump_alignment(al)
    if args.output is None:
        emit(text)
        return 0
    out = Path(args.output)
    atomic_write(out, text)
    say(f"wrote {len(al.pairs)} pairs to {out}")
    return 0
