"""Sentence splitting: the hard cases found in the seeds, table-driven."""

import pytest

from workbench.text.segment import split_en, split_zh

EN_CASES = [
    # titles and abbreviations do not end sentences
    ("Now, I'll give the floor to Mr. Jin for his introduction.", ["Now, I'll give the floor to Mr. Jin for his introduction."]),
    ("Thank you, Ms. Shou. Please go ahead.", ["Thank you, Ms. Shou.", "Please go ahead."]),
    ("The U.S. economy grew. China's did too.", ["The U.S. economy grew.", "China's did too."]),
    ("See No. 5 for details. It is short.", ["See No. 5 for details.", "It is short."]),
    ("Beijing | 10 a.m. July 5, 2024", ["Beijing | 10 a.m. July 5, 2024"]),
    ("Written by J. K. Rowling. A book.", ["Written by J. K. Rowling.", "A book."]),
    # decimals and percentages
    ("Value added reached 39.9 trillion yuan. It rose 3.837 percent.", ["Value added reached 39.9 trillion yuan.", "It rose 3.837 percent."]),
    ("The share rose to 31.7%. That is high.", ["The share rose to 31.7%.", "That is high."]),
    ("R&D spending grew. Exports rose.", ["R&D spending grew.", "Exports rose."]),
    # quotes: a sentence ending inside quotes ends the sentence
    ('He said, "SMEs are vital." We agree.', ['He said, "SMEs are vital."', "We agree."]),
    ("He said, “SMEs are vital.” We agree.", ["He said, “SMEs are vital.”", "We agree."]),
    ('It is "comprehensive," "diverse" and "large." Next question.', ['It is "comprehensive," "diverse" and "large."', "Next question."]),
    # questions, exclamations, ellipses
    ("What are your plans? Thank you.", ["What are your plans?", "Thank you."]),
    ("We waited... Then it came.", ["We waited...", "Then it came."]),
    ("Great! Thanks.", ["Great!", "Thanks."]),
    # no split before a lower-case word or inside an abbreviation like e.g.
    ("It grew, e.g. in Beijing. Then fell.", ["It grew, e.g. in Beijing.", "Then fell."]),
    ("an item. and more", ["an item. and more"]),
    ("", []),
    ("No punctuation at all", ["No punctuation at all"]),
]

ZH_CASES = [
    ("女士们、先生们，大家上午好！欢迎出席新闻发布会。", ["女士们、先生们，大家上午好！", "欢迎出席新闻发布会。"]),
    ("工业增加值达到39.9万亿元，增长3.5%。占比31.7%。", ["工业增加值达到39.9万亿元，增长3.5%。", "占比31.7%。"]),
    ("一是全；二是多。", ["一是全；", "二是多。"]),
    ("他说：“中小企业联系千家万户。”我们赞同。", ["他说：“中小企业联系千家万户。”", "我们赞同。"]),
    ("他说：「走吧。」然后走了。", ["他说：「走吧。」", "然后走了。"]),
    ("请问进展如何？谢谢。", ["请问进展如何？", "谢谢。"]),
    ("等待……终于来了。", ["等待……", "终于来了。"]),
    ("真的吗？……好的。", ["真的吗？……", "好的。"]),
    ("专精特新“小巨人”企业1.2万家", ["专精特新“小巨人”企业1.2万家"]),
    ("访问Yahoo!网站。结束", ["访问Yahoo!网站。", "结束"]),
    ("", []),
]


@pytest.mark.parametrize("text,expected", EN_CASES)
def test_split_en(text, expected):
    assert split_en(text) == expected


@pytest.mark.parametrize("text,expected", ZH_CASES)
def test_split_zh(text, expected):
    assert split_zh(text) == expected


@pytest.mark.parametrize("text", [c[0] for c in EN_CASES] + ["  a.  b.  ", "x" * 10000])
def test_split_en_keeps_all_text(text):
    assert "".join(split_en(text)).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", [c[0] for c in ZH_CASES] + ["。。。", "”“"])
def test_split_zh_keeps_all_text(text):
    assert "".join(split_zh(text)) == text.strip()
