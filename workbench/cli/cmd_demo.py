"""`workbench demo DIR`: copy the demo files (aligned briefing, its documents, its glossary) into DIR."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="copy the demo files into a folder to play with",
        description="Copy the demo (the SCIO briefing of 5 July 2024: the aligned YAML, the Chinese and "
        "English documents, the glossary) into DIR, laid out so that its relative paths hold.",
    )
    p.add_argument("dir", metavar="DIR", help="the folder to copy into (made if missing)")
    p.add_argument("--force", action="store_true", help="overwrite demo files already in DIR")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.cli.demo_files import DEMO, copy_demo

    dest = Path(args.dir)
    written = copy_demo(dest, force=args.force)
    sys.stderr.write(f"workbench: {len(written)} demo files copied into {dest}\n"
                     f"  open it with: workbench open {dest / 'alignments' / DEMO}\n")
    return 0
