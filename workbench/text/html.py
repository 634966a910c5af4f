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
    lines = [line for line in (join_lines([_LIST_MARK.sub("", raw)]) for raw in (text or "").split("\n")) if line]
    blocks = [Block(line) for line in _with_repeats(lines, data)]
    if not any(len(b.text) >= 8 and _SENTENCE.search(b.text) for b in blocks):
        raise WorkbenchError("no main text found in this web page (only navigation or nothing)", path)
    return blocks


_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dd", "dt", "blockquote", "pre",
               "caption", "figcaption", "div", "section", "article", "main", "center", "font", "span", "strong", "b"}
_WS = re.compile(r"\s+")
_ASCII_WS = re.compile(r"[ \t\r\n\f\v]+")


def _norm(text: str) -> str:
    """The comparison key: every kind of white space as one space."""
    return _WS.sub(" ", text).strip()


def _page_lines(data: bytes) -> list[str]:
    """Every line of text of the page in document order (a <br> ends a line, a block element
    ends one), decoded as trafilatura decodes it."""
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        return []
    for el in tree.iter("script", "style", "noscript", "template"):
        el.text = ""
    lines: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        line = _ASCII_WS.sub(" ", "".join(cur)).strip(" ")  # an ideographic space is the text's own
        if line:
            lines.append(line)
        cur.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if el.tail:
                cur.append(el.tail)
            return
        block = tag not in ("a", "em", "i", "u", "sup", "sub", "code", "abbr", "small", "q", "time", "label", "mark")
        if block or tag == "br":
            flush()
        if el.text:
            cur.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            cur.append(el.tail)

    walk(tree)
    flush()
    return lines


def _with_repeats(lines: list[str], data: bytes) -> list[str]:
    """trafilatura keeps one copy of a paragraph that recurs (on pages whose article frame it
    has to recover): a transcript's repeated speaker label, a second "Thank you." Put the
    repeats back, from the page's own lines between the first and the last line it kept.
    When the page's lines do not contain its result in order, its result stands."""
    if not lines:
        return lines
    try:
        page = _page_lines(data)
    except Exception:
        return lines
    wanted = {_norm(line) for line in lines}
    keys = [_norm(line) for line in page]
    hits = [k for k, key in enumerate(keys) if key in wanted]
    first = next((k for k in hits if keys[k] == _norm(lines[0])), None)
    last = next((k for k in reversed(hits) if keys[k] == _norm(lines[-1])), None)
    if first is None or last is None or last < first:
        return lines
    span = [k for k in hits if first <= k <= last]
    it = iter(keys[k] for k in span)
    if not all(any(key == _norm(line) for key in it) for line in lines):
        return lines  # not a supersequence of trafilatura's result: keep that
    return [page[k].strip() for k in span]
