"""Text PDFs through pypdf: lines joined into paragraphs (no space between Chinese characters,
hyphenation repaired in English), running headers, footers and page numbers dropped. A PDF
with no text layer (a scan) is refused, as is an encrypted one that needs a password."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.text.blocks import Block, join_lines

MAX_PAGES = 5000

_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.)\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:/|of)\s*\d{1,4})?$"
    r"|^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^[ivxlc]{1,6}$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_TIGHT_END = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]$")
_HYPHENATED = re.compile(r"([A-Za-z]+)-$")


def pdf_blocks(data: bytes, path: str | Path) -> list[Block]:
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings are not the user's business
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise WorkbenchError("encrypted PDF: it needs a password; save an unprotected copy", path)
        if len(reader.pages) > MAX_PAGES:
            raise WorkbenchError(f"PDF has more than {MAX_PAGES} pages: split it first", path)
        pages = [_page_lines(page) for page in reader.pages]
    except WorkbenchError:
        raise
    except (MemoryError, RecursionError):
        raise WorkbenchError("not a readable PDF: too large or too deeply nested", path) from None
    except (PyPdfError, Exception) as exc:
        reason = str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
        raise WorkbenchError(f"not a readable PDF (corrupt or damaged): {reason}", path) from None
    if not any(line.strip() for page in pages for line in page):
        raise WorkbenchError("PDF has no text layer (a scanned document?): run OCR on it first", path)
    return paragraphs(pages)


def _page_lines(page) -> list[str]:
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True)
    except Exception:  # layout mode fails on some odd pages: plain mode has no blank lines
        text = page.extract_text()
    return [line.rstrip() for line in (text or "").split("\n")]


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def _trim_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, and the headers and footers that repeat (numbers aside) at the top or
    at the bottom of most pages: at most two lines at each edge of a page."""
    def edges(page: list[str]) -> tuple[list[int], list[int]]:
        idx = [i for i, ln in enumerate(page) if ln.strip()]
        return idx[:2], idx[::-1][:2]

    seen: dict[str, Counter[str]] = {"top": Counter(), "bottom": Counter()}
    for page in pages:
        top, bottom = edges(page)
        seen["top"].update({_key(page[i]) for i in top})
        seen["bottom"].update({_key(page[i]) for i in bottom})
    need = max(2, (len(pages) + 1) // 2)
    out = []
    for page in pages:
        drop = set()
        for where, idx in zip(("top", "bottom"), edges(page)):
            for i in idx:  # from the edge inwards, stopping at the first body line
                s = page[i].strip()
                if _PAGE_NUMBER.match(s) or seen[where][_key(s)] >= need:
                    drop.add(i)
                else:
                    break
        out.append([ln for i, ln in enumerate(page) if i not in drop])
    return out


def paragraphs(pages: list[list[str]]) -> list[Block]:
    """Join the lines of the pages into paragraphs: a blank line or a first-line indent starts
    one; a paragraph runs on over a page break when the page's last line is full."""
    pages = _trim_running_lines(pages)
    nonblank = [ln for page in pages for ln in page if ln.strip()]
    if not nonblank:
        return []
    margin = min(len(ln) - len(ln.lstrip()) for ln in nonblank)
    full = max(len(ln.strip()) for ln in nonblank)
    text_all = "\n".join(nonblank)
    paras: list[list[str]] = []
    cur: list[str] = []

    def close() -> None:
        nonlocal cur
        if cur:
            paras.append(cur)
        cur = []

    for page in pages:
        lines = page[:]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if cur and lines:  # a page break: does the paragraph go on?
            last = cur[-1].strip()
            indent = len(lines[0]) - len(lines[0].lstrip()) - margin
            if len(last) < 0.85 * full or indent >= 2:
                close()
        for line in lines:
            s = line.strip()
            if not s:
                close()
                continue
            indent = len(line) - len(line.lstrip()) - margin
            if cur and indent >= 2 and len(cur[-1].strip()) >= 0.85 * full:
                close()  # a first-line indent after a full line
            elif cur and indent >= 2 and len(cur) >= 1 and cur[-1].strip()[-1:] in ".。!?！？:：":
                close()
            cur.append(s)
    close()
    return [Block(_join(p, text_all)) for p in paras]


def _join(lines: list[str], text_all: str) -> str:
    """Join a paragraph's lines, repairing words hyphenated at a line end (keeping the hyphen
    of a compound such as high-quality that the document writes with one elsewhere)."""
    merged: list[str] = []
    for line in lines:
        if merged:
            m = _HYPHENATED.search(merged[-1])
            nxt = re.match(r"[a-z]+", line)
            if m and nxt and not _TIGHT_END.search(merged[-1]):
                compound = f"{m.group(1)}-{nxt.group(0)}"
                if not re.search(rf"(?<![\w-]){re.escape(compound)}(?![\w-])", text_all.replace("-\n", "")):
                    merged[-1] = merged[-1][:-1] + line
                    continue
                merged[-1] = merged[-1] + line
                continue
        merged.append(line)
    return join_lines(merged, tight_gaps=True)
