"""Edits on the aligned document keep its invariants: every sentence once, in order; ids stable."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.model import Alignment, Pair, default_split_point


def make(*pairs):
    return Alignment(pairs=[Pair(i + 1, list(zh), list(en), score=0.5) for i, (zh, en) in enumerate(pairs)])


def test_merge_keeps_first_id_and_drops_score():
    al = make((["甲"], ["A"]), (["乙"], ["B", "C"]), (["丙"], []))
    al.merge_with_next(0)
    assert [(p.id, p.zh, p.en) for p in al.pairs] == [(1, ["甲", "乙"], ["A", "B", "C"]), (3, ["丙"], [])]
    assert al.pairs[0].score is None and al.pairs[1].score == 0.5


def test_split_takes_a_new_id():
    al = make((["甲", "乙"], ["A", "B"]), (["丙"], ["C"]))
    new = al.split_pair(0, *default_split_point(al.pairs[0]))
    assert new == 3
    assert [(p.id, p.zh, p.en) for p in al.pairs] == [(1, ["甲"], ["A"]), (3, ["乙"], ["B"]), (2, ["丙"], ["C"])]


def test_split_one_to_one_proposes_to_separate_the_sides():
    al = make((["甲"], ["A"]))
    assert default_split_point(al.pairs[0]) == (1, 0)
    al.split_pair(0, 1, 0)
    assert [(p.zh, p.en) for p in al.pairs] == [(["甲"], []), ([], ["A"])]


def test_moves():
    al = make((["甲"], ["A"]), (["乙", "丙"], ["B", "C"]), (["丁"], ["D"]))
    al.move_sentence_up(1, "zh")
    al.move_sentence_down(1, "en")
    assert [(p.zh, p.en) for p in al.pairs] == [(["甲", "乙"], ["A"]), (["丙"], ["B"]), (["丁"], ["C", "D"])]


def test_a_pair_emptied_by_a_move_disappears():
    al = make((["甲"], ["A"]), (["乙"], []))
    al.move_sentence_up(1, "zh")
    assert [(p.id, p.zh, p.en) for p in al.pairs] == [(1, ["甲", "乙"], ["A"])]


def test_confirm_above():
    al = make((["甲"], ["A"]), (["乙"], ["B"]), (["丙"], ["C"]))
    al.confirm(1, above=True)
    assert [p.status for p in al.pairs] == ["confirmed", "confirmed", "auto"]


@pytest.mark.parametrize(
    "op",
    [
        lambda al: al.merge_with_next(1),
        lambda al: al.move_sentence_up(0, "zh"),
        lambda al: al.move_sentence_down(1, "en"),
        lambda al: al.split_pair(0, 0, 0),
        lambda al: al.confirm(5),
    ],
)
def test_impossible_edits_raise_and_change_nothing(op):
    al = make((["甲"], ["A"]), (["乙"], ["B"]))
    before = al.copy()
    with pytest.raises((IndexError, ValueError)):
        op(al)
    assert al == before


# -- property: any sequence of edits keeps the invariants ---------------------------------

ops = st.lists(
    st.tuples(
        st.sampled_from(["merge", "split", "zh_up", "zh_down", "en_up", "en_down", "confirm"]),
        st.integers(0, 30),
        st.integers(0, 4),
        st.integers(0, 4),
    ),
    max_size=40,
)


@st.composite
def documents(draw):
    n = draw(st.integers(1, 12))
    pairs = []
    for i in range(n):
        pairs.append((
            [f"中{i}.{k}" for k in range(draw(st.integers(0, 3)))],
            [f"en{i}.{k}" for k in range(draw(st.integers(0, 3)))],
        ))
    pairs = [p for p in pairs if p[0] or p[1]] or [(["中"], ["en"])]
    return make(*pairs)


@settings(max_examples=300, deadline=None)
@given(documents(), ops)
def test_edits_keep_invariants(al, operations):
    zh, en = al.zh_sentences(), al.en_sentences()
    used_ids = {p.id for p in al.pairs}
    for name, i, a, b in operations:
        if not al.pairs:
            break
        i %= len(al.pairs)
        ids_before = [p.id for p in al.pairs]
        try:
            if name == "merge":
                al.merge_with_next(i)
            elif name == "split":
                new = al.split_pair(i, a, b)
                assert new not in used_ids  # a split takes a new id, never a reused one
                used_ids.add(new)
            elif name.endswith("_up"):
                al.move_sentence_up(i, name[:2])
            elif name.endswith("_down"):
                al.move_sentence_down(i, name[:2])
            else:
                al.confirm(i, above=bool(a % 2))
        except (IndexError, ValueError):
            assert [p.id for p in al.pairs] == ids_before
        assert al.zh_sentences() == zh
        assert al.en_sentences() == en
        assert all(not p.is_empty for p in al.pairs)
        ids = [p.id for p in al.pairs]
        assert len(ids) == len(set(ids))
        # surviving pairs keep their ids and their order
        survivors = [x for x in ids_before if x in ids]
        assert [x for x in ids if x in survivors] == survivors
