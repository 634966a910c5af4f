"""text/normalize.py helpers that the checks read whole documents with."""

import random

import pytest

from workbench.text.normalize import _ZH_TABLE, WordTable, absent_char, normalize_zh, normalize_zh_all, stem_keys


def test_normalize_zh_is_the_table_applied_to_every_character():
    """Only the runs of characters that change are translated: the same text as translating all."""
    rnd = random.Random(1)
    pool = [chr(c) for c in _ZH_TABLE] + list("中文abc ,.\\]^-[") + ["\U00020000", "\n"]
    for _ in range(5000):
        text = "".join(rnd.choices(pool, k=rnd.randint(0, 12)))
        assert normalize_zh(text) == text.translate(_ZH_TABLE), text


def test_absent_char_is_in_none_of_the_texts():
    texts = ["a\x00b", "\x01\x02", "中文", ""]
    sep = absent_char(texts)
    assert sep == "\x03" and not any(sep in t for t in texts)
    assert not sep.isalnum() and not sep.isspace()
    crowded = ["".join(map(chr, range(9))) + "\ue000"]
    assert absent_char(crowded) == "\ue001"


def test_keys_filled_at_once_are_the_keys_looked_up_one_by_one():
    """WordTable.fill sets the words that are their own key in C: the same keys as looking
    each word up, for every key that is filled so (the stems, case folded and as written, and
    the matcher's word-for-word key)."""
    from workbench.glossary.matching import _exact_word

    rnd = random.Random(2)
    pool = "abcdeisSIZEourtyAB'’&.09éÉß"
    words = {"".join(rnd.choices(pool, k=rnd.randint(1, 9))) for _ in range(20000)}
    words |= {"analyses", "glass", "SMEs", "China's", "r&d", "39.9", "Plane", "policies"}
    for key_of in (lambda w: stem_keys(w)[0], lambda w: stem_keys(w)[1], _exact_word):
        keys = WordTable(key_of)
        keys["policies"]  # (one seen before: filled again, unchanged)
        as_is = keys.fill(sorted(words))
        assert len(keys) == len(words) and as_is and "policies" not in as_is
        for w in words:
            assert keys[w] == key_of(w), w
        assert all(keys[w] == w for w in as_is)


def test_british_words_are_those_american_changes_whatever_their_ending():
    from workbench.text.normalize import _RULE_ENDINGS, _RULES, _WORD_TABLE, american, british

    rnd = random.Random(3)
    letters = "aeiouylrstdbgnc"
    words = {"".join(rnd.choice(letters) for _ in range(rnd.randint(1, 12))) for _ in range(20000)}
    for ending in _RULE_ENDINGS + ("sation", "ysation", "oure", "ourly", "tred", "ogueing", "lling"):
        words.update("".join(rnd.choice(letters) for _ in range(rnd.randint(0, 6))) + ending for _ in range(40))
    words.update(_WORD_TABLE)
    words.update(("organisation", "colour", "centre", "catalogue", "travelled", "analyse", "realised"))
    assert british(words) == {w: american(w) for w in words if american(w) != w}
    assert len(british(words)) > 500
    # (the endings passed over are those no rule matches)
    assert not [w for w in words if any(rx.search(w) for rx, _ in _RULES) and not w.endswith(_RULE_ENDINGS)]


def test_words_are_read_as_by_the_plain_pattern():
    # WORD's possessive quantifiers change nothing it finds, only how fast
    import re

    from workbench.text.normalize import WORD, WORD_SPLIT

    plain = re.compile(r"[^\W_]+(?:[’'&.][^\W_]+)*")
    rnd = random.Random(5)
    pieces = ["a", "Bc", "9", "_", "’", "'", "&", ".", "..", " ", "-", "é", "中", "ß", "\n", "’s", "R&D", "3.5"]
    for _ in range(3000):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 12)))
        assert WORD.findall(text) == plain.findall(text)
        assert WORD_SPLIT.split(text) == re.compile(f"({plain.pattern})").split(text)
        assert bool(WORD.fullmatch(text)) == bool(plain.fullmatch(text))


@pytest.mark.parametrize("seed", range(6))
def test_normalising_many_chinese_texts_at_once_is_normalising_each(seed):
    """normalize_zh_all (the characters that change replaced throughout the texts joined) is
    normalize_zh of each text: with few or many characters to change (about as many as it
    replaces at most), '"' (which stays), line breaks, none."""

    rnd = random.Random(seed)
    changing = [chr(c) for c in _ZH_TABLE]
    chars = (list('中文数据，。增长"') + rnd.sample(changing, k=(3, 10, 40, 3, 16, 17)[seed])
             + (["\n"] if seed == 3 else []))
    texts = ["".join(rnd.choices(chars, k=rnd.randint(0, 12))) for _ in range(rnd.randint(0, 60))]
    assert normalize_zh_all(texts) == [normalize_zh(t) for t in texts]
    assert normalize_zh_all([]) == [] and normalize_zh_all([""]) == [""]


def test_chinese_normalised_together_is_kept_as_each_pairs():
    from workbench.checks.view import PairView, zh_norms

    pairs = [PairView(k, text, "") for k, text in enumerate(["“小巨人”（ＡＩ）", "", "增长５％"])]
    pairs[1].zh_norm  # noqa: B018 - one read already
    assert zh_norms(pairs) == ['"小巨人"(AI)', "", "增长5%"]
    assert [p.__dict__["zh_norm"] for p in pairs] == ['"小巨人"(AI)', "", "增长5%"]


def test_the_t2s_table_is_in_step_with_opencc():
    """workbench/data/t2s_chars.txt is what bench/build_t2s.py makes of OpenCC's t2s data (every
    character it changes into one other, converting it alone; rebuild it with that script),
    and the table reads it: each character as OpenCC converts it alone (traditional,
    simplified, full-width, ASCII, punctuation, characters of two code units, a character that
    OpenCC makes two), a lone surrogate as it is."""
    import importlib.util
    import random
    from pathlib import Path

    import opencc

    from workbench.text.normalize import T2S_DATA, _T2STable, simplified

    spec = importlib.util.spec_from_file_location("build_t2s", Path(__file__).resolve().parents[1] / "bench" / "build_t2s.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    pairs = build.t2s_pairs()
    assert T2S_DATA.read_text(encoding="utf-8") == "".join(c + o + "\n" for c, o in pairs)
    rnd = random.Random(15)
    chars = {c for c, _ in rnd.sample(pairs, 300)} | {chr(rnd.randint(0x4E00, 0x9FFF)) for _ in range(300)}
    chars |= set("國家高新區發展開發區臺灣後裡著乾\t a,。！＂「」Ａ１") | {"\U00020000", "\U0002a6a5", "\u3000"}
    converter = opencc.OpenCC("t2s")
    chars |= {c for c in map(chr, range(0x3400, 0xA000)) if len(converter.convert(c)) != 1}  # (none, today)
    table = _T2STable()
    for c in chars:
        out = converter.convert(c)
        assert table[ord(c)] == (ord(out) if len(out) == 1 else ord(c)), c
    assert table[ord("國")] == ord("国") and table[0xDCFF] == 0xDCFF
    assert simplified("國家高新區\udcff") == "国家高新区\udcff"
