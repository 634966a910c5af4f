"""The editor on a web page: textual-serve runs one editor process per browser tab."""

from __future__ import annotations

from workbench.errors import WorkbenchError

INSTALL_HINT = "workbench serve needs textual-serve, which is missing here: pip install textual-serve==1.1.3"


def web_server(command: str, host: str, port: int, title: str):
    """A server for `command` (the shell command of one editor) on http://host:port; `.serve()` runs it."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise WorkbenchError(INSTALL_HINT) from None
    return Server(command, host=host, port=port, title=title)
