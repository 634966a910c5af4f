"""Tiny text PDFs written by hand for the tests (not a test module).

One Type0 font, Identity-H, the character id of each glyph its Unicode code point, and a
ToUnicode map: exactly what a text extractor reads. No glyphs are embedded (nothing needs
drawing), so a file stays a few kilobytes.
"""

from __future__ import annotations

import zlib

Line = tuple[float, float, str]  # x, y (points from the bottom left), text


def _width(ch: str) -> int:
    return 1000 if ord(ch) > 0x2E7F else 500


def pdf_bytes(pages: list[list[Line]], size: float = 12.0, *, images_only: bool = False) -> bytes:
    """A PDF with one page per list of lines, each line drawn at (x, y) in the font `size`."""
    chars = sorted({ord(c) for page in pages for _, _, text in page for c in text} | {32})
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        packed = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"

    cmap_lines = []
    for i in range(0, len(chars), 100):
        block = chars[i : i + 100]
        cmap_lines.append(b"%d beginbfchar" % len(block))
        cmap_lines += [b"<%04X> <%s>" % (c, chr(c).encode("utf-16-be").hex().upper().encode()) for c in block]
        cmap_lines.append(b"endbfchar")
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + b"\n".join(cmap_lines) + b"\nendcmap\n"
        b"CMapName currentdict /CMap defineresource pop end end"
    )
    to_unicode = add(stream(cmap))
    widths = b" ".join(b"%d [%d]" % (c, _width(chr(c))) for c in chars)
    descriptor = add(b"<< /Type /FontDescriptor /FontName /WBTest /Flags 4 /FontBBox [0 -200 1000 900] "
                     b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>")
    cid_font = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /WBTest "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                   b"/FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>" % (descriptor, widths))
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /WBTest /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode))
    page_ids = []
    pages_id = len(objects) + 1 + 2 * len(pages)  # the Pages object comes after all pages
    for page in pages:
        if images_only:
            ops = b"q 500 0 0 700 50 50 cm 0.5 g 0 0 1 1 re f Q"
        else:
            ops = b"\n".join(
                b"BT /F1 %g Tf %g %g Td <%s> Tj ET" % (size, x, y, "".join(f"{ord(c):04X}" for c in text).encode())
                for x, y, text in page
            )
        content = add(stream(ops))
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, content)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % p for p in page_ids), len(page_ids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def flow(paragraphs: list[str], *, per_line: int, size: float = 12.0, lines_per_page: int = 40,
         header: str | None = None, page_numbers: bool = False, indent: bool = False) -> list[list[Line]]:
    """Lay paragraphs out as a book would: wrapped at `per_line` characters (at a space for
    English), a blank line between paragraphs (or a first-line indent), a running header and
    page numbers if asked."""
    pages: list[list[Line]] = [[]]
    y_top, leading, left = 780.0, size * 1.4, 72.0

    def new_page() -> None:
        pages.append([])

    row = 0
    for para in paragraphs:
        for k, text in enumerate(_wrap(para, per_line)):
            if row >= lines_per_page:
                new_page()
                row = 0
            x = left + (2 * size if indent and k == 0 else 0)
            pages[-1].append((x, y_top - row * leading, text))
            row += 1
        if not indent:
            row += 1
    for n, page in enumerate(pages, 1):
        if header:
            page.insert(0, (left, 815.0, header))
        if page_numbers:
            page.append((290.0, 30.0, str(n)))
    return pages


def columns(paragraphs: list[str], *, per_line: int, size: float = 10.0, lines_per_column: int = 12,
            header: str | None = None, page_numbers: bool = False, title: str | None = None,
            gutter: float = 48.0) -> list[list[Line]]:
    """Lay paragraphs out in two columns a page, as a journal or a bulletin does: wrapped at
    `per_line` characters, a blank line between paragraphs, the left column filled before the
    right; a title across both columns at the top of the first page, a running header and page
    numbers if asked."""
    wide = any(ord(c) > 0x2E7F for p in paragraphs for c in p)
    column_width = per_line * size * (1.25 if wide else 0.6)  # as wide as pypdf measures the text
    y_top, leading, left = 760.0, size * 1.4, 72.0
    rows: list[str | None] = []  # None: the blank line between paragraphs
    for para in paragraphs:
        rows.extend(_wrap(para, per_line))
        rows.append(None)
    pages: list[list[Line]] = []
    k = 0
    while k < len(rows):
        page: list[Line] = []
        start = y_top - (3 * leading if title and not pages else 0)
        for column in (0, 1):
            x = left + column * (column_width + gutter)
            for row in range(lines_per_column):
                if k >= len(rows):
                    break
                if rows[k] is not None:
                    page.append((x, start - row * leading, rows[k]))
                k += 1
        pages.append(page)
    if title:
        pages[0].insert(0, (left, y_top, title))
    for n, page in enumerate(pages, 1):
        if header:
            page.insert(0, (left, 815.0, header))
        if page_numbers:
            page.append((290.0, 30.0, str(n)))
    return pages


def _wrap(para: str, per_line: int) -> list[str]:
    """A paragraph's lines, wrapped at a space within `per_line` characters (Chinese, which has
    none, at `per_line`)."""
    lines, rest = [], para
    while rest:
        if len(rest) <= per_line:
            lines.append(rest)
            break
        cut = rest.rfind(" ", 0, per_line + 1) if " " in rest[:per_line + 1] else per_line
        cut = cut if cut > 0 else per_line
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return lines
