"""The glossary checks: term-missing, term-forbidden, term-inconsistent. Cases to flag, and look-alikes not to."""

import pytest
from checks_helpers import GLOSSARY, doc

from workbench.checks import run_checks, run_checks_corpus


def found(check, *pairs, glossary=GLOSSARY):
    return [f for f in run_checks(doc(*pairs), glossary, checks=[check])]


# -- term-missing ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "zh, en",
    [
        ("加快发展新质生产力。", "We will develop new productive capacity."),
        ("规模以上工业企业超过50.1万家。", "There are over 501,000 industrial enterprises above designated level."),
        ("规模以上工业企业超过50.1万家。", "There are over 501,000 industrial enterprises of designated size."),
        ("其中专精特新“小巨人”企业1.2万家。", "including 12,000 giant enterprises."),
        ("中小企业", "medium enterprises"),
    ],
)
def test_term_missing_flags(zh, en):
    fs = found("term-missing", (zh, en))
    assert len(fs) == 1 and fs[0].severity == "warning" and fs[0].pair == 1


@pytest.mark.parametrize(
    "zh, en",
    [
        ("加快发展新质生产力。", "We will develop New Quality Productive Forces."),
        ("加快发展新质生产力。", "the new-quality productive forces"),
        ("规模以上工业企业超过50.1万家。", "over 501,000 industrial enterprise above designated size."),
        ("规模以上工业企业超过50.1万家。", "over 501,000 industrial enterprises above the designated size."),
        ("其中专精特新“小巨人”企业1.2万家。", 'including 12,000 "little giant" enterprises.'),
        ("其中专精特新「小巨人」企业1.2万家。", "including 12,000 ‘little giant’ enterprises."),
        ("其中专精特新“小巨人”企业1.2万家。", "including 12,000 little-giant enterprises."),
        ("中小企业", "small- and medium-sized enterprises"),
        ("中小企业", "an SME's plans"),
        ("推进新型工业化", ""),  # an empty side is an omission, not a missing term
        ("没有术语", "No term here."),
    ],
)
def test_term_missing_passes(zh, en):
    assert found("term-missing", (zh, en)) == []


def test_term_missing_suggests_the_nearest_words_without_passing_them():
    (f,) = found("term-missing", ("规模以上工业企业", "industrial enterprises above designated scale level"),
                 glossary=_without_forbidden())
    assert f.expected == "industrial enterprises above designated size"
    assert f.found == "industrial enterprises above designated scale"


def _without_forbidden():
    from copy import deepcopy

    g = deepcopy(GLOSSARY)
    for t in g.terms:
        t.forbidden = []
    return g


def test_term_missing_back_reference_is_only_info():
    (f,) = found("term-missing", ("支持国家高新区发展", "We support these high-tech parks."),
                 glossary=_glossary_without_variant("国家高新区"))
    assert f.severity == "info" and f.found == "these high-tech parks" or f.found.startswith("these")


@pytest.mark.parametrize(
    "en, severity",
    [
        ("coordinate traditional, emerging, and future-oriented industries", None),
        ("coordinate traditional and emerging industries", None),
        ("coordinate traditional crafts. New industries", "warning"),
        ("coordinate traditional crafts and new policies for industries", "warning"),
    ],
)
def test_term_missing_shared_head_in_a_list_is_not_missing(en, severity):
    from copy import deepcopy

    g = deepcopy(GLOSSARY)
    g.terms.append(__import__("workbench.glossary.model", fromlist=["Term"]).Term(zh=["传统产业"], en="traditional industries"))
    fs = found("term-missing", ("统筹推进传统产业、新兴产业和未来产业发展", en), glossary=g)
    assert [f.severity for f in fs] == ([severity] if severity else [])


def _glossary_without_variant(key):
    from copy import deepcopy

    g = deepcopy(GLOSSARY)
    t = next(t for t in g.terms if t.key == key)
    t.en, t.variants = "national high-tech parks", []
    return g


