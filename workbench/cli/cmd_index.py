"""`workbench index PATH... [--pair ZH EN]... [--db DB] [--prune]`: add aligned files, bilingual
documents and document pairs to the archive."""

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
        help="add aligned files, bilingual documents and document pairs to the archive (SQLite + FTS5)",
        description="Add or update aligned files in the archive: YAML files (folders searched "
        "recursively), TMX and XLIFF files, TSV/CSV files when named. A bilingual document when named "
        "(.docx, .html/.htm, .md: a table with a Chinese column and an English column, the usual "
        "deliverable) is indexed row by row, a pair a row; a bilingual edition (each Chinese paragraph "
        "followed by its English, in any format align reads, PDF too) a pair each two paragraphs. A Chinese document and its English "
        "translation (--pair ZH EN; any format align reads) are aligned as `workbench align` aligns "
        "them and their pairs indexed under the Chinese document; --pair ZH_DIR EN_DIR pairs two "
        "folders' documents by name, as folder alignment does. A document in one language alone is "
        "refused. Unchanged files and pairs (same SHA-256) are skipped; a changed file's pairs are "
        "replaced; a file that fails to load is named and skipped. Exit status: 0 all indexed, 1 some "
        "files skipped, 2 nothing could be done.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="aligned files or folders of them; bilingual documents (.docx, .html, .md, .pdf)")
    p.add_argument("--pair", nargs=2, action="append", default=[], metavar=("ZH", "EN"),
                   help="a Chinese document and its English translation (or two folders of them, paired "
                   "by name), aligned and indexed; may be given more than once")
    add_db_option(p)
    p.add_argument("--prune", action="store_true", help="drop indexed files (and pairs) that no longer exist")
    from workbench.cli.cmd_align import add_reading_options, add_semantic_option

    add_reading_options(p, "named documents and --pair documents (aligned files keep their own formats)")
    add_semantic_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from functools import partial

    from workbench.cli.cmd_align import _use_semantic
    from workbench.corpus import default_db_path, open_corpus
    from workbench.corpus.indexer import index_paths
    from workbench.editing.archive import PairReading, align_for_index, folder_pairs, load_any
    from workbench.progress import Progress

    if not args.paths and not args.prune and not args.pair:
        raise WorkbenchError("nothing to do: name files or folders to index, --pair ZH EN (or --prune)")
    reading = PairReading(args.input_format, args.encoding, args.presplit,
                          _use_semantic(args.semantic) if args.pair else False)
    db_path = default_db_path(args.db)
    made = not db_path.exists()
    corpus = open_corpus(args.db, create=True)
    try:
        with Progress("indexing") as progress:
            report = index_paths(corpus, args.paths, prune=args.prune, progress=progress,
                                 load=partial(load_any, input_format=args.input_format, encoding=args.encoding),
                                 forced=args.input_format, pairs=args.pair,
                                 align=partial(align_for_index, reading=reading), pair_folders=folder_pairs)
        stats = corpus.stats()
    finally:
        corpus.close()
    if made and stats["files"] == 0:  # nothing could be indexed: leave no empty archive behind
        for leftover in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
            leftover.unlink(missing_ok=True)
    for line in report.failed:
        sys.stderr.write(f"workbench: skipped {visible(line, keep='')}\n")
    parts = [f"{len(report.added)} added", f"{len(report.updated)} updated", f"{len(report.unchanged)} unchanged"]
    if args.prune:
        parts.append(f"{len(report.pruned)} pruned")
    if report.failed:
        parts.append(f"{len(report.failed)} skipped")
    if made and stats["files"] == 0:
        sys.stdout.write(f"{', '.join(parts)}; no archive made ({visible(corpus.path, keep='')})\n")
    else:
        sys.stdout.write(f"{', '.join(parts)}; the archive holds {stats['pairs']:,} pairs from "
                         f"{stats['files']:,} file{'s' if stats['files'] != 1 else ''} ({visible(corpus.path, keep='')})\n")
    if report.failed and not (report.added or report.updated or report.unchanged or report.pruned):
        return 2
    return 1 if report.failed else 0

