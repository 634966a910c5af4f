"""`workbench glossary import|export|list|add`: the term base, in its YAML and in TBX/CSV/TSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli import emit, emit_json, say
from workbench.errors import WorkbenchError
from workbench.text.visible import visible


def register(sub: argparse._SubParsersAction) -> None:
    from workbench.cli import Parser

    p = sub.add_parser("glossary", help="import, export, list or add glossary terms",
                       description="Keep the glossary (format glossary/1): import it from TBX or "
                       "CSV/TSV, export it, list it, add a term.")
    gsub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser, required=True)

    imp = gsub.add_parser("import", help="a TBX or CSV/TSV glossary → glossary YAML",
                          description="Read a TBX (v2 martif or ISO 30042:2019) or CSV/TSV glossary "
                          "(header: zh, en, variants, forbidden, note[, case]; several forms a cell "
                          "separated by |) and write it as glossary YAML.")
    imp.add_argument("source", metavar="FILE", help="FILE.tbx, FILE.csv or FILE.tsv")
    imp.add_argument("-o", "--output", metavar="OUT.yaml", help="write here (default: standard output)")
    imp.add_argument("--format", choices=("tbx", "csv", "tsv"), help="the input format (default: by extension)")
    imp.add_argument("--name", default="", help="the glossary's name (default: from the file)")
    imp.add_argument("--force", action="store_true", help="overwrite an existing OUT file (a FIFO, device or folder is never replaced)")
    imp.set_defaults(func=run_import)

    exp = gsub.add_parser("export", help="glossary YAML → TBX or CSV/TSV",
                          description="Write a glossary as TBX (ISO 30042:2019 TBX-Basic; tbx2: TBX v2 "
                          "martif), CSV or TSV.")
    exp.add_argument("glossary", metavar="G.yaml")
    exp.add_argument("--to", choices=("tbx", "tbx2", "csv", "tsv"),
                     help="output format (default: by the extension of -o)")
    exp.add_argument("-o", "--output", metavar="OUT", help="write here (default: standard output)")
    exp.add_argument("--force", action="store_true", help="overwrite an existing OUT file (a FIFO, device or folder is never replaced)")
    exp.set_defaults(func=run_export)

    ls = gsub.add_parser("list", help="print the terms", description="Print the terms of a glossary.")
    ls.add_argument("glossary", metavar="G.yaml")
    ls.add_argument("--filter", metavar="TEXT", help="only terms whose forms or note contain TEXT")
    ls.add_argument("--format", choices=("text", "json"), default="text")
    ls.set_defaults(func=run_list)

    add = gsub.add_parser("add", help="add a term", description="Add a term to a glossary (created if missing).")
    add.add_argument("glossary", metavar="G.yaml")
    add.add_argument("--zh", action="append", required=True, help="a Chinese source form (repeatable)")
    add.add_argument("--en", required=True, help="the approved English rendering")
    add.add_argument("--variant", action="append", default=[], help="an also accepted rendering (repeatable)")
    add.add_argument("--forbidden", action="append", default=[], help="a rendering never accepted (repeatable)")
    add.add_argument("--note")
    add.add_argument("--case", choices=("insensitive", "sensitive"), default="insensitive")
    add.set_defaults(func=run_add)


def _refuse_overwrite(path: str | None, force: bool) -> None:
    from workbench.store.output import check_output

    if path is not None:
        check_output(path, force)


def _emit(text: str, path: str | None) -> None:
    from workbench.store.atomic import atomic_write

    if path is None:
        emit(text)
    else:
        atomic_write(path, text)


def run_import(args: argparse.Namespace) -> int:
    from workbench.formats.termbase import read_glossary_file
    from workbench.glossary.model import dump_glossary

    _refuse_overwrite(args.output, args.force)
    g = read_glossary_file(args.source, args.format, name=args.name)
    _emit(dump_glossary(g), args.output)
    if args.output:
        say(f"{len(g.terms)} terms written to {args.output}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from workbench.formats.termbase import dump_glossary_as, glossary_format
    from workbench.glossary.model import load_glossary

    if args.to is None and args.output is None:
        raise WorkbenchError("say which format: --to tbx|tbx2|csv|tsv (or -o with that extension)")
    fmt = args.to or glossary_format(args.output)
    _refuse_overwrite(args.output, args.force)
    g = load_glossary(args.glossary)
    _emit(dump_glossary_as(g, fmt), args.output)
    if args.output:  # as import does: a write is said, standard output stays the data's
        say(f"{len(g.terms)} terms written to {args.output}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from workbench.glossary.model import load_glossary

    g = load_glossary(args.glossary)
    terms = g.terms
    if args.filter:
        needle = args.filter.casefold()
        terms = [t for t in terms if any(needle in x.casefold() for x in (*t.zh, *t.accepted, *t.forbidden, t.note or ""))]
    if args.format == "json":
        rows = [{"zh": t.zh, "en": t.en, "variants": t.variants, "forbidden": t.forbidden, "note": t.note,
                 "case": t.case} for t in terms]
        emit_json(rows)
        return 0
    def v(text: str) -> str:
        return visible(text, keep="")

    for t in terms:
        line = f"{' / '.join(map(v, t.zh))}\t{v(t.en)}"
        if t.variants:
            line += "\t(also: " + "; ".join(map(v, t.variants)) + ")"
        if t.forbidden:
            line += "\t(never: " + "; ".join(map(v, t.forbidden)) + ")"
        sys.stdout.write(line + "\n")
    sys.stderr.write(f"{len(terms)} of {len(g.terms)} terms\n")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from workbench.glossary.model import Glossary, Term, load_glossary, save_glossary

    path = Path(args.glossary)
    g = load_glossary(path) if path.exists() else Glossary(name=path.stem)
    term = Term(zh=[z.strip() for z in args.zh], en=args.en.strip(), variants=args.variant,
                forbidden=args.forbidden, note=args.note, case=args.case)
    try:
        g.add(term)
    except WorkbenchError as exc:
        raise WorkbenchError(exc.message, path) from None
    save_glossary(g, path)
    say(f"added {term.zh[0]} → {term.en} ({len(g.terms)} terms)")
    return 0
