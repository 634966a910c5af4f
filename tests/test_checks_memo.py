"""checks.Memo: a run with the memo of earlier runs on the same document finds what a fresh run
finds, every check, after any sequence of edits (the editor checks again after each change)."""

import random
from pathlib import Path

import pytest

from workbench.checks import CHECKS, Memo, run_checks
from workbench.glossary.model import Glossary, Term, load_glossary
from workbench.model import Alignment, Pair
from workbench.store.alignment_file import load_alignment

ROOT = Path(__file__).resolve().parent.parent


def _demo() -> tuple[list[Pair], Glossary]:
    demo = load_alignment(ROOT / "alignments" / "scio-2024-07-05.yaml")
    return [p for p in demo.pairs if p.zh and p.en], load_glossary(ROOT / "glossary" / "scio.yaml")


def _edit(rnd: random.Random, pairs: list[Pair], kept: list[Pair], glossary: Glossary, step: int) -> Glossary:
    """One random edit of the pairs (in place) or of the glossary (a new one given back)."""
    kind = rnd.randrange(14)
    k = rnd.randrange(len(pairs))
    p = pairs[k]
    if kind == 0:  # another pair's English
        pairs[k] = Pair(id=p.id, zh=p.zh, en=rnd.choice(kept).en)
    elif kind == 1:  # a word of the English capitalised, lower-cased, or a number changed
        words = " ".join(p.en).split(" ")
        i = rnd.randrange(len(words))
        w = words[i]
        words[i] = rnd.choice([w.capitalize(), w.lower(), w.upper(), "42", w + "s", "Zhongguancun"])
        pairs[k] = Pair(id=p.id, zh=p.zh, en=[" ".join(words)])
    elif kind == 2:  # another pair's Chinese
        pairs[k] = Pair(id=p.id, zh=rnd.choice(kept).zh, en=p.en)
    elif kind == 3:  # the Chinese with a character dropped or a number put in
        zh = "".join(p.zh)
        i = rnd.randrange(len(zh))
        zh = zh[:i] + rnd.choice(["", "三成", "10%", "区"]) + zh[i + 1:]
        pairs[k] = Pair(id=p.id, zh=[zh], en=p.en)
    elif kind == 4 and len(pairs) > 20:  # a pair dropped
        del pairs[k]
    elif kind == 5:  # a pair added (its id one that was dropped, if any, else a new one)
        a, b = rnd.sample(kept, 2)
        used = {q.id for q in pairs}
        free = [i for i in range(1, max(used) + 1) if i not in used]
        pairs.insert(k, Pair(id=free[0] if free else max(used) + 1, zh=a.zh + b.zh, en=a.en + b.en))
    elif kind == 6:  # the pairs renumbered from k on
        pairs[k:] = [Pair(id=q.id + 500, zh=q.zh, en=q.en) for q in pairs[k:]]
    elif kind == 7 and k + 1 < len(pairs):  # two pairs merged
        q = pairs[k + 1]
        pairs[k:k + 2] = [Pair(id=p.id, zh=p.zh + q.zh, en=p.en + q.en)]
    elif kind == 8 and len(p.zh) > 1:  # a pair split
        pairs[k:k + 1] = [Pair(id=p.id, zh=p.zh[:1], en=p.en[:1]),
                          Pair(id=max(q.id for q in pairs) + 1, zh=p.zh[1:], en=p.en[1:])]
    elif kind == 9:  # two pairs' English swapped (ids kept)
        j = rnd.randrange(len(pairs))
        q = pairs[j]
        pairs[k], pairs[j] = Pair(id=p.id, zh=p.zh, en=q.en), Pair(id=q.id, zh=q.zh, en=p.en)
    elif kind == 10:  # a glossary term added, from a pair's Chinese, anywhere in the glossary
        zh = "".join(p.zh)
        i = rnd.randrange(max(len(zh) - 4, 1))
        terms = list(glossary.terms)
        terms.insert(rnd.randint(0, len(terms)), Term(zh=[zh[i:i + rnd.randint(2, 4)]], en=rnd.choice(" ".join(p.en).split())))
        return Glossary(glossary.name, terms)
    elif kind == 11 and glossary.terms:  # a term's rendering edited, or a term dropped
        terms = list(glossary.terms)
        i = rnd.randrange(len(terms))
        t = terms[i]
        if rnd.random() < 0.5:
            terms[i] = Term(zh=t.zh, en=t.variants[0] if t.variants else t.en + "s", variants=[t.en], forbidden=t.forbidden)
        else:
            del terms[i]
        return Glossary(glossary.name, terms)
    elif kind == 12:  # another pair's two words written in Title Case here (what other pairs' phrases are compared with)
        words = " ".join(rnd.choice(kept).en).split(" ")
        i = rnd.randrange(len(words) - 1)
        pairs[k] = Pair(id=p.id, zh=p.zh, en=[" ".join(p.en) + " and " + " ".join(w.capitalize() for w in words[i:i + 2])])
    elif kind == 13:  # an English of no word (or a word again), the first or last pair's now and then
        k = rnd.choice([0, len(pairs) - 1, k])
        p = pairs[k]
        pairs[k] = Pair(id=p.id, zh=p.zh, en=rnd.choice([[], ["—"], [" ", "."], rnd.choice(kept).en]))
    return glossary


