"""`workbench check FILE.yaml|FOLDER`: the quality checks of DESIGN §6."""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli import emit_json
from workbench.errors import WorkbenchError
from workbench.text.visible import visible

if TYPE_CHECKING:
    from workbench.checks import Finding


def register(sub: argparse._SubParsersAction) -> None:
    from workbench.checks import CHECKS, SEVERITIES

    p = sub.add_parser(
        "check",
        help="check a translation against the glossary and against itself",
        description="Run the checks (" + ", ".join(CHECKS) + ") on an aligned file, or on every "
        "aligned file of a folder as one corpus. Exit status: 0 no findings, 1 findings, 2 bad input.",
    )
    p.add_argument("file", metavar="FILE", help="an aligned YAML file, or a folder of them")
    p.add_argument("--glossary", metavar="G.yaml",
                   help="the glossary, YAML or TBX/CSV/TSV (default: the file's own 'glossary:', "
                   "relative to the file)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--check", action="append", metavar="NAME", choices=CHECKS, dest="checks",
                   help="run only this check (repeatable)")
    p.add_argument("--min-severity", choices=SEVERITIES[::-1], default="info",
                   help="report only findings this serious or more (default: info, i.e. all)")
    p.add_argument("--corpus", action="store_true",
                   help="also compare the renderings of glossary terms with the archive's majority "
                   "(see `workbench index`)")
    p.add_argument("--db", metavar="DB", help="the archive for --corpus (default: $WORKBENCH_DB, else "
                   "corpus.sqlite in the user's data folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.checks import run_checks_corpus, severity_rank
    from workbench.glossary.model import load_glossary
    from workbench.progress import Progress
    from workbench.store.alignment_file import load_alignment

    target = Path(args.file)
    if target.is_dir():
        files = sorted(f for f in target.rglob("*.yaml") if f.is_file() and not f.name.startswith("."))
        files = [f for f in files if _is_alignment(f)]
        if not files:
            raise WorkbenchError("no aligned files (format alignment/1) in this folder", target)
    else:
        files = [target]
    docs = [(f.as_posix(), load_alignment(f)) for f in files]
    from workbench.cli import say
    from workbench.store.invariant import verify_against_documents

    for f, (_, al) in zip(files, docs):  # every sentence of the documents in one pair, in order
        for warning in verify_against_documents(al, f):
            say(f"warning: {f}: {warning}")
    cache: dict[Path, object] = {}

    def glossary_at(path: Path):
        key = Path(os.path.abspath(path))
        if key not in cache:
            if path.suffix.lower() in (".tbx", ".csv", ".tsv"):  # a term base from another tool
                from workbench.formats.termbase import read_glossary_file

                cache[key] = read_glossary_file(path)
            else:
                cache[key] = load_glossary(path)
        return cache[key]

    if args.glossary:
        glossaries = glossary_at(Path(args.glossary))
    else:
        glossaries = []
        for f, (_, al) in zip(files, docs):
            glossaries.append(glossary_at(f.parent / al.glossary) if al.glossary else None)
    single = not target.is_dir()
    with Progress("checking") as progress:
        findings = run_checks_corpus(
            [(None if single else name, al) for name, al in docs], glossaries, checks=args.checks, progress=progress
        )
    if args.corpus:
        findings += _corpus_findings(args.db, files, docs, glossaries, single)
    findings = [f for f in findings if severity_rank(f.severity) <= severity_rank(args.min_severity)]
    if args.format == "json":
        emit_json([f.as_dict() for f in findings])
    else:
        sys.stdout.write(format_text(findings, colour=_colour()))
    return 1 if findings else 0


CORPUS_CHECK = "corpus-inconsistent"


def _corpus_findings(db, files, docs, glossaries, single: bool) -> list:
    """Where each file renders a glossary term unlike the archive's majority (`--corpus`)."""
    from workbench.checks import Finding, is_ignored
    from workbench.corpus import open_corpus
    from workbench.corpus.house import departures
    from workbench.editing.archive import cedict

    if not any(g is not None for g in (glossaries if isinstance(glossaries, list) else [glossaries])):
        raise WorkbenchError("--corpus compares renderings of glossary terms: give --glossary, or a file "
                             "that names its glossary")
    corpus = open_corpus(db, readonly=True)
    out = []
    try:
        for k, (f, (name, al)) in enumerate(zip(files, docs)):
            glossary = glossaries if not isinstance(glossaries, list) else glossaries[k]
            if glossary is None:
                continue
            for d in departures(corpus, al, glossary, file=str(Path(f).resolve()), dictionary=cedict(),
                                background=corpus.count_en):
                # A rendering the glossary accepts is a matter of house style, not an error.
                finding = Finding(CORPUS_CHECK, "info" if d.accepted else "warning", d.pair, d.message, term=d.term, expected=d.expected,
                                  found=d.found, file=None if single else name)
                if not is_ignored(finding, al.ignored):
                    out.append(finding)
    finally:
        corpus.close()
    return out


def _is_alignment(path: Path) -> bool:
    """Files of a folder that are aligned documents (a glossary may live beside them)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(200)
    except OSError:
        return False
    return b"alignment/1" in head


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


_SEVERITY_COLOUR = {"error": "31", "warning": "33", "info": "36"}


def format_text(findings: Sequence[Finding], colour: bool = False) -> str:
    """Findings grouped by check, one line each: where, what was expected and found."""
    from workbench.checks import CHECKS, severity_rank

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if colour else text

    if not findings:
        return "no findings\n"
    groups = defaultdict(list)
    for f in findings:
        groups[f.check].append(f)
    lines = []
    order = (*CHECKS, CORPUS_CHECK)
    for check in order:
        group = groups.get(check)
        if not group:
            continue
        severities = sorted({f.severity for f in group}, key=severity_rank)
        head = f"{check} ({len(group)}, {'/'.join(severities)})"
        lines.append(paint(head, "1"))
        for f in group:
            where = f"{f.file}: " if f.file else ""
            where += f"pair {f.pair}" if f.pair is not None else "document"
            sev = paint(f"{f.severity:<7}", _SEVERITY_COLOUR.get(f.severity, "0"))
            message = visible(f.message, keep="")
            where = visible(where, keep="")
            if colour:
                expected = visible(f.expected or "", keep="")
                found = visible(f.found or "", keep="")
                if expected and f"“{expected}”" in message:
                    message = message.replace(f"“{expected}”", paint(f"“{expected}”", "32"), 1)
                if found and f"“{found}”" in message:
                    message = message.replace(f"“{found}”", paint(f"“{found}”", "31"), 1)
            lines.append(f"  {sev} {where:<10} {message}")
        lines.append("")
    counts = ", ".join(f"{len(groups[c])} {c}" for c in order if c in groups)
    lines.append(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {counts}")
    return "\n".join(lines) + "\n"
