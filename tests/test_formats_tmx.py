"""TMX 1.4b: what we write (a plain XML parser's view), exact round trips, and TMX from other tools."""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET

import pytest
from formats_samples import alignments, sample_alignment, two_sided
from hypothesis import HealthCheck, given, settings

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.formats.tmx import dump_tmx, read_tmx
from workbench.model import Pair
from workbench.store.alignment_file import dump_alignment

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def props(elem: ET.Element) -> dict[str, str]:
    return {p.get("type"): p.text or "" for p in elem.findall("prop")}


def test_header_and_units_as_a_plain_parser_sees_them():
    al = sample_alignment()
    root = ET.fromstring(dump_tmx(al).encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert {k: header.get(k) for k in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")} == {
        "creationtool": "workbench",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "workbench-alignment/1",
        "adminlang": "en",
        "srclang": "zh-CN",
        "datatype": "plaintext",
    }
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    tus = root.findall("body/tu")
    assert len(tus) == len(two_sided(al)) == 3
    first = tus[0]
    assert props(first) == {"x-pair-id": "2", "x-status": "confirmed", "x-score": "0.93", "x-para": "1"}
    tuvs = first.findall("tuv")
    assert [t.get(XML_LANG) for t in tuvs] == ["zh-CN", "en"]
    # zh sentences joined with nothing, en ones with one space
    assert tuvs[0].find("seg").text == "女士们、先生们，大家上午好！欢迎出席。"
    assert tuvs[1].find("seg").text == "Ladies and gentlemen, good morning. Welcome."
    assert tus[1].find("note").text == "check the term\nsecond line"
    assert tus[1].findall("tuv")[1].find("seg").text == "New quality productive forces & more <grow>."


def test_creationdate_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1720137600")
    assert 'creationdate="20240705T000000Z"' in dump_tmx(sample_alignment())


def test_round_trip_is_exact():
    al = sample_alignment()
    back = read_tmx(dump_tmx(al).encode("utf-8"), "x.tmx")
    assert dump_alignment(back) == dump_alignment(al)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignments())
def test_round_trip_property(al):
    back = read_tmx(dump_tmx(al).encode("utf-8"), "x.tmx")
    assert dump_alignment(back) == dump_alignment(al)


def test_carriage_return_and_edge_whitespace_survive():
    al = sample_alignment()
    al.pairs[1].en = ["  leading", "CR\rinside ", "tab here"]
    back = read_tmx(dump_tmx(al).encode("utf-8"), "x.tmx")
    assert back.pairs[1].en == al.pairs[1].en
    al.pairs[1].en = ["a\ttab"]  # a sentence never holds a tab: it comes back as a space
    assert read_tmx(dump_tmx(al).encode("utf-8"), "x.tmx").pairs[1].en == ["a tab"]


def test_control_character_is_refused_not_written():
    al = sample_alignment()
    al.pairs[1].en = ["bell \x07 here"]
    with pytest.raises(WorkbenchError, match=r"en side of pair 2 .*U\+0007"):
        dump_tmx(al)


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SDL" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US"
          srclang="EN-US" datatype="xml"/>
  <body>
    <tu tuid="a">
      <tuv xml:lang="en-US"><seg>Good morning. Welcome to the <bpt i="1">&lt;b&gt;</bpt>briefing<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
      <tuv xml:lang="ZH-cn"><seg>上午好。欢迎出席<ph>{1}</ph>发布会。</seg></tuv>
    </tu>
    <tu>
      <note>from the client</note>
      <tuv xml:lang="fr-FR"><seg>Bonjour.</seg></tuv>
      <tuv xml:lang="zh-TW"><seg>繁體。</seg></tuv>
      <tuv xml:lang="zh-Hans"><seg>简体。</seg></tuv>
      <tuv xml:lang="en-GB"><seg>Simplified <hi x="1">text</hi>.</seg></tuv>
    </tu>
    <tu><tuv lang="ZH"><seg>旧版本。</seg></tuv><tuv lang="EN"><seg>Old version.</seg></tuv></tu>
    <tu><tuv xml:lang="zh-CN"><seg>只有中文。</seg></tuv><tuv xml:lang="en"><seg></seg></tuv></tu>
    <tu><tuv xml:lang="de"><seg>Nur Deutsch.</seg></tuv><tuv xml:lang="fr"><seg>Seulement.</seg></tuv></tu>
  </body>
