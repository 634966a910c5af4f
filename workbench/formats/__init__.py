"""Interchange formats: the aligned document out as YAML/TMX/TSV/XLIFF, in from TMX/XLIFF/TSV/CSV.

`export_text(al, fmt)` and `read_alignment(path)` are what the CLI and the editor call; the
format of a file read is taken from its suffix, else from its content.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Mapping
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.formats.tmx import dump_tmx, read_tmx
from workbench.formats.tsv import dump_tsv, read_tsv
from workbench.formats.xliff import dump_xliff, read_xliff
from workbench.model import Alignment
from workbench.store.alignment_file import dump_alignment
from workbench.text.reading import read_bytes

EXPORTERS: dict[str, Callable[[Alignment], str]] = {
    "yaml": dump_alignment,
    "tmx": dump_tmx,
    "tsv": dump_tsv,
    "xliff": dump_xliff,
}
READERS: dict[str, Callable[[bytes, str], Alignment]] = {
    "tmx": read_tmx,
    "xliff": read_xliff,
    "tsv": read_tsv,
    "csv": read_tsv,
}
SUFFIXES = {
    ".yaml": "yaml", ".yml": "yaml", ".tmx": "tmx", ".tsv": "tsv", ".tab": "tsv", ".csv": "csv",
    ".xlf": "xliff", ".xliff": "xliff",
}  # fmt: skip


def export_text(al: Alignment, fmt: str) -> str:
    """The text of an alignment in one of EXPORTERS' formats."""
    try:
        return EXPORTERS[fmt](al)
    except KeyError:
        raise WorkbenchError(f"unknown export format {fmt!r} (one of: {', '.join(EXPORTERS)})") from None


def format_of(path: str | Path, suffixes: Mapping[str, str] = SUFFIXES) -> str | None:
    """The format a file name's suffix says (in `suffixes`: alignments' by default), or None."""
    return suffixes.get(Path(path).suffix.lower())


def read_alignment(path: str | Path, fmt: str | None = None) -> Alignment:
    """An alignment from a TMX, XLIFF, TSV or CSV file (format by suffix, else by content)."""
    data = read_bytes(path)
    fmt = fmt or format_of(path) or sniff(data)
    if fmt == "yaml":
        raise WorkbenchError("already an aligned YAML file: nothing to import", path)
    if fmt not in READERS:
        raise WorkbenchError(f"unknown import format {fmt!r} (one of: {', '.join(READERS)})", path)
    return READERS[fmt](data, str(path))


def sniff(data: bytes) -> str:
    """'tmx' or 'xliff' for XML with that root, else 'tsv' (tab or comma separated text)."""
    head = data[:4096]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(enc, "ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if head.startswith(b"<"):
        if b"<tmx" in head:
            return "tmx"
        if b"<xliff" in head:
            return "xliff"
    return "tsv"
