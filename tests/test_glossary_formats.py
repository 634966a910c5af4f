"""Glossary import/export: TBX v2 and ISO 30042:2019, CSV/TSV; bad and hostile input via the CLI."""

from pathlib import Path

import pytest
from conftest import run_cli

from workbench.errors import WorkbenchError
from workbench.formats.termbase import dump_glossary_as, read_csv, read_tbx
from workbench.glossary.model import Glossary, Term, dump_glossary, load_glossary, save_glossary

REPO = Path(__file__).resolve().parent.parent

SAMPLE = Glossary(
    name="sample",
    terms=[
        Term(zh=["新质生产力"], en="new quality productive forces", forbidden=["new productive forces"], note="CPC usage"),
        Term(zh=['专精特新"小巨人"企业', '"小巨人"企业'], en='"little giant" enterprises',
             variants=["little giant enterprises"], forbidden=["small giant enterprises"]),
        Term(zh=["中小企业"], en="SMEs", variants=["small and medium-sized enterprises"], case="sensitive"),
    ],
)


def _same(a: Glossary, b: Glossary, case=True) -> bool:
    def rows(g):
        return [(t.zh, t.en, t.variants, t.forbidden, t.note, t.case if case else None) for t in g.terms]

    return rows(a) == rows(b)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_tbx_round_trip(fmt):
    text = dump_glossary_as(SAMPLE, fmt)
    assert ("<tbx " in text) == (fmt == "tbx") and ("<martif" in text) == (fmt == "tbx2")
    back = read_tbx(text.encode(), "x.tbx")
    assert _same(back, SAMPLE)  # case: sensitive kept (an x-case descrip)
    assert back.name == SAMPLE.name


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_csv_round_trip(fmt, sep):
    back = read_csv(dump_glossary_as(SAMPLE, fmt), "x", sep)
    assert _same(back, SAMPLE)
    assert back.name == SAMPLE.name  # kept by the "#glossary" row, not taken from the file name


@pytest.mark.parametrize(
    "text, given, name",
    [
        ("#glossary,SME terms\nzh,en\n中小企业,SMEs\n", "", "SME terms"),
        # as a spreadsheet saves it back: padded with empty cells, quoted, with a BOM
        ('\ufeff"#glossary","SME terms",,,,\nzh,en,variants,forbidden,note,case\n中小企业,SMEs,,,,\n', "", "SME terms"),
        ("# Glossary,SME terms\nzh,en\n中小企业,SMEs\n", "", "SME terms"),
        ("# exported on Monday\n\n#glossary,SME terms\nzh,en\n中小企业,SMEs\n", "", "SME terms"),  # comments
        ("#glossary,'=SUM(A1)\nzh,en\n中小企业,SMEs\n", "", "=SUM(A1)"),  # neutralised on export, restored
        ("zh,en\n中小企业,SMEs\n", "", "terms"),  # no name row: the file's name
        ("#glossary,\nzh,en\n中小企业,SMEs\n", "", "terms"),  # an empty name: the file's name
        ("#glossary,SME terms\nzh,en\n中小企业,SMEs\n", "given", "given"),  # --name wins
    ],
)
def test_csv_glossary_name(text, given, name):
    g = read_csv(text, "some/dir/terms.csv", name=given)
    assert g.name == name and [t.zh for t in g.terms] == [["中小企业"]]


def test_csv_name_that_a_spreadsheet_would_run_is_neutralised():
    text = dump_glossary_as(Glossary(name="=HYPERLINK(1)", terms=SAMPLE.terms), "csv")
    assert text.splitlines()[0] == "#glossary,'=HYPERLINK(1)"
    assert read_csv(text, "x.csv").name == "=HYPERLINK(1)"


TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
 <martifHeader><fileDesc><sourceDesc><p>From a CAT tool</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="t1">
   <descrip type="definition">industrial firms with main revenue over 20 million yuan</descrip>
   <langSet xml:lang="en-US">
    <tig><term>industrial enterprises above the designated size</term>
         <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>industrial enterprises above designated size</term>
         <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
    <tig><term>above-scale industrial enterprises</term>
         <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
    <tig><term>enterprises above designated scale</term>
         <termNote type="normativeAuthorization">deprecatedTerm</termNote></tig>
   </langSet>
   <langSet xml:lang="zh-CN"><tig><term>规模以上工业企业</term></tig></langSet>
   <langSet xml:lang="fr"><tig><term>entreprises industrielles</term></tig></langSet>
  </termEntry>
  <termEntry id="t2"><langSet xml:lang="de"><tig><term>nur Deutsch</term></tig></langSet></termEntry>
 </body></text>
