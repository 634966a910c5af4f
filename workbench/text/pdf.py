"""Text PDFs through pypdf: lines joined into paragraphs (no space between Chinese characters,
hyphenation repaired in English), running headers, footers and page numbers dropped. A PDF
with no text layer (a scan) is refused, as is an encrypted one that needs a password.

Pages laid out in two columns are read column by column: pypdf's layout mode gives the text
runs with their x positions (`_layout_mode`, pypdf's own layout engine, pinned with pypdf); a
vertical gutter near the middle that (almost) no run crosses, with text beside it on both
sides, makes the page two columns. Runs that cross the gutter (a title, a table spanning the
page) stay where they are in reading order; each column is laid out on its own and read like
a page of its own (a paragraph carries over a column break as over a page break)."""

from __future__ import annotations

import io
import re
from bisect import bisect_left
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
        groups = [_page_groups(page) for page in reader.pages]
        if all(g is not None for g in groups) and any(_gutter(g) is not None for g in groups):  # type: ignore[arg-type]
            chunks, kinds = _column_chunks(groups)  # type: ignore[arg-type]
            if not any(line.strip() for chunk in chunks for line in chunk):
                raise WorkbenchError("PDF has no text layer (a scanned document?): run OCR on it first", path)
            return paragraphs(chunks, trim=False, kinds=kinds)
        pages = [_page_lines(page) if g is None else _lay_out(g, _char_width(g), dedent=False)
                 for page, g in zip(reader.pages, groups)]
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


def _page_groups(page) -> list[dict] | None:
    """The page's text runs as pypdf's layout mode sees them (x from the leftmost run, y, text,
    end x), top to bottom; None when they cannot be had (the caller reads the page as text)."""
    try:
        from pypdf._text_extraction import _layout_mode
        from pypdf.generic import ArrayObject, ContentStream, StreamObject

        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        if not isinstance(contents, (ArrayObject, StreamObject)):
            return []
        ops = iter(ContentStream(contents, page.pdf, "bytes").operations)
        return list(_layout_mode.text_show_operations(ops, page._layout_mode_fonts(), True, None))
    except (MemoryError, RecursionError):
        raise
    except Exception:  # pypdf's internals changed, or an odd page: the text path reads it
        return None


_MIN_COLUMN_RUNS = 3


def _gutter(groups: list[dict], hint: float | None = None) -> float | None:
    """The x of the gutter between two columns, or None for a page in one column: the middle of
    the widest stretch, between 30% and 70% of the text's width, that the fewest runs cross
    (at most a fifth of them: titles and tables may span both columns), with runs beside it
    on both sides at the same heights. With `hint` (the gutter of the document's other
    pages), a page with less text (the last, its right column short) is two columns when
    few runs cross the hint and there is text beside it on both sides."""
    body = [g for g in groups if g["text"].strip()]
    if hint is not None:
        crossing = sum(1 for g in body if g["tx"] < hint < g["displaced_tx"])
        return hint if crossing * 5 <= len(body) and _side_by_side(body, hint, 1) else None
    if len(body) < _MIN_COLUMN_RUNS + 2:
        return None
    width = max(g["displaced_tx"] for g in body)
    lo, hi = width * 0.3, width * 0.7
    # How many runs cross each stretch between the runs' ends (by bisection: a hostile page's
    # coordinates cost nothing more than a plain one's).
    starts = sorted(min(g["tx"], g["displaced_tx"]) for g in body)
    ends = sorted(max(g["tx"], g["displaced_tx"]) for g in body)
    cuts = sorted({lo, hi, *(v for v in starts + ends if lo < v < hi)})
    stretches = []
    for a, b in zip(cuts, cuts[1:]):
        m = (a + b) / 2
        stretches.append((a, b, bisect_left(starts, m) - bisect_left(ends, m)))
    if not stretches:
        return None
    least = min(n for _, _, n in stretches)
    if least * 5 > len(body):
        return None
    best, run = (0.0, 0.0, 0.0), None  # (width, from, to) of the widest run crossed by the fewest
    for a, b, n in [*stretches, (hi, hi, least + 1)]:
        if n == least:
            run = (run[0], b) if run else (a, b)
        elif run:
            best, run = max(best, (run[1] - run[0], run[0], run[1])), None
    if best[0] < 3:  # a gutter is a few points wide at least
        return None
    x = (best[1] + best[2]) / 2
    return x if _side_by_side(body, x, 2) and sum(1 for g in body if g["displaced_tx"] <= x) >= _MIN_COLUMN_RUNS else None


