"""`workbench align ZH EN`: align a Chinese original with its English translation."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli import emit, say
from workbench.errors import WorkbenchError
from workbench.text.inputs import INPUT_FORMATS

if TYPE_CHECKING:
    from workbench.model import Alignment

FORMATS = ("yaml", "beads", "tsv", "tmx")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align",
        help="align a Chinese document with its English translation",
        description="Split both documents into sentences and align them. Writes the aligned "
        "YAML to -o, or prints it (or --to another format) on standard output.",
    )
    p.add_argument("zh", metavar="ZH", help="the Chinese original (a text file, or a folder of them)")
    p.add_argument("en", metavar="EN", help="the English translation (a text file, or a folder of them)")
    p.add_argument("-o", "--output", metavar="OUT.yaml",
                   help="write the aligned YAML here (a folder when ZH and EN are folders)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="processes for aligning a folder (default: the number of cores)")
    p.add_argument("--glossary", metavar="G.yaml", help="a glossary whose terms guide the alignment")
    p.add_argument("--to", choices=FORMATS, default=None, metavar="{" + ",".join(FORMATS) + "}",
                   help="output format (default: yaml); beads prints [zh ids]:[en ids] a line")
    add_semantic_option(p)
    p.add_argument("--title", default="", help="title of the aligned document")
    add_reading_options(p)
    p.add_argument("--scheduler", metavar="tcp://HOST:8786",
                   help="align a folder on this Dask cluster (needs workbench[cluster]); default: local processes")
    p.add_argument("--force", action="store_true", help="overwrite an existing OUT file (a FIFO, device or folder is never replaced)")
    p.set_defaults(func=run)


def add_reading_options(p: argparse.ArgumentParser, what: str = "ZH and EN") -> None:
    """How documents are read: the options `align`, `open ZH EN` and `index` share."""
    p.add_argument("--input-format", choices=INPUT_FORMATS, default=None, metavar="{" + ",".join(INPUT_FORMATS) + "}",
                   help=f"read {what} as this format (default: by extension: .docx, .html/.htm, .md, .pdf, "
                   "anything else as text)")
    p.add_argument("--encoding", metavar="ENC",
                   help="the encoding of text and Markdown inputs (e.g. utf-8, gb18030, cp1252); default: found from "
                   "the bytes (UTF-8, UTF-16 with BOM, GB18030, or Windows-1252/Latin-1 for a Latin text)")
    p.add_argument("--presplit", action="store_true", help="each non-empty line is one sentence")


def add_semantic_option(p: argparse.ArgumentParser) -> None:
    """--semantic / --no-semantic, as `align` and `index --pair` take it."""
    p.add_argument("--semantic", action=argparse.BooleanOptionalAction, default=None,
                   help="add a multilingual sentence encoder's similarity to the alignment "
                   "(default: on, or off when the environment has WORKBENCH_SEMANTIC=0; about 1,100 "
                   "sentences a second a core, vectors cached, so re-aligning is quick); --no-semantic aligns on words, numbers, names and "
                   "lengths only, several times faster, for batch jobs of 100,000s of sentences")


def run(args: argparse.Namespace) -> int:
    args.semantic = _use_semantic(args.semantic)
    if Path(args.zh).is_dir() and Path(args.en).is_dir():
        return run_folder(args)
    fmt = args.to or "yaml"
    if args.output and fmt != "yaml":
        raise WorkbenchError(f"-o writes the aligned YAML; for --to {fmt}, redirect standard output")
    if args.scheduler:
        raise WorkbenchError("--scheduler is for aligning folders (ZH_DIR EN_DIR -o OUT_DIR)")
    if args.output:
        from workbench.store.output import check_output

        check_output(args.output, args.force)
    al = _align_files(args)
    if args.output:
        _save(al, args)
    elif fmt == "beads":
        emit(beads_text(al))
    else:
        from workbench.formats import export_text

        emit(export_text(al, fmt))
    return 0


def _use_semantic(asked: bool | None) -> bool:
    """--semantic / --no-semantic, else the default; lexical-only (said) when the encoder is missing."""
    from workbench.align import semantic, semantic_default

    use = semantic_default() if asked is None else asked
    if use and not semantic.available():
        say(f"warning: the sentence encoder ({semantic.PACKAGE}) is not installed: aligning lexical-only")
        return False
    return use


def _align_files(args: argparse.Namespace) -> Alignment:
    """Read the two documents and align them, saying the warnings a reviser should see."""
    import warnings

    from workbench.align import AlignDrift, AlignWarning
    from workbench.align.build import align_documents, language_warnings
    from workbench.glossary.model import load_glossary
    from workbench.progress import Progress
    from workbench.text.documents import read_document

    glossary = load_glossary(args.glossary) if args.glossary else None
    zh = read_document(args.zh, "zh", presplit=args.presplit, input_format=args.input_format, encoding=args.encoding)
    en = read_document(args.en, "en", presplit=args.presplit, input_format=args.input_format, encoding=args.encoding)
    for warning in language_warnings(zh, en):
        say(f"warning: {warning}")
    with Progress("aligning") as progress, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AlignWarning)
        al = align_documents(zh, en, glossary=glossary, out_path=args.output, title=args.title, progress=progress,
                              semantic=args.semantic)
    for w in caught:
        if issubclass(w.category, AlignDrift):  # the other AlignWarnings repeat language_warnings
            say(f"warning: {w.message}")
        elif not issubclass(w.category, AlignWarning):
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return al


def _save(al: Alignment, args: argparse.Namespace) -> None:
    """Write the aligned file (its glossary named relative to it) and say what it holds."""
    import os

    from workbench.store.alignment_file import save_alignment

    if args.glossary:
        out_dir = Path(os.path.realpath(args.output)).parent
        al.glossary = Path(os.path.relpath(Path(os.path.realpath(args.glossary)), out_dir)).as_posix()
    save_alignment(al, args.output)
    zh, en = len(al.zh_sentences()), len(al.en_sentences())
    confident = sum(1 for p in al.pairs if (p.score or 0) >= 0.5)
    say(f"{len(al.pairs)} pairs ({zh} zh, {en} en sentences; {len(al.pairs) - confident} below 0.5 confidence) "
        f"written to {args.output}")


def beads_text(al: Alignment) -> str:
    """One pair a line, `[zh ids]:[en ids]`, ids counting sentences from 0 (the gold-file format)."""
    lines, zi, ei = [], 0, 0
    for p in al.pairs:
        zs = list(range(zi, zi + len(p.zh)))
        es = list(range(ei, ei + len(p.en)))
        zi += len(p.zh)
        ei += len(p.en)
        lines.append(f"[{','.join(map(str, zs))}]:[{','.join(map(str, es))}]")
    return "\n".join(lines) + ("\n" if lines else "")


def run_folder(args: argparse.Namespace) -> int:
    """Align every pair of same-named files in two folders (in parallel, or on a Dask cluster)
    into -o FOLDER. A pair that fails is reported by name; the others are written."""
    from workbench.align.batch import AlignOptions, make_job, output_name, pair_folders, run_jobs
    from workbench.glossary.model import load_glossary
    from workbench.progress import Progress
    from workbench.store.atomic import atomic_write
    from workbench.store.output import check_output

    if not args.output:
        raise WorkbenchError("aligning folders needs -o OUTPUT_FOLDER")
    if args.to not in (None, "yaml"):
        raise WorkbenchError("aligning folders writes aligned YAML files; --to is for single documents")
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise WorkbenchError("exists and is not a folder", out_dir)
    pairing = pair_folders(Path(args.zh), Path(args.en))
    for path in pairing.zh_only + pairing.en_only:
        say(f"{path}: no file of the same name in the other folder: skipped")
    if not pairing.pairs:
        raise WorkbenchError(f"no files of the same name in {args.zh} and {args.en}")
    glossary = load_glossary(args.glossary) if args.glossary else None
    jobs = []
    for zh_path, en_path in pairing.pairs:
        out = check_output(out_dir / output_name(zh_path, pairing), args.force)
        jobs.append(make_job(zh_path, en_path, out, args.glossary))
    out_dir.mkdir(parents=True, exist_ok=True)
    options = AlignOptions(presplit=args.presplit, input_format=args.input_format, encoding=args.encoding,
                           semantic=args.semantic)
    written = failed = total_pairs = 0
    with Progress(f"aligning {len(jobs)} documents", total=len(jobs)) as progress:
        for outcome in run_jobs(jobs, glossary=glossary, options=options, workers=args.jobs,
                                scheduler=args.scheduler, progress=progress):
            if outcome.warnings:
                progress.clear()
            for warning in outcome.warnings:
                say(f"warning: {outcome.job.zh_path}: {warning}")
            if outcome.error is None:
                try:
                    atomic_write(outcome.job.out_path, outcome.yaml or "")
                except WorkbenchError as exc:
                    outcome.error = str(exc)
            if outcome.error is not None:
                failed += 1
                progress.clear()
                say(outcome.error)
                continue
            written += 1
            total_pairs += outcome.pairs
    where = f" on {args.scheduler}" if args.scheduler else ""
    say(f"{written} document{'' if written == 1 else 's'} aligned ({total_pairs} pair{'' if total_pairs == 1 else 's'}) into {out_dir}{where}"
        + (f"; {failed} failed (named above)" if failed else ""))
    return 2 if failed else 0
