"""rendering-inconsistent: a Chinese term rendered two ways, found without a glossary.

Renderings come from CC-CEDICT glosses of the term's words (科技 → science, technology; 成果 →
achievement) matched in the English of each pair holding the term, and where those fall short,
from the file itself (workbench.glossary.renderings)."""

import pytest
from checks_helpers import doc

from workbench.checks import run_checks
from workbench.glossary.model import Glossary, Term

CHECK = "rendering-inconsistent"


def findings(*pairs, glossary=None):
    return run_checks(doc(*pairs), glossary, checks=[CHECK])


_ZONES = [
    ("建设国家高新区。", "We will build national high-tech zones."),
    ("国家高新区发展很快。", "National high-tech zones grow fast."),
    ("支持高新区。", "We support high-tech zones."),
]
# (term, [(zh, en) …], the pair flagged, what it was rendered there, the majority rendering)
INCONSISTENT = [
    ("科技成果", [
        ("促进科技成果转化为现实产品。", "We will facilitate the transformation of sci-tech achievements into products."),
        ("推动科技成果转化。", "We will promote the commercialization of scientific and technological achievements."),
        ("加快科技成果应用。", "We will speed up the application of sci-tech achievements."),
    ], 2, "scientific and technological achievements", "sci-tech achievements"),
    ("重点领域", [
        ("我们要突破重点领域核心技术。", "We must make breakthroughs in core technologies of key areas."),
        ("引导资本投向重点领域。", "We will guide capital to key areas."),
        ("重点领域的短板仍然存在。", "Weak links remain in key fields."),
    ], 3, "key fields", "key areas"),
    ("智能制造", [
        ("发展智能制造。", "We will develop smart manufacturing."),
        ("建设智能制造工厂。", "We will build smart manufacturing factories."),
        ("推广智能制造。", "We will promote intelligent manufacturing."),
    ], 3, "intelligent manufacturing", "smart manufacturing"),
    # glosses the dictionary lacks, learned from the file: 区 is "zone" wherever it is (three
    # pairs), so 园区 (a kind of 区) is rendered by "zones" as well as by the dictionary's "parks"
    ("工业园区", _ZONES + [
        ("建设工业园区。", "We will build industrial parks."),
        ("发展工业园区。", "We will develop industrial parks."),
        ("升级工业园区。", "We will upgrade industrial zones."),
    ], 6, "industrial zones", "industrial parks"),
    # … and 先导 is "pilot": the word before the rendering of 区 in both pairs, and no rendering
    # of another Chinese word there
    ("先导区", _ZONES + [
        ("探索建设未来产业先导区。", "We will explore pilot zones for future industries."),
        ("建设先导区。", "We will build pilot areas."),
    ], 5, "pilot areas", "pilot zones"),
]


@pytest.mark.parametrize("term, pairs, pair, found, expected", INCONSISTENT, ids=[c[0] for c in INCONSISTENT])
def test_a_term_rendered_two_ways_is_flagged_with_the_majority(term, pairs, pair, found, expected):
    (f,) = [f for f in findings(*pairs) if f.term == term]
    assert (f.pair, f.found, f.expected, f.severity) == (pair, found, expected, "info")
    assert term in f.message and found in f.message and expected in f.message


CONSISTENT = {
    "the same words": [
        ("促进科技成果转化。", "We will promote the transformation of sci-tech achievements."),
        ("科技成果不断涌现。", "Sci-tech achievements keep emerging."),
    ],
    "plural, case and articles": [
        ("重点领域取得突破。", "Breakthroughs were made in the Key Area of chips."),
        ("支持重点领域发展。", "We support key areas."),
        ("聚焦一个重点领域。", "We focus on a key area."),
    ],
    "hyphen and word order": [
        ("发展智能制造。", "We will develop smart-manufacturing."),
        ("智能制造水平提升。", "The level of manufacturing that is smart rose."),
    ],
    "a word more is the same rendering": [
        ("国家制造业创新中心。", "national manufacturing innovation centers"),
        ("支持国家制造业。", "We support the national manufacturing industry."),
    ],
    "a term seen once": [
        ("促进科技成果转化。", "We will promote the transformation of sci-tech achievements."),
        ("推动创新。", "We will promote innovation."),
    ],
    "a paraphrase is no rendering": [
        ("促进科技成果转化。", "We will promote the transformation of sci-tech achievements."),
        ("科技成果很多。", "Science has brought many new and useful achievements."),
    ],
    "a word before the rest is learned only if it renders no other Chinese word": _ZONES + [
        ("建设未来先导区。", "We will build future zones."),  # "future" is 未来's
        ("未来先导区。", "future areas"),
    ],
    "a verb phrase starting with a conjunction is no term (held-out literary chapter)": [
        ("我再说一遍，你记住。", "I'm going to repeat it once more. Forget this time, and I shall kill you."),
        ("你只要再说一遍。", "Just say it once, and I'll never forget it."),
        ("我再说一遍，好好记住。", "I'll say it once more, and this time remember it."),
    ],
    "another construction (reordered) is not advice": [
        ("产业基础再造。", "rebuilding the industrial foundation"),
        ("夯实产业基础。", "consolidating the industrial foundation"),
        ("产业基础能力不足。", "basic industrial capacities are weak"),
    ],
}


@pytest.mark.parametrize("pairs", CONSISTENT.values(), ids=list(CONSISTENT))
def test_consistent_renderings_are_not_flagged(pairs):
    assert findings(*pairs) == []


def test_glossary_terms_are_left_to_term_inconsistent():
    pairs = INCONSISTENT[0][1]
    g = Glossary(name="g", terms=[Term(zh=["科技成果"], en="sci-tech achievements")])
    assert findings(*pairs) and findings(*pairs, glossary=g) == []