# -- term-forbidden --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "zh, en, bad",
    [
        ("加快发展新质生产力。", "develop new productive forces", "new productive forces"),
        ("其中专精特新“小巨人”企业1.2万家。", "12,000 Small Giant Enterprises", "Small Giant Enterprises"),
        ("ARJ21支线飞机累计交付139架", "139 ARJ21 regional aircrafts", "regional aircrafts"),
        ("", "industrial enterprises above designated scale", "industrial enterprises above designated scale"),
    ],
)
def test_term_forbidden_flags(zh, en, bad):
    (f,) = found("term-forbidden", (zh, en))
    assert f.severity == "error" and f.found == bad


@pytest.mark.parametrize(
    "en",
    ["139 ARJ21 regional aircraft", "new quality productive forces", "the small giant", "new productive"],
)
def test_term_forbidden_passes(en):
    assert found("term-forbidden", ("ARJ21支线飞机", en)) == []


def test_forbidden_form_is_not_also_reported_missing():
    assert found("term-missing", ("加快发展新质生产力。", "develop new productive forces")) == []


# -- term-inconsistent ---------------------------------------------------------------------

def test_term_inconsistent_flags_the_minority_rendering_with_counts():
    fs = found(
        "term-inconsistent",
        ("推进新型工业化", "advance new industrialization"),
        ("新型工业化是关键任务", "new industrialization is a key task"),
        ("夯实新型工业化根基", "solidify the foundation of new-type industrialization"),
    )
    assert [(f.pair, f.found, f.expected) for f in fs] == [(3, "new-type industrialization", "new industrialization")]
    assert "×2" in fs[0].message and "×1" in fs[0].message


@pytest.mark.parametrize(
    "pairs",
    [
        # one rendering, different inflection and typography
        [("中小企业", "SMEs"), ("中小企业", "an SME"), ("中小企业", "SME’s")],
        [("新型工业化", "new industrialization"), ("新型工业化", "New Industrialization")],
        # an abbreviation after the full name is style
        [("工业和信息化部", "Ministry of Industry and Information Technology"), ("工业和信息化部", "the MIIT")],
        # a short mention after the full form
        [("国家高新区", "national high-tech zones"), ("国家高新区", "these high-tech zones")],
        # the full name behind a Chinese abbreviation
        [("国家高新区", "national high-tech zones"), ("国家高新区", "national high-tech industrial development zones")],
    ],
)
def test_term_inconsistent_passes(pairs):
    assert found("term-inconsistent", *pairs) == []


def test_term_inconsistent_across_a_corpus():
    a = doc(("推进新型工业化", "advance new industrialization"))
    b = doc(("推进新型工业化", "advance new-type industrialization"))
    fs = run_checks_corpus([("a.yaml", a), ("b.yaml", b)], GLOSSARY, checks=["term-inconsistent"])
    assert [(f.file, f.pair) for f in fs] in ([("b.yaml", 1)], [("a.yaml", 1)])


def test_term_inconsistent_reads_each_documents_own_glossary():
    """Documents checked together with glossaries of their own, one after another: the full
    name behind an abbreviation is looked up in the document's own glossary."""
    from workbench.glossary.model import Glossary, Term

    other = Glossary(name="other", terms=[Term(zh=["新型工业化"], en="new industrialization"),
                                          Term(zh=["国家高新区"], en="national high-tech zones")])
    pairs = [("国家高新区", "national high-tech zones"), ("国家高新区", "national high-tech industrial development zones")]
    docs = [("a.yaml", doc(pairs[0])), ("b.yaml", doc(("推进新型工业化", "advance new industrialization"))),
            ("c.yaml", doc(*pairs))]
    fs = run_checks_corpus(docs, [GLOSSARY, other, GLOSSARY], checks=["term-inconsistent"])
    assert fs == []


# -- matching as a reviser reads ------------------------------------------------------------

def _glossary(*terms):
    from workbench.glossary.model import Glossary

    return Glossary(name="t", terms=list(terms))


def test_an_acronym_does_not_match_a_name_written_like_it():
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["人工智能"], en="artificial intelligence", variants=["AI"]))
    (f,) = found("term-missing", ("发展人工智能", "Ai Jun spoke about it."), glossary=g)
    assert f.found is None and "Ai" not in f.message.split(";")[-1]  # and no "found “Ai”" offered
    assert not found("term-missing", ("发展人工智能", "We develop AI."), glossary=g)
    assert not found("term-missing", ("发展人工智能", "We develop Artificial Intelligence."), glossary=g)


