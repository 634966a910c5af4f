"""variant-spelling: near-identical English phrasings across the document. Cases to flag, and look-alikes not to."""

import pytest
from checks_helpers import GLOSSARY, doc

from workbench.checks import run_checks


def found(check, *pairs, glossary=GLOSSARY):
    return [f for f in run_checks(doc(*pairs), glossary, checks=[check])]


# -- variant-spelling ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "a, b, found_text",
    [
        ("develop future-oriented industries", "develop future-orientated industries", "orientated"),
        ("the organization works", "the organisation works", "organisation"),
        ("high-tech enterprises grew", "high tech enterprises grew", "high tech"),
        ("cellphone users", "cell phone users", "cell phone"),
        ("e-mail users", "email users", "email"),
        ("it is nowhere else", "it is no where else", "no where"),
        ("industrial enterprises above designated size.", "industrial enterprises above the designated size.", None),
    ],
)
def test_variant_spelling_flags(a, b, found_text):
    fs = found("variant-spelling", ("一", a), ("二", a), ("三", b), glossary=None)
    assert fs and all(f.pair == 3 and f.severity == "info" for f in fs)
    if found_text:
        assert fs[0].found == found_text


@pytest.mark.parametrize(
    "a, b",
    [
        ("a high level of digitalization", "the High-level Meeting on AI"),  # different next word
        ("for four years", "for the people"),
        ("the digital transformation of the manufacturing sector", "digital transformation of manufacturing."),
        ("innovative achievements in the fields of energy", "innovative achievements in fields such as energy"),
        ("enterprises", "enterprise"),
        # the same letters cut into words two ways, neither closed up nor hyphenated: two
        # different phrases, not one compound written two ways
        ("nowhere else. they are now here today", "nowhere else. they are no where today"),
        ("a tin can ran", "at inca nran"),
    ],
)
def test_variant_spelling_passes(a, b):
    assert found("variant-spelling", ("一", a), ("二", b), glossary=None) == []


def test_variant_spelling_leaves_glossary_renderings_to_term_inconsistent():
    pairs = [("规模以上工业企业", "industrial enterprises above designated size."),
             ("规模以上工业企业", "industrial enterprises above designated size."),
             ("规模以上工业企业", "industrial enterprises above the designated size.")]
    assert found("variant-spelling", *pairs) == []
    assert found("term-inconsistent", *pairs)


def test_variant_spelling_reads_each_pair_on_its_own():
    # The pairs are read as one text (checks/spelling.py _Corpus): no compound or phrase may
    # run from the end of one pair into the next, whatever character the texts hold.
    assert found("variant-spelling", ("一", "we met high"), ("二", "tech enterprises grew"),
                 ("三", "hightech enterprises"), glossary=None) == []
    assert found("variant-spelling", ("一", "industrial enterprises above"), ("二", "designated size."),
                 ("三", "industrial enterprises above the designated size."), glossary=None) == []
    fs = found("variant-spelling", ("一", "high-tech enterprises\x00 grew"), ("二", "high-tech enterprises\x00"),
               ("三", "\x00high tech enterprises grew"), glossary=None)
    assert [(f.pair, f.found) for f in fs] == [(3, "high tech")]
    assert fs[0].message.startswith("“high tech” here, “high-tech” in 2 pair(s) (first: pair 1)")


def test_variant_spelling_places_each_finding_in_its_pair():
    fs = found("variant-spelling", ("一", "The organization works."), ("二", "Its organization grew."),
               ("三", "A new start. The organisation works, and the organisation grows."), glossary=None)
    assert [(f.pair, f.found, f.expected) for f in fs] == [(3, "organisation", "organization")]


@pytest.mark.parametrize("first, second", [("high-tech", "high tech"), ("high tech", "high-tech")])
def test_variant_spelling_tie_in_one_pair_goes_by_text_order(first, second):
    # Both forms in one pair only: the form written first is the reference (this went by the
    # order of a set, and changed with the hash seed).
    fs = found("variant-spelling", ("一", f"{first} zones grew, and {second} zones too"), glossary=None)
    assert [(f.expected, f.found) for f in fs] == [(first, second)]
