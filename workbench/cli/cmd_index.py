"""`workbench index PATH... [--db DB] [--prune]`: add aligned files to the archive."""

from __future__ import annotations

import argparse
import sys

from workbench.errors import WorkbenchError
from workbench.text.visible import visible


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="DB",
                   help="the archive database (default: $WORKBENCH_DB, else corpus.sqlite in the "
                   "user's data folder)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="add aligned files to the archive (SQLite + FTS5) for concordance",
        description="Add or update aligned files in the archive: YAML files (folders searched "
        "recursively), TMX and XLIFF files, TSV/CSV files when named. Unchanged files (same "
        "SHA-256) are skipped; a changed file's pairs are replaced; a file that fails to load is "
        "named and skipped. Exit status: 0 all indexed, 1 some files skipped, 2 nothing could be done.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="aligned files or folders of them")
    add_db_option(p)
    p.add_argument("--prune", action="store_true", help="drop indexed files that no longer exist")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.corpus import open_corpus
    from workbench.corpus.indexer import index_paths
    from workbench.editing.archive import load_any
    from workbench.progress import Progress

    if not args.paths and not args.prune:
        raise WorkbenchError("nothing to do: name files or folders to index (or --prune)")
    corpus = open_corpus(args.db, create=True)
    try:
        with Progress("indexing") as progress:
            report = index_paths(corpus, args.paths, prune=args.prune, progress=progress, load=load_any)
        stats = corpus.stats()
    finally:
        corpus.close()
    for line in report.failed:
        sys.stderr.write(f"workbench: skipped {visible(line, keep='')}\n")
    parts = [f"{len(report.added)} added", f"{len(report.updated)} updated", f"{len(report.unchanged)} unchanged"]
    if args.prune:
        parts.append(f"{len(report.pruned)} pruned")
    if report.failed:
        parts.append(f"{len(report.failed)} skipped")
    sys.stdout.write(f"{', '.join(parts)}; the archive holds {stats['pairs']:,} pairs from "
                     f"{stats['files']:,} file{'s' if stats['files'] != 1 else ''} ({visible(corpus.path, keep='')})\n")
    if report.failed and not (report.added or report.updated or report.unchanged or report.pruned):
        return 2
    return 1 if report.failed else 0

