"""Running the checks together: order, dismissals, the JSON shape, odd text. Cases to flag, and look-alikes not to."""

import pytest
from checks_helpers import GLOSSARY, doc, long_pairs

from workbench.checks import CHECKS, Finding, is_ignored, run_checks
from workbench.errors import WorkbenchError
from workbench.model import Ignored


def found(check, *pairs, glossary=GLOSSARY):
    return [f for f in run_checks(doc(*pairs), glossary, checks=[check])]


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


def test_the_collector_paused_for_the_checks_is_as_it_was_after_them_even_after_an_error():
    import gc

    pairs = [("加快发展新质生产力。", "develop new productive forces")]
    if gc.get_freeze_count():  # (an editor test earlier in this process froze its objects, as the editor does)
        gc.unfreeze()
    assert gc.isenabled()
    assert run_checks(doc(*pairs), GLOSSARY)
    assert gc.isenabled()
    with pytest.raises(WorkbenchError):
        run_checks(doc(*pairs), GLOSSARY, checks=["no-such-check"])
    assert gc.isenabled()
    gc.disable()
    try:
        run_checks(doc(*pairs), GLOSSARY)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
    # what outlives the run goes to the oldest generation, nothing is left frozen, and a caller's
    # frozen objects stay frozen
    kept = run_checks(doc(*pairs), GLOSSARY)
    assert gc.get_freeze_count() == 0
    oldest = set(map(id, gc.get_objects(2)))
    assert kept and all(id(f) in oldest for f in kept)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert run_checks(doc(*pairs), GLOSSARY)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_is_ignored_matches_check_pair_and_term():
    f = Finding("term-missing", "warning", 57, "m", term="新质生产力")
    assert is_ignored(f, [Ignored("term-missing", 57, "新质生产力")])
    assert is_ignored(f, [Ignored("term-missing", None, "新质生产力")])
    assert is_ignored(f, [Ignored("term-missing", 57, None)])
    assert not is_ignored(f, [Ignored("term-missing", 58, "新质生产力")])
    assert not is_ignored(f, [Ignored("term-forbidden", 57, "新质生产力")])
    assert not is_ignored(f, [Ignored("term-missing", 57, "中小企业")])


def test_every_check_runs_without_a_glossary():
    al = doc(*long_pairs(3))
    assert run_checks(al, None) == []
    assert set(CHECKS) == {
        "term-missing", "term-forbidden", "term-inconsistent", "source-inconsistent",
        "variant-spelling", "number-mismatch", "omission", "untranslated", "typography", "capitalisation",
        "rendering-inconsistent",
    }


def test_unknown_check_is_refused():
    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError):
        run_checks(doc(("一", "one")), None, checks=["spelling"])


def test_finding_is_built_as_its_fields_say_and_stays_frozen():
    """Finding's own __init__ (faster than the dataclass's) takes the fields, in order, with
    their defaults; equality, hashing and immutability are the dataclass's."""
    import dataclasses
    import inspect

    params = list(inspect.signature(Finding).parameters.values())
    fields = dataclasses.fields(Finding)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
                                           for f in fields]
    f = Finding("omission", "info", 3, "m", found="x")
    assert (f.check, f.severity, f.pair, f.message, f.term, f.expected, f.found, f.file) == (
        "omission", "info", 3, "m", None, None, "x", None)
    assert f == Finding("omission", "info", 3, "m", None, None, "x") and hash(f) == hash(Finding("omission", "info", 3, "m", found="x"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.pair = 4  # type: ignore[misc]


def test_pair_order_follows_the_documents_and_a_repeated_id_takes_its_last_place():
    from workbench.checks import run_checks_corpus
    from workbench.model import Alignment, Pair

    def doc_of(*ids):
        al = Alignment(title="t")
        al.pairs = [Pair(id=i, zh=["中文内容"], en=[""]) for i in ids]  # (each: an omission)
        return al

    found = run_checks_corpus([("b", doc_of(2, 1)), ("a", doc_of(5, 7, 5))], None, checks=["omission", "untranslated"])
    assert [(f.file, f.pair) for f in found] == [("b", 2), ("b", 1), ("a", 7), ("a", 5), ("a", 5)]
    # one document (its pairs known by their ids alone), named or not
    assert [f.pair for f in run_checks(doc_of(5, 7, 5), None, checks=["omission"])] == [7, 5, 5]
    found = run_checks_corpus([("a", doc_of(3, 1, 3, 2))], None, checks=["omission", "untranslated"])
    assert [(f.file, f.pair) for f in found] == [("a", 1), ("a", 3), ("a", 3), ("a", 2)]


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


def test_the_inputs_of_a_run_differ_only_where_a_finding_may():
    """What the checks read (checks.Inputs): not a pair's status, score, paragraph or note; its
    sentences, its id, the order of the pairs, the dismissed findings and every field of a term
    that a check reads, yes, whether changed in a new object or not."""
    import copy

    from workbench.checks import Inputs
    from workbench.glossary.model import Glossary, Term

    al = doc(("加快发展新质生产力。", "develop new productive forces"), ("中小企业", "SMEs"))
    g = Glossary(terms=[Term(zh=["新质生产力"], en="new quality productive forces", note="n")])
    first = Inputs(al, g)
    assert first.same(Inputs(al, g))

    def changed(change, glossary=g) -> bool:
        other = copy.deepcopy(al)
        terms = copy.deepcopy(glossary)
        change(other, terms)
        return not first.same(Inputs(other, terms))

    def status(a, t):
        a.pairs[0].status, a.pairs[0].score, a.pairs[0].para, a.pairs[0].note = "confirmed", 0.5, 3, "seen"

    assert not changed(status)
    assert changed(lambda a, t: a.pairs[0].en.__setitem__(0, "develop new forces"))
    assert changed(lambda a, t: a.pairs[1].zh.append("中小企业。"))
    assert changed(lambda a, t: setattr(a.pairs[1], "id", 7))
    assert changed(lambda a, t: a.pairs.reverse())
    assert changed(lambda a, t: a.pairs.pop())
    assert changed(lambda a, t: a.ignored.append(Ignored("term-missing", 1, None)))
    for field, value in (("zh", ["新质"]), ("en", "new productive forces"), ("variants", ["NQPF"]),
                         ("forbidden", ["new productive forces"]), ("note", "m"), ("case", "sensitive")):
        assert changed(lambda a, t, field=field, value=value: setattr(t.terms[0], field, value)), field
    assert changed(lambda a, t: t.terms.append(Term(zh=["中小企业"], en="SMEs")))
    assert not first.same(Inputs(al, None)) and Inputs(al, None).same(Inputs(al, None))
