"""XLIFF 1.2 out (a file CAT tools open) and XLIFF 1.2/2.0 in."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from formats_samples import alignments, sample_alignment
from hypothesis import HealthCheck, given, settings

from workbench.errors import WorkbenchError
from workbench.formats.xliff import NS, dump_xliff, read_xliff
from workbench.store.alignment_file import dump_alignment

X = "{" + NS + "}"


def test_one_trans_unit_per_pair_with_states():
    al = sample_alignment()
    root = ET.fromstring(dump_xliff(al).encode("utf-8"))
    assert root.tag == X + "xliff" and root.get("version") == "1.2"
    f = root.find(X + "file")
    assert (f.get("source-language"), f.get("target-language"), f.get("datatype")) == ("zh-CN", "en", "plaintext")
    units = f.findall(f"{X}body/{X}trans-unit")
    assert [u.get("id") for u in units] == [str(p.id) for p in al.pairs]
    states = {u.get("id"): (u.find(X + "target").get("state"), u.get("approved")) for u in units}
    assert states["2"] == ("final", "yes")
    assert states["7"] == ("needs-review-translation", None)
    assert states["5"] == ("needs-translation", None)  # nothing on the en side yet
    assert units[1].find(X + "source").text == "女士们、先生们，大家上午好！欢迎出席。"
    assert units[1].find(X + "target").text == "Ladies and gentlemen, good morning. Welcome."


def test_translate_toolkit_reads_it():
    from translate.storage.xliff import xlifffile

    store = xlifffile(dump_xliff(sample_alignment()).encode("utf-8"))
    assert len(store.units) == 7
    assert store.units[1].isapproved() and not store.units[2].isapproved()
    assert store.units[2].target == "New quality productive forces & more <grow>."


def test_round_trip_is_exact():
    al = sample_alignment()
    assert dump_alignment(read_xliff(dump_xliff(al).encode("utf-8"), "x.xlf")) == dump_alignment(al)


@pytest.mark.parametrize("semantic", [True, False])
def test_round_trip_keeps_how_it_was_aligned(semantic):
    al = sample_alignment()
    al.semantic = semantic
    back = read_xliff(dump_xliff(al).encode("utf-8"), "x.xlf")
    assert back.semantic is semantic and dump_alignment(back) == dump_alignment(al)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignments())
def test_round_trip_property(al):
    assert dump_alignment(read_xliff(dump_xliff(al).encode("utf-8"), "x.xlf")) == dump_alignment(al)


FOREIGN_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.docx" source-language="en-US" target-language="zh-CN" datatype="x-docx">
    <body>
      <group>
        <trans-unit id="tu-a" approved="yes">
          <source>Good morning. <g id="1">Welcome</g>.</source>
          <seg-source><mrk mtype="seg" mid="1">Good morning.</mrk></seg-source>
          <target state="translated">上午好。<g id="1">欢迎</g><x id="2"/>。</target>
          <alt-trans><target>别的。</target></alt-trans>
        </trans-unit>
        <trans-unit id="tu-b"><source>Pending.</source><target state="new"/></trans-unit>
      </group>
    </body>
  </file>
</xliff>
"""

FOREIGN_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <notes><note>first</note></notes>
      <segment state="final"><source>你好。</source><target>Hello.</target></segment>
      <segment><source>再见<ph id="1"/>。</source><target>Goodbye.</target></segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff_12_from_another_tool_with_languages_reversed():
    al = read_xliff(FOREIGN_12.encode(), "a.xlf")
    assert [(p.id, p.zh, p.en, p.status) for p in al.pairs] == [
        (1, ["上午好。", "欢迎。"], ["Good morning.", "Welcome."], "confirmed"),
        (2, [], ["Pending."], "auto"),
    ]


def test_xliff_20():
    al = read_xliff(FOREIGN_20.encode(), "b.xlf")
    assert [(p.zh, p.en, p.status, p.note) for p in al.pairs] == [
        (["你好。", "再见。"], ["Hello.", "Goodbye."], "confirmed", "first")
    ]


def test_other_languages_are_refused():
    data = FOREIGN_12.replace("zh-CN", "de-DE").encode()
    with pytest.raises(WorkbenchError, match="en-US → de-DE"):
        read_xliff(data, "a.xlf")


def test_not_xliff():
    with pytest.raises(WorkbenchError, match="not XLIFF: the root element is <tmx>"):
        read_xliff(b"<tmx/>", "a.xlf")