def _side_by_side(body: list[dict], x: float, least: int) -> bool:
    """At least `least` runs left of x and right of it, and as many left ones with a right one
    at the same height (text on both sides but never side by side is no two columns)."""
    left = [g for g in body if g["displaced_tx"] <= x]
    right = [g for g in body if g["tx"] >= x]
    if len(left) < least or len(right) < least:
        return False
    right_ys = {round(g["ty"]) for g in right}
    return sum(1 for g in left if any(round(g["ty"]) + d in right_ys for d in range(-2, 3))) >= least


def _column_chunks(pages: list[list[dict]]) -> tuple[list[list[str]], list[str]]:
    """Every page as the stretches of text read in order: a page in one column is one stretch;
    a page in two is split where runs span the gutter, and each part is its left column, then
    its right. Running headers, footers and page numbers are dropped first, by the page's
    lines across its whole width. Each stretch is laid out as layout mode lays out a page,
    its common indent removed; its kind ("page" or "column") tells its full line length."""
    from pypdf._text_extraction import _layout_mode

    lines_of = []
    for groups in pages:
        ys = _layout_mode.y_coordinate_groups(groups) if groups else {}
        lines_of.append([(ty, " ".join(g["text"] for g in line)) for ty, line in ys.items()])
    drop = _running_indexes([[text for _, text in page] for page in lines_of])
    found = sorted(x for x in (_gutter(g) for g in pages) if x is not None)
    hint = found[len(found) // 2] if found else None
    chunks: list[list[str]] = []
    kinds: list[str] = []
    for groups, page_lines, dropped in zip(pages, lines_of, drop):
        gone = {page_lines[i][0] for i in dropped}
        kept = [g for g in groups if int(g["ty"] * g["flip_sort"]) not in gone]
        if not kept:
            continue
        char_width = _char_width(groups)
        x = _gutter(kept)
        if x is None and hint is not None:
            x = _gutter(kept, hint)
        if x is None:
            chunks.append(_lay_out(kept, char_width))
            kinds.append("page")
            continue
        part: list[dict] = []
        for g in [*kept, None]:
            if g is not None and not (g["tx"] < x < g["displaced_tx"] and g["text"].strip()):
                part.append(g)
                continue
            for side in ([h for h in part if h["displaced_tx"] <= x], [h for h in part if h["displaced_tx"] > x]):
                if side:
                    chunks.append(_lay_out(side, char_width))
                    kinds.append("column")
            part = []
            if g is not None:  # a run across the gutter (a title, a wide table row): a paragraph of its own
                chunks.append(_lay_out([g], char_width))
                kinds.append("span")
    return chunks, kinds


def _char_width(groups: list[dict]) -> float:
    from pypdf._text_extraction import _layout_mode

    return _layout_mode.fixed_char_width(groups, 1.25) if groups else 0.0


def _lay_out(groups: list[dict], char_width: float, dedent: bool = True) -> list[str]:
    """The runs laid out as pypdf's layout mode lays out a page (extract_text(extraction_mode=
    "layout", layout_mode_space_vertically=True)), their common indent removed."""
    from pypdf._text_extraction import _layout_mode

    if not groups:
        return []
    text = _layout_mode.fixed_width_page(_layout_mode.y_coordinate_groups(groups), char_width, True, 1)
    lines = [line.rstrip() for line in text.split("\n")]
    indent = min((len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()), default=0) if dedent else 0
    return [ln[indent:] for ln in lines]


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def _trim_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, and the headers and footers that repeat (numbers aside) at the top or
    at the bottom of most pages: at most two lines at each edge of a page."""
    drops = _running_indexes(pages)
    return [[ln for i, ln in enumerate(page) if i not in drop] for page, drop in zip(pages, drops)]


def _running_indexes(pages: list[list[str]]) -> list[set[int]]:
    """For each page, the indexes of its lines that are page numbers or running headers and
    footers (see _trim_running_lines)."""
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
        out.append(drop)
    return out


def paragraphs(pages: list[list[str]], trim: bool = True, kinds: list[str] | None = None) -> list[Block]:
    """Join the lines of the pages into paragraphs: a blank line or a first-line indent starts
    one; a paragraph runs on over a page break when the page's last line is full. `kinds`
    names each page's kind of width ("page", "column"): a line is full by the longest line of
    its kind; a "span" (a line across two columns) is a paragraph of its own."""
    if trim:
        pages = _trim_running_lines(pages)
    kinds = kinds or ["page"] * len(pages)
    nonblank = [ln for page in pages for ln in page if ln.strip()]
    if not nonblank:
        return []
    margin = min(len(ln) - len(ln.lstrip()) for ln in nonblank)
    longest: dict[str, int] = {}
    for page, kind in zip(pages, kinds):
        longest[kind] = max([longest.get(kind, 0)] + [len(ln.strip()) for ln in page])
    text_all = "\n".join(nonblank)
    paras: list[list[str]] = []
    cur: list[str] = []

    def close() -> None:
        nonlocal cur
        if cur:
            paras.append(cur)
        cur = []

    full = 0
    for page, kind in zip(pages, kinds):
        lines = page[:]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if kind == "span":
            close()
        elif cur and lines:  # a page break: does the paragraph go on?
            last = cur[-1].strip()
            indent = len(lines[0]) - len(lines[0].lstrip()) - margin
            first = lines[0].strip()
            if _runs_on(last, first):
                pass  # "… remained the" / "backbone of …": one sentence over the break
            # Chinese lines are set full to the last character: a shorter one that ends a
            # sentence ends its paragraph; a speaker label starts one.
            elif (len(last) < 0.85 * full or indent >= 2 or (len(last) < full and last[-1:] in "。！？")
                  or _LABEL.match(first)):
                close()
        full = longest[kind]
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
        if kind == "span":
            close()
    close()
    return [Block(_join(p, text_all)) for p in paras]


_SUSPENDS = frozenset({"and", "or", "nor", "to", "as", "but", "than", "versus", "vs"})
_LABEL = re.compile(r"^[^。！？.!?；;：:]{1,40}[:：]$")  # a speaker label, "Jin Zhuanglong:"


def _runs_on(last: str, first: str) -> bool:
    """An English line that stops mid-sentence (no closing punctuation) and a next line that
    starts in lower case: the same sentence, whatever the line lengths."""
    return bool(re.search(r"[A-Za-z,\-]$", last)) and bool(re.match(r"[a-z]", first))


def _join(lines: list[str], text_all: str) -> str:
    """Join a paragraph's lines, repairing words hyphenated at a line end (keeping the hyphen
    of a compound such as high-quality that the document writes with one elsewhere)."""
    merged: list[str] = []
    for line in lines:
        if merged:
            m = _HYPHENATED.search(merged[-1])
            nxt = re.match(r"[a-z]+", line)
            if nxt and nxt.group(0) in _SUSPENDS:
                nxt = None  # "labor-" / "and capital-intensive": a suspended hyphen, kept with its space
            if m and nxt and not _TIGHT_END.search(merged[-1]):
                compound = f"{m.group(1)}-{nxt.group(0)}"
                if not re.search(rf"(?<![\w-]){re.escape(compound)}(?![\w-])", text_all.replace("-\n", "")):
                    merged[-1] = merged[-1][:-1] + line
                    continue
                merged[-1] = merged[-1] + line
                continue
        merged.append(line)
    return join_lines(merged, tight_gaps=True)
