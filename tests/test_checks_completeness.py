"""omission and untranslated. Cases to flag, and look-alikes not to."""

import pytest
from checks_helpers import GLOSSARY, doc, long_pairs

from workbench.checks import run_checks


def found(check, *pairs, glossary=GLOSSARY):
    return [f for f in run_checks(doc(*pairs), glossary, checks=[check])]


# -- omission --------------------------------------------------------------------------------

def test_omission_flags_empty_sides_and_a_far_ratio():
    pairs = long_pairs() + [
        ("我们将继续深化改革扩大开放统筹高质量发展和高水平安全大力推进新型工业化。", "We will reform."),
        ("这句没有英文。", ""),
        ("", "An English addition."),
    ]
    fs = found("omission", *pairs, glossary=None)
    assert [(f.pair, f.severity) for f in fs] == [(13, "warning"), (14, "warning"), (15, "info")]


def test_omission_reads_a_side_of_white_space_only_as_empty():
    # an editor snapshot can hold one; the length ratio took its logarithm (math domain error)
    pairs = long_pairs() + [("这句只有空白的英文。", "   "), ("\u3000 ", "An English addition.")]
    fs = found("omission", *pairs, glossary=None)
    assert [(f.pair, f.severity) for f in fs] == [(13, "warning"), (14, "info")]


def test_omission_passes_ordinary_and_short_pairs():
    pairs = long_pairs() + [("谢谢。", "Thank you very much for your kind and detailed question.")]
    assert found("omission", *pairs, glossary=None) == []


# -- untranslated ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "zh, en, severity",
    [
        ("推进新型工业化", "advance 新型工业化", "error"),
        ("the same text left as it was", "the same text left as it was", "warning"),
        ("推进新型工业化", "推进新型工业化", "error"),
    ],
)
def test_untranslated_flags(zh, en, severity):
    (f,) = found("untranslated", (zh, en), glossary=None)
    assert f.severity == severity


@pytest.mark.parametrize("zh, en", [("2024", "2024"), ("推进新型工业化", "advance new industrialization “—”"), ("5G", "5G"),
                                    ("OpenHarmony", "OpenHarmony"), ("DeepSeek-V3", "DeepSeek-V3"),
                                    ("iPhone 15 Pro", "iPhone 15 Pro")])  # a name in Latin letters
def test_untranslated_passes(zh, en):
    assert found("untranslated", (zh, en), glossary=None) == []


def test_lengths_without_white_space_know_all_of_it():
    """omission's lengths count the spaces in C where a text holds no other white space: the
    other white space it looks for is all that `str.split` knows."""
    import random
    import sys

    from workbench.checks.completeness import _ASCII_SPACES, _SPACES, _lengths

    assert set(_SPACES) == {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()} - {" "}
    assert set(_ASCII_SPACES) == {c for c in _SPACES if c.isascii()}
    rnd = random.Random(2)
    for spaces in (" ", " \t", " \u3000", " \x1f\xa0"):
        texts = ["".join(rnd.choices("ab中" + spaces, k=rnd.randint(0, 9))) for _ in range(50)]
        assert _lengths(texts) == [len("".join(t.split())) for t in texts]
