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
from workbench.text.normalize import HAN
from workbench.text.reading import decode_text, read_bytes
from workbench.text.segment import split

_DEBRIS = [
    re.compile(r"^_?ueditor_page_break_tag_?$", re.I),  # UEditor page breaks (Chinese gov sites)
    re.compile(r"^[<«‹]?\s*(?:\d+\s+){2,}\d*\s*[>»›]?$"),  # page navigation "<  1  2  3 … 11"
    re.compile(r"^[<«‹>»›]$"),
    re.compile(r"^/\s*\d+\s{2,}\S.*$"),  # gallery captions "/5    Group photo"
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
    doc = Document(path=path, lang=lang, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    for raw in text.split("\n"):
        line = raw.replace("\t", " ").strip()  # a tab inside a sentence would break TSV columns
        if not line:
            continue
        if presplit:
            doc.paragraphs.append(Paragraph(line, [line]))
            continue
        if is_debris(line):
            continue
        speaker = is_speaker_label(line, lang)
        sentences = [line] if speaker else split(line, lang)
        doc.paragraphs.append(Paragraph(line, sentences, speaker))
    return doc


def read_document(path: str | Path, lang: str, presplit: bool = False) -> Document:
    """Read a document file (UTF-8/UTF-16/GB18030, any line ends) into paragraphs and sentences."""
    data = read_bytes(path)
    text = decode_text(data, path)
    if not text.strip():
        raise WorkbenchError("empty file: no text to align", path)
    doc = parse_document(text, lang, str(path), presplit)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc
