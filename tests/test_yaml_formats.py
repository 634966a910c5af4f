"""The aligned YAML (alignment/1) and glossary YAML (glossary/1): validation and round trips."""

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import WorkbenchError
from workbench.glossary.model import Glossary, Term, dump_glossary, load_glossary
from workbench.model import Alignment, DocRef, Ignored, Pair
from workbench.store.alignment_file import dump_alignment, load_alignment

GOOD = """\
workbench: alignment/1
title: SCIO briefing, 2024-07-05
source: {lang: zh, path: ../seeds/zh/scio-2024-07-05.txt, sha256: 3f2a}
target: {lang: en, path: ../seeds/en/scio-2024-07-05.txt, sha256: 9b1c}
glossary: ../glossary/scio.yaml
pairs:
- id: 1
  zh:
  - 女士们、先生们，大家上午好！
  en:
  - Ladies and gentlemen, good morning.
  status: confirmed
  score: 0.93
  para: 12
  note: 'free text: with a colon'
- id: 3
  zh: []
  en:
  - An addition, with commas, here.
  status: auto
ignored:
- {check: term-missing, pair: 57, term: 新质生产力, reason: paraphrased on purpose}
"""


def test_load_good_file():
    al = load_alignment("a.yaml", GOOD)
    assert al.title == "SCIO briefing, 2024-07-05"
    assert al.source == DocRef("zh", "../seeds/zh/scio-2024-07-05.txt", "3f2a")
    assert [p.id for p in al.pairs] == [1, 3]
    assert al.pairs[0].en == ["Ladies and gentlemen, good morning."]
    assert al.pairs[0].score == 0.93 and al.pairs[0].para == 12
    assert al.pairs[1].zh == [] and al.pairs[1].status == "auto"
    assert al.ignored == [Ignored("term-missing", 57, "新质生产力", "paraphrased on purpose")]


def test_round_trip_is_byte_identical():
    assert dump_alignment(load_alignment("a.yaml", GOOD)) == GOOD


def test_the_aligner_mode_is_kept_and_a_file_without_it_loads():
    assert load_alignment("a.yaml", GOOD).semantic is None  # written before files said it
    for semantic in (True, False):
        text = GOOD.replace("pairs:\n", f"aligner: {{semantic: {str(semantic).lower()}}}\npairs:\n", 1)
        al = load_alignment("a.yaml", text)
        assert al.semantic is semantic
        assert dump_alignment(al) == text


@pytest.mark.parametrize(
    "text,message,line",
    [
        ("workbench: alignment/1\npairs:\n- id: 1\n  zh: [a\n", "malformed YAML", 5),
        ("workbench: glossary/1\npairs: []\n", "wrong format marker 'glossary/1'", 1),
        ("title: x\npairs: []\n", "not a workbench file", 1),
        ("workbench: alignment/1\npairs:\n- id: 1\n  status: done\n", "status must be one of", 4),
        ("workbench: alignment/1\npairs:\n- id: 1\n- id: 1\n", "duplicate pair id 1", 4),
        ("workbench: alignment/1\npairs:\n- zh: [a]\n", "needs an 'id'", 3),
        ("workbench: alignment/1\npairs:\n- id: 1\n  score: 7\n", "between 0 and 1", 4),
        ("workbench: alignment/1\npairs:\n- id: 1\n  colour: red\n", "unknown key 'colour'", 4),
        ("workbench: alignment/1\npairs:\n- id: 1\n  zh: ['']\n", "empty zh sentence", 4),
        ("workbench: alignment/1\npairs: !!python/object:os.system {}\n", "tag", 2),
        ("workbench: alignment/1\ntitle: &a x\npairs:\n- id: 1\n  note: *a\n", "alias", 2),
        ("- just a list\n", "must be a mapping", 1),
        ("workbench: alignment/1\naligner: {semantic: maybe}\npairs: []\n", "semantic must be true or false", 2),
        ("workbench: alignment/1\naligner: {speed: 3}\npairs: []\n", "unknown key 'speed'", 2),
    ],
)
def test_bad_files_name_line_and_column(text, message, line):
    with pytest.raises(WorkbenchError) as exc:
        load_alignment("bad.yaml", text)
    assert message in str(exc.value)
    assert exc.value.path == "bad.yaml"
    assert exc.value.line == line
    assert str(exc.value).startswith(f"bad.yaml:{line}:")


def test_empty_file_is_refused():
    with pytest.raises(WorkbenchError, match="empty file"):
        load_alignment("e.yaml", "  \n")


# -- property: load∘dump is the identity on the model, dump∘load on the canonical text -----

_text = st.text(
    alphabet=st.sampled_from(
        list(string.ascii_letters + string.digits + " ,.:;!?'\"#&*-[]{}|>%@`")
        + list("新质生产力专精特新“小巨人”企业，。！？、：；（）—…「」")
        + ["\u00a0", "é", "\t"]
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s)
# A sentence holds no tab (refused on load: it would break TSV columns); notes and paths may.
_sentence = _text.filter(lambda s: "\t" not in s)


@st.composite
def alignments(draw):
    n = draw(st.integers(0, 6))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    pairs = [
        Pair(
            id=i,
            zh=draw(st.lists(_sentence, max_size=3)),
            en=draw(st.lists(_sentence, max_size=3)),
            status=draw(st.sampled_from(["auto", "confirmed"])),
            score=draw(st.none() | st.floats(0, 1).map(lambda x: round(x, 3))),
            para=draw(st.none() | st.integers(1, 500)),
            note=draw(st.none() | _text),
        )
        for i in ids
    ]
    ignored = [
        Ignored(draw(st.sampled_from(["term-missing", "omission"])), draw(st.none() | st.integers(1, 99)), draw(st.none() | _text), draw(st.none() | _text))
        for _ in range(draw(st.integers(0, 2)))
    ]
    return Alignment(
        title=draw(st.text(max_size=30).filter(lambda s: s.strip() == s and "\x85" not in s and s.isprintable())),
        source=DocRef("zh", draw(st.none() | _text), draw(st.none() | st.text("0123456789abcdef", min_size=1, max_size=8))),
        target=DocRef("en", draw(st.none() | _text)),
        glossary=draw(st.none() | _text),
        pairs=pairs,
        ignored=ignored,
        semantic=draw(st.none() | st.booleans()),
    )


@settings(max_examples=150, deadline=None)
@given(alignments())
def test_load_dump_is_identity(al):
    text = dump_alignment(al)
    back = load_alignment("p.yaml", text)
    assert back == al
    assert dump_alignment(back) == text


# -- glossary/1 ----------------------------------------------------------------------------

GLOSSARY = """\
workbench: glossary/1
name: SCIO briefings
terms:
- zh: 新质生产力
  en: new quality productive forces
- zh:
  - 专精特新"小巨人"企业
  - '"小巨人"企业'
  en: '"little giant" enterprises'
  variants:
  - little giant enterprises
  forbidden:
  - small giant enterprises
  note: keep the quotation marks
- zh: 工业和信息化部
  en: MIIT
  case: sensitive
"""


def test_glossary_round_trip():
    g = load_glossary("g.yaml", GLOSSARY)
    assert g.terms[1].zh == ['专精特新"小巨人"企业', '"小巨人"企业']
    assert g.terms[1].accepted == ['"little giant" enterprises', "little giant enterprises"]
    assert g.terms[2].case == "sensitive"
    assert dump_glossary(g) == GLOSSARY


@pytest.mark.parametrize(
    "text,message",
    [
        ("workbench: glossary/1\nterms:\n- zh: ''\n  en: x\n", "empty term"),
        ("workbench: glossary/1\nterms:\n- zh: 新\n  en: new\n- zh: 新\n  en: fresh\n", "duplicate term '新'"),
        ("workbench: glossary/1\nterms:\n- zh: 新\n", "needs 'en'"),
        ("workbench: glossary/1\nterms:\n- zh: 新\n  en: new\n  case: upper\n", "case must be one of"),
        ("workbench: alignment/1\nterms: []\n", "wrong format marker"),
    ],
)
def test_bad_glossaries(text, message):
    with pytest.raises(WorkbenchError, match=message):
        load_glossary("g.yaml", text)


def test_glossary_add_refuses_duplicates():
    g = Glossary(terms=[Term(["新质生产力"], "new quality productive forces")])
    with pytest.raises(WorkbenchError, match="already in the glossary"):
        g.add(Term(["新质生产力"], "new productive forces"))


# -- the canonical writer and reader agree with PyYAML ------------------------------------

from workbench.store import alignment_file as alignment_io  # noqa: E402

# Any text but NUL (refused on load, never written); a sentence also no tab.
_any_text = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() == s and s and "\x00" not in s)
_any_sentence = _any_text.filter(lambda s: "\t" not in s)


