"""The glossary's line-by-line reader (the canonical form `save_glossary` writes) against the
general YAML reader: the same Glossary on what both accept; anything else, and every error,
left to the general reader, so that messages and line numbers stay its own."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import WorkbenchError
from workbench.glossary import model
from workbench.glossary.model import Glossary, Term, dump_glossary, load_glossary, save_glossary
from workbench.store.yamlio import NotCanonical, dump_scalar

SCRATCH = Path(tempfile.mkdtemp(prefix="wb-glossary-"))


def outcome(read, *args):
    """What a reader gives: the Glossary, or the error message (with file, line and column)."""
    try:
        return read(*args)
    except WorkbenchError as exc:
        return f"error: {exc}"


def load_fast_only(path: Path) -> Glossary:
    """load_glossary, failing the test if it hands the file to the general reader."""
    with mock.patch.object(model, "_load_general", side_effect=AssertionError("the general reader was used")):
        return load_glossary(path)


# -- (1) what save_glossary writes comes back the same through both readers ------------------

# Pieces of text YAML reads in surprising ways, and characters the dumper quotes.
_WORDS = ["yes", "no", "No", "null", "Null", "~", "true", "off", "on", "y", "n", "1", "-2", "0.5", "1e3", ".inf",
          "0x1F", "0o17", "010", "1_000", "12:30", "2024-01-01", "<<", "=", "-", "---", "...", "?", "!", "&a", "*a",
          "%", "@", "`", "|", ">", "[]", "{}", "a: b", "a #b", "a#b", "it's", "'q'", '"q"', "a:", ":a", "- x", "#"]
_CHARS = list("新质生产力专精特新小巨人企业，。、“”「」—…（）") + list("abcXYZ019 '\":#-,[]{}é€\u00a0\u3000")
_piece = st.sampled_from(_WORDS) | st.text(st.sampled_from(_CHARS), min_size=1, max_size=6)
_text = st.lists(_piece, min_size=1, max_size=4).flatmap(
    lambda parts: st.sampled_from(["", " ", "  "]).map(lambda sep: sep.join(parts))
) | _piece.map(lambda s: f" {s} ")  # leading and trailing spaces
_nonblank = _text.filter(lambda s: s.strip() != "")


@st.composite
def glossaries(draw) -> Glossary:
    terms, seen = [], set()
    for _ in range(draw(st.integers(0, 6))):
        forms = [z for z in draw(st.lists(_nonblank, min_size=1, max_size=3, unique=True)) if z not in seen]
        if not forms:
            continue
        seen.update(forms)
        terms.append(Term(
            zh=forms,
            en=draw(_nonblank),
            variants=draw(st.lists(_nonblank, max_size=3)),
            forbidden=draw(st.lists(_nonblank, max_size=2)),
            note=draw(st.none() | _nonblank),
            case=draw(st.sampled_from(model.CASES)),
        ))
    return Glossary(name=draw(st.just("") | _text), terms=terms)


def written_plain_but_doubted(g: Glossary) -> bool:
    """Text the dumper writes plain that the canonical reader doubts (plain_ok is conservative:
    PyYAML writes ":0" or "-x" plain; plain_ok never takes a leading indicator)."""
    texts = [g.name, *(x for t in g.terms for x in (*t.zh, t.en, *t.variants, *t.forbidden, t.note or ""))]
    return any(x[:1] in ("-", "?", ":") and dump_scalar(x) == x for x in texts)


@settings(max_examples=200, deadline=None)
@given(glossaries())
def test_saved_glossaries_take_the_fast_path_and_read_as_the_general_reader(g):
    path = SCRATCH / "g.yaml"
    save_glossary(g, path)
    general = model._load_general(path, path.read_text(encoding="utf-8"))
    fast = load_glossary(path) if written_plain_but_doubted(g) else load_fast_only(path)
    assert fast == general == g


def test_a_glossary_with_every_field_takes_the_fast_path():
    g = Glossary(name="it's: a test", terms=[
        Term(zh=["新质生产力", " 新质 ", "'新'"], en="new quality productive forces", variants=["yes", "null"],
             forbidden=["#1", "a: b"], note="~", case="sensitive"),
        Term(zh=["专精特新"], en='"specialised"', note="keep the quotation marks"),
    ])
    text = dump_glossary(g)
    assert "zh:\n  - 新质生产力\n  - ' 新质 '\n" in text and "- zh: 专精特新\n" in text  # both ways zh is written
    assert "  - 'yes'\n  - 'null'\n" in text and "  note: '~'\n" in text and "  case: sensitive\n" in text
    path = SCRATCH / "every.yaml"
    save_glossary(g, path)
    assert load_fast_only(path) == model._load_general(path, text) == g


def test_the_shipped_glossary_takes_the_fast_path():
    shipped = Path(__file__).resolve().parents[1] / "glossary" / "scio.yaml"
    fast = load_fast_only(shipped)
    assert len(fast.terms) > 50 and fast == model._load_general(shipped, shipped.read_text(encoding="utf-8"))


# Any text at all (control characters, line breaks, blanks, NUL, astral characters): the fast
# path may decline, but where it reads the file it gives what the general reader gives.
_any = st.text(max_size=12)


@st.composite
def odd_glossaries(draw) -> Glossary:
    terms = [
        Term(zh=draw(st.lists(_any, max_size=3)), en=draw(_any), variants=draw(st.lists(_any, max_size=2)),
             forbidden=draw(st.lists(_any, max_size=2)), note=draw(st.none() | _any),
             case=draw(st.sampled_from([*model.CASES, "upper", ""])))
        for _ in range(draw(st.integers(0, 4)))
    ]
    return Glossary(name=draw(_any), terms=terms)


@settings(max_examples=200, deadline=None)
@given(odd_glossaries())
def test_any_saved_glossary_reads_as_the_general_reader_reads_it(g):
    text = dump_glossary(g)
    assert outcome(load_glossary, "g.yaml", text) == outcome(model._load_general, "g.yaml", text)


# -- (2) anything else goes to the general reader ---------------------------------------------

BASE = """\
workbench: glossary/1
name: demo
terms:
- zh:
  - 新质生产力
  - 新质
  en: new quality productive forces
  variants:
  - new-quality productive forces
  forbidden:
  - new productive forces
  note: 'see: the 2024 report'
  case: sensitive
