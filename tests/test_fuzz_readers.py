"""Every reader, fed random or damaged input, fails only with a WorkbenchError.

Three kinds of input: random bytes; valid files of each format with random damage
(bytes cut, inserted, flipped, slices repeated); and random well-formed documents of the
right shape (XML built from the formats' own element names, YAML from the aligned file's
keys) whose values are wrong in every way.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from formats_samples import sample_alignment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import WorkbenchError
from workbench.formats import READERS, sniff
from workbench.formats.tmx import dump_tmx
from workbench.formats.tsv import dump_tsv
from workbench.formats.xliff import dump_xliff
from workbench.glossary.model import load_glossary
from workbench.store.alignment_file import dump_alignment, load_alignment
from workbench.store.journal import read_journal
from workbench.text.documents import parse_document
from workbench.text.reading import decode_text

# WB_FUZZ_EXAMPLES=5000 for a long hunt; the default keeps the suite fast.
EXAMPLES = int(os.environ.get("WB_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SCRATCH = Path(tempfile.mkdtemp(prefix="wb-fuzz-"))


def clean(fn, *args):
    """Call a reader: a result or a WorkbenchError are fine, anything else fails the test."""
    try:
        return fn(*args)
    except WorkbenchError as exc:
        assert str(exc) and "\n" not in str(exc).strip(), repr(str(exc))
        return None


try:  # the glossary's TBX/CSV readers, where they are built
    from workbench.formats.termbase import read_csv as read_glossary_csv
    from workbench.formats.termbase import read_tbx
except ImportError:  # pragma: no cover
    read_tbx = read_glossary_csv = None


def every_reader(data: bytes) -> None:
    for fmt, read in READERS.items():
        clean(read, data, f"in.{fmt}")
    clean(READERS[sniff(data)], data, "in.dat")
    if read_tbx is not None:
        clean(read_tbx, data, "in.tbx")
        clean(lambda: read_glossary_csv(decode_text(data, "in.csv"), "in.csv"))

    def yaml_readers():
        text = decode_text(data, "in.yaml")
        clean(load_alignment, "in.yaml", text)
        clean(load_glossary, "in.yaml", text)
        for lang in ("zh", "en"):
            parse_document(text, lang, "in.txt")
            parse_document(text, lang, "in.txt", presplit=True)

    clean(yaml_readers)
    journal = SCRATCH / "doc.yaml.journal"
    journal.write_bytes(data)
    read_journal(journal)  # returns None for anything unreadable; never raises


SAMPLES = {
    "yaml": dump_alignment(sample_alignment()).encode(),
    "tmx": dump_tmx(sample_alignment()).encode(),
    "xliff": dump_xliff(sample_alignment()).encode(),
    "tsv": dump_tsv(sample_alignment()).encode(),
    "tbx": b'<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body><termEntry>'
    b'<langSet xml:lang="zh"><tig><term>\xe6\x96\xb0</term></tig></langSet>'
    b'<langSet xml:lang="en"><tig><term>new</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>'
    b"</termEntry></body></text></martif>",
}


@st.composite
def damaged(draw) -> bytes:
    data = bytearray(SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["cut", "insert", "flip", "repeat"]))
        if op == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16) | st.sampled_from([b"<", b"&", b"]]>", b"\x00", b"'", b"- ", b"*a", b"&a ", b"!!python/object "]))
        elif op == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 5))
    return bytes(data)


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    every_reader(data)


@FUZZ
@given(damaged())
def test_damaged_files(data):
    every_reader(data)


# Well-formed XML of the formats' vocabulary, nested and attributed at random.
_NAMES = st.sampled_from(
    "tmx header body tu tuv seg prop note hi ph bpt ept xliff file trans-unit unit segment source target "
    "group notes g x mrk martif tbx text termEntry conceptEntry langSet langSec tig termSec term termNote descrip".split()
)
_ATTRS = st.dictionaries(
    st.sampled_from(["xml:lang", "lang", "type", "prop-type", "style", "id", "state", "approved", "source-language", "target-language", "srcLang", "trgLang", "name"]),
    st.sampled_from(["zh", "zh-CN", "ZH-tw", "en", "en-US", "fr", "", "1", "x-pair-id", "x-sentence-lengths", "x-one-sided-pair", "x-ignored", "x-score", "final", "yes", "workbench", "administrativeStatus", "dct", "-3", "99999999999999999999"]),
    max_size=3,
)
_TEXT = st.sampled_from(["", "好。", "preferredTerm-admn-sts", "deprecatedTerm-admn-sts", "Good. Fine.", "3 4", "0", "1.5", "nan", '{"after":1,"id":2,"zh":["好。"]}', '{"id":"x","zh":[1]}', "[]", "null", "  ", "&amp;"])


def _xml_element(children):
    return st.tuples(_NAMES, _ATTRS, _TEXT, st.lists(children, max_size=4)).map(
        lambda t: "<{0}{1}>{2}{3}</{0}>".format(
            t[0], "".join(f' {k}="{v}"' for k, v in t[1].items()), t[2], "".join(t[3])
        )
    )


xml_docs = st.recursive(_NAMES.map(lambda n: f"<{n}/>"), _xml_element, max_leaves=30)


@FUZZ
@given(st.sampled_from(["tmx", "xliff", "martif", "tbx"]), xml_docs)
def test_random_xml_of_the_right_vocabulary(root, inner):
    ns = ' xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:wb="urn:workbench:alignment:1"' if root == "xliff" else ""
    data = f'<{root}{ns} version="1.2">{inner}</{root}>'.encode()
    for fmt in ("tmx", "xliff"):
        clean(READERS[fmt], data, f"in.{fmt}")
    if read_tbx is not None:
        clean(read_tbx, data, "in.tbx")


# YAML documents with the aligned file's keys and values of every kind.
_scalars = st.none() | st.booleans() | st.integers(-5, 10**20) | st.floats(allow_nan=True) | st.text(max_size=10)
_KEYS = st.sampled_from(["workbench", "title", "source", "target", "glossary", "pairs", "ignored", "id", "zh", "en", "status", "score", "para", "note", "lang", "path", "sha256", "check", "pair", "term", "reason", "terms", "name", "variants", "forbidden", "case"])
_values = st.recursive(
    _scalars | st.sampled_from(["alignment/1", "glossary/1", "auto", "confirmed", "好。"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)


@settings(FUZZ, max_examples=max(10, EXAMPLES // 2))
@given(st.sampled_from(["alignment/1", "glossary/1"]), st.dictionaries(_KEYS, _values, max_size=6))
def test_random_yaml_of_the_right_shape(marker, doc):
    text = yaml.safe_dump({"workbench": marker, **doc}, allow_unicode=True, sort_keys=False)
    clean(load_alignment, "in.yaml", text)
    clean(load_glossary, "in.yaml", text)
