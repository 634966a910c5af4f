"""Each check: cases it must flag, and look-alikes it must not."""

import pytest
from checks_helpers import GLOSSARY, doc

from workbench.checks import CHECKS, Finding, is_ignored, run_checks, run_checks_corpus
from workbench.model import Ignored


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
        ("coordinate traditional, emerging, and future-oriented industries", "info"),
        ("coordinate traditional and emerging industries", "info"),
        ("coordinate traditional crafts. New industries", "warning"),
        ("coordinate traditional crafts and new policies for industries", "warning"),
    ],
)
def test_term_missing_shared_head_in_a_list_is_only_info(en, severity):
    from copy import deepcopy

    g = deepcopy(GLOSSARY)
    g.terms.append(__import__("workbench.glossary.model", fromlist=["Term"]).Term(zh=["传统产业"], en="traditional industries"))
    fs = found("term-missing", ("统筹推进传统产业、新兴产业和未来产业发展", en), glossary=g)
    assert [f.severity for f in fs] == [severity]


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


# -- source-inconsistent ---------------------------------------------------------------------

def test_source_inconsistent_flags_same_zh_different_en():
    fs = found(
        "source-inconsistent",
        ("我就回答这些，谢谢。", "That's all for my answer. Thank you."),
        ("我就回答这些，谢谢。", "That's all for my answer. Thank you."),
        ("我就回答这些，谢谢！", "That is all for my answer. Thank you."),
        glossary=None,
    )
    assert [(f.pair, f.severity) for f in fs] == [(3, "info")]  # wording only: info
    fs = found(
        "source-inconsistent",
        ("这个问题请辛国斌副部长回答。", "Mr. Xin will answer this question."),
        ("这个问题请辛国斌副部长回答。", "I would like to invite Mr. Xin to address this question."),
        glossary=None,
    )
    assert [(f.pair, f.severity) for f in fs] == [(2, "warning")]


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


# -- variant-spelling ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "a, b, found_text",
    [
        ("develop future-oriented industries", "develop future-orientated industries", "orientated"),
        ("the organization works", "the organisation works", "organisation"),
        ("high-tech enterprises grew", "high tech enterprises grew", "high tech"),
        ("cellphone users", "cell phone users", "cell phone"),
        ("industrial enterprises above designated size.", "industrial enterprises above the designated size.", None),
    ],
)
def test_variant_spelling_flags(a, b, found_text):
    fs = found("variant-spelling", ("一", a), ("二", a), ("三", b), glossary=None)
    assert fs and all(f.pair == 3 and f.severity == "info" for f in fs)
    if found_text:
        assert fs[0].found == found_text


@pytest.mark.parametrize(
    "a, b",
    [
        ("a high level of digitalization", "the High-level Meeting on AI"),  # different next word
        ("for four years", "for the people"),
        ("the digital transformation of the manufacturing sector", "digital transformation of manufacturing."),
        ("innovative achievements in the fields of energy", "innovative achievements in fields such as energy"),
        ("enterprises", "enterprise"),
    ],
)
def test_variant_spelling_passes(a, b):
    assert found("variant-spelling", ("一", a), ("二", b), glossary=None) == []


def test_variant_spelling_leaves_glossary_renderings_to_term_inconsistent():
    pairs = [("规模以上工业企业", "industrial enterprises above designated size."),
             ("规模以上工业企业", "industrial enterprises above designated size."),
             ("规模以上工业企业", "industrial enterprises above the designated size.")]
    assert found("variant-spelling", *pairs) == []
    assert found("term-inconsistent", *pairs)


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


# -- omission --------------------------------------------------------------------------------

def _long_pairs(n=12):
    zh = "我们将继续深化改革扩大开放统筹高质量发展和高水平安全大力推进新型工业化。"
    en = "We will continue to deepen reform and expand opening-up, and vigorously promote new industrialization."
    return [(zh, en)] * n


