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


# -- one reader, table-driven: (text, [(value, hard, unit)]) -------------------------------

ZH_TABLE = [
    ("十四五规划", [(14, False, ""), (5, False, "")]),
    ("二〇二四年", [(2024, False, "")]),
    ("二零三五年", [(2035, False, "")]),
    ("三成企业", [(30, False, "%")]),
    ("七成以上", [(70, False, "%")]),
    ("完成任务", []),
    ("三分之一", [(1 / 3, True, "")]),
    ("增长十倍", [(10, True, "x")]),
    ("提高2个百分点", [(2, True, "pp")]),
    ("提高兩個百分點", [(2, True, "pp")]),
    ("兩萬億元", [(2e12, False, "")]),
    ("3萬家", [(30000, True, "")]),
    ("1.5億", [(1.5e8, True, "")]),
    ("５０％", [(50, True, "%")]),
    ("１２３家", [(123, True, "")]),
    ("一千零五", [(1005, False, "")]),
    ("三十一点七", [(31.7, False, "")]),
    ("百分之五", [(5, True, "%")]),
    ("C919大飞机", [(919, False, "name")]),
    ("二十届三中全会", [(20, False, ""), (3, False, "")]),
    ("一万五千", [(15000, False, "")]),
    ("39.9万亿元", [(39.9e12, True, "")]),
]

EN_TABLE = [
    ("tenfold", [(10, True, "x")]),
    ("an eleven-fold rise", [(11, True, "x")]),
    ("10 times", [(10, True, "x")]),
    ("one-third of", [(1 / 3, False, "")]),
    ("a third of", [(1 / 3, False, "")]),
    ("2 percentage points", [(2, True, "pp")]),
    ("2 percent", [(2, True, "%")]),
    ("２.５％", [(2.5, True, "%")]),
    ("C919 and IPv6", [(919, False, "name"), (6, False, "name")]),
    ("the 14th Five-Year Plan", [(14, True, ""), (5, False, "")]),
    ("3.837 million", [(3.837e6, True, "")]),
]


@pytest.mark.parametrize("text, want", ZH_TABLE)
def test_zh_reader_table(text, want):
    got = [(value_key(n.value), n.hard, n.unit) for n in zh_numbers(text)]
    assert got == [(value_key(v), h, u) for v, h, u in want]


@pytest.mark.parametrize("text, want", EN_TABLE)
def test_en_reader_table(text, want):
    got = [(value_key(n.value), n.hard, n.unit) for n in en_numbers(text)]
    assert got == [(value_key(v), h, u) for v, h, u in want]


@pytest.mark.parametrize(
    "zh, en, agree",
    [
        ("三成企业", "30% of enterprises", True),
        ("三成企业", "40% of enterprises", False),
        ("增长十倍", "a tenfold increase", True),
        ("增长十倍", "an eleven-fold increase", False),
        ("提高2个百分点", "up 2 percentage points", True),
        ("提高2个百分点", "up 2 percent", False),
        ("增长2%", "up 2 percentage points", False),
        ("三分之一", "one-third", True),
        ("三分之一", "a quarter", False),
        ("二〇二四年", "in 2024", True),
        ("二〇二四年", "in 2023", False),
        ("１２３家", "123 firms", True),
        ("3千米", "3 kilometres", True),
        ("C919大飞机", "the C919 large aircraft", True),
        ("“十四五”规划", "the 14th Five-Year Plan", True),
        ("“十四五”规划", "the 15th Five-Year Plan", False),
    ],
)
def test_checks_and_aligner_read_the_same_table(zh, en, agree):
    """Both paths fed the same pairs: the number-mismatch check and the aligner's number
    features come from one reader, so they agree on which pairs carry the same numbers."""
    from workbench.align.features import en_numbers as align_en
    from workbench.align.features import zh_numbers as align_zh
    from workbench.checks import run_checks
    from workbench.model import Alignment, Pair

    al = Alignment(pairs=[Pair(id=1, zh=[zh], en=[en])])
    check_agrees = not run_checks(al, checks=["number-mismatch"])
    assert check_agrees == agree
    z, e = set(align_zh(zh)), set(align_en(en))

    def readings(numbers):
        return {f"#{v:.4g}" if v < 1e4 else f"#{v:.4e}" for n in numbers for v in (n.value, *n.alts)}

    assert z <= readings(zh_numbers(zh)) and e <= readings(en_numbers(en))
    if agree:
        assert z & e, (z, e)  # the aligner links the pair by a number


PRECHECK_EXTRA = [
    "He walked home alone.", "Twelve men", "in May", "you may go", "elevenfold", "Tenfold",
    "half of them", "it doubled", "the 3rd day", "twenty-one", "\u0661\u0662 items", "no numbers",
    "someone once said", "onefold", "a quarter", "FIFTY", "(2021-2025)", "３ people",
]


@pytest.mark.parametrize("text", [t for t, _ in EN_TABLE] + PRECHECK_EXTRA)
def test_en_precheck_never_changes_the_reading(text, monkeypatch):
    """The cheap precheck that skips sentences without numbers is a pure speed-up."""
    from workbench.text import numbers

    fast = en_numbers(text)
    monkeypatch.setattr(numbers, "_en_triggers", lambda _text: (0, True, True, True))
    assert fast == en_numbers(text)