</martif>
"""

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><titleStmt><title>Briefing terms</title></titleStmt></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="zh-Hans">
    <termSec><term>新型工业化</term></termSec>
   </langSec>
   <langSec xml:lang="en">
    <termSec><term>new-type industrialization</term>
     <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
    <termSec><term>new industrialization</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def test_tbx2_languages_by_xml_lang_and_statuses_mapped():
    g = read_tbx(TBX2.encode(), "a.tbx")
    (t,) = g.terms  # the German-only concept is skipped
    assert t.zh == ["规模以上工业企业"]
    assert t.en == "industrial enterprises above designated size"
    assert t.variants == ["industrial enterprises above the designated size"]
    assert t.forbidden == ["above-scale industrial enterprises", "enterprises above designated scale"]
    assert t.note == "industrial firms with main revenue over 20 million yuan"
    assert g.name == "From a CAT tool"


def test_tbx3_iso_30042():
    g = read_tbx(TBX3.encode(), "b.tbx")
    assert g.name == "Briefing terms"
    assert [(t.zh, t.en, t.variants) for t in g.terms] == [(["新型工业化"], "new industrialization", ["new-type industrialization"])]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<martif><text>", "malformed XML"),
        (b"<glossary/>", "not TBX"),
        (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><martif>&b;</martif>', "entities"),
        (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif>&x;</martif>', "entities"),
        (TBX3.replace("<term>新型工业化</term>", "<term> </term>").encode(), "empty term"),
        (TBX3.replace("<conceptEntry", TBX3[TBX3.index("<conceptEntry"):TBX3.index("</conceptEntry>") + 15] + "<conceptEntry", 1)
         .encode(), "duplicate term '新型工业化'"),
    ],
)
def test_bad_tbx_is_refused(data, message):
    with pytest.raises(WorkbenchError, match=message):
        read_tbx(data, "bad.tbx")


@pytest.mark.parametrize(
    "text, message",
    [
        ("zh,en,colour\n新质生产力,x,y\n", "unknown column 'colour'"),
        ("zh,variants\n新质生产力,x\n", "no 'en' column"),
        ("zh,en\n新质生产力,a\n新质生产力,b\n", "duplicate term"),
        ("zh,en\n,a\n", "empty term"),
        ("zh,en\n新质生产力,\n", "empty English"),
        ("zh,en\n新质生产力,a,extra\n", "3 fields"),
        ("zh,en,case\n新质生产力,a,sometimes\n", "case must be"),
        ("", "empty file"),
    ],
)
def test_bad_csv_is_refused(text, message):
    with pytest.raises(WorkbenchError, match=message):
        read_csv(text, "bad.csv")


def test_csv_multi_forms_and_bom():
    g = read_csv("\ufeffzh,en,variants\n中小企业|中小型企业,SMEs,small and medium-sized enterprises|small and medium enterprises\n", "x")
    assert g.terms[0].zh == ["中小企业", "中小型企业"] and len(g.terms[0].variants) == 2


# -- through the real command line ---------------------------------------------------------

BAD_FILES = {
    "unknown.csv": ("zh,en,colour\n新质生产力,x,y\n", "unknown column"),
    "dup.tsv": ("zh\ten\n新质生产力\ta\n新质生产力\tb\n", "duplicate term"),
    "empty-term.csv": ("zh,en\n,a\n", "empty term"),
    "broken.tbx": ("<martif><text><body>", "malformed XML"),
    "bomb.tbx": ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;'
                 '&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'
                 '&lol1;&lol1;">]><martif>&lol2;</martif>', "entities"),
    "xxe.tbx": ('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif><text>&x;'
                "</text></martif>", "entities"),
    "glossary.doc": ("zh,en\n", "unknown glossary format"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_import_refuses_bad_glossaries_in_one_line(tmp_path, name):
    content, message = BAD_FILES[name]
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.yaml"
    r = run_cli("glossary", "import", src, "-o", out)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and message in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_cli_import_export_round_trip(tmp_path):
    g_yaml = tmp_path / "g.yaml"
    save_glossary(SAMPLE, g_yaml)
    for fmt, ext in (("tbx", "tbx"), ("tbx2", "tbx"), ("csv", "csv"), ("tsv", "tsv")):
        exported = tmp_path / f"g-{fmt}.{ext}"
        r = run_cli("glossary", "export", g_yaml, "--to", fmt, "-o", exported)
        assert r.returncode == 0, r.stderr
        assert f"{len(SAMPLE.terms)} terms written to {exported}" in r.stderr and r.stdout == ""
        back = tmp_path / f"back-{fmt}.yaml"
        r = run_cli("glossary", "import", exported, "-o", back, "--name", "sample")
        assert r.returncode == 0, r.stderr
        assert _same(load_glossary(back), SAMPLE, case=fmt not in ("tbx", "tbx2"))


def test_cli_import_does_not_overwrite(tmp_path):
    src = tmp_path / "g.csv"
    src.write_text("zh,en\n新质生产力,new quality productive forces\n", encoding="utf-8")
    out = tmp_path / "g.yaml"
    out.write_text("keep me", encoding="utf-8")
    r = run_cli("glossary", "import", src, "-o", out)
    assert r.returncode == 2 and "already exists" in r.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


def test_cli_list_and_add(tmp_path):
    g_yaml = tmp_path / "g.yaml"
    r = run_cli("glossary", "add", g_yaml, "--zh", "新质生产力", "--en", "new quality productive forces",
            "--forbidden", "new productive forces")
    assert r.returncode == 0, r.stderr
    r = run_cli("glossary", "add", g_yaml, "--zh", "新质生产力", "--en", "again")
    assert r.returncode == 2 and "already in the glossary" in r.stderr and str(g_yaml) in r.stderr
    r = run_cli("glossary", "list", g_yaml, "--filter", "productive")
    assert r.returncode == 0 and "新质生产力\tnew quality productive forces" in r.stdout
    assert len(load_glossary(g_yaml).terms) == 1


def test_shipped_glossary_is_valid_and_big_enough():
    g = load_glossary(REPO / "glossary" / "scio.yaml")
    assert len(g.terms) >= 40
    assert dump_glossary(g) == (REPO / "glossary" / "scio.yaml").read_text(encoding="utf-8")
    keys = {t.key for t in g.terms}
    assert {"新质生产力", "新型工业化", "规模以上工业企业", '专精特新"小巨人"企业'} <= keys