@pytest.mark.parametrize("seed", [1, 2])
def test_every_check_with_the_memo_finds_what_a_fresh_run_finds_after_random_edits(seed):
    kept, glossary = _demo()
    rnd = random.Random(seed)
    pairs = []
    for pid in range(1, 151):
        a, b = rnd.sample(kept, 2)
        pairs.append(Pair(id=pid, zh=a.zh + b.zh, en=a.en + b.en))
    memo = Memo()
    changed = 0
    before = None
    for step in range(16):
        g = None if step % 5 == 4 else glossary  # (now and then without the glossary)
        fresh = run_checks(Alignment(pairs=list(pairs)), g)
        assert run_checks(Alignment(pairs=list(pairs)), g, memo=memo) == fresh, step
        if step % 4 == 3:  # one check alone now and then: the others' memo left as it was
            check = rnd.choice(CHECKS)
            assert run_checks(Alignment(pairs=list(pairs)), g, checks=[check], memo=memo) == [
                f for f in fresh if f.check == check], (step, check)
        changed += fresh != before
        before = fresh
        for _ in range(rnd.randint(1, 2)):
            glossary = _edit(rnd, pairs, kept, glossary, step)
        suggested = [f for f in fresh if f.check == "term-missing" and f.found and any(q.id == f.pair for q in pairs)]
        if suggested:  # the words term-missing suggested in a pair's English written otherwise
            f = rnd.choice(suggested)
            k = next(k for k, q in enumerate(pairs) if q.id == f.pair)
            words = f.found.split()
            other = " ".join(words[:-1]) if len(words) > 1 else words[0][:-2]
            pairs[k] = Pair(id=pairs[k].id, zh=pairs[k].zh, en=[e.replace(f.found, other) for e in pairs[k].en])
    assert changed >= 10  # (the edits changed what is found, so a stale memo would show)


def test_a_run_stopped_half_way_leaves_a_memo_the_next_run_can_trust(monkeypatch):
    """A check that raises half way through a run (capitalisation part way through the pairs,
    or rendering-inconsistent after its reading, the other checks having run with the memo)
    leaves the memo such that the next run finds what a fresh run finds."""
    from workbench.checks import rendering, typography

    kept, glossary = _demo()
    pairs = list(kept[:120])
    memo = Memo()
    run_checks(Alignment(pairs=list(pairs)), glossary, memo=memo)
    rnd = random.Random(5)
    for step in range(8):
        glossary = _edit(rnd, pairs, kept, glossary, step)
        calls = [rnd.randrange(20)]
        heading, one_document = typography._heading, rendering._one_document

        def failing(*args):
            calls[0] -= 1
            if calls[0] < 0:
                raise ZeroDivisionError
            return heading(*args)

        def read_then_fail(*args):
            one_document(*args)
            raise ZeroDivisionError

        with monkeypatch.context() as m:
            m.setattr(typography, "_heading", failing)
            m.setattr(rendering, "_one_document", read_then_fail)
            with pytest.raises(ZeroDivisionError):
                run_checks(Alignment(pairs=list(pairs)), glossary, memo=memo)
        if step % 2:
            glossary = _edit(rnd, pairs, kept, glossary, step)
        assert run_checks(Alignment(pairs=list(pairs)), glossary, memo=memo) == run_checks(
            Alignment(pairs=list(pairs)), glossary), step


