"""number-mismatch: the numbers of a pair that do not agree. Cases to flag, and look-alikes not to."""

import pytest
from checks_helpers import GLOSSARY, doc

from workbench.checks import run_checks


def found(check, *pairs, glossary=GLOSSARY):
    return [f for f in run_checks(doc(*pairs), glossary, checks=[check])]


# -- number-mismatch -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "zh, en",
    [
        ("专精特新“小巨人”企业1.2万家", "1,200 little giant enterprises"),
        ("累计建成5G基站383.7万个", "383.7 million 5G base stations"),
        ("增长6.2%", "grew by 6.5%"),
        ("2023年", "in 2024"),
        ("占比约30%", "about 30% of the 2 sectors"),
    ],
)
def test_number_mismatch_flags(zh, en):
    (f,) = found("number-mismatch", (zh, en), glossary=None)
    assert f.severity == "error"


@pytest.mark.parametrize(
    "zh, en",
    [
        ("专精特新“小巨人”企业1.2万家", "12,000 little giant enterprises"),
        ("2023年全部工业增加值达到39.9万亿元", "39.9 trillion yuan in 2023"),
        ("有6架交付", "Six have been delivered"),
        ("一是加强", "First, we will"),
        ("“十四五”前两年", "first two years of the 14th Five-Year Plan (2021-2025)"),
        ("没有数字", "No numbers."),
    ],
)
def test_number_mismatch_passes(zh, en):
    assert found("number-mismatch", (zh, en), glossary=None) == []


# The categories of issue 13, each as a right rendering (not flagged) and a wrong one (flagged).
CHINESE_NUMBERS = [
    ("三成企业已完成改造。", "30% of enterprises have completed the upgrade.", "13% of enterprises have completed the upgrade."),
    ("二〇三五年基本实现。", "It will be basically achieved by 2035.", "It will be basically achieved by 2025."),
    ("企業達到兩萬家。", "The number of enterprises reached 20,000.", "The number of enterprises reached 2,000."),
    ("投資三億元。", "An investment of 300 million yuan.", "An investment of 30 million yuan."),
    ("约占三分之一。", "It accounts for about one-third.", "It accounts for about one-quarter."),
    ("产量增长十倍。", "Output grew tenfold.", "Output grew eleven-fold."),
    ("提高2个百分点。", "It rose by 2 percentage points.", "It rose by 2 percent."),
    ("增长１２．５％。", "It grew by 12.5%.", "It grew by 21.5%."),
    ("有１２３家企业。", "There are 123 enterprises.", "There are 132 enterprises."),
]


@pytest.mark.parametrize("zh, right, wrong", CHINESE_NUMBERS, ids=[c[0] for c in CHINESE_NUMBERS])
def test_chinese_numbers_right_and_wrong(zh, right, wrong):
    assert found("number-mismatch", (zh, right), glossary=None) == []
    (f,) = found("number-mismatch", (zh, wrong), glossary=None)
    assert f.severity == "error"
