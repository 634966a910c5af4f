"""The `workbench` command line: one module a subcommand (`cmd_*.py`), errors as one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.text.visible import json_safe, visible


def say(message: str) -> None:
    """One line for the user on stderr (`workbench: …`), data in it shown visibly."""
    sys.stderr.write(visible(f"workbench: {message}", keep="") + "\n")


def emit(text: str) -> None:
    """Data on standard output: exact bytes when piped, control characters made visible on a
    terminal (a sentence holding ESC [2J must not clear the screen)."""
    if sys.stdout.isatty():
        text = visible(text)
    sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
    sys.stdout.flush()


def emit_json(value: object) -> None:
    """JSON on standard output, with C1 controls, bidi and invisible characters as \\u escapes."""
    import json

    sys.stdout.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(visible(f"{self.prog}: error: {message} (see --help)", keep="") + "\n")
        raise SystemExit(2)


def build_parser() -> Parser:
    parser = Parser(
        prog="workbench",
        description="Align a Chinese original with its English translation, keep a glossary, "
        "check the translation, export the result. With no command, opens the demo alignment.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    # One module a subcommand, in the order `workbench --help` lists them. Each has
    # `register(subparsers)`, which adds its parser and sets `func` to a `run(args) -> int`.
    from workbench.cli import (
        cmd_align,
        cmd_check,
        cmd_completion,
        cmd_concordance,
        cmd_demo,
        cmd_export,
        cmd_glossary,
        cmd_import,
        cmd_index,
        cmd_open,
        cmd_serve,
        cmd_terms,
    )

    for module in (cmd_open, cmd_align, cmd_check, cmd_export, cmd_import, cmd_glossary, cmd_terms,
                   cmd_index, cmd_concordance, cmd_serve, cmd_demo, cmd_completion):
        module.register(sub)
    return parser


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_blas(environ=os.environ) -> None:
    """numpy's BLAS on one thread unless the user chose a number: the aligner's matrix products
    are small, and extra BLAS threads only contend with the rest of the machine (the sentence
    encoder took twice the CPU time and wall time on 2 threads of a loaded 2-core machine,
    bench/align_speed.py --mode semantic --threads 1 / 2).  Must run before numpy is imported;
    worker processes of folder jobs inherit it."""
    if any(name in environ for name in BLAS_THREADS):
        return
    for name in BLAS_THREADS:
        environ[name] = "1"


def main(argv: Sequence[str] | None = None) -> int:
    single_threaded_blas()
    parser = build_parser()
    if argv is None and "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (see cmd_completion)
        import argcomplete

        argcomplete.autocomplete(parser)
    args = parser.parse_args(argv)
    if args.command is None:
        from workbench.cli.cmd_open import run_demo

        func = run_demo
    else:
        func = args.func
    try:
        return int(func(args) or 0)
    except WorkbenchError as exc:
        sys.stderr.write(visible(f"workbench: {exc}", keep="") + "\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("workbench: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error of ours.
        try:
            sys.stdout = None  # type: ignore[assignment]
        except Exception:
            pass
        return 0