def test_a_longer_term_does_not_repeat_or_contradict_a_shorter_one():
    pairs = [
        ("实施大规模设备更新。", "We will implement large-scale equipment renewal."),
        ("推动大规模设备更新。", "We will promote large-scale equipment renewal."),
        ("大规模设备更新行动。", "the large-scale equipment upgrading initiative"),
        ("设备更新很重要。", "Equipment renewal matters."),
    ]
    fs = findings(*pairs)
    assert [(f.pair, f.term, f.expected) for f in fs] == [(3, "设备更新", "equipment renewal")]


def test_dismissed_findings_stay_dismissed():
    from workbench.model import Ignored

    al = doc(*INCONSISTENT[1][1], ignored=[Ignored(check=CHECK, pair=3, term="重点领域")])
    assert run_checks(al, None, checks=[CHECK]) == []


def test_the_engine_is_freed_when_the_check_ends_with_the_collector_off():
    """The rendering engine and what it read are freed as soon as the check is done with them,
    by reference counting: no reference cycle (a table of the engine's referring to the engine,
    a gloss matcher's to the matcher) leaves them to the cyclic collector, which the checks
    pause (on 10,000 pairs, 200,000 objects and more, and the first full collection after the
    run a few times longer)."""
    import gc

    from workbench.glossary.renderings import GlossMatcher, Renderings

    al = doc(*INCONSISTENT[1][1])
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        assert run_checks(al, None, checks=[CHECK])  # (terms read, renderings found)
        left = [o for o in gc.get_objects() if isinstance(o, (Renderings, GlossMatcher))]
        assert left == []
    finally:
        if was:
            gc.enable()


# -- the units, read across a whole document at once (rendering._Units) ----------------------


def _same_units_as_pair_by_pair(texts):
    """… and `repeated`, those in two pairs or more that the dictionary has a word beginning
    with the first two characters of (as a term's first part)."""
    import rjieba

    from workbench.checks.rendering import _pair_units, _Units
    from workbench.glossary.dictionary import dictionary

    plain = [_pair_units(rjieba.cut(t)) for t in texts]
    every = set().union(*plain)
    found = _Units(texts, rjieba.cut, dictionary())
    may_be_term = {u for u in every if dictionary().has_prefix(u[:2])}
    assert found.repeated == {u for u in every & may_be_term if sum(u in p for p in plain) > 1}
    for unit in sorted(every) + ["不是单位的字串", "的的的", ""]:
        assert found.pairs(unit) == [k for k, p in enumerate(plain) if unit in p], unit


def test_units_read_across_the_document_are_those_read_pair_by_pair():
    import random

    # words that make terms, general words, particles, numbers, Latin, punctuation, a phrase
    # that jieba cuts one way or another by what follows (做强做大 / 做强做优), and characters
    # of four bytes in UTF-8 (𠀾, 𡃁); in some documents a word longer than ten characters
    # (where each word starts is then read from its length, not from its code)
    vocabulary = ("科技 成果 转化 国家 高新区 工业 园区 先导区 设备 更新 大规模 发展 推动 我们 进一步 的 和 与 "
                  "做强做大 做强做优 做强 做 强 一 房 哪一房 不大走动 走动 𠀾 𡃁 𡃁仔 5G AI 2024年 ， 。 “ ” 、").split()
    for seed in range(20):
        rnd = random.Random(seed)
        texts = ["".join(rnd.choices(vocabulary, k=rnd.randint(0, 12))) for _ in range(rnd.randint(1, 30))]
        if seed % 4 == 0:
            texts[rnd.randrange(len(texts))] += "园区Telecommunications科技成果"
        _same_units_as_pair_by_pair(texts)


def test_units_only_cut_the_pairs_where_a_term_may_start():
    """Pairs with no two characters beginning a dictionary word before a third of Chinese are
    not cut into words at all (增长5%, Latin); the pairs of a unit are found in them all the same."""
    import rjieba

    from workbench.checks.rendering import _pair_units, _Units
    from workbench.glossary.dictionary import dictionary

    cut_texts = []

    def cut(text):
        cut_texts.append(text)
        return rjieba.cut(text)

    texts = ["增长5.1%。", "科技成果转化加快", "AI and 5G", "", "科技成果转化", "瓶瓶瓶", "增长5.1%。"]
    found = _Units(texts, cut, dictionary())
    assert cut_texts == ["科技成果转化加快", "科技成果转化"]
    assert "科技成果" in found.repeated
    assert found.pairs("科技成果") == [1, 4]
    assert found.pairs("瓶瓶瓶") == [5] == [k for k, t in enumerate(texts) if "瓶瓶瓶" in _pair_units(rjieba.cut(t))]


def test_places_where_a_dictionary_word_begins_as_has_prefix_says():
    import random

    from workbench.checks.rendering import _begins, _may_be_han
    from workbench.glossary.dictionary import dictionary
    from workbench.text.normalize import HAN

    d = dictionary()
    chars = list("科技成果转化国家高新区园区的和一，。 a5") + ["𠀾", "𡃁", "\u4dc0", "\ufa00", "\uffff", "\U0003134f"]
    for seed in range(30):
        rnd = random.Random(seed)
        text = "".join(rnd.choices(chars, k=rnd.randint(0, 40)))
        utf32 = text.encode("utf-32-le")
        assert list(_begins(utf32, d.prefixes)) == [d.has_prefix(text[i:i + 2]) and i + 1 < len(text) for i in range(len(text))]
        han = _may_be_han(utf32).to_bytes(len(text), "little")
        assert all(han[i] for i, c in enumerate(text) if HAN.fullmatch(c))  # every Han character (and a few others)
        assert not any(han[i] for i, c in enumerate(text) if c in "，。 a5\uffff")


