"""How well and how fast a text PDF is read, in one column and in two: the seed briefing (both
languages) set as PDFs by the test suite's PDF writer (tests/pdfmake.py), read back, and
compared with the same document read from its text file.

    python bench/pdf_columns.py

Prints, per language and layout: pages, paragraphs and sentences recovered (of the text
file's), sentences identical to the text file's, and the CPU time of reading the PDF (best of
three). The Chinese differences are spaces the text file has between a title and a name
("部长 金壮龙"), which a PDF reader cannot tell from justification spacing.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from pdfmake import columns, flow, pdf_bytes  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from workbench.text.documents import document_from_bytes, read_document  # noqa: E402


def main() -> None:
    print(f"{'':3} {'layout':12} {'pages':>5} {'paragraphs':>11} {'sentences':>10} {'identical':>10} {'CPU s':>6}")
    for lang, per in (("zh", 20), ("en", 45)):
        doc = read_document(ROOT / "seeds" / lang / "scio-2024-07-05.txt", lang)
        paras = [p.text for p in doc.paragraphs]
        want = set(doc.sentences())
        layouts = {
            "one column": flow(paras, per_line=per * 2, lines_per_page=40, page_numbers=True, header="SCIO briefing"),
            "two columns": columns(paras, per_line=per, lines_per_column=48, page_numbers=True, header="SCIO briefing"),
        }
        for name, pages in layouts.items():
            data = pdf_bytes(pages)
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                got = document_from_bytes(data, "x.pdf", lang)
                best = min(best, time.process_time() - start)
            sentences = got.sentences()
            same = sum(1 for s in sentences if s in want)
            print(f"{lang:3} {name:12} {len(PdfReader(io.BytesIO(data)).pages):5} "
                  f"{len(got.paragraphs):5}/{len(paras):<5} {len(sentences):4}/{len(doc.sentences()):<5} "
                  f"{same:10} {best:6.3f}")


if __name__ == "__main__":
    main()
