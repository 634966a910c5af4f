"""A bilingual document as pairs: the tables of a .docx, web page or Markdown file that hold a
Chinese column beside an English one (the common deliverable of a translation), one pair a row;
else, in any document, Chinese paragraphs each followed by their English (or the English
first: a 中英对照 edition), one pair each two paragraphs.

In each table the Chinese column is the one most of whose cells are Chinese, the English
column the one most of whose cells are English (other columns, such as numbers or notes, are
left out); a table without both is not a bilingual table and is passed over. A first row of
column names (中文/英文, Chinese/English, 原文/译文, source/target) is not a pair. Each cell is
split into sentences with the project's splitter. Paragraphs pair up when at least three
Chinese–English neighbours do and they hold four in five of the paragraphs (a Chinese document
that quotes some English is not bilingual); a paragraph left over is a pair with one side. A
document with neither is one language only: refused, naming the file.
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

MONOLINGUAL = ("one language only (no table with a Chinese column and an English column, no Chinese "
               "paragraphs each beside its English): index it with its translation (workbench index "
               "--pair ZH EN), or index its aligned file")
_LEAST_PAIRS = 3


def bilingual_alignment(data: bytes, path: str | Path, fmt: str, encoding: str | None = None) -> Alignment:
    """The pairs of the document's bilingual tables, row by row, in document order."""
    import hashlib

    b = ix.Builder(path=str(path), title=Path(path).stem)
    found = False
    for table in document_tables(data, path, fmt, encoding) if fmt in TABLE_FORMATS else []:
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
        from workbench.text.inputs import document_blocks

        pairs = interleaved_pairs([block.text for block in document_blocks(data, path, fmt, encoding)])
        if pairs is None:
            raise WorkbenchError(MONOLINGUAL, path)
        for zh, en in pairs:
            b.unit(sentences.split(zh, "zh"), sentences.split(en, "en"))
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


def interleaved_pairs(paragraphs: list[str]) -> list[tuple[str, str]] | None:
    """(zh, en) for each Chinese paragraph and the English one after it (or before it, when
    the English comes first throughout), a leftover paragraph with an empty side; None when
    the paragraphs are not a bilingual edition."""
    marked = [(p.strip(), guess_lang(p)) for p in paragraphs if p.strip()]
    marked = [(p, lang) for p, lang in marked if lang is not None]  # numbers alone: neither side
    best: list[tuple[str, str]] = []
    best_two = 0
    for first, second in (("zh", "en"), ("en", "zh")):
        out: list[tuple[str, str]] = []
        i = two = 0
        while i < len(marked):
            text, lang = marked[i]
            if lang == first and i + 1 < len(marked) and marked[i + 1][1] == second:
                pair = (text, marked[i + 1][0])
                out.append(pair if first == "zh" else pair[::-1])
                two += 1
                i += 2
                continue
            out.append((text, "") if lang == "zh" else ("", text))
            i += 1
        if two > best_two:
            best, best_two = out, two
    if best_two < _LEAST_PAIRS or 2 * best_two * 5 < 4 * len(marked):
        return None
    return best
