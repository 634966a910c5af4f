"""The crash journal: patches recorded as JSON lines, replayed on the next open."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_alignment

from workbench.editing.session import Session
from workbench.model import Ignored, Pair
from workbench.store.alignment_file import dump_alignment, save_alignment
from workbench.store.journal import Patch, journal_path, read_journal


def test_patch_json_round_trip_and_inverse() -> None:
    p = Patch(
        2,
        [Pair(id=3, zh=["一。"], en=["One."], score=0.5, para=2)],
        [Pair(id=3, zh=["一。", "二。"], en=["One."], status="confirmed", note="n")],
        "Merge with next pair",
        ignored=([], [Ignored("omission", 3, None, "why")]),
        glossary=(None, "g.yaml"),
    )
    q = Patch.from_json(json.loads(json.dumps(p.to_json())))
    assert (q.start, q.old, q.new, q.label, q.ignored, q.glossary) == (p.start, p.old, p.new, p.label, p.ignored, p.glossary)
    al = make_alignment()
    original = dump_alignment(al)
    p2 = Patch(1, al.pairs[1:2], [Pair(id=99, zh=al.pairs[1].zh, en=al.pairs[1].en)], "x")
    p2.apply(al)
    assert al.pairs[1].id == 99
    p2.inverse().apply(al)
    assert dump_alignment(al) == original


def test_session_replays_a_journal_and_ignores_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    save_alignment(make_alignment(), path)
    s = Session(path)
    s.merge_with_next(0)
    s.confirm(0)
    s.undo()
    s.split(4)
    expected = dump_alignment(s.al)
    s.journal.close()
    s.release_lock()  # as the end of a killed process would
    jpath = journal_path(path)
    with open(jpath, "a", encoding="utf-8") as fh:
        fh.write('{"op": "do", "patch": {"start": 0, "old": [')  # killed in the middle of a write
    s2 = Session(path)
    assert s2.recovered == 4
    assert dump_alignment(s2.al) == expected
    assert s2.dirty
    s2.undo()  # the undo history came back too
    s2.save()
    s2.close()
    assert not jpath.exists()


def test_journal_of_another_version_is_kept_aside_not_replayed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    save_alignment(make_alignment(), path)
    s = Session(path)
    s.confirm(0)
    s.journal.close()
    s.release_lock()  # as the end of a killed process would
    text = path.read_text(encoding="utf-8").replace("test briefing", "edited elsewhere")
    path.write_text(text, encoding="utf-8")
    s2 = Session(path)
    assert s2.recovered == 0 and not s2.dirty
    assert s2.stale_journal is not None and s2.stale_journal.exists()
    assert read_journal(s2.stale_journal).records


def test_unreadable_journal_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    save_alignment(make_alignment(), path)
    journal_path(path).write_bytes(b"\xff\xfe not json")
    s = Session(path)
    assert s.recovered == 0
    assert read_journal(journal_path(path)).records == []  # a fresh journal replaced it
