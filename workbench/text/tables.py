"""The tables of a document, as rows of cell texts: what a bilingual deliverable (a Chinese
column beside an English one) holds. Word tables through python-docx, web-page tables through
lxml (as trafilatura loads the page), Markdown tables through markdown-it-py. Text files and
PDFs have no tables a reader can trust: none are returned for them.

A cell holding several paragraphs comes out as one text, its paragraphs joined as lines are
(no space between Chinese characters, one space between English words)."""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.text.blocks import join_lines

Table = list[list[str]]  # rows of cell texts

#: Formats whose tables can be read.
TABLE_FORMATS = ("docx", "html", "md")


def document_tables(data: bytes, path: str | Path, fmt: str, encoding: str | None = None) -> list[Table]:
    """Every table of the document, in document order (a table inside a table cell is not
    read on its own: its text is in its cell)."""
    if fmt == "docx":
        return _docx_tables(data, path)
    if fmt == "html":
        return _html_tables(data, path)
    if fmt == "md":
        from workbench.text.reading import decode_text

        return _markdown_tables(decode_text(data, path, encoding))
    return []


def _docx_tables(data: bytes, path: str | Path) -> list[Table]:
    from workbench.text.docx import cell_text, read_docx

    tables = []
    for table in read_docx(data, path, lambda document: document.tables):
        rows = []
        for row in table.rows:
            seen: set[int] = set()
            cells = []
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                    continue
                seen.add(id(cell._tc))
                cells.append(cell_text(cell))
            rows.append(cells)
        tables.append(rows)
    return tables


_CELL_TAGS = ("td", "th")


def _html_tables(data: bytes, path: str | Path) -> list[Table]:
    from trafilatura.utils import load_html

    try:
        tree = load_html(data)
    except (MemoryError, RecursionError):
        raise WorkbenchError("not a readable web page: too large or too deeply nested", path) from None
    except Exception as exc:
        raise WorkbenchError(f"not a readable web page: {type(exc).__name__}", path) from None
    if tree is None:
        raise WorkbenchError("not a readable web page", path)
    for el in tree.iter("script", "style", "noscript", "template"):
        el.text = ""
    tables = []
    for table in tree.iter("table"):
        if any(a.tag == "table" for a in table.iterancestors()):
            continue
        rows = []
        for tr in table.iter("tr"):
            if _owner(tr) is not table:
                continue
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in _CELL_TAGS]
            rows.append([_element_text(c) for c in cells])
        tables.append(rows)
    return tables


def _owner(el):
    return next((a for a in el.iterancestors() if a.tag == "table"), None)


_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


def _element_text(el) -> str:
    """A cell's text, a line for each <br> and block element inside it."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            pass
        else:
            if tag in _BREAKS:
                parts.append("\n")
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
            if tag in _BREAKS:
                parts.append("\n")
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return join_lines(" ".join(line.split()) for line in "".join(parts).split("\n"))


def _markdown_tables(text: str) -> list[Table]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.options["maxNesting"] = 40
    tables: list[Table] = []
    row: list[str] | None = None
    for token in md.parse(text):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None and tables:
            tables[-1].append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(join_lines(["".join(c.content for c in (token.children or [])
                                           if c.type in ("text", "code_inline"))]))
    return tables

