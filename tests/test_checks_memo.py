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
    kind = rnd.randrange(13)
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
    elif kind == 10:  # a glossary term added, from a pair's Chinese
        zh = "".join(p.zh)
        i = rnd.randrange(max(len(zh) - 4, 1))
        return Glossary(glossary.name, [*glossary.terms, Term(zh=[zh[i:i + rnd.randint(2, 4)]], en=rnd.choice(" ".join(p.en).split()))])
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