- zh: 专精特新
  en: specialised and sophisticated
"""
BASE_GLOSSARY = Glossary(name="demo", terms=[
    Term(zh=["新质生产力", "新质"], en="new quality productive forces", variants=["new-quality productive forces"],
         forbidden=["new productive forces"], note="see: the 2024 report", case="sensitive"),
    Term(zh=["专精特新"], en="specialised and sophisticated"),
])


def edit(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


# Files the general reader reads as BASE_GLOSSARY, written otherwise than save_glossary writes.
SAME_GLOSSARY = {
    "comment line": edit("terms:\n", "terms:\n# reviewed\n"),
    "comment after a value": edit("  en: specialised and sophisticated", "  en: specialised and sophisticated  # ok"),
    "flow list": edit("  variants:\n  - new-quality productive forces\n", "  variants: [new-quality productive forces]\n"),
    "flow term": edit("- zh: 专精特新\n  en: specialised and sophisticated\n", "- {zh: 专精特新, en: specialised and sophisticated}\n"),
    "key order": edit("- zh: 专精特新\n  en: specialised and sophisticated\n", "- en: specialised and sophisticated\n  zh: 专精特新\n"),
    "term keys out of order": edit("  note: 'see: the 2024 report'\n  case: sensitive\n", "  case: sensitive\n  note: 'see: the 2024 report'\n"),
    "top keys out of order": BASE.replace("name: demo\n", "").replace("terms:\n", "terms:\n", 1) + "name: demo\n",
    "extra indentation": edit("  - 新质生产力\n  - 新质\n", "    - 新质生产力\n    - 新质\n"),
    "double quotes": edit("  en: specialised and sophisticated", '  en: "specialised and sophisticated"'),
    "quoted key": edit("  en: specialised", "  'en': specialised"),
    "two spaces after the colon": edit("  en: specialised", "  en:  specialised"),
    "a plain value over two lines": edit("  en: specialised and sophisticated", "  en: specialised and\n    sophisticated"),
    "anchor, not used": edit("  en: specialised", "  en: &e specialised"),
    "document markers": "---\n" + BASE + "...\n",
    "no final line break": BASE[:-1],
    "Windows line breaks": BASE.replace("\n", "\r\n"),
    "blank line": edit("- zh: 专精特新", "\n- zh: 专精特新"),
    "zh as a one-item list": edit("- zh: 专精特新\n", "- zh:\n  - 专精特新\n"),
    "marker quoted": edit("workbench: glossary/1", "workbench: 'glossary/1'"),
    "byte order mark": "\ufeff" + BASE,
    "case written though the default": edit("  en: specialised and sophisticated\n", "  en: specialised and sophisticated\n  case: insensitive\n"),
}

# Files the general reader refuses (the message must stay exactly its own), or reads otherwise.
OTHER = {
    "alias": edit("  en: specialised and sophisticated", "  en: *x") .replace("  en: new", "  en: &x new"),
    "duplicate term": edit("- zh: 专精特新", "- zh: 新质"),
    "duplicate form in one term": edit("  - 新质\n", "  - 新质\n  - 新质\n"),
    "duplicate key": edit("  en: specialised and sophisticated\n", "  en: specialised and sophisticated\n  en: again\n"),
    "unknown key": edit("  case: sensitive\n", "  case: sensitive\n  domain: economy\n"),
    "unknown top key": edit("name: demo\n", "name: demo\nowner: me\n"),
    "bad case": edit("  case: sensitive", "  case: Sensitive"),
    "case not text": edit("  case: sensitive", "  case: yes"),
    "missing en": edit("  en: specialised and sophisticated\n", ""),
    "empty en": edit("  en: specialised and sophisticated", "  en: ' '"),
    "empty zh item": edit("  - 新质\n", "  - ''\n"),
    "empty zh list": edit("- zh: 专精特新\n", "- zh:\n"),
    "empty variants": edit("  variants:\n  - new-quality productive forces\n", "  variants:\n"),
    "blank variant": edit("  - new-quality productive forces", "  - '  '"),
    "empty note": edit("  en: specialised and sophisticated\n", "  en: specialised and sophisticated\n  note: ''\n"),
    "null note": edit("  note: 'see: the 2024 report'", "  note: ~"),
    "number as en": edit("  en: specialised and sophisticated", "  en: 1.50"),
    "boolean as zh": edit("- zh: 专精特新", "- zh: no"),
    "wrong marker": edit("workbench: glossary/1", "workbench: alignment/1"),
    "no name": edit("name: demo\n", ""),
    "null name": edit("name: demo", "name:"),
    "terms not a list": BASE.split("terms:")[0] + "terms: many\n",
    "no terms": BASE.split("terms:")[0],
    "tag": edit("  en: specialised", "  en: !!python/name:os.system specialised"),
    "a list item under a scalar": edit("- zh: 专精特新\n", "- zh: 专精特新\n  - 专精\n"),
    "a term not starting with zh": edit("- zh: 专精特新\n  en: specialised and sophisticated\n", "- en: specialised\n"),
    "unterminated quote": edit("  note: 'see: the 2024 report'", "  note: 'see: the 2024 report"),
    "lone quote inside quotes": edit("  note: 'see: the 2024 report'", "  note: 'see: the 'report'"),
    "tab": edit("  en: specialised and", "  en: specialised\tand"),
    "escape character": edit("  en: specialised and", "  en: specialised \x1b[2J and"),
    "NEL line break": edit("  en: specialised and", "  en: specialised\x85and"),
    "line separator": edit("  en: specialised and", "  en: specialised\u2028and"),
    "NUL in quotes": edit("  en: specialised and", '  en: "specialised\\0 and"'),
    "trailing junk": BASE + "junk\n",
    "no final line break after case": edit("- zh: 专精特新\n  en: specialised and sophisticated\n", "")[:-1],
    "empty": "",
}


@pytest.mark.parametrize("name", list(SAME_GLOSSARY))
def test_other_layouts_of_the_same_glossary_go_to_the_general_reader(name):
    text = SAME_GLOSSARY[name]
    with pytest.raises(NotCanonical):
        model._load_canonical(text)
    assert load_glossary("g.yaml", text) == model._load_general("g.yaml", text) == BASE_GLOSSARY


@pytest.mark.parametrize("name", list(OTHER))
def test_other_files_give_what_the_general_reader_gives(name):
    text = OTHER[name]
    with pytest.raises(NotCanonical):
        model._load_canonical(text)
    general = outcome(model._load_general, "g.yaml", text)
    assert outcome(load_glossary, "g.yaml", text) == general
    assert general != BASE_GLOSSARY, "not a change the general reader sees: move it to SAME_GLOSSARY"


def test_the_base_file_is_canonical():
    assert dump_glossary(BASE_GLOSSARY) == BASE
    assert model._load_canonical(BASE) == BASE_GLOSSARY


_JUNK = ["  - x: y", "  case: upper", "  - '", "- zh: 新质", "  zh: [a]", "  note: ~", "  - yes", "#c", "  en: a # b",
         "  variants: []", "  variants:", "- zh:", "    more", "  en: &a x", "  note: *a", "---", "...", "  - 'a''b'",
         '  en: "q"', "  en: 'x", "terms: []", "name: x", "- zh: 新质生产力", "  forbidden:", "  note:", "  - ''", ""]


_CHARACTERS = ["", "'", "''", '"', "#", " #", ":", ": ", " ", "\t", "-", "- ", "&", "*", "!", "[", "{", ",", "?", "|",
               "~", "\r", "\x00", "\x1b", "\x85", "\u2028", "\ufeff", "\U0002000b", "0", "\\"]


@settings(max_examples=300, deadline=None)
@given(glossaries(), st.data())
def test_damaged_files_read_as_the_general_reader_reads_them(g, data):
    lines = dump_glossary(g).split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        how = data.draw(st.sampled_from(["drop", "repeat", "swap", "junk", "indent", "outdent", "char"]))
        if how == "drop":
            del lines[i]
        elif how == "repeat":
            lines.insert(i, lines[i])
        elif how == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif how == "junk":
            lines.insert(i, data.draw(st.sampled_from(_JUNK)))
        elif how == "indent":
            lines[i] = " " + lines[i]
        elif how == "outdent":
            lines[i] = lines[i][1:]
        elif how == "char":  # one character put anywhere in a line, or one taken out
            at = data.draw(st.integers(0, len(lines[i])))
            char = data.draw(st.sampled_from(_CHARACTERS))
            lines[i] = lines[i][:at] + char + lines[i][at + (char == ""):]
    text = "\n".join(lines)
    assert outcome(load_glossary, "g.yaml", text) == outcome(model._load_general, "g.yaml", text)


# -- (3) hostile files are refused as before: by the general reader, with its message ------------

HOSTILE = {
    # Nine levels of nine aliases: 9**9 forms if expanded. Each level is a term's zh list.
    "alias bomb": "workbench: glossary/1\nname: x\nterms:\n- zh: &a [a1, a2, a3, a4, a5, a6, a7, a8, a9]\n  en: x\n"
    + "".join(f"- zh: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n  en: x\n" for i in range(8)),
    "aliased term": "workbench: glossary/1\nname: x\nterms:\n- &t\n  zh: 新\n  en: new\n" + "- *t\n" * 100,
    "deep nesting": "workbench: glossary/1\nname: x\nterms:\n- zh: " + "[" * 5000 + "]" * 5000 + "\n  en: x\n",
    "deep block nesting": "workbench: glossary/1\nname: x\nterms:\n" + "- " * 5000 + "x\n",
    "python object": "workbench: glossary/1\nname: !!python/object/apply:os.system ['true']\nterms: []\n",
    "terminal control": "workbench: glossary/1\nname: x\nterms:\n- zh: 新\n  en: \x1b]0;pwned\x07new\n",
    "C1 control": "workbench: glossary/1\nname: x\nterms:\n- zh: 新\n  en: \x9b2Jnew\n",
    "DEL": "workbench: glossary/1\nname: x\nterms:\n- zh: 新\n  en: new\x7f\n",
    "NUL": "workbench: glossary/1\nname: x\nterms:\n- zh: 新\n  en: new\x00\n",
}
HOSTILE_MESSAGE = {
    "alias bomb": "aliases are not allowed",
    "aliased term": "aliases are not allowed",
    "deep nesting": "nested more than 64 levels deep",
    "deep block nesting": "nested more than 64 levels deep",
    "python object": "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    "terminal control": "character U+001B",
    "C1 control": "character U+009B",
    "DEL": "character U+007F",
    "NUL": "character U+0000",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_glossaries_are_refused_by_the_general_reader(name):
    text = HOSTILE[name]
    with pytest.raises(NotCanonical):
        model._load_canonical(text)
    with pytest.raises(WorkbenchError, match=re.escape(HOSTILE_MESSAGE[name])) as refused:
        load_glossary("evil.yaml", text)
    assert str(refused.value) == outcome(model._load_general, "evil.yaml", text).removeprefix("error: ")
    assert str(refused.value).startswith("evil.yaml:")


# -- (4) the writer: term by term, the text PyYAML writes for the whole --------------------------

@settings(max_examples=300, deadline=None)
@given(glossaries())
def test_a_glossary_is_written_term_by_term_as_pyyaml_writes_it_whole(g):
    assert model._dump_termwise(g) == model._dump_general(g)


@settings(max_examples=300, deadline=None)
@given(odd_glossaries())
def test_any_glossary_is_written_as_pyyaml_writes_it_whole(g):
    assert dump_glossary(g) == model._dump_general(g)  # (term by term, or by PyYAML where a text takes lines)


def test_the_writer_writes_the_shipped_glossary_as_pyyaml_does():
    shipped = Path(__file__).resolve().parents[1] / "glossary" / "scio.yaml"
    g = load_glossary(shipped)
    assert model._dump_termwise(g) == model._dump_general(g) == shipped.read_text(encoding="utf-8")
    assert model._dump_termwise(Glossary()) == model._dump_general(Glossary())