def test_stemming_keeps_plane_apart_from_plan():
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["计划"], en="plan"))
    assert found("term-missing", ("这个计划", "This plane."), glossary=g)
    assert not found("term-missing", ("这些计划", "These plans."), glossary=g)
    g = _glossary(Term(zh=["分支"], en="branch"))
    assert not found("term-missing", ("分支", "two branches"), glossary=g)


def test_british_spelling_of_an_accepted_rendering_is_that_rendering():
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["未来产业"], en="future-oriented industries"))
    assert not found("term-missing", ("未来产业", "future-orientated industries"), glossary=g)
    g = _glossary(Term(zh=["组织"], en="organization"))
    assert not found("term-missing", ("组织", "the organisation's plan"), glossary=g)


def test_a_suggestion_never_takes_the_words_of_another_term():
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["龙头企业"], en="leading enterprises"),
                  Term(zh=["中小企业"], en="small and medium-sized enterprises"))
    (f,) = found("term-missing", ("龙头企业和中小企业", "Key enterprises and small and medium-sized enterprises."),
                 glossary=g)
    assert f.found == "Key enterprises"


def test_a_reference_back_to_a_term_just_named_is_not_missing():
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["习近平总书记"], en="General Secretary Xi Jinping"),
                  Term(zh=["中小企业"], en="small and medium-sized enterprises"))
    pairs = [("习近平总书记指出", "General Secretary Xi Jinping pointed out"),
             ("习近平总书记的重要论述", "His important discourse"),
             ("支持中小企业", "We support small and medium-sized enterprises."),
             ("中小企业发展", "These enterprises grow.")]
    assert found("term-missing", *pairs, glossary=g) == []
    # without the term named just before, "His" is no antecedent and "These SMEs" only info
    fs = found("term-missing", ("没有", "Nothing"), *pairs[1:2], *[("没有", "Nothing")] * 4, pairs[3], glossary=g)
    assert [(f.pair, f.severity) for f in fs] == [(2, "warning"), (7, "info")]


@pytest.mark.parametrize(
    "en, missing",
    [
        ("China made progress in digitally transforming its manufacturing sector.", False),
        ("digital. A transformation", True),  # not one phrase
        ("industrial enterprises of designated size", True),  # "above" is not glue
        ("the renewal and replacement of key energy-consuming equipment", False),
        ("the renewal of plans, and equipment", True),
    ],
)
def test_the_same_words_in_another_grammatical_form_are_not_missing(en, missing):
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["数字化转型"], en="digital transformation"),
                  Term(zh=["规模以上工业企业"], en="industrial enterprises above designated size"),
                  Term(zh=["设备更新"], en="equipment renewal"))
    zh = "规模以上工业企业" if "designated" in en else "设备更新" if "renewal" in en else "数字化转型"
    assert bool(found("term-missing", (zh, en), glossary=g)) == missing


def test_one_concept_one_piece_of_advice_for_nested_terms():
    """规模以上 alone and inside 规模以上工业增加值: "the" is advised on once, the same way
    everywhere, and the longer term is not flagged for it."""
    from workbench.glossary.model import Term

    g = _glossary(
        Term(zh=["规模以上"], en="above designated size", variants=["above the designated size"]),
        Term(zh=["规模以上工业增加值"], en="value added of industrial enterprises above designated size",
             variants=["value added of industrial enterprises above the designated size"]),
    )
    pairs = [
        ("规模以上工业增加值增长", "value added of industrial enterprises above the designated size grew"),
        ("规模以上工业增加值增长", "value added of industrial enterprises above designated size grew"),
        ("规模以上企业", "enterprises above designated size"),
        ("规模以上企业", "enterprises above designated size"),
        ("规模以上企业", "enterprises above the designated size"),
    ]
    fs = found("term-inconsistent", *pairs, glossary=g)
    assert [(f.pair, f.term, f.expected) for f in fs] == [
        (1, "规模以上", "above designated size"), (5, "规模以上", "above designated size")]


