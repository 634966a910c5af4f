"""Text PDFs laid out in two columns are read column by column, not across the page."""

from __future__ import annotations

import io

import pytest
from conftest import run_cli
from pdfmake import columns, flow, pdf_bytes
from test_inputs import EN_PARAS, ZH_PARAS

from workbench.text.pdf import _gutter, _page_groups, pdf_blocks

TITLE = "国务院新闻办公室新闻发布会 SCIO press conference on high-quality development"


@pytest.mark.parametrize("paras, per_line", [(ZH_PARAS, 16), (ZH_PARAS, 20), (EN_PARAS, 32), (EN_PARAS, 40)])
def test_two_columns_read_column_by_column(paras, per_line):
    # Three copies make three pages: the left column then the right on each, a paragraph
    # running on over column and page breaks; a title across both columns, a running header
    # and page numbers, all as a journal sets them.
    data = pdf_bytes(columns(paras * 3, per_line=per_line, header="Briefing 2024", page_numbers=True, title=TITLE))
    assert [b.text for b in pdf_blocks(data, "x.pdf")] == [TITLE] + paras * 3


def test_pages_in_one_column_are_not_taken_for_two():
    from pypdf import PdfReader

    for data in (pdf_bytes(flow(EN_PARAS, per_line=60, lines_per_page=8, page_numbers=True)),
                 pdf_bytes(flow(ZH_PARAS, per_line=30, indent=True))):
        assert all(_gutter(_page_groups(p)) is None for p in PdfReader(io.BytesIO(data)).pages)


def test_align_two_column_pdfs(tmp_path):
    from workbench.store.alignment_file import load_alignment

    (tmp_path / "zh.pdf").write_bytes(pdf_bytes(columns(ZH_PARAS * 2, per_line=16, page_numbers=True)))
    (tmp_path / "en.pdf").write_bytes(pdf_bytes(columns(EN_PARAS * 2, per_line=40, page_numbers=True)))
    r = run_cli("align", "zh.pdf", "en.pdf", "-o", "out.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    al = load_alignment(tmp_path / "out.yaml")
    pairs = [(p.zh, p.en) for p in al.pairs]
    assert pairs.count((["寿小丽："], ["Shou Xiaoli:"])) == 2 and pairs.count((["金壮龙："], ["Jin Zhuanglong:"])) == 2
    assert (["谢谢。"], ["Thank you."]) in pairs
    assert al.source.format == "pdf" and al.target.format == "pdf"