def test_en_precheck_skips_plain_sentences():
    from workbench.text.numbers import _en_triggers

    assert _en_triggers("He walked home alone, and someone may follow.") is None
    assert _en_triggers("He walked home alone in May.") is not None


def test_letters_that_case_insensitive_matching_treats_as_ascii_never_crash_the_reader():
    # ſ, ı, İ and the Kelvin sign match s, i, i, k under re.IGNORECASE; a word matched through
    # them must be looked up folded the same way (it was a KeyError: 'ſix').
    from workbench.text import numbers as nb

    words = [*nb._UNITS, *nb._TENS, *nb._ORDINALS, *nb._MULTIPLE_WORDS, *nb._FRACTIONS, *nb._MONTHS,
             *nb._SCALE, "kilometres", "tenfold", "eleven-fold", "two thirds", "five kilo"]
    twins = str.maketrans({"s": "ſ", "i": "ı", "k": "\u212a"})
    for word in words:
        for text in (word.translate(twins), f"{word.translate(twins)} hundred", f"3 {word.translate(twins)}"):
            nb.en_numbers(text)  # must not raise
    assert [n.value for n in nb.en_numbers("ſix people")] == [6.0]


def test_pairs_said_to_hold_the_same_plain_numbers_have_no_mismatch():
    """plain_agree lets number-mismatch skip a pair: it may say so only where reading both sides
    finds nothing missing. Random pairs holding the same digits, each side with the pieces
    around them that change a number or add one (万, 百分点, 倍, 分之, "million", "fold", a
    letter, a comma, full-width forms, ſ), and the pairs it lets through checked by reading."""
    import random

    from workbench.text.normalize import normalize_zh
    from workbench.text.numbers import plain_agree

    rnd = random.Random(7)
    numbers = ["3", "3.5", "12", "2024", "1,234", "7%", "0.5%", "12,345.6"]
    zh_bits = ["增长", "年", "，", ",", ".", "。", "万", "亿", "一", "三", "十", "百姓", "百分点", "个百分点",
               "倍", "分之", "成", "C", "（", "）", "%", "％", "５", "二〇二四", " ", "-", "点五",
               "加倍", "倍增", "部分之", "两倍", "几倍", "点五倍", "٣倍", "萬倍", ".倍"]
    en_bits = [" grew ", " year ", ", ", ",", ".", " million", " Billion", "-fold", " fold", "tenfold", " ten ",
               " times", " percent", " points", " percentage points", "%", "％", "．", "，", "５", "st", "C",
               " (", ") ", " thouſand", " June", " a third", " twice", "-", " "]
    said, checked = 0, 0
    for _ in range(4000):
        nums = rnd.choices(numbers, k=rnd.randint(0, 3))
        zh = "".join("".join(rnd.choices(zh_bits, k=rnd.randint(0, 2))) + n for n in nums) + rnd.choice(zh_bits)
        en = "".join("".join(rnd.choices(en_bits, k=rnd.randint(0, 2))) + n for n in nums) + rnd.choice(en_bits)
        if plain_agree([normalize_zh(zh)], [en])[0]:
            said += 1
            z, e = zh_numbers(zh), en_numbers(en)
            assert unmatched(z, e) == [] and unmatched(e, z) == [], (zh, en)
        else:
            checked += 1
    assert said > 400 and checked > 400  # (both ways tried often)


