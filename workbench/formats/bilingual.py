"""A bilingual document as pairs: the tables of a .docx, web page or Markdown file that hold a
Chinese column beside an English one (the common deliverable of a translation), one pair a row.

In each table the Chinese column is the one most of whose cells are Chinese, the English
column the one most of whose cells are English (other columns, such as numbers or notes, are
left out); a table without both is not a bilingual table and is passed over. A first row of
column names (中文/英文, Chinese/English, 原文/译文, source/target) is not a pair. Each cell is
split into sentences with the project's splitter. A document with no bilingual table is one
language only: refused, naming the file.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.formats import interchange as ix
from workbench.formats import sentences
from workbench.formats.tsv import header_columns
from workbench.model import Alignment
from workbench.text.documents import guess_lang
from workbench.text.tables import TABLE_FORMATS, Table, document_tables

MONOLINGUAL = ("one language only, or no table with a Chinese column and an English column: index it "
               "with its translation (workbench index --pair ZH EN), or index its aligned file")


def bilingual_alignment(data: bytes, path: str | Path, fmt: str, encoding: str | None = None) -> Alignment:
    """The pairs of the document's bilingual tables, row by row, in document order."""
    import hashlib

    if fmt not in TABLE_FORMATS:
        raise WorkbenchError(f"a {fmt} document has no tables to read pairs from: {MONOLINGUAL}", path)
    b = ix.Builder(path=str(path), title=Path(path).stem)
    found = False
    for table in document_tables(data, path, fmt, encoding):
        columns = bilingual_columns(table)
        if columns is None:
            continue
        found = True
        zh_col, en_col, first = columns
        for row in table[first:]:
            zh = row[zh_col].strip() if zh_col < len(row) else ""
            en = row[en_col].strip() if en_col < len(row) else ""
            if zh or en:
                b.unit(sentences.split(zh, "zh"), sentences.split(en, "en"))
    if not found:
        raise WorkbenchError(MONOLINGUAL, path)
    al = b.build()
    digest = hashlib.sha256(data).hexdigest()
    for ref in (al.source, al.target):
        ref.path, ref.sha256 = Path(path).name, digest
        ref.format = fmt if fmt != "txt" else None
    return al


def bilingual_columns(table: Table) -> tuple[int, int, int] | None:
    """(Chinese column, English column, first row of pairs), or None when the table has no
    column that is mostly Chinese and another that is mostly English."""
    if not table:
        return None
    first = 0
    header = header_columns(table[0])
    if header is not None:
        first = 1
    width = max(len(r) for r in table)
    counts = {"zh": [0] * width, "en": [0] * width}
    filled = [0] * width
    for row in table[first:]:
        for i, cell in enumerate(row):
            if cell.strip():
                filled[i] += 1
                lang = guess_lang(cell)
                if lang:
                    counts[lang][i] += 1
    if header is not None and max(header) < width:
        zh_col, en_col = header
    else:
        zh_col = max(range(width), key=lambda i: (counts["zh"][i], -i))
        en_col = max((i for i in range(width) if i != zh_col), key=lambda i: (counts["en"][i], -i), default=None)
        if en_col is None:
            return None
    # Mostly: over half the filled cells of each column in its language.
    if counts["zh"][zh_col] * 2 <= filled[zh_col] or counts["en"][en_col] * 2 <= filled[en_col]:
        return None
    if first == 0 and max(zh_col, en_col) < len(table[0]) and header_columns([table[0][zh_col], table[0][en_col]]):
        first = 1  # "No. | 中文 | English": the names of the two columns, not a pair
    return zh_col, en_col, first
