"""Documents in: Word, web pages, Markdown and text PDFs, built here and read as a user hands
them in (the sentences extracted), and the bad ones refused in one line."""

from __future__ import annotations

import hashlib
import io
import zipfile

import docx
import pytest
from conftest import run_cli
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pdfmake import flow, pdf_bytes

from workbench.errors import WorkbenchError
from workbench.text.documents import document_from_bytes, read_document
from workbench.text.inputs import input_format

EN_PARAS = [
    "The State Council Information Office held a press conference on Friday in Beijing, inviting officials "
    "from the Ministry of Industry and Information Technology to brief the media on promoting high-quality "
    "development and innovation-driven growth.",
    "Shou Xiaoli:",
    "Ladies and gentlemen, good morning. Welcome to this press conference.",
    "China's industrial output grew steadily in the first half of the year, and the manufacturing sector "
    "remained the backbone of the economy.",
    "Jin Zhuanglong:",
    "Thank you. We will keep working hard.",
]
ZH_PARAS = [
    "国务院新闻办公室星期五在北京举行新闻发布会，请工业和信息化部有关负责人介绍推动高质量发展有关情况。今天我们继续举行系列主题新闻发布会。",
    "寿小丽：",
    "女士们、先生们，大家上午好！",
    "上半年，我国工业生产稳定增长，制造业继续发挥经济的压舱石作用。",
    "金壮龙：",
    "谢谢。我们将继续努力工作。",
]


def texts(doc):
    return [p.text for p in doc.paragraphs]


# --- .docx -------------------------------------------------------------------------------

def make_docx(path, build) -> None:
    d = docx.Document()
    build(d)
    d.save(path)


def test_docx_paragraphs_headings_tables_breaks_and_what_is_left_out(tmp_path):
    def build(d):
        d.add_heading("国务院新闻办公室新闻发布会", level=1)
        p = d.add_paragraph("女士们、先生们，")
        p.add_run().add_break()  # a soft line break (Shift+Enter) inside a paragraph
        p.add_run("大家上午好！")
        note = d.add_paragraph("寿小丽：")
        # a footnote reference and a comment: neither is the document's text
        note.runs[0]._r.addnext(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
        d.add_comment(note.runs[0], text="COMMENT TEXT", author="reviser")
        deleted = d.add_paragraph("我们继续举行发布会。")
        deleted._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="9" w:author="a" w:date="2024-07-05T00:00:00Z">'
                                    '<w:r><w:delText>删除的文字。</w:delText></w:r></w:del>'))
        deleted._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="10" w:author="a" w:date="2024-07-05T00:00:00Z">'
                                    '<w:r><w:t>插入的文字。</w:t></w:r></w:ins>'))
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "指标", "增长"
        table.cell(1, 0).text, table.cell(1, 1).text = "工业增加值", "百分之六。"
        merged = d.add_table(rows=1, cols=3)
        merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格。"
        merged.cell(0, 2).text = "右边。"
        d.add_paragraph("")
        d.add_paragraph("谢谢大家。")

    path = tmp_path / "zh.docx"
    make_docx(path, build)
    doc = read_document(path, "zh")
    assert texts(doc) == [
        "国务院新闻办公室新闻发布会",
        "女士们、先生们，大家上午好！",
        "寿小丽：",
        "我们继续举行发布会。插入的文字。",
        "指标", "增长", "工业增加值", "百分之六。",
        "合并单元格。", "右边。",
        "谢谢大家。",
    ]
    assert doc.paragraphs[2].speaker
    assert doc.sentences()[3:5] == ["我们继续举行发布会。", "插入的文字。"]
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_docx_soft_break_in_english_is_a_space(tmp_path):
    def build(d):
        p = d.add_paragraph("Ladies and gentlemen,")
        p.add_run().add_break()
        p.add_run("good morning. Welcome\tall.")

    make_docx(tmp_path / "en.docx", build)
    assert read_document(tmp_path / "en.docx", "en").sentences() == ["Ladies and gentlemen, good morning.", "Welcome all."]


