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


# -- the keys of a whole run, against the keys of each pair ------------------------------------

_EN_WORDS = ["That's", "that", "is", "all", "Question", "questions", "can't", "cannot", "CANNOT", "we",
             "SMEs", "sme", "café", "İstanbul", "STRASSE", "Straße", "µm", "’re", "it’s", "the", "The",
             "enterprises", "enterprise's", "R&D", "39.9", "won't", "—", "“Made”", "(2021-2025)"]
_ZH_CHARS = list("我们将继续深化改革，。！？“”「」　、；：（）中小企业") + ["ＡＢ", "ａ", "１２", "Ａ", "1", "a", "＿", "_", "•", "・"]


def _random_runs(seed, n):
    import random

    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        zh = "".join(rnd.choice(_ZH_CHARS) for _ in range(rnd.randint(0, 4)))
        en = " ".join(rnd.choice(_EN_WORDS) for _ in range(rnd.randint(0, 4)))
        out.append((zh, en))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_keys_of_a_run_are_the_keys_of_each_pair(seed):
    """The keys worked out for all the pairs at once (`_en_keys_wanted`, `_zh_keys_of`) are
    `en_key` and `zh_key` of each pair; and where only some are wanted, every key that two
    pairs share is worked out all the same."""
    from workbench.checks.consistency import _en_keys_wanted, _zh_keys_of, en_key, zh_key
    from workbench.checks.view import build_views, english

    runs = _random_runs(seed, 300 if seed else 12)
    (view,) = build_views([(None, doc(*runs))], [None])
    en = english([view])
    pairs = view.pairs
    ks = [k for k, p in enumerate(pairs) if p.zh and p.en]
    assert _zh_keys_of([pairs[k] for k in ks]) == [zh_key(pairs[k].zh) for k in ks]
    if seed % 2:  # (no full-width letter or digit: the Chinese keyed as it is)
        for p in pairs:
            p.zh = "".join(c for c in p.zh if c not in "ＡＢａ１２")
        assert _zh_keys_of([pairs[k] for k in ks]) == [zh_key(pairs[k].zh) for k in ks]
    every = {k: en_key(pairs[k]) for k in ks}
    assert _en_keys_wanted(en, ks, [True] * len(ks)) == every  # (the words not read: from each text)
    en.read  # noqa: B018 - the words read, as the matcher or variant-spelling reads them
    assert _en_keys_wanted(en, ks, [True] * len(ks)) == every
    some = _en_keys_wanted(en, ks, [k % 3 == 0 for k in ks])
    shared = {k: key for k, key in every.items() if key and list(every.values()).count(key) > 1}
    assert all(some[k] == every[k] for k in some)
    assert set(shared) | {k for k in ks if k % 3 == 0} <= set(some)


def test_normalising_the_chinese_changes_no_key_but_with_full_width_letters_and_digits():
    """What `_zh_keys_of` counts on: normalize_zh changes only characters that a key leaves out
    (and so does the character it makes of them), but for full-width letters and digits."""
    from workbench.checks.consistency import _FULL_WIDTH_ALNUM, _NOT_WORD
    from workbench.text.normalize import _ZH_TABLE

    for code, to in _ZH_TABLE.items():
        if not _FULL_WIDTH_ALNUM.match(chr(code)):
            assert _NOT_WORD.fullmatch(chr(code)) and _NOT_WORD.fullmatch(to), hex(code)


def test_contractions_are_spelled_out_as_every_expression_in_turn_would():
    """_text_key applies a contraction's expression only where the text holds what it needs:
    the same keys as applying every expression in turn, the plain way."""
    import random

    from workbench.checks.consistency import _CONTRACTIONS, _text_key
    from workbench.text.normalize import FOLDED_KEYS, WORD

    def plain(text):
        text = text.casefold().replace("’", "'")
        if "'" in text or "cannot" in text:
            for rx, repl, _ in _CONTRACTIONS:
                text = rx.sub(repl, text)
        return " ".join(FOLDED_KEYS[w] for w in WORD.findall(text))

    words = ["can't", "Cannot", "CAN’T", "won't", "isn't", "don’t", "let's", "Let’s", "that's", "It's", "who's",
             "China's", "they're", "we've", "you'll", "I'm", "i’m", "he'd", "cannot's", "n't", "'s", "'re", "'d",
             "can", "not", "the", "d", "re", "'", "’", "won", "t", "'ll've", "it's's", "ßn't"]
    rnd = random.Random(4)
    for _ in range(2000):
        text = "".join(rnd.choice(words) + rnd.choice([" ", "", "-", ". "]) for _ in range(rnd.randint(0, 8)))
        assert _text_key(text) == plain(text), text