@st.composite
def odd_alignments(draw):
    al = draw(alignments())
    for p in al.pairs:
        if draw(st.booleans()):
            p.en = draw(st.lists(_any_sentence, max_size=3))
        if draw(st.booleans()):
            p.note = draw(st.none() | _any_text)
    return al


@settings(max_examples=300, deadline=None)
@given(st.one_of(alignments(), odd_alignments()))
def test_pairwise_dump_is_pyyaml_dump(al):
    assert alignment_io.dump_alignment(al) == alignment_io._dump_general(al)


@settings(max_examples=300, deadline=None)
@given(st.one_of(alignments(), odd_alignments()), st.data())
def test_canonical_reader_agrees_with_general_reader(al, data):
    text = alignment_io.dump_alignment(al)
    lines = text.split("\n")
    # damage the text a little, or not at all
    for _ in range(data.draw(st.integers(0, 2))):
        i = data.draw(st.integers(0, max(0, len(lines) - 1)))
        edit = data.draw(st.sampled_from(["drop", "dup", "junk", "indent"]))
        if edit == "drop":
            del lines[i : i + 1]
        elif edit == "dup":
            lines.insert(i, lines[i] if lines else "")
        elif edit == "junk":
            lines.insert(i, data.draw(st.sampled_from(["  - x: y", "  score: 2", "  - '", "- id: 0", "  zh: [a]", "  note: ~", "  - yes", "#c", "  - a # b"])))
        else:
            lines[i] = " " + lines[i] if lines else " "
    damaged = "\n".join(lines)
    fast = alignment_io._load_canonical("f.yaml", damaged)
    if fast is None:
        return
    assert fast == alignment_io._load_general("f.yaml", damaged)


def test_canonical_reader_takes_the_demo(tmp_path):
    from pathlib import Path

    demo = Path(__file__).resolve().parents[1] / "alignments" / "scio-2024-07-05.yaml"
    text = demo.read_text(encoding="utf-8")
    fast = alignment_io._load_canonical(demo, text)
    assert fast is not None and fast == alignment_io._load_general(demo, text)


def test_files_written_before_the_regroup_load_and_save_byte_identically(tmp_path):
    """The shipped demo alignment and glossary (written before the package was regrouped) come
    back byte for byte: through the readers and writers, the editor's session and the CLI."""
    from pathlib import Path

    from conftest import run_cli

    from workbench.editing.session import Session
    from workbench.glossary.model import load_glossary, save_glossary

    repo = Path(__file__).resolve().parents[1]
    demo, glossary = repo / "alignments" / "scio-2024-07-05.yaml", repo / "glossary" / "scio.yaml"
    alignment_io.save_alignment(alignment_io.load_alignment(demo), tmp_path / "a.yaml")
    assert (tmp_path / "a.yaml").read_bytes() == demo.read_bytes()
    save_glossary(load_glossary(glossary), tmp_path / "g.yaml")
    assert (tmp_path / "g.yaml").read_bytes() == glossary.read_bytes()

    copy = tmp_path / "editor.yaml"
    copy.write_bytes(demo.read_bytes())
    session = Session(copy)
    session.save()  # writes even when nothing changed
    session.close()
    assert copy.read_bytes() == demo.read_bytes()

    r = run_cli("export", demo, "--to", "yaml", "-o", tmp_path / "exported.yaml")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "exported.yaml").read_bytes() == demo.read_bytes()
