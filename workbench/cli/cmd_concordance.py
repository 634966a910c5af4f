"""`workbench concordance QUERY`: how was a term rendered across the archive?"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from workbench.cli import emit_json
from workbench.cli.cmd_index import add_db_option
from workbench.text.visible import visible


def safe(text: str) -> str:
    """One line of data as the terminal may show it: controls and invisible marks made visible."""
    return visible(text, keep="")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "concordance",
        help="search the archive: every pair holding a term, in context, and how it was rendered",
        description="Search the archive (see `workbench index`) for a Chinese term (any length, "
        "exact) or English words (a phrase, case-insensitive; end with * for a prefix). For a "
        "Chinese query, also a summary of its English renderings. Exit status: 0 hits, 1 none, 2 error.",
    )
    p.add_argument("query", metavar="QUERY")
    add_db_option(p)
    p.add_argument("--lang", choices=("zh", "en", "auto"), default="auto",
                   help="which side to search (default: zh if the query holds Chinese, else en)")
    p.add_argument("--regex", action="store_true", help="QUERY is a regular expression (a slower scan)")
    p.add_argument("--status", choices=("auto", "confirmed"), help="only pairs with this status")
    p.add_argument("--limit", type=int, metavar="N",
                   help="show at most N hits (default: 50 for text, all for json)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.corpus import open_corpus
    from workbench.corpus.search import concordance
    from workbench.errors import WorkbenchError

    if args.limit is not None and args.limit < 0:
        raise WorkbenchError("--limit must be 0 or more")
    limit = args.limit if args.limit is not None else (50 if args.format == "text" else None)
    corpus = open_corpus(args.db, readonly=True)
    try:
        result = concordance(corpus, args.query, lang=args.lang, regex=args.regex, status=args.status, limit=limit)
        summary = None
        if result.lang == "zh" and not args.regex and args.format == "text" and result.total:
            summary = _renderings(corpus, result)
    finally:
        corpus.close()
    if args.format == "json":
        emit_json([h.as_dict() for h in result.hits])
    else:
        sys.stdout.write(format_text(result, summary, colour=_colour()))
    return 0 if result.total else 1


def _renderings(corpus, result):
    from workbench.editing.archive import renderings_of

    return renderings_of(corpus, result.query)


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def format_text(result, summary=None, colour: bool = False) -> str:
    """The hits as keyword-in-context lines, zh over en, and the renderings summary."""
    from workbench.corpus.search import kwic

    width = max(shutil.get_terminal_size((100, 24)).columns - 4, 40)
    on, off = ("\x1b[1;33m", "\x1b[0m") if colour else ("[", "]")
    dim, undim = ("\x1b[2m", "\x1b[0m") if colour else ("", "")
    out = []
    if summary is not None:
        out.append(safe(summary.headline()))
        for r in summary.lines:
            where = f"{_show_path(r.example.file)} pair {r.example.pair}"
            out.append(safe(f"  {r.text} ×{r.count:,} ({r.source}), e.g. {where}"))
        out.append("")
    for h in result.hits:
        out.append(f"{dim}{safe(_show_path(h.file))}  pair {h.pair}  {h.status}{undim}")
        zh_spans = result.spans(h.zh) if result.lang in ("zh", "both") else []
        en_spans = result.spans(h.en) if result.lang in ("en", "both") else []
        if summary is not None and not en_spans:
            en_spans = summary.spans_in(h)
        for text, spans, w in ((h.zh, zh_spans, width // 2), (h.en, en_spans, width)):
            left, match, right = kwic(text, spans, w)
            mid = f"{on}{safe(match)}{off}" if match else ""
            out.append(f"  {safe(left)}{mid}{safe(right)}")
    shown = len(result.hits)
    if result.total == 0:
        out.append(f"no pair in the archive holds {safe(result.query)!r}")
    elif shown < result.total:
        out.append(f"{result.total:,} pairs; {shown} shown (--limit N for more, --format json for all)")
    else:
        out.append(f"{result.total:,} pair{'s' if result.total != 1 else ''}")
    return "\n".join(out) + "\n"


def _show_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