def test_a_pair_with_the_preferred_rendering_and_a_variant_is_flagged():
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["设备更新"], en="equipment renewal", variants=["equipment upgrades"]))
    pairs = [("设备更新", "equipment renewal"), ("推动设备更新……设备更新", "equipment upgrades … equipment renewal")]
    (f,) = found("term-inconsistent", *pairs, glossary=g)
    assert f.pair == 2 and f.found == "equipment upgrades"


def test_their_right_after_the_term_was_named_is_only_info():
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["国家高新区"], en="national high-tech zones"))
    pairs = [("国家高新区发展如何？", "How are national high-tech zones doing?"),
             ("如何推动国家高新区高质量发展？", "How will you promote their high-quality development?")]
    (f,) = found("term-missing", *pairs, glossary=g)
    assert (f.pair, f.severity) == (2, "info") and "their" in f.message
    (f,) = found("term-missing", pairs[1], glossary=g)  # no antecedent: a warning
    assert f.severity == "warning"


def test_a_traditional_script_source_meets_a_simplified_glossary():
    from workbench.glossary.model import Term

    g = _glossary(Term(zh=["国家高新区"], en="national high-tech zones"),
                  Term(zh=["專精特新中小企業"], en="specialized SMEs"))
    assert [f.term for f in found("term-missing", ("推動國家高新區發展", "We support them."), glossary=g)] == ["国家高新区"]
    assert found("term-missing", ("推動國家高新區發展", "national high-tech zones"), glossary=g) == []
    # and a traditional glossary entry meets a simplified source
    assert [f.term for f in found("term-missing", ("专精特新中小企业", "SMEs"), glossary=g)] == ["專精特新中小企業"]


def test_simplified_keeps_positions():
    from workbench.text.normalize import simplified

    for text in ("國家高新區", "專精特新「小巨人」企業1.2萬家", "abc", "乾隆皇帝", "頭髮"):
        assert len(simplified(text)) == len(text)
    assert simplified("兩萬億") == "两万亿"


# A term found inside a longer word of the sentence (jieba) is that word's, not the term's; a
# word reaching one character beyond it is jieba's slip, and the term is checked as usual.
COMPOUNDS = [
    ("加快用能设备更新换代。", "We will speed up the replacement of energy-using equipment.", False),
    ("推动设备更新。", "We will promote the replacement of equipment.", True),
    ("工业和信息化部将推动发展。", "The ministry will promote development.", True),  # 部|将 read as 部将
]


@pytest.mark.parametrize("zh, en, missing", COMPOUNDS, ids=[c[0] for c in COMPOUNDS])
def test_a_term_inside_a_longer_compound_is_not_missing(zh, en, missing):
    from workbench.glossary.model import Glossary, Term

    g = Glossary(name="g", terms=[Term(zh=["设备更新"], en="equipment renewal"),
                                  Term(zh=["工业和信息化部"], en="Ministry of Industry and Information Technology",
                                       variants=["MIIT"])])
    assert bool(found("term-missing", (zh, en), glossary=g)) == missing


def test_a_words_root_is_read_as_suffix_by_suffix():
    """_root tests all the suffixes at once first (most words end in none): the same root as
    trying each in turn, on random words made of suffixes and letters (ß and İ change length
    when case-folded)."""
    import random

    from workbench.checks.terms import _SUFFIXES, _root

    def plain(word):
        w = word.casefold()
        for suffix, repl in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)] + repl
                break
        return w[:7]

    rnd = random.Random(10)
    pieces = ["a", "ation", "ing", "s", "ly", "ally", "ed", "es", "iz", "is", "T", "ß", "ations", "izations", "İ"]
    words = {"".join(rnd.choices(pieces, k=rnd.randint(1, 5))) for _ in range(5000)}
    assert [_root(w) for w in words] == [plain(w) for w in words]
    assert sum(_root(w) != w.casefold()[:7] for w in words) > 300  # (a suffix taken off)


