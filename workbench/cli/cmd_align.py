"""`workbench align ZH EN`: align a Chinese original with its English translation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.errors import WorkbenchError

FORMATS = ("yaml", "beads", "tsv", "tmx")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align",
        help="align a Chinese document with its English translation",
        description="Split both documents into sentences and align them. Writes the aligned "
        "YAML to -o, or prints it (or --to another format) on standard output.",
    )
    p.add_argument("zh", metavar="ZH", help="the Chinese original (text file)")
    p.add_argument("en", metavar="EN", help="the English translation (text file)")
    p.add_argument("-o", "--output", metavar="OUT.yaml", help="write the aligned YAML here")
    p.add_argument("--glossary", metavar="G.yaml", help="a glossary whose terms guide the alignment")
    p.add_argument("--presplit", action="store_true", help="each non-empty line is one sentence")
    p.add_argument("--to", choices=FORMATS, default=None, metavar="{" + ",".join(FORMATS) + "}",
                   help="output format (default: yaml); beads prints [zh ids]:[en ids] a line")
    p.add_argument("--title", default="", help="title of the aligned document")
    p.add_argument("--force", action="store_true", help="overwrite an existing OUT file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.aligning import align_documents, language_warnings
    from workbench.alignment_io import dump_alignment, save_alignment
    from workbench.documents import read_document
    from workbench.glossary import load_glossary
    from workbench.progress import Progress

    fmt = args.to or "yaml"
    if args.output and fmt != "yaml":
        raise WorkbenchError(f"-o writes the aligned YAML; for --to {fmt}, redirect standard output")
    if args.output:
        out = Path(args.output)
        if out.is_dir():
            raise WorkbenchError("is a directory, not a file to write", out)
        if out.exists() and not args.force:
            raise WorkbenchError("already exists: not overwriting it (use --force, or another -o)", out)
    glossary = load_glossary(args.glossary) if args.glossary else None
    zh = read_document(args.zh, "zh", presplit=args.presplit)
    en = read_document(args.en, "en", presplit=args.presplit)
    for warning in language_warnings(zh, en):
        sys.stderr.write(f"workbench: warning: {warning}\n")
    with Progress("aligning") as progress:
        al = align_documents(zh, en, glossary=glossary, out_path=args.output, title=args.title, progress=progress)
    if args.glossary and args.output:
        import os

        al.glossary = Path(os.path.relpath(Path(args.glossary).resolve(), Path(args.output).resolve().parent)).as_posix()
    if args.output:
        save_alignment(al, args.output)
        confident = sum(1 for p in al.pairs if (p.score or 0) >= 0.5)
        sys.stderr.write(
            f"workbench: {len(al.pairs)} pairs ({len(zh.sentences())} zh, {len(en.sentences())} en sentences; "
            f"{len(al.pairs) - confident} below 0.5 confidence) written to {args.output}\n"
        )
        return 0
    if fmt == "yaml":
        sys.stdout.write(dump_alignment(al))
    elif fmt == "beads":
        sys.stdout.write(beads_text(al))
    else:
        from workbench.formats import export_text

        sys.stdout.write(export_text(al, fmt))
    return 0


def beads_text(al) -> str:
    """One pair a line, `[zh ids]:[en ids]`, ids counting sentences from 0 (the gold-file format)."""
    lines, zi, ei = [], 0, 0
    for p in al.pairs:
        zs = list(range(zi, zi + len(p.zh)))
        es = list(range(ei, ei + len(p.en)))
        zi += len(p.zh)
        ei += len(p.en)
        lines.append(f"[{','.join(map(str, zs))}]:[{','.join(map(str, es))}]")
    return "\n".join(lines) + ("\n" if lines else "")