def _learning_runs(docs):
    """For each document in turn (pairs: id → (Chinese, English)), an engine seeded by the
    memo of the runs before (`DocumentMemo.learned`) and a fresh one."""
    from workbench.checks.rendering import DocumentMemo
    from workbench.glossary.renderings import Renderings

    class Units:
        by_text: dict = {}
        repeated: set = set()

    memo = DocumentMemo()
    for pairs in docs:
        zh_of = {pid: zh for pid, (zh, en) in pairs.items()}
        en_of = {pid: en for pid, (zh, en) in pairs.items()}
        seeded = Renderings((zh_of, dict(en_of)), contents=memo.contents)
        memo.start(list(pairs), list(zh_of.values()), list(en_of.values()))
        memo.learned(seeded)
        yield seeded, Renderings((dict(zh_of), dict(en_of)))
        memo.ended(seeded, Units())


def test_what_the_memo_keeps_of_learned_is_what_a_fresh_engine_learns():
    """`Renderings.learned` of every Chinese word, seeded from the memo of earlier runs, equals
    a fresh engine's, over random edits of a document of few words (so that what a word learns
    turns on how many pairs of the file hold each English word)."""
    rnd = random.Random(4)
    chars = "区园业科技产品市场"
    words = "zone park industry science technology product market enterprise factory region".split()
    # each character is rendered by its word in a share of its pairs (some near what learning
    # needs, some not), and any pair may hold a word of another
    share = dict(zip(chars, (0.3, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0)))

    def pair() -> tuple[str, str]:
        zh = "".join(rnd.sample(chars, rnd.randint(2, 5)))
        en = [words[chars.index(c)] for c in zh if rnd.random() < share[c]] + rnd.choices(words, k=rnd.randint(0, 2))
        return zh, " ".join(en) or "none"

    pairs = {pid: pair() for pid in range(1, 601)}
    docs = []
    for _ in range(30):
        docs.append(dict(pairs))
        for _ in range(rnd.randint(1, 4)):
            pid = rnd.choice(list(pairs))
            zh, en = pairs[pid]
            kind = rnd.randrange(4)
            if kind == 0:  # another English
                pairs[pid] = zh, pair()[1]
            elif kind == 1:  # another Chinese
                pairs[pid] = pair()[0], en
            elif kind == 2 and len(pairs) > 100:
                del pairs[pid]
            else:
                pairs[max(pairs) + 1] = pair()
    heads = list(chars) + [a + b for a in chars for b in chars]
    taken = 0
    for seeded, fresh in _learning_runs(docs):
        taken += len(seeded._learned)
        for x in heads:
            assert seeded.learned(x) == fresh.learned(x), x
    assert taken > 500  # (most words taken from the memo, not counted again)


def test_a_word_whose_pairs_of_the_file_fell_within_reach_is_learned_again():
    """An English word in every pair holding 区 and in too many pairs of the file to be counted
    for it is learned once one pair that holds it and not 区 loses it (the memo's counts of 区
    know nothing of that word: 区 is counted again)."""
    # (区 in 1,000 pairs: counted by masks of the words in 500 to 2,000 pairs of the file)
    base = {pid: ("工业区", "industrial zone alpha bravo charlie delta") for pid in range(1, 1001)}
    base.update({pid: ("市场", "market zone") for pid in range(1001, 2002)})  # zone: in 2,001 pairs
    after = dict(base)
    after[2001] = ("市场", "market")  # zone: in 2,000 pairs
    learned = []
    for seeded, fresh in _learning_runs([base, after]):
        learned.append(seeded.learned("区"))
        assert learned[-1] == fresh.learned("区")
    assert "zone" not in learned[0] and "zone" in learned[1]


def test_a_word_found_in_more_pairs_elsewhere_is_no_longer_learned():
    """区's pairs unchanged, "zone" in one pair more elsewhere: no longer in half of the pairs
    holding 区 or zone, so no longer learned for 区 (the memo's counts of 区 taken, with the
    file's new count of zone)."""
    base = {pid: ("工业区", "industrial zone") for pid in range(1, 11)}
    base.update({pid: ("市场", "market zone") for pid in range(11, 21)})
    base.update({pid: ("产品", "product") for pid in range(21, 30)})
    after = dict(base)
    after[29] = ("产品", "product zone")
    learned = []
    for seeded, fresh in _learning_runs([base, after]):
        learned.append(seeded.learned("区"))
        assert learned[-1] == fresh.learned("区")
    assert "zone" in learned[0] and "zone" not in learned[1]