def test_units_of_the_demo_document_are_those_read_pair_by_pair():
    from pathlib import Path

    from workbench.store.alignment_file import load_alignment
    from workbench.text.normalize import normalize_zh

    al = load_alignment(Path(__file__).resolve().parent.parent / "alignments" / "scio-2024-07-05.yaml")
    _same_units_as_pair_by_pair([normalize_zh("".join(p.zh)).replace('"', "") for p in al.pairs])


def _matches_plainly(token, glosses):
    """The rule of `renderings.matches`, each gloss tried in turn (the reference)."""
    from workbench.glossary.renderings import _shared, word_key

    if len(token) < 3:
        return len(token) == 2 and token in glosses
    for g in glosses:
        if token == g or word_key(g) == token or "-" in g and token in g.split("-"):
            return True
        if len(token) >= 5 and len(g) >= 5 and _shared(token, g) >= max(5, min(len(token), len(g)) - 2):
            return True
        if len(token) <= 4 and len(g) >= 6 and g.startswith(token):
            return True
    return False


def test_a_gloss_matcher_answers_as_matches_does():
    """GlossMatcher, the glosses of a part read once for many words (and `matches`, which asks
    it), answers as the rule tried gloss by gloss."""
    import random

    from workbench.glossary import renderings
    from workbench.glossary.renderings import GlossMatcher

    matches = _matches_plainly

    stems = ["scien", "scientific", "science", "tech", "technology", "technological", "industr", "industrial",
             "industries", "non-ferrous", "ferrous", "zone", "zones", "pilot", "pil", "xi", "li", "up", "sci",
             "advantage", "advanced", "manufactur", "biomanufacturing", "park", "parks", "high-tech", "a", ""]
    for seed in range(40):
        rnd = random.Random(seed)
        glosses = set(rnd.sample(stems, rnd.randint(0, 8)))
        test = GlossMatcher(glosses)
        tokens = stems + ["".join(rnd.choices("scientchnolgy-", k=rnd.randint(1, 12))) for _ in range(40)]
        heads = test.heads()
        for token in tokens:
            assert test(token) == matches(token, glosses) == renderings.matches(token, glosses), (token, glosses)
            # (`_explained` asks only the matchers whose heads hold the token's)
            assert not test(token) or renderings._head(token) in heads, (token, glosses)
        assert test.matching(set(tokens)) == {t for t in tokens if matches(t, glosses)}
        more = set(rnd.sample(tokens, len(tokens) // 2)) | {"scientists", "technologist"}  # (some asked before)
        assert test.matching(more) == {t for t in more if matches(t, glosses)}


@pytest.mark.parametrize("way", ["cheaper", "tiers", "masks", "content"])
def test_words_learned_are_those_the_definition_gives(way, monkeypatch):
    """A head learns the English content words in LEARN_MIN_PAIRS pairs or more of those holding
    it and in LEARN_MIN_SHARE of the pairs holding either (Jaccard): here counted the plain way,
    every word of every pair, where the engine counts only the words in the range of pairs of
    the file that can pass (renderings._ContentIndex: by tiers, or by masks, whichever costs
    less, or every content word of a few pairs; each way also on its own). On pairs of the demo put
    together at random, so that characters are held in few pairs and in many; and the number
    of pairs holding a word (`at_most`) and a Chinese word (`holding`), as looking through
    them all finds them."""
    import random
    from collections import Counter
    from pathlib import Path

    from workbench.glossary import renderings
    from workbench.store.alignment_file import load_alignment
    from workbench.text.normalize import normalize_zh

    al = load_alignment(Path(__file__).resolve().parent.parent / "alignments" / "scio-2024-07-05.yaml")
    kept = [("".join(p.zh), " ".join(p.en)) for p in al.pairs if p.zh and p.en]
    rnd = random.Random(3)
    rows = []
    for pid in range(1, 601):
        picked = rnd.sample(kept, 2)
        rows.append((pid, normalize_zh("".join(z for z, _ in picked)).replace('"', ""), " ".join(e for _, e in picked)))
    content = {pid: set(renderings.EnPair(pid, en).content) for pid, _, en in rows}
    df = Counter(k for words in content.values() for k in words)

    def plain(zh: str) -> set[str]:
        held = [pid for pid, text, _ in rows if zh in text]
        n = Counter(k for pid in held for k in content[pid])
        return {k for k, m in n.items()
                if m >= renderings.LEARN_MIN_PAIRS and m >= renderings.LEARN_MIN_SHARE * (len(held) + df[k] - m)}

    chars = sorted({c for _, zh, _ in rows for c in zh if "\u4e00" <= c <= "\u9fff"})
    if way != "cheaper":
        monkeypatch.setattr(renderings._ContentIndex, "MASK_FIXED", -10**9 if way == "masks" else 10**9)
        monkeypatch.setattr(renderings._ContentIndex, "CONTENT_MAX", 10**9 if way == "content" else -1)
    engine = renderings.Renderings(rows)
    learned = {c: engine.learned(c) for c in chars}
    assert learned == {c: plain(c) for c in chars}
    assert sum(map(bool, learned.values())) >= 20  # (not a test of empty sets)
    sizes = [len(engine.holding(c)) for c in chars if learned[c]]
    assert min(sizes) < 10 and max(sizes) > 100  # (heads of few pairs and of many)
    for key in sorted(df)[::7]:
        for limit in (0, 3, 30, 300):
            assert engine.at_most(key, limit) == (df[key] <= limit), (key, limit)
    for word in chars[::5] + ["发展", "中小企业", "工业和信息化部", "不在其中的词"]:
        assert engine.holding(word) == [pid for pid, zh, _ in rows if word in zh]
    # told the characters it will be asked about (rendering-inconsistent: those of its units),
    # the engine indexes only those, and finds the pairs of any other word all the same
    hinted = renderings.Renderings(rows, chars=chars[::2])
    for word in chars[::3] + ["发展", "中小企业", "工业和信息化部", "不在其中的词"]:
        assert hinted.holding(word) == [pid for pid, zh, _ in rows if word in zh]
        assert hinted.learned(word) == engine.learned(word)


def test_renderings_take_the_pairs_as_two_dicts_by_id():
    from workbench.glossary.renderings import Renderings

    rows = [(1, "科技成果", "sci-tech achievements"), (2, "", "no Chinese"), (3, "园区", ""), (4, "先导区", "pilot zones")]
    plain = Renderings(rows)
    for zh_of, en_of in (({1: "科技成果", 4: "先导区"}, {1: "sci-tech achievements", 4: "pilot zones"}),
                         ({k: zh for k, zh, _ in rows}, {k: en for k, _, en in rows})):
        by_id = Renderings((zh_of, en_of))
        assert (by_id.zh_of, by_id.en_of) == (plain.zh_of, plain.en_of)
        assert list(by_id.zh_of) == list(by_id.en_of) == [1, 4]


def test_a_pair_read_from_words_given_is_the_pair_read_from_its_text():
    """EnPair given the views' words (WORD.findall of its English) reads as from the text, and
    the check finds the same with the views' words read (a glossary check ran) or not."""
    from workbench.glossary.renderings import EnPair
    from workbench.text.normalize import WORD

    for en in ("Sci-tech achievements, the SMEs' parks and industrial zones.", "", "It's  O'Neil’s 3.5% AI."):
        a, b = EnPair(1, en), EnPair(1, en, WORD.findall(en))
        assert (a.keys, a.content) == (b.keys, b.content)
    from workbench.checks.rendering import rendering_inconsistent
    from workbench.checks.view import build_views

    al = doc(*INCONSISTENT[0][1])
    plain = rendering_inconsistent(build_views([("doc", al)], [None]))
    views = build_views([("doc", al)], [None])
    for p in views[0].pairs:
        p.words  # noqa: B018 - read now, as the matcher does
    assert rendering_inconsistent(views) == plain != []


def test_a_pairs_tables_are_its_words_places_and_marks_read_the_plain_way():
    """EnPair's places, joins (`joined`: hyphen, ", ") and clause marks between two words
    (`clause_break`, from its `clauses` table) are those read word by word from the text, on
    texts put together at random of words (some holding a mark: "3.5", "U.S"), hyphens, commas,
    full stops and other marks."""
    import random
    import re

    from workbench.glossary.renderings import _CLAUSE, EnPair
    from workbench.text.normalize import WORD

    rnd = random.Random(3)
    pieces = ["science", "tech", "3.5", "U.S", "it's", "zones", "and", "of", "AI", "数字"]
    gaps = [" ", " ", " ", "-", "‐", ", ", ",", ". ", "; ", " (", ") ", " - ", "  ", '"', "“", ", and "]
    for _ in range(400):
        n = rnd.randint(0, 12)
        en = rnd.choice(["", " ", "("]) + "".join(rnd.choice(pieces) + rnd.choice(gaps) for _ in range(n))
        pair = EnPair(1, en)
        found = list(WORD.finditer(en))
        starts, ends = [m.start() for m in found], [m.end() for m in found]
        assert (list(pair.places[0]), list(pair.places[1])) == (starts, ends), en
        marks = [m.start() for m in _CLAUSE.finditer(en)]
        for i in range(len(found)):
            gap = en[ends[i]:starts[i + 1]] if i + 1 < len(found) else None
            assert pair.hyphened(i) == (gap in ("-", "‐")), en
            assert pair.listed(i) == (gap == ", "), en
            for j in range(len(found)):
                assert pair.clause_break(i, j) == any(ends[i] <= m < starts[j] for m in marks), (en, i, j)
        assert not re.search(r"[-‐]", "".join(found_word.group() for found_word in found))


def test_spans_of_two_parts_are_those_read_for_any_number_of_parts():
    """`_spans_two` (a term of two parts, written out) finds the spans `_spans_any` finds for
    two parts (where the parts' first words from a start are one word: `_assignable`), on
    texts put together at random, with words rendering each part (some both, some compounds)
    picked at random."""
    import random

    from workbench.glossary.renderings import EnPair, _Hits, _spans_any, _spans_two

    rnd = random.Random(11)
    words = ["science", "technology", "the", "of", "and", "zones", "pilot", "areas", "a", "new", "parks", "tech",
             "the", "of", "and", "a", "to", "in"]
    gaps = [" ", " ", " ", " ", "-", ", ", ". ", " (", "; "]
    seen = 0
    for _ in range(3000):
        n = rnd.randint(1, 18)
        pair = EnPair(1, "".join(rnd.choice(words) + rnd.choice(gaps) for _ in range(n)))
        unstopped = pair.unstopped
        if not unstopped:
            continue
        first = sorted(rnd.sample(unstopped, rnd.randint(0, min(4, len(unstopped)))))
        second = sorted(rnd.sample(unstopped, rnd.randint(0, min(4, len(unstopped)))))
        both = set(first) | set(second)
        double = set(rnd.sample(sorted(both), rnd.randint(0, min(2, len(both))))) if rnd.random() < 0.3 else set()
        found = _spans_two(pair, _Hits([first, second]), double)
        assert found == _spans_any(pair, _Hits([first, second]), 2, double), (pair.en, first, second, double)
        seen += bool(found)
    assert seen > 300


def test_glosses_matched_once_a_file_render_each_pair_as_matched_in_it():
    """`Renderings._in_file` (a set of glosses matched once against the file's words) holds,
    of each pair's words, those the glosses match in that pair (`GlossMatcher.matching`, stop
    words aside); `_compound_words` the long words of the file that `_Reading` tries as
    compounds: on the demo's pairs put together at random, with the glosses of random
    dictionary words, some with a gloss of two letters, some of the file's own words."""
    from workbench.glossary import renderings
    from workbench.text.normalize import EN_STOP

    rnd, rows, terms = _demo_pairs_mixed(seed=9, n=150)
    engine = renderings.Renderings(rows)
    pairs = [engine.pair(pid) for pid, _, _ in rows]
    every = sorted(set().union(*(p.keys for p in pairs)))
    for term in terms[:120]:
        glosses = set().union(*(renderings.dictionary_glosses(w, engine.d) for w in (term[:2], term[-2:])))
        glosses |= set(rnd.sample(every, 2)) | ({"xi"} if rnd.random() < 0.3 else set())
        found = engine._in_file(glosses)
        for p in pairs:
            assert found.intersection(p.keys) == renderings.GlossMatcher(glosses).matching(set(p.keys)) - EN_STOP
        pieces = {g[:5] for g in glosses if len(g) >= 5}
        assert sorted(engine._compound_words(pieces)) == sorted(
            k for k in every if len(k) >= 8 and k not in EN_STOP and any(k.find(x, 3) >= 3 for x in pieces))


def test_a_verdict_read_by_way_of_rendering_is_the_verdict_read_pair_by_pair():
    """`verdict` compares each way a term's pairs render it once (`ways`), and finds the same
    majority, agreeing pairs and others as comparing every pair's renderings (the plain way,
    below), on random renderings of two or three parts, some in other orders."""
    import random
    from collections import Counter

    from workbench.glossary.renderings import Seen, Verdict, differ, verdict

    def plain(seen):
        counts = Counter(s.parts[0] for s in seen)
        if not counts:
            return None
        agree = {k: sum(any(k[-1] == kk[-1] and not differ(k, kk) for kk in s.parts) for s in seen) for k in counts}
        major = max(counts, key=lambda k: (agree[k], counts[k]))
        expected = next(s.surfaces[0] for s in seen if s.parts[0] == major)
        same = [s.pair for s in seen if any(not differ(major, kk) for kk in s.parts)]
        odd = [(s.pair, s.surfaces[0]) for s in seen if s.pair not in same]
        return Verdict(expected, same, odd)

    rnd = random.Random(4)
    words = ["scien", "techn", "sci", "tech", "achie", "resul", "pilot", "zone", "area"]
    for _ in range(300):
        n = rnd.choice((2, 3))

        def parts():
            order = list(range(n)) if rnd.random() < 0.8 else rnd.sample(range(n), n)
            return (*(frozenset(rnd.sample(words, rnd.randint(0, 2))) for _ in range(n)),
                    frozenset(["".join(map(str, order))]))

        shapes = [parts() for _ in range(rnd.randint(1, 4))]
        seen = [Seen(pid, [rnd.choice(shapes) for _ in range(rnd.randint(1, 2))], [f"r{pid}", "x"])
                for pid in range(rnd.randint(0, 30))]
        assert verdict(seen) == plain(seen)


def plain_components(term, d):
    """`renderings.components` as it was: every piece of two to four characters looked up."""
    out, i = [], 0
    while i < len(term):
        for n in range(min(4, len(term) - i), 0, -1):
            piece = term[i:i + n]
            if n == 1 or (piece != term and d.lookup(piece) is not None):
                out.append(piece)
                i += n
                break
    return out


def test_components_looked_up_where_a_word_may_begin_are_those_of_every_piece():
    """`components` looks up a piece only where its first two characters begin a dictionary
    word (`Dictionary.prefixes`), and, given `known`, asks it instead: the same words."""
    import random

    from workbench.glossary.dictionary import dictionary
    from workbench.glossary.renderings import components

    d = dictionary()
    rnd = random.Random(7)
    text = "".join(p for p, _ in INCONSISTENT[0][1]) + "科技成果转化先导区工业园区大规模设备更新一遍再说中华人民共和国"
    for _ in range(300):
        start = rnd.randrange(len(text))
        term = text[start:start + rnd.randint(1, 12)] + "".join(rnd.choices("的了区新", k=rnd.randint(0, 2)))
        assert components(term, d) == plain_components(term, d), term
        assert components(term, d, lambda piece: d.lookup(piece) is not None) == plain_components(term, d), term


def test_renderings_read_skipping_pairs_are_those_read_word_by_word(monkeypatch):
    """The engine reads a pair word by word only where each part of the term has a word that
    may render it (`_Reading.missing`), looks for a word before the other parts' rendering only
    where one may be (`_may_follow`; before a head alone: `_before_one`), tries a word as a
    compound only where a gloss's first five letters are in it from its fourth letter (those
    looked up once a file: `Renderings._compound_words`), and matches a set of glosses once for
    the file (`Renderings._in_file`, through the file's words begun as a gloss;
    `Renderings._matching`), reads a rendering's words from the term's rows
    (`_Reading.renders`), and reads the other Chinese words of a pair only for a part some
    word before the other parts' rendering is found for in two pairs (`_enough`), their
    dictionary words looked up once (`_explained`), and reads again with other glosses only
    the pairs holding a word they read otherwise (`_Reading.changed`): the same renderings (and the same words voted for a part no
    gloss renders) as matching every word of every pair for each term and trying every long
    word. On pairs of the demo put together at random, some with a word moved."""
    from dataclasses import astuple

    from workbench.glossary import renderings

    rnd, rows, terms = _demo_pairs_mixed(seed=5, n=240)
    terms = rnd.sample(terms, 160)

    def read(loose: bool) -> list:
        engine = renderings.Renderings(rows, loose=loose)
        return [[astuple(s) for s in engine.of(t)] for t in terms]

    fast = {loose: read(loose) for loose in (False, True)}
    monkeypatch.setattr(renderings._Reading, "missing", lambda self, present: [])
    monkeypatch.setattr(renderings._Reading, "hits", lambda self, pair, present: renderings._Hits(
        [[k for k, key in enumerate(pair.keys) if key in f] for f in self.found]))  # (every word asked of each part)
    monkeypatch.setattr(renderings._Reading, "compounds",
                        lambda self, pair, matched, present: renderings._compounds(pair, matched, self.parts))
    monkeypatch.setattr(renderings, "_may_follow", lambda pair, at: True)

    def before_one(pair, at, mine_at):  # (the head's spans as `_spans` finds them)
        return {w for sp in renderings._spans(pair, renderings._Hits([at]), 1)
                if (w := renderings._before(pair, sp)) and not any(sp[0] <= k <= sp[1] for k in mine_at)}

    monkeypatch.setattr(renderings, "_before_one", before_one)

    def every_key(engine):  # (every word of every pair of the file)
        return set().union(*(engine.pair(pid).keys for pid in engine.en_of))

    monkeypatch.setattr(renderings.Renderings, "_in_file", lambda self, glosses: frozenset(
        renderings.GlossMatcher(glosses).matching(every_key(self)).difference(renderings.EN_STOP)))
    monkeypatch.setattr(renderings.Renderings, "_compound_words", lambda self, pieces: [
        k for k in every_key(self) if len(k) >= 8 and k not in renderings.EN_STOP])

    class Every(set):  # (every pair holds a word read otherwise: each read again, from the start)
        def isdisjoint(self, other):
            return False

    monkeypatch.setattr(renderings._Reading, "changed", lambda self, other: Every())
    monkeypatch.setattr(renderings, "_enough", lambda counted: True)

    def renders(self, k, n):  # (as _words_by_part asked each word before _Reading.renders)
        parts = self.parts
        return renderings.matches(k, parts[n]) or (len(k) >= 8 and (
            n + 1 < len(parts) and renderings._compound(k, parts[n], parts[n + 1])
            or n > 0 and renderings._compound(k, parts[n - 1], parts[n])))

    def explained(self, pid, term):  # (every piece looked up, each time; every gloss gone through)
        words = plain_components(self.zh_of[pid].replace(term, "，"), self.d)
        glosses = set().union(*(renderings.dictionary_glosses(w, self.d) for w in words if len(w) >= 2))
        return lambda token: renderings.matches(token, glosses)

    monkeypatch.setattr(renderings._Reading, "renders", renders)
    monkeypatch.setattr(renderings.Renderings, "_explained", explained)
    monkeypatch.setattr(renderings.Renderings, "_matching",
                        lambda self, glosses, words: renderings.GlossMatcher(glosses).matching(words))
    for loose in (False, True):
        plain = read(loose)
        assert plain == fast[loose]
        assert sum(map(len, plain)) > 50  # (renderings found, not only pairs without any)


def _demo_pairs_mixed(seed: int, n: int, dropped: bool = False) -> tuple:
    """n pairs (id, normalised Chinese, English), each one or two of the demo's put together at
    random, every third with a word moved (renderings broken up, words before others), and, if
    `dropped`, every fourth with about half its words dropped (renderings missing); the random
    source, to draw more from; and the units of three characters or more in them, sorted."""
    import random
    from pathlib import Path

    import rjieba

    from workbench.checks.rendering import _pair_units
    from workbench.store.alignment_file import load_alignment
    from workbench.text.normalize import normalize_zh

    al = load_alignment(Path(__file__).resolve().parent.parent / "alignments" / "scio-2024-07-05.yaml")
    kept = [("".join(p.zh), " ".join(p.en)) for p in al.pairs if p.zh and p.en]
    rnd = random.Random(seed)
    rows = []
    for pid in range(1, n + 1):
        picked = rnd.sample(kept, rnd.randint(1, 2))
        words = " ".join(e for _, e in picked).split()
        if pid % 3 == 0:
            words.insert(rnd.randrange(len(words)), words.pop(rnd.randrange(len(words))))
        if dropped and pid % 4 == 0:
            words = [w for w in words if rnd.random() < 0.5]
        rows.append((pid, normalize_zh("".join(z for z, _ in picked)).replace('"', ""), " ".join(words)))
    return rnd, rows, sorted({u for _, zh, _ in rows for u in _pair_units(rjieba.cut(zh)) if len(u) >= 3})


def test_renderable_bounds_the_pairs_a_term_is_found_rendered_in():
    """`Renderings.renderable` (read from each pair's content words, for rendering-inconsistent
    to leave out a term that cannot be rendered two ways) is never below the number of pairs
    `of` finds the term rendered in, and is below the pairs holding it for some terms, with a
    glossary-less engine and a loose one. On pairs of the demo put together at random, some
    with a word moved, and every fourth with about half its English words dropped, so that
    some heads lack a rendering."""
    from workbench.glossary import renderings

    rnd, rows, terms = _demo_pairs_mixed(seed=11, n=200, dropped=True)
    terms = rnd.sample(terms, 150)
    for loose in (False, True):
        engine = renderings.Renderings(rows, loose=loose)
        below = 0
        for t in terms:
            ids = engine.holding(t)
            bound = engine.renderable(t, ids)
            assert bound >= len(engine.of(t, ids)), t
            below += bound < len(ids)
        assert below >= 5  # (the bound read, and below the pairs for some terms)


def test_a_pairs_chinese_is_cut_only_at_marks_no_dictionary_word_holds(tmp_path):
    """`_explained` reads a pair's words piece by piece between punctuation marks only where no
    dictionary word of two to four characters holds the mark (then no word runs across one):
    a mark some word holds is not cut at, and where "，" (put for the term) is held, none is."""
    from workbench.glossary.dictionary import Dictionary
    from workbench.glossary.renderings import Renderings

    def marks(*heads):
        path = tmp_path / "dict.txt"
        path.write_text("\n".join(sorted(f"{h}\tx\tgloss" for h in heads)), encoding="utf-8")
        return Renderings([(1, "科技", "science")], Dictionary(path))._marks

    assert marks("科技", "一、二三四五").pattern == "[，,。、;:!\\?\\(\\)]"  # (a word of six characters: never looked up)
    assert "、" not in marks("科技", "一、二").pattern
    assert marks("科技", "一，二") is None


def _spans_plainly(pair, matched, n_parts, double=frozenset()):
    """`_spans` as first written, on a row a word (which parts it renders): from each word
    rendering a part, every word of the span looked at."""
    from bisect import bisect_left

    from workbench.text.normalize import EN_STOP

    def place(n, tried, start, end, owners):
        for k in range(start, end + 1):
            if matched[k][n] and k not in tried:
                tried.add(k)
                held = owners.setdefault(k, [])
                if len(held) < (2 if k in double else 1):
                    held.append(n)
                    return True
                for i, m in enumerate(held):
                    if place(m, tried, start, end, owners):
                        held[i] = n
                        return True
        return False

    def assignable(start, end):
        owners = {}
        return all(place(n, set(), start, end, owners) for n in range(n_parts))

    def widen(start, end):
        def alike(a, b):
            return any(x and y for x, y in zip(matched[a], matched[b]))

        while True:
            if start > 0 and any(matched[start - 1]) and (pair.listed(start - 1) and alike(start - 1, start)
                                                          or not pair.clause_break(start - 1, start)):
                start -= 1
            elif start > 1 and any(matched[start - 2]) and pair.bridged(start - 2):
                start -= 2
            else:
                break
        while True:
            if end + 1 < len(matched) and any(matched[end + 1]) and (pair.listed(end) and alike(end, end + 1)
                                                                     or not pair.clause_break(end, end + 1)):
                end += 1
            elif end + 2 < len(matched) and any(matched[end + 2]) and pair.bridged(end):
                end += 2
            else:
                break
        return start, end

    hits = [[k for k, row in enumerate(matched) if row[n]] for n in range(n_parts)]
    if any(not h for h in hits):
        return []
    found, limit = [], 2 * n_parts + 2
    for start in sorted({k for h in hits for k in h}):
        ends = [h[i] if (i := bisect_left(h, start)) < len(h) else None for h in hits]
        if None in ends:
            break
        end = max(ends)
        if end - start + 1 > limit:
            continue
        if len(set(ends)) < n_parts:
            end = next((e for e in range(end, min(start + limit, len(matched))) if assignable(start, e)), end)
        if end - start + 1 > limit or pair.clause_break(start, end):
            continue
        if any(pair.keys[k] not in EN_STOP and not any(matched[k]) for k in range(start, end + 1)):
            continue
        span = widen(start, end)
        if pair.hyphened(span[0] - 1) or pair.hyphened(span[1]):
            continue
        if sum(1 + (k in double) for k in range(span[0], span[1] + 1) if pair.keys[k] not in EN_STOP) < n_parts:
            continue
        if span not in found:
            found.append(span)
    return sorted(found, key=lambda sp: (sp[1] - sp[0], sp[0]))


def test_spans_are_those_read_word_by_word():
    """`_spans` skips, from a start whose span would reach past a content word that renders no
    part, every start before that word, and counts a span's words by bisection: the same spans
    as looking at every start and every word (`_spans_plainly`), on random sentences of a few
    words, stop words, marks and hyphens, each word rendering random parts, some compounds."""
    import random

    from workbench.glossary.renderings import EnPair, _Hits, _spans

    rnd = random.Random(3)
    vocab = ["science", "technology", "the", "of", "and", "zones", "pilot", "areas", "new", "industrial",
             "biomanufacturing", "a", "in", "parks", "sci", "tech"]
    seps = [" ", " ", " ", " ", "-", ", ", "; ", " and ", " (", ") ", "‐", ",", " - ", ",  "]
    tried = found = 0
    for _ in range(3000):
        words = rnd.choices(vocab, k=rnd.randint(1, 14))
        en = words[0] + "".join(rnd.choice(seps) + w for w in words[1:])
        pair = EnPair(1, en)
        n_words, n_parts = len(pair.keys), rnd.randint(1, 3)
        starts, ends = pair.places  # (the words joined so, read at once: as the text between says)
        gaps = [en[ends[i]:starts[i + 1]] for i in range(n_words - 1)]
        assert [pair.hyphened(i) for i in range(-1, n_words)] == [0 <= i < n_words - 1 and gaps[i] in ("-", "‐")
                                                                  for i in range(-1, n_words)]
        assert [pair.listed(i) for i in range(n_words - 1)] == [g == ", " for g in gaps]
        share = rnd.random()
        matched = [tuple(rnd.random() < share / n_parts for _ in range(n_parts)) for _ in range(n_words)]
        double = frozenset(k for k in range(n_words) if len(pair.keys[k]) >= 8 and rnd.random() < 0.3)
        for k in double:  # (a compound renders two neighbouring parts)
            if n_parts > 1:
                n = rnd.randrange(n_parts - 1)
                row = list(matched[k])
                row[n] = row[n + 1] = True
                matched[k] = tuple(row)
        hits = _Hits([[k for k in range(n_words) if matched[k][n]] for n in range(n_parts)])
        expected = _spans_plainly(pair, matched, n_parts, double)
        assert _spans(pair, hits, n_parts, double) == expected, (en, matched, double)
        tried += 1
        found += bool(expected)
    assert found > tried // 10  # (spans found, not only sentences without any)


def test_a_run_with_the_memo_of_earlier_runs_finds_what_a_fresh_run_finds(monkeypatch):
    """The checks run again with the memo of earlier runs on the same document (as the editor
    does after each change) find what a run without it finds, and read again only the terms
    whose pairs changed: after edits that change how terms are rendered (a rendering found odd
    put right, one made odd, a pair's Chinese changed, a pair dropped, one added, the pairs
    renumbered), on pairs of the demo put together at random."""
    import random
    from pathlib import Path

    from workbench.checks import Memo
    from workbench.glossary import renderings
    from workbench.model import Alignment, Pair
    from workbench.store.alignment_file import load_alignment

    demo = load_alignment(Path(__file__).resolve().parent.parent / "alignments" / "scio-2024-07-05.yaml")
    kept = [p for p in demo.pairs if p.zh and p.en]
    rnd = random.Random(8)
    pairs = []
    for pid in range(1, 201):
        a, b = rnd.sample(kept, 2)
        pairs.append(Pair(id=pid, zh=a.zh + b.zh, en=a.en + b.en))
    read = []
    original_of = renderings.Renderings.of
    monkeypatch.setattr(renderings.Renderings, "of", lambda self, term, ids=None: read.append(term) or original_of(self, term, ids))
    memo = Memo()
    fresh = run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"])
    assert run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"], memo=memo) == fresh
    all_terms = len(read)
    assert fresh and all_terms > 100
    read.clear()
    assert run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"], memo=memo) == fresh
    assert read == []  # (nothing changed: nothing read again)
    changed_findings = 0
    for step in range(12):
        k = rnd.randrange(len(pairs))
        p = pairs[k]
        kind = step % 6
        if kind in (0, 1):  # a term's rendering put right where it was found odd, or made odd where it was not
            f = rnd.choice(fresh)
            old, new = (f.found, f.expected) if kind == 0 else (f.expected, f.found)
            k = next((i for i, q in enumerate(pairs) if q.id == f.pair), k) if kind == 0 else next(
                (i for i, q in enumerate(pairs) if q.id != f.pair and f.term in "".join(q.zh) and any(old in e for e in q.en)), k)
            p = pairs[k]
            pairs[k] = Pair(id=p.id, zh=p.zh, en=[e.replace(old, new) for e in p.en])
        elif kind == 2:  # the Chinese of another pair
            pairs[k] = Pair(id=p.id, zh=rnd.choice(kept).zh, en=p.en)
        elif kind == 3:  # a pair a term is found odd in dropped
            gone = rnd.choice(fresh).pair
            del pairs[next(i for i, q in enumerate(pairs) if q.id == gone)]
        elif kind == 4:
            a, b = rnd.sample(kept, 2)
            pairs.insert(k, Pair(id=max(q.id for q in pairs) + 1, zh=a.zh + b.zh, en=a.en + b.en))
        else:  # the pairs renumbered from k on
            pairs[k:] = [Pair(id=q.id + 1000, zh=q.zh, en=q.en) for q in pairs[k:]]
        read.clear()
        again = run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"], memo=memo)
        if kind in (0, 1, 2):
            assert len(read) < all_terms / 2, kind  # (only the terms whose pairs changed read again)
        expected = run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"])
        assert again == expected, step
        changed_findings += expected != fresh
        fresh = expected
    assert changed_findings >= 4  # (the edits changed what is found, so a stale memo would show)


def test_the_memo_of_a_run_that_stopped_half_way_is_not_trusted(monkeypatch):
    """A run that stopped half way (here: the engine failing at the first term it reads) may
    have kept the texts of a change without reading that change's terms again: the run after
    it reads every term again, and finds what a run without the memo finds."""
    from pathlib import Path

    from workbench.checks import Memo
    from workbench.glossary import renderings
    from workbench.model import Alignment, Pair
    from workbench.store.alignment_file import load_alignment

    demo = load_alignment(Path(__file__).resolve().parent.parent / "alignments" / "scio-2024-07-05.yaml")
    pairs = [p for p in demo.pairs if p.zh and p.en]
    memo = Memo()
    before = run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"], memo=memo)
    f = next(f for f in before if f.found in "".join(next(p.en for p in pairs if p.id == f.pair)))
    k = next(i for i, p in enumerate(pairs) if p.id == f.pair)
    pairs[k] = Pair(id=pairs[k].id, zh=pairs[k].zh, en=[e.replace(f.found, f.expected) for e in pairs[k].en])
    with monkeypatch.context() as m:
        m.setattr(renderings.Renderings, "of", lambda self, term, ids=None: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"], memo=memo)
    after = run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"])
    assert after != before
    assert run_checks(Alignment(pairs=list(pairs)), checks=["rendering-inconsistent"], memo=memo) == after


def test_a_term_whose_reading_failed_is_read_again_though_nothing_changed():
    """A term's reading that failed half way through a run (the texts of that run kept) is not
    taken from the run before it: the next run on the same texts reads it again."""
    from workbench.checks.rendering import DocumentMemo

    class Engine:
        def __init__(self, seen):
            self.seen, self.read = seen, []

        def inputs(self, term):
            return (["甲", "乙"], [set()], [set()])

        def of(self, term, ids):
            self.read.append(term)
            if self.seen is None:
                raise RuntimeError("stopped")
            return self.seen

    class Seen:
        def __init__(self, parts):
            self.parts = [parts]

    two_ways, one_way = [Seen("a"), Seen("b")], [Seen("a"), Seen("a")]
    memo = DocumentMemo()
    memo.start([1, 2], ["甲乙", "甲乙"], ["a", "b"])
    assert memo.of(Engine(two_ways), "甲乙", [1, 2]) is two_ways
    memo.start([1, 2], ["甲乙", "甲乙"], ["a", "a"])
    with pytest.raises(RuntimeError):
        memo.of(Engine(None), "甲乙", [1, 2])
    memo.start([1, 2], ["甲乙", "甲乙"], ["a", "a"])  # (nothing changed since the run that stopped)
    engine = Engine(one_way)
    assert memo.of(engine, "甲乙", [1, 2]) is None
    assert engine.read == ["甲乙"]
    memo.start([1, 2], ["甲乙", "甲乙"], ["a", "a"])
    engine = Engine(two_ways)
    assert memo.of(engine, "甲乙", [1, 2]) is None and engine.read == []  # (unchanged: taken from the memo)