def test_omission_flags_empty_sides_and_a_far_ratio():
    pairs = _long_pairs() + [
        ("我们将继续深化改革扩大开放统筹高质量发展和高水平安全大力推进新型工业化。", "We will reform."),
        ("这句没有英文。", ""),
        ("", "An English addition."),
    ]
    fs = found("omission", *pairs, glossary=None)
    assert [(f.pair, f.severity) for f in fs] == [(13, "warning"), (14, "warning"), (15, "info")]


def test_omission_passes_ordinary_and_short_pairs():
    pairs = _long_pairs() + [("谢谢。", "Thank you very much for your kind and detailed question.")]
    assert found("omission", *pairs, glossary=None) == []


# -- untranslated ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "zh, en, severity",
    [
        ("推进新型工业化", "advance 新型工业化", "error"),
        ("OpenHarmony", "OpenHarmony", "warning"),
        ("推进新型工业化", "推进新型工业化", "error"),
    ],
)
def test_untranslated_flags(zh, en, severity):
    (f,) = found("untranslated", (zh, en), glossary=None)
    assert f.severity == severity


@pytest.mark.parametrize("zh, en", [("2024", "2024"), ("推进新型工业化", "advance new industrialization “—”"), ("5G", "5G")])
def test_untranslated_passes(zh, en):
    assert found("untranslated", (zh, en), glossary=None) == []


# -- all together ----------------------------------------------------------------------------

def test_findings_come_in_pair_order_and_dismissed_ones_stay_dismissed():
    pairs = [("加快发展新质生产力。", "develop new productive forces"), ("推进新型工业化", "advance 新型工业化")]
    al = doc(*pairs)
    fs = run_checks(al, GLOSSARY)
    assert [f.pair for f in fs] == sorted(f.pair for f in fs)
    assert {f.check for f in fs} >= {"term-forbidden", "untranslated"}
    al.ignored = [Ignored(check="term-forbidden", pair=1, term="新质生产力", reason="quoted on purpose")]
    again = run_checks(al, GLOSSARY)
    assert "term-forbidden" not in {f.check for f in again}
    assert "untranslated" in {f.check for f in again}


def test_is_ignored_matches_check_pair_and_term():
    f = Finding("term-missing", "warning", 57, "m", term="新质生产力")
    assert is_ignored(f, [Ignored("term-missing", 57, "新质生产力")])
    assert is_ignored(f, [Ignored("term-missing", None, "新质生产力")])
    assert is_ignored(f, [Ignored("term-missing", 57, None)])
    assert not is_ignored(f, [Ignored("term-missing", 58, "新质生产力")])
    assert not is_ignored(f, [Ignored("term-forbidden", 57, "新质生产力")])
    assert not is_ignored(f, [Ignored("term-missing", 57, "中小企业")])


def test_every_check_runs_without_a_glossary():
    al = doc(*_long_pairs(3))
    assert run_checks(al, None) == []
    assert set(CHECKS) == {
        "term-missing", "term-forbidden", "term-inconsistent", "source-inconsistent",
        "variant-spelling", "number-mismatch", "omission", "untranslated",
    }


def test_unknown_check_is_refused():
    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError):
        run_checks(doc(("一", "one")), None, checks=["spelling"])


def test_finding_json_shape():
    f = Finding("term-missing", "warning", 3, "msg", term="t", expected="e")
    assert f.as_dict() == {"check": "term-missing", "severity": "warning", "pair": 3, "term": "t", "expected": "e", "message": "msg"}


# -- robustness ------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(alphabet=st.sampled_from(list("新质生产力规模以上工业企业小巨人“”\"'-‐ ,.%万亿12345 aAeEsSy’()中国式现代化")),
                max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=8))
def test_checks_never_fail_on_odd_text(pairs):
    al = doc(*[(z.strip(), e.strip()) for z, e in pairs if z.strip() or e.strip()] or [("一", "one")])
    for f in run_checks(al, GLOSSARY):
        assert f.check in CHECKS and f.severity in ("error", "warning", "info")