@pytest.mark.parametrize("others", [19, 2])
def test_words_that_came_into_enough_of_a_words_pairs_are_learned(others):
    """区 in 10 pairs, "zone", "park" and "area" in 4 of them (learning needs 5): not learned;
    one of 区's pairs given an English with them (区's pairs the same): learned, as a fresh
    engine learns them (the memo's counts of 区 knew nothing of them, in too few of its pairs
    then; counted in the pairs holding each, or, where those are most of the file, in 区's);
    not learned again when the pair's English goes back."""
    base = {pid: ("工业区", "industrial zone park area") for pid in range(1, 5)}
    base.update({pid: ("工业区", f"industrial {w}") for pid, w in zip(range(5, 11), "alpha bravo charlie delta echo foxtrot".split())})
    base.update({pid: ("市场", "market") for pid in range(11, 11 + others)})
    after = dict(base)
    after[5] = ("工业区", "industrial zone park area alpha")
    learned = []
    for seeded, fresh in _learning_runs([base, after, base, after]):
        learned.append(seeded.learned("区"))
        assert learned[-1] == fresh.learned("区")
    assert [{"zone", "park", "area"} <= words for words in learned] == [False, True, False, True]


def test_the_units_taken_over_from_the_run_before_are_those_read_afresh():
    """rendering-inconsistent's units (`_Units`) of a run taking over the last run's, after
    random edits of a few texts (one text another's, a piece cut out or put in, a text and
    another swapped; now and then many texts, or a text more or less: read in full), are those
    read afresh: the units in two pairs or more, and the pairs holding each."""
    from workbench.checks.rendering import _Units
    from workbench.glossary.dictionary import dictionary
    from workbench.glossary.mining import _segmenter
    from workbench.text.normalize import normalize_zh

    kept, _ = _demo()
    rnd = random.Random(7)
    pool = [normalize_zh("".join(p.zh)) for p in kept]
    texts = pool[:150]
    cut, d = _segmenter(None), dictionary()
    units = _Units(list(texts), cut, d, {})
    taken = 0
    for step in range(40):
        for _ in range(rnd.choice([1, 1, 2, 3, 30])):
            k = rnd.randrange(len(texts))
            kind = rnd.randrange(5)
            if kind == 0:
                texts[k] = rnd.choice(pool)
            elif kind == 1:
                i = rnd.randrange(len(texts[k]))
                texts[k] = texts[k][:i] + texts[k][i + rnd.randint(1, 6):]
            elif kind == 2:
                i = rnd.randrange(len(texts[k]))
                other = rnd.choice(pool)
                j = rnd.randrange(len(other))
                texts[k] = texts[k][:i] + other[j:j + rnd.randint(3, 8)] + texts[k][i:]
            elif kind == 3:
                j = rnd.randrange(len(texts))
                texts[k], texts[j] = texts[j], texts[k]
            elif step % 7 == 0:
                texts.insert(k, rnd.choice(pool))
        last = units
        units = _Units(list(texts), cut, d, last.by_text, last)
        taken += units._held is last._held
        fresh = _Units(list(texts), cut, d)
        assert units.repeated == fresh.repeated, step
        assert {u: units.pairs(u) for u in fresh.repeated} == {u: fresh.pairs(u) for u in fresh.repeated}, step
    assert taken >= 25


def test_two_glossaries_alike_stay_two_with_the_memo():
    """Documents checked together, each with its own glossary, the two alike (the memo's
    compiled glossary is taken for one of them only): the findings of a fresh run."""
    from workbench.checks import run_checks_corpus

    kept, glossary = _demo()
    other = Glossary(glossary.name, list(glossary.terms))
    docs = [("a.yaml", Alignment(pairs=kept[:60])), ("b.yaml", Alignment(pairs=kept[60:120]))]
    memo = Memo()
    fresh = run_checks_corpus(docs, [glossary, other])
    for _ in range(2):
        assert run_checks_corpus(docs, [glossary, other], memo=memo) == fresh


