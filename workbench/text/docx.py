"""Word documents (.docx) through python-docx: paragraphs in reading order, headings as
paragraphs, tables row by row (one paragraph a cell), footnotes, comments, deleted text and
text boxes left out, soft line breaks joined."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from workbench.errors import WorkbenchError
from workbench.text.blocks import Block, join_lines

#: A .docx whose parts unpack to more than this is refused (a zip bomb, not a document).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_PARTS = 10_000
T = TypeVar("T")

# The runs whose text is the document's (accepted) text: direct runs, runs in hyperlinks,
# insertions, smart tags, simple fields; never deleted runs or text boxes' own paragraphs.
_RUNS = ".//w:r[not(ancestor::w:del) and not(ancestor::w:txbxContent) and not(ancestor::w:moveFrom)]"


def docx_blocks(data: bytes, path: str | Path) -> list[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(document) -> list[Block]:
        blocks: list[Block] = []
        _walk(document, blocks, Paragraph, Table)
        return blocks

    return read_docx(data, path, walk)


def read_docx(data: bytes, path: str | Path, read: Callable[[Any], T]) -> T:
    """`read(document)` on the python-docx Document of `data`; anything that is not a readable
    Word document (an old .doc, an encrypted file, another zip, a damaged package) is refused
    as one line naming the file."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise WorkbenchError("an encrypted Word file or an old .doc (not .docx): save it as an "
                             "unprotected .docx", path)
    _check_zip(data, path)
    import docx  # python-docx

    try:
        return read(docx.Document(io.BytesIO(data)))
    except WorkbenchError:
        raise
    except (MemoryError, RecursionError):
        raise WorkbenchError("not a readable Word document: too large or too deeply nested", path) from None
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        text = str(exc)
        if "is not a Word file" in text:
            kinds = {"spreadsheetml": "a spreadsheet", "presentationml": "a presentation",
                     "wordprocessingml.template": "a Word template"}
            what = next((name for key, name in kinds.items() if key in text), "another kind of file")
            raise WorkbenchError(f"not a Word document: the package holds {what}", path) from None
        reason = re.sub(r"file '<[^>]*>' ", "", text).splitlines()[0][:120] if text else type(exc).__name__
        raise WorkbenchError(f"not a readable Word document (.docx): {reason}", path) from None


def _check_zip(data: bytes, path: str | Path) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        raise WorkbenchError("not a Word document (.docx is a zip package; this is not one)", path) from None
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise WorkbenchError("refused: the .docx unpacks to too much data (a zip bomb?)", path)
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise WorkbenchError("not a Word document: a zip without a Word document inside", path)


def _walk(container, blocks: list[Block], Paragraph, Table) -> None:
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            text = _paragraph_text(item)
            if text:
                blocks.append(Block(text))
        elif isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                        continue
                    seen.add(id(cell._tc))
                    _walk(cell, blocks, Paragraph, Table)


def _paragraph_text(paragraph) -> str:
    text = "".join(r.text for r in paragraph._p.xpath(_RUNS))
    return join_lines(text.replace("\t", " ").split("\n"))


def cell_text(cell) -> str:
    """A table cell's text: its paragraphs (and nested tables') joined as one text."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    _walk(cell, blocks, Paragraph, Table)
    return join_lines([b.text for b in blocks])