</tmx>
"""


def test_tmx_from_another_tool():
    al = read_tmx(FOREIGN.encode("utf-8"), "memo.tmx")
    assert al.title == "memo"
    got = [(p.id, p.zh, p.en, p.status) for p in al.pairs]
    assert got == [
        (1, ["上午好。", "欢迎出席发布会。"], ["Good morning.", "Welcome to the briefing."], "auto"),
        (2, ["简体。"], ["Simplified text."], "auto"),
        (3, ["旧版本。"], ["Old version."], "auto"),
        (4, ["只有中文。"], [], "auto"),
    ]
    assert al.pairs[1].note == "from the client"


@pytest.mark.parametrize("encoding", ["utf-16", "gbk", "gb18030"])
def test_tmx_in_other_encodings(encoding):
    text = FOREIGN.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    data = text.encode(encoding)
    assert read_tmx(data, "m.tmx").pairs[0].zh == ["上午好。", "欢迎出席发布会。"]


def test_utf8_bom_is_fine():
    assert len(read_tmx(codecs.BOM_UTF8 + FOREIGN.encode("utf-8"), "m.tmx").pairs) == 4


def test_segments_edited_elsewhere_are_split_again():
    al = sample_alignment()
    text = dump_tmx(al).replace("Ladies and gentlemen, good morning. Welcome.", "Good morning, all. You are welcome here.")
    back = read_tmx(text.encode("utf-8"), "x.tmx")
    pair = back.pairs[back.index_of(2)]
    assert pair.en == ["Good morning, all.", "You are welcome here."]
    assert pair.zh == al.pairs[1].zh


def test_ids_kept_when_unique_and_fresh_when_missing_or_duplicate():
    al = sample_alignment()
    text = dump_tmx(al).replace('<prop type="x-pair-id">7</prop>', '<prop type="x-pair-id">2</prop>')
    text = text.replace('<prop type="x-pair-id">4</prop>', "")
    back = read_tmx(text.encode("utf-8"), "x.tmx")
    ids = [p.id for p in back.pairs]
    assert len(set(ids)) == len(ids)
    # The duplicate and the id-less unit get fresh ids; the one-sided pairs that followed
    # them (3 after 7, 5 after 4) lost their anchor and come last, kept in order.
    assert ids == [1, 2, 7, 8, 3, 5, 6]


def test_one_sided_pairs_survive_a_deleted_neighbour():
    al = sample_alignment()
    al.pairs.insert(3, Pair(9, zh=["孤。"], en=[]))  # follows pair 7
    text = dump_tmx(al)
    start = text.index("<tu>", text.index('<prop type="x-pair-id">7</prop>') - 200)
    text = text[:start] + text[text.index("</tu>", start) + len("</tu>") :]
    back = read_tmx(text.encode("utf-8"), "x.tmx")
    assert sorted(back.zh_sentences()) == sorted(s for p in al.pairs if p.id != 7 for s in p.zh)


@pytest.mark.parametrize(
    "data,message",
    [
        (b"<xliff version='1.2'/>", "not TMX: the root element is <xliff>"),
        (b"<tmx><body><tu>", "malformed XML"),
        (b"<tmx version='1.4'><header/><body/></tmx>", "no Chinese"),
        (b"<tmx><header><prop type='x-one-sided-pair'>[1]</prop></header><body/></tmx>", "malformed x-one-sided-pair"),
        (b'<?xml version="1.0" encoding="no-such"?><tmx/>', "Unsupported encoding"),
    ],
)
def test_bad_tmx_is_one_clear_error(data, message):
    with pytest.raises(WorkbenchError, match=message) as exc:
        read_tmx(data, "bad.tmx")
    assert str(exc.value).startswith("bad.tmx")


def test_malformed_xml_names_line_and_column():
    with pytest.raises(WorkbenchError) as exc:
        read_tmx(b"<tmx>\n<body>\n  <tu></tuv>\n</body></tmx>", "bad.tmx")
    assert exc.value.line == 3 and exc.value.column is not None


def test_deep_nesting_is_refused_not_a_crash():
    depth = 50_000
    seg = "<hi>" * depth + "深。" + "</hi>" * depth
    data = f"<tmx><body><tu><tuv xml:lang='zh'><seg>{seg}</seg></tuv><tuv xml:lang='en'><seg>Deep.</seg></tuv></tu></body></tmx>"
    with pytest.raises(WorkbenchError, match="Excessive depth in document: 256$"):
        read_tmx(data.encode(), "deep.tmx")


def test_inline_markup_nested_as_deep_as_allowed():
    seg = "<hi>" * 200 + "深。" + "</hi>" * 200
    data = f"<tmx><body><tu><tuv xml:lang='zh'><seg>{seg}</seg></tuv><tuv xml:lang='en'><seg>Deep.</seg></tuv></tu></body></tmx>"
    assert read_tmx(data.encode(), "deep.tmx").pairs[0].zh == ["深。"]


@pytest.mark.parametrize("semantic", [True, False, None])
def test_round_trip_keeps_how_it_was_aligned(semantic):
    al = sample_alignment()
    al.semantic = semantic
    back = read_tmx(dump_tmx(al).encode("utf-8"), "x.tmx")
    assert back.semantic is semantic
    assert dump_alignment(back) == dump_alignment(al)


def test_a_malformed_aligner_prop_is_refused():
    data = dump_tmx(sample_alignment()).replace(
        '<prop type="x-title">', '<prop type="x-aligner-semantic">maybe</prop><prop type="x-title">', 1)
    with pytest.raises(WorkbenchError, match="x-aligner-semantic"):
        read_tmx(data.encode("utf-8"), "x.tmx")
