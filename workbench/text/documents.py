"""Reading a source or target document: paragraphs, speaker turns, sentences.

Web debris that scraped transcripts carry (editor page-break tags, page navigation lines,
photo-gallery captions, "Read in Chinese" links) is dropped here, so it is never aligned.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.text.blocks import Block, blocks_from_lines
from workbench.text.normalize import HAN
from workbench.text.reading import read_bytes
from workbench.text.segment import split

_DEBRIS = [
    re.compile(r"^_?ueditor_page_break_tag_?$", re.I),  # UEditor page breaks (Chinese gov sites)
    re.compile(r"^[<«‹]?\s*(?:\d+\s+){2,}\d*\s*[>»›]?$"),  # page navigation "<  1  2  3 … 11"
    re.compile(r"^[<«‹>»›]$"),
    re.compile(r"^/\s*\d+\s+\S.*$"),  # gallery captions "/5    Group photo" (one space once a web page's are collapsed)
    re.compile(r"^(?:read in (?:chinese|english)|阅读英文版|中文版|english version)$", re.I),
]
_LATIN = re.compile(r"[A-Za-z]")


@dataclass
class Paragraph:
    text: str
    sentences: list[str]
    speaker: bool = False  # a speaker label such as "金壮龙：" / "Jin Zhuanglong:"


@dataclass
class Document:
    path: str
    lang: str
    sha256: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    # How to read the file again the same way, as the aligned YAML records it: the reader when
    # it is not plain text by extension (forced or by extension), the encoding the user named.
    format: str | None = None
    encoding: str | None = None

    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p.sentences]

    def sentence_paragraphs(self) -> list[int]:
        """For each sentence, the number (from 1) of the paragraph it is in."""
        return [i for i, p in enumerate(self.paragraphs, 1) for _ in p.sentences]


def is_debris(line: str) -> bool:
    s = line.strip()
    return any(rx.match(s) for rx in _DEBRIS)


def is_speaker_label(line: str, lang: str) -> bool:
    """A short line ending in a colon, with no sentence punctuation: a speaker or header label."""
    s = line.strip()
    if not s or s[-1] not in ":：":
        return False
    body = s[:-1]
    limit = 30 if lang == "zh" else 60
    return 0 < len(body) <= limit and not re.search(r"[。！？.!?；;：:]", body)


def guess_lang(text: str) -> str | None:
    """'zh' or 'en' by the script most letters are in; None for text with neither."""
    zh = len(HAN.findall(text[:200_000]))
    en = len(_LATIN.findall(text[:200_000]))
    if zh == 0 and en == 0:
        return None
    return "zh" if zh * 3 >= en else "en"  # a Chinese character carries about 3 letters' worth


def parse_document(text: str, lang: str, path: str = "", presplit: bool = False) -> Document:
    """Paragraphs (blank-line or line separated) split into sentences; debris dropped.

    With `presplit`, each non-empty line is one sentence and one paragraph, as given.
    """
    return parse_blocks(blocks_from_lines(text), lang, path, presplit,
                        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def parse_blocks(blocks: list[Block], lang: str, path: str = "", presplit: bool = False, sha256: str = "") -> Document:
    """A document from its paragraphs as a reader gave them (see text/inputs.py)."""
    doc = Document(path=path, lang=lang, sha256=sha256)
    for block in blocks:
        line = block.text.replace("\t", " ").strip()  # a tab inside a sentence would break TSV columns
        if not line:
            continue
        if presplit or block.verbatim:
            doc.paragraphs.append(Paragraph(line, [line]))
            continue
        if is_debris(line):
            continue
        speaker = is_speaker_label(line, lang)
        sentences = [line] if speaker else split(line, lang)
        doc.paragraphs.append(Paragraph(line, sentences, speaker))
    return doc


def read_document(path: str | Path, lang: str, presplit: bool = False, input_format: str | None = None,
                  encoding: str | None = None) -> Document:
    """Read a document of any supported format (text, .docx, web page, Markdown, text PDF;
    by extension unless `input_format` names one) into paragraphs and sentences.

    The document's sha256 is that of the file's bytes, as the aligned YAML records it.
    """
    data = read_bytes(path)
    return document_from_bytes(data, path, lang, presplit, input_format, encoding)


def document_from_bytes(
    data: bytes, path: str | Path, lang: str, presplit: bool = False, input_format: str | None = None,
    encoding: str | None = None,
) -> Document:
    """`read_document` on bytes already read (a cluster worker gets them over the wire)."""
    from workbench.text.inputs import document_blocks
    from workbench.text.inputs import input_format as format_of

    fmt = format_of(path, input_format)
    blocks = document_blocks(data, path, fmt, encoding)
    if not any(b.text.strip() for b in blocks):
        raise WorkbenchError("empty file: no text to align" if fmt == "txt" else "no text found in this document", path)
    doc = parse_blocks(blocks, lang, str(path), presplit, sha256=hashlib.sha256(data).hexdigest())
    if fmt != "txt" or format_of(path) != "txt":
        doc.format = fmt
    if encoding and fmt in ("txt", "md"):
        doc.encoding = encoding
    return doc
