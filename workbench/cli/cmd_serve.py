"""`workbench serve [FILE]`: the editor on a web page, by textual-serve (one editor process a tab)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from workbench.errors import WorkbenchError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="the editor on a web page (textual-serve)",
        description="Serve the editor as a web page: each browser tab runs its own editor on FILE "
        "(the demo alignment if none). Listens on this computer only unless --host says otherwise; "
        "there is no authentication.",
    )
    p.add_argument("file", nargs="?", metavar="FILE.yaml", help="an aligned file (default: the demo)")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    p.set_defaults(func=run)


def editor_command(path: Path) -> str:
    """The shell command textual-serve runs for each browser tab (quoted: any file name is safe)."""
    return shlex.join([sys.executable, "-m", "workbench", "open", str(path)])


def run(args: argparse.Namespace) -> int:
    from workbench.cli import say
    from workbench.cli.cmd_open import demo_path
    from workbench.store.alignment_file import load_alignment

    path = Path(args.file) if args.file else demo_path()
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise WorkbenchError("the editor opens aligned YAML files (.yaml); import other formats first "
                             "with `workbench import`", path)
    load_alignment(path)  # a bad file is one line here, not an error page in the browser
    if not 0 < args.port < 65536:
        raise WorkbenchError(f"--port must be from 1 to 65535, not {args.port}")
    from workbench.tui.serve import web_server

    server = web_server(editor_command(path.resolve()), args.host, args.port, f"workbench — {path.name}")
    if args.host not in LOCAL_HOSTS:
        say(f"warning: listening on {args.host}: anyone who can reach it can open and change "
            f"{path.name} — there is no authentication")
    host = f"[{args.host}]" if ":" in args.host else args.host
    say(f"serving {path.name} on http://{host}:{args.port} (Ctrl+C stops)")
    server.serve()
    return 0