def test_plain_agree_of_many_texts_is_the_scans_of_each():
    """plain_agree scans each English text only from where a match may begin (found for all
    the texts at once), and each Chinese text from its first character a match may begin
    with: the same as scanning each text whole, the plain per-pair way."""
    import random

    from workbench.text import numbers as nb

    rnd = random.Random(3)
    en_bits = ["grew ", "3", "12.5", "%", " ", ",", ".", "1,234", "C919", "fold", "FoLd", "f", "o", "ld",
               " million", " thousand", "st", "(", ")", "٣", "５", "’", "İ", "?", "\x00", "a", ""]
    zh_bits = ["增长", "3", "12.5", "%", "，", "万", "分之", "倍", "百分点", "٣", "C", "", "百", "分", "三", "."]
    for _ in range(300):
        n = rnd.randint(0, 6)
        zh = ["".join(rnd.choices(zh_bits, k=rnd.randint(0, 4))) for _ in range(n)]
        en = ["".join(rnd.choices(en_bits, k=rnd.randint(0, 6))) for _ in range(n)]
        for k in rnd.sample(range(n), k=n // 2):
            en[k] = zh[k].replace("增长", "grew ")  # (pairs that agree, as most do)
        each = [nb._ZH_PLAIN.findall(z) == nb._EN_PLAIN.findall(e) for z, e in zip(zh, en)]
        assert nb.plain_agree(zh, en) == each, (zh, en)


def test_number_is_built_as_its_fields_say_and_stays_frozen():
    """Number's own __init__ (faster than the dataclass's) takes the fields, in order, with
    their defaults; equality, hashing and immutability are the dataclass's."""
    import dataclasses
    import inspect

    from workbench.text.numbers import Number

    params = list(inspect.signature(Number).parameters.values())
    fields = dataclasses.fields(Number)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
                                           for f in fields]
    n = Number(3.0, "三", 0, 1, False, unit="%")
    assert (n.value, n.text, n.start, n.end, n.hard, n.alts, n.unit) == (3.0, "三", 0, 1, False, (), "%")
    assert n == Number(3.0, "三", 0, 1, False, (), "%") and hash(n) == hash(Number(3.0, "三", 0, 1, False, unit="%"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        n.value = 4.0  # type: ignore[misc]


def test_en_precheck_never_changes_the_reading_of_random_sentences(monkeypatch):
    """The precheck says where number words may be; en_numbers then tries _EN_WORDS only there
    (and the fraction and month scans only where such a word is): random sentences of number
    words, words that hold one ("someone", "often"), "fold" closed up or not, fractions, months
    and "may", read both ways."""
    import random

    from workbench.text import numbers

    bits = ["one", "One", "ONE", "someone", "often", "ten", "tenfold", "Tenfold", "ten-fold", "ten fold", "onefold",
            "twenty-one", "Twenty", "first", "second", "a third", "two thirds", "half", "a quarter", "once", "twice",
            "million", "hundred", "3", "12,000", "1.5", "percent", "%", "times", "May", "may", "June", "(", ")", "-",
            "doubled", "foldable", "elevenfold", "nineteenth", "single", "dozen", "the", "of", "é", "5one", "one5"]
    rnd = random.Random(9)
    texts = [" ".join(rnd.choices(bits, k=rnd.randint(1, 10))).replace(" - ", rnd.choice(["-", " - "]))
             for _ in range(1500)]
    fast = [en_numbers(t) for t in texts]
    monkeypatch.setattr(numbers, "_en_triggers", lambda _text: (0, True, True, True))
    assert fast == [en_numbers(t) for t in texts]
    assert sum(map(bool, fast)) > 1000


@pytest.mark.parametrize("chinese", [False, True])
def test_digits_tried_at_their_runs_are_the_scan_of_every_place(chinese):
    """en_numbers and zh_numbers try _EN_DIGITS and _ZH_ARABIC only at each run of digits (and
    the letters before it): the same matches as scanning every place, the plain way."""
    import random

    from workbench.text import numbers

    bits = ["C919", "ARJ21", "3G5", "5G", "\u0663" + "5", "\uff15", "1.2.3", "3rd", "12,000.5", "12,00", "2021-2025",
            "(2021-2025)", "x2", "3.5%", "3 million", "4-fold", "7 times", "2 percentage points", "1,234", "0.5",
            "IPv6", "a", "the", "-", ".", ",", "%", " ", "é9", "9é", "10kilo", "3 giga"]
    if chinese:
        bits += ["增长", "3万", "39.9万亿", "2个百分点", "10倍", "百分点", "年", "，", "。", "二〇二四", "1.2万家"]
    pattern = numbers._ZH_ARABIC if chinese else numbers._EN_DIGITS
    rnd = random.Random(12)
    for _ in range(2000):
        text = "".join(rnd.choice(bits) + rnd.choice(["", " ", ", "]) for _ in range(rnd.randint(1, 8)))
        for first in {0, rnd.randint(0, len(text))}:
            want = [(m.span(), m.groups()) for m in pattern.finditer(text, first)]
            got = [(m.span(), m.groups()) for m in numbers._digit_matches(text, first, pattern)]
            assert got == want, (text, first)


def test_unmatched_is_the_plain_comparison_of_every_unit():
    """unmatched compares units by their opposite (percent against percentage points) and reads
    a number's keys without building a set where it has no other unit: the same numbers as
    comparing every unit in turn, the plain way."""
    import random

    from workbench.text.numbers import NAME, POINTS, TIMES, Number, _units_agree, value_key

    def plain(ours, theirs):
        have = {}
        for n in theirs:
            if n.unit != NAME:
                for k in n.keys():
                    have.setdefault(k, set()).add(n.unit)
        seen, out = set(), []
        for n in ours:
            k = (value_key(n.value), n.unit)
            if not n.hard or n.unit == NAME or k in seen:
                continue
            if not any(_units_agree(n.unit, u) for key in n.keys() for u in have.get(key, ())):
                seen.add(k)
                out.append(n)
        return out

    rnd = random.Random(8)

    def number():
        value = rnd.choice([1.0, 2.0, 3.0, 30.0, 0.3])
        alts = rnd.choice([(), (), (value * 10,), (3.0, 30.0)])
        return Number(value, "x", 0, 1, rnd.random() < 0.7, alts, rnd.choice(["", "%", POINTS, TIMES, NAME]))

    for _ in range(3000):
        ours, theirs = [number() for _ in range(rnd.randint(0, 4))], [number() for _ in range(rnd.randint(0, 4))]
        assert unmatched(ours, theirs) == plain(ours, theirs), (ours, theirs)
