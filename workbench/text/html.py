"""Saved web pages (.html/.htm) through trafilatura: the main text only (navigation, scripts,
styles, headers, footers, share buttons and galleries dropped), a paragraph a block element,
entities decoded. The web-debris rules of documents.py apply on top."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.text.blocks import Block, join_lines

_LIST_MARK = re.compile(r"^[-•*]\s+")
_SENTENCE = re.compile(r"[。！？.!?；;]")


def html_blocks(data: bytes, path: str | Path) -> list[Block]:
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # its own notes never reach the user
    import trafilatura

    try:
        text = trafilatura.extract(
            data,
            output_format="txt",
            favor_precision=True,
            fast=True,  # no fallback extractors: they bring back navigation on pages without text
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=False,
            deduplicate=False,
        )
    except (MemoryError, RecursionError):
        raise WorkbenchError("not a readable web page: too large or too deeply nested", path) from None
    except Exception as exc:
        raise WorkbenchError(f"not a readable web page: {type(exc).__name__}", path) from None
    blocks = []
    for line in (text or "").split("\n"):
        line = join_lines([_LIST_MARK.sub("", line)])
        if line:
            blocks.append(Block(line))
    if not any(len(b.text) >= 8 and _SENTENCE.search(b.text) for b in blocks):
        raise WorkbenchError("no main text found in this web page (only navigation or nothing)", path)
    return blocks
