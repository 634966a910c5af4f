"""Numbers normalised across Chinese and English."""

import pytest

from workbench.text.numbers import en_numbers, unmatched, value_key, zh_numbers


@pytest.mark.parametrize(
    "zh, en",
    [
        ("39.9万亿元", "39.9 trillion yuan"),
        ("383.7万个", "3.837 million"),
        ("1.2万家", "12,000"),
        ("50.1万家", "over 501,000"),
        ("22亿吨", "2.2 billion metric tons"),
        ("10.9亿人", "1.09 billion internet users"),
        ("230百亿亿次", "230 quintillion"),
        ("占比31.7%", "31.7% of GDP"),
        ("占比31.7%", "31.7 percent"),
        ("到2035年", "by 2035"),
        ("1935.3克", "1,935.3 grams"),
        ("６架", "six"),  # full-width digit, number word
        ("6架", "Six C919 aircraft"),
        ("1—5月", "from January to May"),
        ("6月28日", "on June 28"),
        ("党的二十大", "the 20th National Congress"),
        ("十大重点行业", "the 10 key industries"),
        ("“十四五”前两年", "the first two years of the 14th Five-Year Plan (2021-2025)"),
        ("千兆", "1 gigabit"),
        ("64K的国际专线", "a single 64 Kbps line"),
        ("百分之五", "5%"),
    ],
)
def test_numbers_agree_across_languages(zh, en):
    z, e = zh_numbers(zh), en_numbers(en)
    assert unmatched(z, e) == [] and unmatched(e, z) == [], (z, e)


@pytest.mark.parametrize(
    "zh, en",
    [
        ("39.9万亿元", "39.9 billion yuan"),
        ("1.2万家", "1,200"),
        ("1.2万家", "12 million"),
        ("383.7万个", "383.7 million"),
        ("占比31.7%", "31.6%"),
        ("到2035年", "by 2025"),
        ("增长6.2%", "grew by 62%"),
    ],
)
def test_numbers_that_disagree(zh, en):
    z, e = zh_numbers(zh), en_numbers(en)
    assert unmatched(z, e) or unmatched(e, z)


def test_names_with_digits_are_not_quantities():
    assert [n.value for n in zh_numbers("C919大飞机、ARJ21支线飞机、IPv6") if n.hard] == []
    assert [n.value for n in en_numbers("C919, ARJ21 and IPv6") if n.hard] == []


def test_chinese_comma_before_a_number():
    assert [n.value for n in zh_numbers("去年，2023年全部") if n.hard] == [2023.0]


def test_words_are_soft_digits_are_hard():
    nums = {n.text: n.hard for n in en_numbers("First, we built 30 centers in three years (2021-2023).")}
    assert nums == {"First": False, "30": True, "three": False, "2021": False, "2023": False}


def test_value_key_hides_float_noise():
    assert value_key(383.7 * 10**4) == value_key(3.837e6)
