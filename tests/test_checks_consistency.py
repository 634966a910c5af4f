"""source-inconsistent: the same Chinese translated differently, and the reverse. Cases to flag, and look-alikes not to."""

import pytest
from checks_helpers import GLOSSARY, doc

from workbench.checks import run_checks


def found(check, *pairs, glossary=GLOSSARY):
    return [f for f in run_checks(doc(*pairs), glossary, checks=[check])]


# -- source-inconsistent ---------------------------------------------------------------------

def test_source_inconsistent_flags_same_zh_different_en():
    long_zh = "我们将继续深化改革扩大开放，统筹高质量发展和高水平安全。"
    fs = found(
        "source-inconsistent",
        (long_zh, "We will continue to deepen reform and opening up."),
        (long_zh, "We will continue to deepen reform and opening up."),
        (long_zh, "We shall keep deepening reform and widening opening up."),
        glossary=None,
    )
    assert [(f.pair, f.severity) for f in fs] == [(3, "warning")]
    # a stock phrase of a briefing worded two ways: style, not reported
    assert found(
        "source-inconsistent",
        ("这个问题请辛国斌副部长回答。", "Mr. Xin will answer this question."),
        ("这个问题请辛国斌副部长回答。", "I would like to invite Mr. Xin to address this question."),
        glossary=None,
    ) == []
    # a heading is no stock phrase: its two translations are reported
    fs = found("source-inconsistent", ("一、总体要求", "I. General Requirements"), ("一、总体要求", "I. Overall Aims"),
               glossary=None)
    assert [(f.pair, f.severity) for f in fs] == [(2, "warning")]


def test_contractions_number_and_case_are_not_inconsistencies():
    assert found(
        "source-inconsistent",
        ("我就回答这些，谢谢。", "That's all for my answer. Thank you."),
        ("我就回答这些，谢谢！", "That is all for my answer. Thank you."),
        ("谢谢你的提问。", "Thank you for your question."),
        ("谢谢你的提问。", "Thank you for your questions."),
        ("我们不能等。", "We can't wait."),
        ("我们不能等。", "we cannot wait."),
        glossary=None,
    ) == []


@pytest.mark.parametrize(
    "pairs",
    [
        # punctuation, case, spacing and quote style do not count
        [("谢谢。", "Thank you."), ("谢谢！", "thank  you!")],
        [("“建”", '"Construction"'), ("“建”", "“Construction”")],
        # near-identical sources may share a translation
        [("谢谢您的提问。", "Thank you for your question."), ("谢谢你的提问。", "Thank you for your question.")],
    ],
)
def test_source_inconsistent_passes(pairs):
    assert found("source-inconsistent", *pairs, glossary=None) == []


def test_source_inconsistent_reverse_is_info():
    fs = found(
        "source-inconsistent",
        ("下一步的工作重点是什么？", "What are the next steps?"),
        ("请问有何考虑？", "What are the next steps?"),
        glossary=None,
    )
    assert [(f.pair, f.severity) for f in fs] == [(2, "info")]
