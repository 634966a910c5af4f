"""The editor's session (plain Python): any sequence of edits keeps the invariant, undo is exact."""

from __future__ import annotations

from pathlib import Path

from conftest import EN, ZH, make_alignment
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.editing.session import Session
from workbench.errors import WorkbenchError
from workbench.store.alignment_file import dump_alignment, save_alignment

OPS = st.lists(
    st.tuples(st.sampled_from(["merge", "split", "zh_up", "zh_down", "en_up", "en_down", "confirm", "above", "undo", "redo"]),
              st.integers(0, 9)),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(ops=OPS)
def test_edits_keep_sentences_and_undo_restores_bytes(tmp_path_factory, ops) -> None:
    path: Path = tmp_path_factory.mktemp("s") / "a.yaml"
    save_alignment(make_alignment(), path)
    s = Session(path, use_journal=False)
    original = dump_alignment(s.al)
    for op, i in ops:
        i = i % max(len(s.al.pairs), 1)
        try:
            {
                "merge": lambda: s.merge_with_next(i),
                "split": lambda: s.split(i),
                "zh_up": lambda: s.move_up(i, "zh"),
                "zh_down": lambda: s.move_down(i, "zh"),
                "en_up": lambda: s.move_up(i, "en"),
                "en_down": lambda: s.move_down(i, "en"),
                "confirm": lambda: s.confirm(i),
                "above": lambda: s.confirm(i, above=True),
                "undo": s.undo,
                "redo": s.redo,
            }[op]()
        except WorkbenchError:
            pass
        assert s.al.zh_sentences() == ZH and s.al.en_sentences() == EN
        ids = [p.id for p in s.al.pairs]
        assert len(ids) == len(set(ids))
    while s.undo_stack:
        s.undo()
    assert dump_alignment(s.al) == original
    assert not s.dirty


def test_failed_operation_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    save_alignment(make_alignment(), path)
    s = Session(path, use_journal=False)
    before = dump_alignment(s.al)
    for call in (lambda: s.merge_with_next(len(s.al.pairs) - 1), lambda: s.move_up(0, "zh"), lambda: s.split(3)):
        try:
            call()
        except WorkbenchError:
            pass
    assert dump_alignment(s.al) == before and not s.undo_stack
