"""`workbench terms FILE.yaml`: glossary entries suggested by the aligned pairs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli import emit, emit_json
from workbench.text.visible import visible


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "terms",
        help="suggest glossary entries mined from the aligned pairs",
        description="Mine candidate terms: Chinese words and word runs against English n-grams that "
        "occur in the same pairs (Dice/logDice, with frequencies), each read by the same rendering engine "
        "as check's rendering-inconsistent (the dictionary, and what the file shows), marked as new, in "
        "the glossary, or contradicting it. --format glossary prints the new ones as glossary YAML to paste.",
    )
    p.add_argument("file", metavar="FILE.yaml", help="an aligned YAML file")
    p.add_argument("--glossary", metavar="G.yaml", help="compare with this glossary (default: the file's own)")
    p.add_argument("--min-pairs", type=int, default=2, metavar="N", help="seen together in at least N pairs (default 2)")
    p.add_argument("--limit", type=int, default=60, metavar="N", help="show the N best (default 60; 0: all)")
    p.add_argument("--status", choices=("new", "known", "contradicts", "all"), default="all",
                   help="only candidates that are new, already in the glossary, or contradict it")
    p.add_argument("--format", choices=("text", "json", "glossary"), default="text")
    p.set_defaults(func=run)


_STATUS = {"new": ("new",), "known": ("in glossary",), "contradicts": ("contradicts glossary", "forbidden by glossary")}


def run(args: argparse.Namespace) -> int:
    from workbench.errors import WorkbenchError
    from workbench.glossary.mining import NEW, mine_terms
    from workbench.glossary.model import Glossary, Term, dump_glossary, load_glossary
    from workbench.store.alignment_file import load_alignment

    if args.min_pairs < 1 or args.limit < 0:
        raise WorkbenchError("--min-pairs must be at least 1 and --limit at least 0")
    path = Path(args.file)
    al = load_alignment(path)
    glossary = None
    if args.glossary:
        glossary = load_glossary(args.glossary)
    elif al.glossary:
        glossary = load_glossary(path.parent / al.glossary)
    found = mine_terms(al, glossary, min_pairs=args.min_pairs)
    if args.status != "all":
        found = [c for c in found if c.status in _STATUS[args.status]]
    if args.limit:
        found = found[: args.limit]
    if args.format == "json":
        emit_json([c.as_dict() for c in found])
    elif args.format == "glossary":
        g = Glossary(name=f"candidates from {path.name}",
                     terms=[Term(zh=[c.zh], en=c.en, note=f"mined: {c.pairs} pairs, logDice {c.log_dice:.1f}")
                            for c in found if c.status == NEW])
        emit(dump_glossary(g))
    else:
        width = max((_width(visible(c.zh, keep="")) for c in found), default=4) + 2
        sys.stdout.write(f"{'zh':<{width - 2}}  {'en':<44} pairs  logDice  example pairs  status\n")
        for c in found:
            zh, en = visible(c.zh, keep=""), visible(c.en, keep="")
            pad = " " * (width - _width(zh))
            status = c.status + (f" (glossary: {c.glossary_en})" if c.glossary_en and c.status != "in glossary" else "")
            examples = ",".join(map(str, c.examples))
            sys.stdout.write(f"{zh}{pad}{en:<44} {c.pairs:>5}  {c.log_dice:7.1f}  {examples:<13}  "
                             f"{visible(status, keep='')}\n")
    return 0


def _width(text: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