def test_the_words_suggested_for_a_missing_term_follow_the_glossary():
    """A term found missing with words suggested, its renderings then changed to words the pair
    does not hold: the run with the memo suggests nothing there, as a fresh run does."""
    kept, glossary = _demo()
    al = Alignment(pairs=kept)
    memo = Memo()
    before = run_checks(al, glossary, checks=["term-missing"], memo=memo)
    f = next(f for f in before if f.found)
    terms = [Term(zh=t.zh, en="zzzz qqqq", forbidden=t.forbidden) if t.key == f.term else t for t in glossary.terms]
    changed = Glossary(glossary.name, terms)
    fresh = run_checks(al, changed, checks=["term-missing"])
    assert not any(g.pair == f.pair and g.term == f.term and g.found for g in fresh)
    assert run_checks(al, changed, checks=["term-missing"], memo=memo) == fresh


def test_a_term_changed_in_place_is_read_again():
    """The memo keeps a copy of what each term read: a term's forms changed in place after a
    run (the editor makes new terms, but a caller may not) are compiled again, as a fresh run
    reads them."""
    kept, glossary = _demo()
    al = Alignment(pairs=kept)
    memo = Memo()
    run_checks(al, glossary, memo=memo)
    t = next(t for t in glossary.terms if len(t.zh) == 1 and not t.variants)
    t.variants.append("zzzz qqqq")
    t.zh.append("工业")
    assert run_checks(al, glossary, memo=memo) == run_checks(al, glossary)


def _edits_agree(pairs: list[Pair], glossary: Glossary, check: str, steps: int, rnd: random.Random, edit) -> int:
    """One check run with the memo, after each of `steps` random edits (`edit(k)`: pair k's
    new form), finds what a fresh run finds; how many different sets of findings were seen
    (the edits must change what is found, or the test proves nothing)."""
    memo = Memo()
    seen = set()
    for step in range(steps):
        fresh = run_checks(Alignment(pairs=list(pairs)), glossary, checks=[check])
        assert run_checks(Alignment(pairs=list(pairs)), glossary, checks=[check], memo=memo) == fresh, step
        seen.add(tuple(fresh))
        k = rnd.randrange(len(pairs))
        pairs[k] = edit(k)
    return len(seen)


def test_the_keys_of_renderings_with_nested_terms_follow_each_pairs_english():
    """term-inconsistent with the memo, over random edits of texts whose renderings of a term
    with a nested term sit at the same words but count under other keys (the nested term's
    rendering accepted in one, its forbidden inflection in another; a rendering written in
    other words), finds what a fresh run finds."""
    glossary = Glossary("g", [
        Term(zh=["支线飞机"], en="regional aircraft", forbidden=["regional aircrafts"]),
        Term(zh=["支线飞机机队"], en="regional aircraft fleet", variants=["fleet of regional aircraft"]),
        Term(zh=["机队"], en="fleet"),
    ])
    english = ["The regional aircraft fleet grew.", "The regional aircrafts fleet grew.", "The Regional Aircraft Fleet grew.",
               "A fleet of regional aircraft grew.", "A fleet of regional aircrafts grew.", "The regional-aircraft fleet grew."]
    rnd = random.Random(3)
    pairs = [Pair(id=pid, zh=["支线飞机机队扩大。"], en=[rnd.choice(english)]) for pid in range(1, 13)]

    def edit(k: int) -> Pair:
        return Pair(id=pairs[k].id, zh=pairs[k].zh, en=[rnd.choice(english)])

    assert _edits_agree(pairs, glossary, "term-inconsistent", 60, rnd, edit) > 10


