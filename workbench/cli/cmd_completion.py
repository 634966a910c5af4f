"""`workbench completion bash|zsh|fish`: the shell-completion script (argcomplete)."""

from __future__ import annotations

import argparse
import sys

SHELLS = ("bash", "zsh", "fish")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "completion",
        help="print a shell-completion script",
        description="Print the script that completes workbench's commands, options and files. "
        "bash: eval \"$(workbench completion bash)\" in ~/.bashrc; zsh: the same in ~/.zshrc; "
        "fish: workbench completion fish > ~/.config/fish/completions/workbench.fish",
    )
    p.add_argument("shell", choices=SHELLS, metavar="{" + ",".join(SHELLS) + "}", help="the shell")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import argcomplete

    sys.stdout.write(argcomplete.shellcode(["workbench"], shell=args.shell))
    return 0
