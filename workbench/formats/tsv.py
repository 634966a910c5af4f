"""Two-column TSV/CSV: one pair a row, zh then en, a header line `zh<TAB>en`.

Reading takes what people make in a spreadsheet: tab, comma or semicolon separated (found by
which one gives two columns on most lines), quoted fields, a header line or none (a header is
a first line of column names such as zh/en, Chinese/English, source/target, 中文/英文), and the
columns in either order (the Chinese one is the one with Chinese characters). Each cell is
split into sentences with the project's splitter; TSV keeps no ids, statuses or scores.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.formats import interchange as ix
from workbench.formats import sentences
from workbench.formats.spreadsheet import neutralise, restore
from workbench.model import Alignment
from workbench.text.normalize import HAN
from workbench.text.reading import decode_text

_NAMES = {
    "zh": "zh", "chinese": "zh", "source": "zh", "src": "zh", "中文": "zh", "原文": "zh", "汉语": "zh",
    "en": "en", "english": "en", "target": "en", "tgt": "en", "trg": "en", "translation": "en",
    "英文": "en", "译文": "en",
}  # fmt: skip


def dump_tsv(al: Alignment) -> str:
    """One row a pair (one-sided pairs too, with an empty cell), after a `zh<TAB>en` header."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["zh", "en"])
    for p in al.pairs:
        writer.writerow([neutralise(sentences.join(p.zh, "zh")), neutralise(sentences.join(p.en, "en"))])
    return out.getvalue()


def read_tsv(data: bytes, path: str | Path) -> Alignment:
    """An alignment from a two-column TSV/CSV; each cell split into sentences."""
    path = str(path)
    text = decode_text(data, path)
    rows = _rows(text, _delimiter(text, path), path)
    if not rows:
        raise WorkbenchError("no rows found", path)
    header = header_columns(rows[0][1])
    if header is not None:
        rows = rows[1:]
    zh_col, en_col = header or _orientation(rows)
    b = ix.Builder(path=path, title=Path(path).stem)
    for line, row in rows:
        if header is None and len(_trim(row)) > 2:
            raise WorkbenchError(f"{len(_trim(row))} columns where two are expected (zh, en)", path, line)
        zh = restore(row[zh_col]) if zh_col < len(row) else ""
        en = restore(row[en_col]) if en_col < len(row) else ""
        b.unit(sentences.split(zh, "zh"), sentences.split(en, "en"))
    return b.build()


def _delimiter(text: str, path: str) -> str:
    sample = "\n".join(text.split("\n", 50)[:50])
    best, best_score = "\t", -1.0
    for d in ("\t", ",", ";"):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=d) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not rows:
            continue
        score = sum(1 for r in rows if len(_trim(r)) == 2) / len(rows)
        if score > best_score:
            best, best_score = d, score
    if path.lower().endswith(".csv") and best == "\t" and best_score <= 0:
        return ","
    return best


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1].strip():
        row = row[:-1]
    return row


def _rows(text: str, delimiter: str, path: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    out = []
    try:
        for row in reader:
            if any(c.strip() for c in row):
                out.append((reader.line_num, row))
    except csv.Error as exc:
        raise WorkbenchError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}", path, reader.line_num) from None
    return out


def header_columns(row: list[str]) -> tuple[int, int] | None:
    """(zh column, en column) when the row is a line of column names, else None."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = cell.strip().lower()
        if not name:
            continue
        side = (_NAMES.get(name) or ix.lang_side(name)) if len(name) <= 12 else None
        if side is None:
            if i < 2:
                return None
            continue
        found.setdefault(side, i)
    if "zh" in found and "en" in found:
        return found["zh"], found["en"]
    return None


def _orientation(rows: list[tuple[int, list[str]]]) -> tuple[int, int]:
    """(zh column, en column) without a header: the Chinese column has the Han characters."""
    han = [0, 0]
    for _, row in rows[:200]:
        for i in (0, 1):
            if i < len(row):
                han[i] += len(HAN.findall(row[i]))
    return (1, 0) if han[1] > han[0] else (0, 1)
