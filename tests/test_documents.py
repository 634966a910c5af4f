"""Reading documents: paragraphs, speaker turns, web debris."""

from pathlib import Path

import pytest

from workbench.text.documents import guess_lang, is_debris, is_speaker_label, parse_document, read_document

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "line",
    ["_ueditor_page_break_tag_", "<  1  2  3  4  5  6  7  8  9  10  11", "/5    Group photo", "/5    Jin Zhuanglong", "Read in Chinese"],
)
def test_debris_is_recognised(line):
    assert is_debris(line)


@pytest.mark.parametrize(
    "line",
    ["Jin Zhuanglong:", "Thank you.", "First, 1 2 3 are numbers in a sentence.", "2024", "Date:"],
)
def test_real_text_is_not_debris(line):
    assert not is_debris(line)


@pytest.mark.parametrize(
    "line,lang,expected",
    [
        ("Jin Zhuanglong:", "en", True),
        ("Beijing Radio and Television Station:", "en", True),
        ("金壮龙：", "zh", True),
        ("第一财经记者：", "zh", True),
        ("The focus will be on three aspects:", "en", True),  # a short lead-in: a label-like paragraph
        ("To be specific: we will act.", "en", False),
        ("他指出：", "zh", True),
        ("他说，我们要做到以下三点。", "zh", False),
    ],
)
def test_speaker_labels(line, lang, expected):
    assert is_speaker_label(line, lang) is expected


def test_parse_keeps_paragraphs_and_drops_debris():
    text = "Jin Zhuanglong:\n\nGood morning. Welcome.\n_ueditor_page_break_tag_\n\n/5    Group photo\nThanks.\n"
    doc = parse_document(text, "en")
    assert [p.text for p in doc.paragraphs] == ["Jin Zhuanglong:", "Good morning. Welcome.", "Thanks."]
    assert doc.sentences() == ["Jin Zhuanglong:", "Good morning.", "Welcome.", "Thanks."]
    assert doc.sentence_paragraphs() == [1, 2, 2, 3]
    assert doc.paragraphs[0].speaker


def test_presplit_takes_lines_as_sentences():
    doc = parse_document("One. Two.\n\nThree\n", "en", presplit=True)
    assert doc.sentences() == ["One. Two.", "Three"]


def test_guess_lang():
    assert guess_lang("新质生产力是推动高质量发展的内在要求 (new quality productive forces)") == "zh"
    assert guess_lang("new quality productive forces") == "en"
    assert guess_lang("。，！ 123") is None


@pytest.mark.parametrize("name", ["scio-2024-07-05.txt", "scio-2024-07-05-page11.txt"])
def test_seeds_read_cleanly(name):
    en = read_document(ROOT / "seeds" / "en" / name, "en")
    zh = read_document(ROOT / "seeds" / "zh" / name, "zh")
    for doc in (en, zh):
        assert not any(is_debris(p.text) for p in doc.paragraphs)
        assert all(s.strip() == s and s for s in doc.sentences())
    assert guess_lang("".join(zh.sentences())) == "zh"
    assert guess_lang("".join(en.sentences())) == "en"
    # both sides have the same speaker turns, in the same order
    en_turns = [p.text for p in en.paragraphs if p.speaker and p.text[:-1] in {"Jin Zhuanglong", "Shou Xiaoli", "Xin Guobin", "Zhao Zhiguo"}]
    zh_turns = [p.text for p in zh.paragraphs if p.speaker and p.text[:-1] in {"金壮龙", "寿小丽", "辛国斌", "赵志国"}]
    names = {"Jin Zhuanglong:": "金壮龙：", "Shou Xiaoli:": "寿小丽：", "Xin Guobin:": "辛国斌：", "Zhao Zhiguo:": "赵志国："}
    assert [names[t] for t in en_turns] == zh_turns
    # Chinese joins and splits sentences its own way: not one sentence per English one
    assert len(zh.sentences()) != len(en.sentences())
