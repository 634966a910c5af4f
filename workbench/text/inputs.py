"""Which reader a document needs (by extension, or forced), and its paragraphs as blocks.

Every supported format comes out as `Block`s in reading order; documents.py turns them into
paragraphs and sentences with the same rules for all (speaker labels, web debris).
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.text.blocks import Block, blocks_from_lines
from workbench.text.reading import decode_text

#: The formats `--input-format` accepts, and the extensions that choose them.
INPUT_FORMATS = ("txt", "docx", "html", "md", "pdf")
EXTENSIONS = {
    ".txt": "txt", ".text": "txt",
    ".docx": "docx",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "md", ".markdown": "md",
    ".pdf": "pdf",
}


def input_format(path: str | Path, forced: str | None = None) -> str:
    """The format to read `path` as: `forced` if given, else by its extension (text if unknown)."""
    if forced:
        if forced not in INPUT_FORMATS:
            raise WorkbenchError(f"unknown input format {forced!r} (one of {', '.join(INPUT_FORMATS)})")
        return forced
    return EXTENSIONS.get(Path(path).suffix.lower(), "txt")


def document_blocks(data: bytes, path: str | Path, fmt: str, encoding: str | None = None) -> list[Block]:
    """The paragraphs of a document's bytes read as `fmt` (one of INPUT_FORMATS); `encoding`
    (the user's --encoding) for text and Markdown."""
    if fmt == "txt":
        return blocks_from_lines(decode_text(data, path, encoding))
    if fmt == "md":
        from workbench.text.markdown import markdown_blocks

        return markdown_blocks(decode_text(data, path, encoding), path)
    if fmt == "docx":
        from workbench.text.docx import docx_blocks

        return docx_blocks(data, path)
    if fmt == "html":
        from workbench.text.html import html_blocks

        return html_blocks(data, path)
    if fmt == "pdf":
        from workbench.text.pdf import pdf_blocks

        return pdf_blocks(data, path)
    raise WorkbenchError(f"unknown input format {fmt!r}", path)