def test_a_term_is_inside_a_longer_word_of_its_clause_as_of_its_sentence():
    """inside_a_longer_word cuts only the clause around the term (between punctuation marks):
    the same answer as cutting the whole sentence, on random sentences of words that jieba
    joins, letters, digits, spaces and marks of every kind, traditional characters, and spans
    anywhere (across a mark too)."""
    import random

    import rjieba

    from workbench.checks.terms import inside_a_longer_word
    from workbench.text.normalize import simplified

    def whole_sentence(zh, start, end):  # (the plain way: every word of the sentence)
        pos = 0
        for word in rjieba.cut(simplified(zh)):
            a, b = pos, pos + len(word)
            pos = b
            if (a < end < b and a >= start and b - end >= 2) or (a < start < b and b <= end and start - a >= 2):
                return True
        return False

    rnd = random.Random(9)
    pieces = ["用能", "设备", "更新", "换代", "工业", "和", "信息化", "部", "将", "推动", "發展", "中小企业", "高新区",
              "，", "。", "、", "；", ",", "!", " ", "5G", "R&D", "3.5%", "-", "\n", "「", "」", "国家", "规模以上"]
    checked = inside = 0
    for _ in range(400):
        zh = "".join(rnd.choices(pieces, k=rnd.randint(1, 14)))
        for _ in range(5):
            start = rnd.randrange(len(zh))
            end = rnd.randint(start + 1, min(len(zh), start + 6))
            got = inside_a_longer_word(zh, start, end)
            assert got == whole_sentence(zh, start, end), (zh, start, end)
            checked += 1
            inside += got
    assert checked == 2000 and inside > 100


def test_a_pairs_term_renderings_read_at_once_are_those_read_term_by_term():
    """_term_renderings reads a pair whose renderings are of distinct terms without en_by_term:
    the same (term, hit) list as reading every term's hits from en_by_term."""
    import random

    from workbench.checks.terms import _term_renderings
    from workbench.checks.view import build_views
    from workbench.glossary.matching import FORBIDDEN

    rnd = random.Random(6)
    zh = ["规模以上工业企业", "中小企业", "专精特新“小巨人”企业", "新质生产力", "规模以上", "，"]
    en = ["industrial enterprises above designated size", "SMEs", "small- and medium-sized enterprises",
          '"little giant" enterprises', "small giant enterprises", "new quality productive forces", "and", "the"]
    pairs = [("".join(rnd.choices(zh, k=rnd.randint(1, 4))), " ".join(rnd.choices(en, k=rnd.randint(1, 5))))
             for _ in range(300)]
    (view,) = build_views([(None, doc(*pairs))], [GLOSSARY])
    several = repeated = 0
    for p in view.pairs:
        if not p.zh_terms or not p.en_hits:
            continue
        found = [(i, h) for i in p.zh_terms_all if i in p.en_by_term for h in p.en_by_term[i] if h.kind != FORBIDDEN]
        shared = {h.span for _, h in found if sum(h.span == x.span for _, x in found) > 1}
        assert _term_renderings(p) == [(i, h) for i, h in found if h.span not in shared]
        several += len(found) > 1
        repeated += len({h.term for h in p.en_hits}) < len(p.en_hits)
    assert several > 20 and repeated > 20