def test_the_index_of_content_words_read_again_after_an_edit_is_the_index_read_anew():
    """`_ContentIndex.again` (an earlier run's index, the content words of a few pairs changed)
    gives what an index read anew gives: each pair's words, the pairs holding each word in
    order, their number, the words by it, and what is counted by tiers and masks; pairs put
    in, dropped or renumbered: read anew."""
    from workbench.glossary.renderings import _ContentIndex

    rnd = random.Random(9)
    words = [f"w{i}" for i in range(40)]

    def content() -> tuple[str, ...]:
        return tuple(set(rnd.sample(words, rnd.randint(0, 8))))

    for _ in range(200):
        ids = rnd.sample(range(1, 400), rnd.randint(1, 120))
        contents = [content() for _ in ids]
        index = _ContentIndex(ids, contents)
        for _ in range(4):
            for _ in range(rnd.randint(0, 3)):
                k = rnd.randrange(len(ids))
                op = rnd.randrange(8)
                if op < 6:
                    contents[k] = content() if op < 4 else contents[rnd.randrange(len(ids))]
                elif op == 6 and len(ids) > 1:
                    del ids[k], contents[k]
                else:
                    ids[k] = max(ids) + 1
            again, fresh = index.again(ids, contents), _ContentIndex(ids, contents)
            assert again.content == fresh.content and again.df == fresh.df and again._bit == fresh._bit
            assert {k: list(v) for k, v in again._postings.items()} == {k: list(v) for k, v in fresh._postings.items()}
            assert again._fewer == fresh._fewer and sorted(again._keys) == sorted(fresh._keys)
            assert (again._in_tier, again._per_pair) == (fresh._in_tier, fresh._per_pair)
            for _ in range(3):
                some = rnd.sample(ids, rnd.randint(0, len(ids)))
                floor, most = rnd.choice([(1, 3), (2, 50), (0.5, 400)])
                assert again.counts(some, floor, most) == fresh.counts(some, floor, most)
            index = again


def test_what_the_memo_keeps_of_each_units_parts_of_speech_is_jiebas():
    """rendering-inconsistent's memo keeps, of the units a run asked, whether jieba's tags let
    each be a term (`term_edges_ok`): after runs one after another, edited between, what it
    keeps is what jieba says, some units turned away."""
    from workbench.glossary.mining import term_edges_ok

    kept, glossary = _demo()
    rnd = random.Random(2)
    pairs = list(kept[:150])
    memo = Memo()
    for step in range(3):
        run_checks(Alignment(pairs=list(pairs)), glossary, checks=["rendering-inconsistent"], memo=memo)
        glossary = _edit(rnd, pairs, kept, glossary, step)
    pairs = list(kept)  # (many units new to the memo)
    run_checks(Alignment(pairs=list(pairs)), glossary, checks=["rendering-inconsistent"], memo=memo)
    edges = memo.renderings[None]._edges[0]
    assert edges == {unit: term_edges_ok(unit) for unit in edges}
    assert set(edges.values()) == {True, False}


def test_what_term_missing_reads_of_a_pair_follows_its_chinese_its_english_and_the_term():
    """term-missing with the memo over random edits of pairs holding two terms or more, the
    Chinese changed under the same English (a term inside a longer word, another term) and the
    English under the same Chinese (a paraphrase, a reference back, a pronoun, another term's
    rendering), finds what a fresh run finds."""
    glossary = Glossary("g", [
        Term(zh=["中小企业"], en="SMEs", variants=["small and medium-sized enterprises"]),
        Term(zh=["设备更新"], en="equipment upgrades", variants=["equipment renewal"]),
        Term(zh=["数字化转型"], en="digital transformation"),
        Term(zh=["习近平总书记"], en="General Secretary Xi Jinping"),
    ])
    chinese = ["推动中小企业设备更新。", "推动中小企业数字化转型。", "用能设备更新换代和中小企业数字化转型。",
               "习近平总书记强调中小企业设备更新。", "中小企业数字化转型和设备更新。"]
    english = ["Promote equipment renewal of small firms.", "These enterprises are digitally transforming.",
               "Promote their development.", "His remarks on SMEs.", "The renewal and replacement of equipment.",
               "Promote digital transformation of SMEs.", "He stressed equipment upgrades for these SMEs."]
    rnd = random.Random(8)
    pairs = [Pair(id=pid, zh=[rnd.choice(chinese)], en=[rnd.choice(english)]) for pid in range(1, 11)]

    def edit(k: int) -> Pair:
        if rnd.random() < 0.5:
            return Pair(id=pairs[k].id, zh=[rnd.choice(chinese)], en=pairs[k].en)
        return Pair(id=pairs[k].id, zh=pairs[k].zh, en=[rnd.choice(english)])

    assert _edits_agree(pairs, glossary, "term-missing", 80, rnd, edit) > 20