@pytest.mark.parametrize("kind, message", [
    ("zip-of-text", "a zip without a Word document inside"),
    ("not-zip", "not a Word document"),
    ("ole", "encrypted Word file or an old .doc"),
    ("broken-xml", "not a readable Word document"),
    ("spreadsheet", "not a Word document: the package holds a spreadsheet"),
])
def test_bad_docx_is_one_line(tmp_path, kind, message):
    path = tmp_path / "bad.docx"
    if kind == "zip-of-text":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("notes.txt", "hello")
    elif kind == "not-zip":
        path.write_bytes(b"PK\x03\x04 this is not really a zip")
    elif kind == "spreadsheet":  # an .xlsx renamed: a real Office package, not a Word one
        make_docx(path, lambda d: d.add_paragraph("Hello."))
        data = io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as dst:
            for item in src.infolist():
                body = src.read(item)
                if item.filename == "[Content_Types].xml":
                    body = body.replace(b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml")
                dst.writestr(item, body)
        path.write_bytes(data.getvalue())
    elif kind == "ole":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    else:
        make_docx(path, lambda d: d.add_paragraph("Hello."))
        data = io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as dst:
            for item in src.infolist():
                body = src.read(item)
                dst.writestr(item, b"<w:document><unclosed>" if item.filename == "word/document.xml" else body)
        path.write_bytes(data.getvalue())
    with pytest.raises(WorkbenchError, match=message) as err:
        read_document(path, "en")
    assert str(err.value).startswith(str(path))


# --- web pages ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>SCIO briefing</title>
<style>p {{ color: red }}</style><script>var tracker = "Do not extract this";</script></head>
<body><header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About us</a></nav></header>
<div class="share"><a href="#">Share on WeChat</a> <a href="#">Share on Weibo</a></div>
<article><h1>SCIO briefing on promoting high-quality development</h1>
{body}
<p>_ueditor_page_break_tag_</p><p>Read in Chinese</p></article>
<div class="gallery"><img src="a.jpg" alt="photo"><span>/5    Group photo of the speakers</span></div>
<footer><p>Copyright &copy; China Daily. All rights reserved.</p><p>Contact us</p></footer>
<script>document.write("no");</script></body></html>"""


def test_web_page_main_text_only(tmp_path):
    body = "\n".join(f"<p>{p}</p>" for p in EN_PARAS).replace("Thank you.", "Thank you &amp; welcome.")
    path = tmp_path / "en.html"
    path.write_text(PAGE.format(body=body), encoding="utf-8")
    doc = read_document(path, "en")
    expected = ["SCIO briefing on promoting high-quality development"] + EN_PARAS
    expected[-1] = "Thank you & welcome. We will keep working hard."
    assert texts(doc) == expected
    assert [p.text for p in doc.paragraphs if p.speaker] == ["Shou Xiaoli:", "Jin Zhuanglong:"]


def test_chinese_web_page_with_gbk_charset_and_br_lines(tmp_path):
    # paragraphs as <p>, and (as government sites often write them) as lines between <br>s
    body = ("<div class='content'>" + "".join(f"<p>{p}</p>" for p in ZH_PARAS[:3])
            + "<p>" + "<br>".join(ZH_PARAS[3:]) + "</p></div>")
    html = PAGE.format(body=body).replace('charset="utf-8"', 'charset="gbk"')
    path = tmp_path / "zh.htm"
    path.write_bytes(html.encode("gbk", "replace"))
    doc = read_document(path, "zh")
    assert texts(doc)[1:] == ZH_PARAS


def test_web_page_without_main_text_is_refused(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
                    "<script>x=1</script></body></html>", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="no main text"):
        read_document(path, "en")


# --- Markdown ----------------------------------------------------------------------------

def test_markdown_to_paragraphs_with_code_blocks_kept(tmp_path):
    path = tmp_path / "en.md"
    path.write_text(
        "# Briefing on *high-quality* development\n\n"
        "Ladies and gentlemen,\ngood morning. See [the report](http://x) and `GDP`.\n\n"
        "Shou Xiaoli:\n\n"
        "- First point. Second point.\n- Third point.\n\n"
        "> Quoted words.\n\n"
        "```\nprint('Hello. World.')\nx = 1\n```\n\n"
        "| Indicator | Growth |\n|---|---|\n| Output | 6 percent. |\n\n"
        "![a photo](p.jpg)\n\nAT&amp;T &copy; 2024.\n",
        encoding="utf-8",
    )
    doc = read_document(path, "en")
    assert texts(doc) == [
        "Briefing on high-quality development",
        "Ladies and gentlemen, good morning. See the report and GDP.",
        "Shou Xiaoli:",
        "First point. Second point.",
        "Third point.",
        "Quoted words.",
        "print('Hello. World.') x = 1",
        "Indicator", "Growth", "Output", "6 percent.",
        "AT&T © 2024.",
    ]
    assert doc.paragraphs[6].sentences == ["print('Hello. World.') x = 1"]  # a code block is not split
    assert doc.paragraphs[2].speaker


# --- PDF ---------------------------------------------------------------------------------

@pytest.mark.parametrize("indent", [False, True], ids=["blank-line", "first-line-indent"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_lines_become_paragraphs_without_headers_or_page_numbers(lang, indent):
    paras = EN_PARAS if lang == "en" else ZH_PARAS
    pages = flow(paras, per_line=60 if lang == "en" else 30, lines_per_page=8,
                 header="Annual report 2024 (draft)", page_numbers=True, indent=indent)
    assert len(pages) >= 2
    doc = document_from_bytes(pdf_bytes(pages), "doc.pdf", lang)
    assert texts(doc) == paras
    assert [p.text for p in doc.paragraphs if p.speaker] == [paras[1], paras[4]]


def test_pdf_hyphenation_repaired_and_compounds_kept():
    pages = [[(72, 700, "The econ-"), (72, 683, "omy grew in a high-"), (72, 666, "quality way, as high-quality"),
              (72, 649, "growth should.")]]
    doc = document_from_bytes(pdf_bytes(pages), "h.pdf", "en")
    assert texts(doc) == ["The economy grew in a high-quality way, as high-quality growth should."]
    pages = [[(72, 700, "They are primarily labor-"), (72, 683, "and capital-intensive.")]]  # a suspended hyphen
    assert texts(document_from_bytes(pdf_bytes(pages), "h.pdf", "en")) == ["They are primarily labor- and capital-intensive."]


def test_tests_data_pdf_reads():
    from pathlib import Path

    doc = read_document(Path(__file__).parent / "data" / "briefing-zh.pdf", "zh")
    assert doc.sentences()[:3] == ["女士们、先生们，大家上午好！", "欢迎出席国务院新闻办新闻发布会。", "寿小丽："]


def test_scanned_pdf_is_refused():
    data = pdf_bytes([[(0, 0, "x")], [(0, 0, "x")]], images_only=True)
    with pytest.raises(WorkbenchError, match="no text layer"):
        document_from_bytes(data, "scan.pdf", "en")


def test_encrypted_and_corrupt_pdfs_are_refused():
    import pypdf

    w = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes([[(72, 700, "Secret words.")]]))))
    w.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    w.write(out)
    with pytest.raises(WorkbenchError, match="encrypted PDF"):
        document_from_bytes(out.getvalue(), "locked.pdf", "en")
    with pytest.raises(WorkbenchError, match="not a readable PDF"):
        document_from_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "broken.pdf", "en")
    with pytest.raises(WorkbenchError, match="broken.pdf"):
        document_from_bytes(pdf_bytes([[(72, 700, "Fine.")]])[:200], "broken.pdf", "en")


# --- choosing the reader -----------------------------------------------------------------

def test_format_by_extension_or_forced():
    assert input_format("a/B.DOCX") == "docx"
    assert input_format("x.htm") == "html"
    assert input_format("notes.markdown") == "md"
    assert input_format("chapter.txt") == "txt" and input_format("chapter") == "txt"
    assert input_format("page.txt", "html") == "html"
    with pytest.raises(WorkbenchError, match="unknown input format"):
        input_format("x.txt", "rtf")


# --- through the command line ------------------------------------------------------------

def test_align_a_word_original_with_a_pdf_translation(tmp_path):
    from workbench.store.alignment_file import load_alignment

    def build(d):
        for p in ZH_PARAS:
            d.add_paragraph(p)

    make_docx(tmp_path / "zh.docx", build)
    (tmp_path / "en.pdf").write_bytes(pdf_bytes(flow(EN_PARAS, per_line=60, lines_per_page=8, page_numbers=True)))
    r = run_cli("align", "zh.docx", "en.pdf", "-o", "out.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    al = load_alignment(tmp_path / "out.yaml")
    assert al.source.path == "zh.docx" and al.target.path == "en.pdf"
    assert al.source.sha256 == hashlib.sha256((tmp_path / "zh.docx").read_bytes()).hexdigest()
    assert al.target.sha256 == hashlib.sha256((tmp_path / "en.pdf").read_bytes()).hexdigest()
    pairs = [(p.zh, p.en) for p in al.pairs]
    assert (["寿小丽："], ["Shou Xiaoli:"]) in pairs and (["金壮龙："], ["Jin Zhuanglong:"]) in pairs
    assert [en for zh, en in pairs if zh == ["女士们、先生们，大家上午好！"]][0][0] == "Ladies and gentlemen, good morning."


def test_input_format_forces_the_reader(tmp_path):
    (tmp_path / "zh.txt").write_text("# 标题\n\n寿小丽：\n\n谢谢大家。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("# Title\n\nShou Xiaoli:\n\nThank you all.\n", encoding="utf-8")
    r = run_cli("align", "zh.txt", "en.txt", "--input-format", "md", "--to", "tsv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1] == "标题\tTitle"  # after the zh\ten header
    bad = run_cli("align", "zh.txt", "en.txt", "--input-format", "rtf", cwd=tmp_path)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


@pytest.mark.parametrize("name, content, message", [
    ("zh.docx", b"PK\x03\x04 broken", "not a Word document"),
    ("zh.pdf", b"%PDF-1.4 nothing here", "not a readable PDF"),
    ("zh.html", b"<html><body><nav>Home</nav></body></html>", "no main text"),
    ("zh.pdf", None, "no text layer"),
])
def test_bad_input_is_one_line_exit_2_nothing_written(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content if content is not None else pdf_bytes([[(0, 0, "x")]], images_only=True))
    (tmp_path / "en.txt").write_text("Thank you all.\n", encoding="utf-8")
    r = run_cli("align", name, "en.txt", "-o", "out.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"workbench: {name}: ") and message in r.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_pdf_over_the_size_limit_is_refused_before_reading(tmp_path):
    from workbench.text.reading import MAX_FILE_BYTES

    big = tmp_path / "zh.pdf"
    with open(big, "wb") as fh:  # sparse: no disk used
        fh.write(b"%PDF-1.7\n")
        fh.truncate(MAX_FILE_BYTES + 1)
    (tmp_path / "en.txt").write_text("Thank you all.\n", encoding="utf-8")
    r = run_cli("align", "zh.pdf", "en.txt", "-o", "out.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "too large" in r.stderr and "zh.pdf" in r.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_seed_briefing_as_a_web_page_reads_as_its_text(tmp_path, lang):
    """The demo briefing laid out as a news site page (menus, share buttons, footer; the article
    in a frame trafilatura has to recover, where it would keep one copy of a repeated line):
    the same sentences as the text file, every repeated speaker label kept."""
    import html as html_lib
    from pathlib import Path

    txt = Path(__file__).resolve().parents[1] / "seeds" / lang / "scio-2024-07-05.txt"
    paras = [line.strip() for line in txt.read_text(encoding="utf-8").split("\n") if line.strip()]
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>SCIO</title><script>var a = 1;</script>"
            "<style>.x {}</style></head><body><div id='header'><ul class='nav'><li><a href='/'>Home</a></li>"
            "<li><a href='/china'>China</a></li></ul></div><div class='share'><a>WeChat</a><a>Weibo</a></div>"
            "<div class='article'>" + "".join(f"<p>{html_lib.escape(p)}</p>" for p in paras) + "</div>"
            "<div id='footer'><p>Copyright 1995 - 2024. All rights reserved. The content published in this "
            "site belongs to China Daily Information Co.</p></div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert read_document(path, lang).sentences() == read_document(txt, lang).sentences()