def test_the_glossary_checks_read_the_whole_run_as_each_pair_read_alone():
    """term-missing, term-forbidden and term-inconsistent read the hits of every pair at once
    (numbers for (pair, term), filtered in C): the same terms, hits and order as each pair's
    own hits read one by one (a view matched pair by pair), on random pairs where terms nest,
    renderings nest in variants, two terms share a rendering, a forbidden form is an
    inflection away, and a term is case-sensitive."""
    import random
    from itertools import filterfalse

    from workbench.checks.terms import _counted_renderings, _term_codes, _term_renderings
    from workbench.checks.view import build_views
    from workbench.glossary.matching import FORBIDDEN
    from workbench.glossary.model import Glossary, Term

    glossary = Glossary(name="t", terms=[*GLOSSARY.terms, Term(zh=["高新区"], en="high-tech zones"),
                                         Term(zh=["人工智能"], en="AI", case="sensitive", forbidden=["A.I."]),
                                         Term(zh=["规模以上"], en="above designated size")])
    rnd = random.Random(11)
    zh = ["规模以上工业企业", "中小企业", "专精特新“小巨人”企业", "新质生产力", "规模以上", "，", "国家高新区",
          "高新区", "国家高新技术产业开发区", "人工智能", "支线飞机", "工业和信息化部"]
    en = ["industrial enterprises above designated size", "SMEs", "small- and medium-sized enterprises",
          '"little giant" enterprises', "small giant enterprises", "new quality productive forces", "and", "the",
          "national high-tech zones", "high-tech zones", "AI", "Ai", "A.I.", "regional aircrafts",
          "regional aircraft", "new productive forces", "MIIT", "above the designated size", "national"]
    pairs = [("".join(rnd.choices(zh, k=rnd.randint(0, 4))), " ".join(rnd.choices(en, k=rnd.randint(0, 6))))
             for _ in range(400)]
    al = doc(*pairs)
    (now,), (alone,) = build_views([(None, al)], [glossary]), build_views([(None, al)], [glossary], match_all=False)
    width = len(glossary.terms)
    every = set(range(width))
    expected = [(k, i, h) for k, p in enumerate(alone.pairs) if p.zh_terms and p.en_hits for i, h in _term_renderings(p)]
    assert _counted_renderings(now, every) == expected
    assert len({(k, i) for k, i, _ in expected}) < len(expected)  # (a term rendered twice in a pair)
    some = set(rnd.sample(sorted(every), 5))
    assert _counted_renderings(now, some) == [x for x in expected if x[1] in some]
    zh_codes, en_codes = _term_codes(now.matcher, now.found)
    rendered = set(en_codes)
    missing = [divmod(code, width) for code in dict.fromkeys(filterfalse(rendered.__contains__, zh_codes))]
    assert missing == [(k, i) for k, p in enumerate(alone.pairs) for i in p.zh_terms
                       if i not in {h.term for h in p.en_hits}]
    assert len(missing) > 50
    for k, p in enumerate(alone.pairs):
        for i in p.zh_terms:
            assert now.found.zh.first_hit(k, i) == next(h for h in p.zh_hits if h.term == i)
    assert now.found.zh.first_hit(0, width + 1) is None
    assert set(zh_codes).intersection(en_codes) == {k * width + i for k, p in enumerate(alone.pairs)
                                                    for i in p.zh_terms if i in {h.term for h in p.en_hits}}
    assert [h for p in now.pairs for h in p.en_hits if h.kind == FORBIDDEN and h.exact]


def test_term_missing_keeps_none_of_its_own_readings_of_the_pairs():
    """term-missing drops the tokens and word keys it read of each pair once done with it (no
    other check reads them: kept, they held megabytes through the rest of the run), and the
    findings are those of a run that reads them afresh."""
    from workbench.checks.terms import term_missing
    from workbench.checks.view import build_views

    al = doc(("coordinate规模以上工业企业", "coordinate traditional and emerging industries"),
             ("支持国家高新区发展", "We support these high-tech parks."),
             ("规模以上工业企业和中小企业", "industrial enterprises above designated scale level and giants"))
    views = build_views([(None, al)], [GLOSSARY])
    first = list(term_missing(views))
    assert len(first) >= 2
    assert not any(name in p.__dict__ for p in views[0].pairs for name in ("words", "tokens", "word_keys"))
    assert list(term_missing(views)) == first


def test_a_sentence_read_for_suggestions_is_read_word_by_word():
    """_words_of (the text split once, its words keyed in C) gives what reading it match by
    match gives: places, keys, function words, and the punctuation between words counted."""
    import random
    import re

    from workbench.checks.terms import _words_of
    from workbench.text.normalize import EN_STOP, WORD, word_key

    rnd = random.Random(8)
    pieces = ["SMEs", "the", "The", "of", "R&D", "it’s", " ", ", ", ". ", "—", "é", "中", "_", ";", "3.5", "", "’"]
    for _ in range(500):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 12)))
        words = list(WORD.finditer(text))
        starts, ends = [m.start() for m in words], [m.end() for m in words]
        broken = [bool(re.search(r"[.,;:!?]", text[a:b])) for a, b in zip(ends, starts[1:])]
        assert _words_of(text) == (starts, ends, [word_key(m.group()) for m in words],
                                   [m.group().casefold() in EN_STOP for m in words],
                                   [sum(broken[:k]) for k in range(len(words))] if words else [0]), text
