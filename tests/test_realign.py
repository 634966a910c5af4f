"""Realign from here: the aligner's own scoring, confirmed anchors, never worse than before."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from workbench.align.build import align_documents
from workbench.editing.realign import realign, realign_range_of, sentence_paragraphs
from workbench.editing.session import Session
from workbench.errors import WorkbenchError
from workbench.glossary.model import load_glossary
from workbench.model import CONFIRMED
from workbench.store.alignment_file import load_alignment, save_alignment
from workbench.text.documents import read_document

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def aligned(tmp_path: Path, name: str, glossary: bool = False) -> Path:
    """`workbench align` on a seed, saved in tmp_path (its paths point back at the seeds)."""
    g = load_glossary(REPO / "glossary" / "scio.yaml") if glossary else None
    out = tmp_path / f"{name}.yaml"
    al = align_documents(
        read_document(SEEDS / "zh" / f"{name}.txt", "zh"),
        read_document(SEEDS / "en" / f"{name}.txt", "en"),
        glossary=g,
        out_path=out,
    )
    save_alignment(al, out)
    return out


@pytest.fixture(scope="module")
def page11(tmp_path_factory) -> Path:
    return aligned(tmp_path_factory.mktemp("p11"), "scio-2024-07-05-page11")


def test_page11_untouched_comes_back_pair_for_pair_from_anywhere(page11: Path) -> None:
    al = load_alignment(page11)
    assert any(not p.zh for p in al.pairs[-3:])  # the page ends in English-only pairs
    for base in (page11.parent, None):  # with the source documents, and without them
        for start in (0, 1, 17, len(al.pairs) - 3):
            r = realign(al, start, None, base)
            assert not r.patch.old and not r.patch.new, (base, start, r.summary)
    assert sentence_paragraphs(al, page11.parent)[2] == "documents"
    assert sentence_paragraphs(al, None)[2] == "alignment"


def test_one_sided_pairs_stay_where_the_aligner_keeps_them(page11: Path) -> None:
    """The bug of issue 11: `r` on pair 1 glued the last two English-only pairs onto pair 34."""
    al = load_alignment(page11)
    tail = [(p.zh, p.en) for p in al.pairs[-3:]]
    r = realign(al, 0, None, None)
    after = copy.deepcopy(al)
    r.patch.apply(after)
    assert [(p.zh, p.en) for p in after.pairs[-3:]] == tail


def test_demo_untouched_comes_back_with_its_glossary(tmp_path: Path) -> None:
    path = aligned(tmp_path, "scio-2024-07-05", glossary=True)
    al = load_alignment(path)
    g = load_glossary(REPO / "glossary" / "scio.yaml")
    for start in (0, 150):
        r = realign(al, start, g, path.parent)
        assert r.anchors == "documents"
        assert not r.patch.old and not r.patch.new, r.summary


def test_realign_repairs_a_spoilt_range_and_stops_at_the_next_confirmed_pair(page11: Path) -> None:
    al = load_alignment(page11)
    good = [(p.zh, p.en) for p in al.pairs]
    s = Session(page11, use_journal=False)
    s.merge_with_next(3)  # spoil 4+5
    s.confirm(10)  # an anchor
    s.merge_with_next(12)  # spoilt after the anchor: out of the range
    r = realign(s.al, 2, None, page11.parent)
    assert r.stop == 10
    assert r.patch.start == 3 and len(r.patch.old) == 1 and len(r.patch.new) == 2
    assert r.changed == [p.id for p in r.patch.new]
    assert r.patch.new[0].id == r.patch.old[0].id  # the first keeps the merged pair's id, as a split does
    assert r.patch.new[1].id == s.al.next_id()
    s.apply(r.patch)
    assert [(p.zh, p.en) for p in s.al.pairs[:11]] == good[:11]
    assert s.al.pairs[11].status == CONFIRMED
    assert len(s.al.pairs) == len(good) - 1  # the merge after the anchor is left alone
    s.undo()  # one undo takes the realignment back
    assert len(s.al.pairs) == len(good) - 2


def test_confirmed_pairs_are_never_touched(page11: Path) -> None:
    s = Session(page11, use_journal=False)
    s.merge_with_next(1)  # spoilt: the realignment has work to do
    for k in range(0, len(s.al.pairs), 3):
        s.confirm(k)
    before = list(s.al.pairs)
    r = realign(s.al, 0, None, page11.parent)
    assert r.stop == 3 and r.changed
    after = copy.deepcopy(s.al)
    r.patch.apply(after)
    confirmed = [p for p in before if p.status == CONFIRMED]
    assert [p for p in after.pairs if p.status == CONFIRMED] == confirmed


def test_range_starts_at_the_next_unconfirmed_pair(page11: Path) -> None:
    s = Session(page11, use_journal=False)
    s.confirm(0, above=False)
    s.confirm(1)
    s.confirm(5)
    assert realign_range_of(s.al, 0) == (2, 5)
    for k in range(len(s.al.pairs)):
        s.confirm(k)
    with pytest.raises(WorkbenchError, match="confirmed"):
        realign_range_of(s.al, 3)


async def test_realign_in_the_editor_offers_the_changed_pairs_and_undoes_in_one_step(tmp_path: Path) -> None:
    from conftest import SIZE, app_for, goto

    from workbench.tui.dialogs import ChoiceScreen

    path = aligned(tmp_path, "scio-2024-07-05-page11")
    original = path.read_bytes()
    good = [(p.zh, p.en) for p in load_alignment(path).pairs]
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:

        async def realign_and_wait() -> None:
            await pilot.press("r")
            for _ in range(400):
                await pilot.pause(0.05)
                if not app.editor.realigning:
                    break

        await realign_and_wait()  # untouched: nothing changes, and it says so
        assert any("no pair changed" in n.message for n in app._notifications)
        await goto(pilot, app, 3)
        await pilot.press("m")
        await goto(pilot, app, 0)
        await realign_and_wait()
        assert isinstance(app.screen, ChoiceScreen)
        first_changed = app.session.al.pairs[3].id
        assert f"Go to pair {first_changed}" in str(app.screen.query_one("#choice-go").label)
        await pilot.click("#choice-go")
        await pilot.pause()
        assert app.editor.cursor == 3
        await pilot.press("ctrl+s")
        assert [(p.zh, p.en) for p in load_alignment(path).pairs] == good
        await pilot.press("ctrl+z")
        assert any("Undone: Realign from here" in n.message for n in app._notifications)
        await pilot.press("ctrl+z", "ctrl+s")
    assert path.read_bytes() == original


@pytest.mark.parametrize("recorded, asked, env, used", [
    (True, None, "0", True),  # as the file was aligned, whatever the default
    (False, None, "1", False),
    (None, None, "1", True),  # a file that does not say: the user's default
    (None, None, "0", False),
    (True, False, "1", False),  # open --no-semantic overrides the file
    (False, True, "0", True),  # open --semantic too
])
async def test_realign_from_here_follows_how_the_file_was_aligned(tmp_path: Path, monkeypatch, recorded, asked, env,
                                                                  used) -> None:
    from conftest import SIZE, app_for, make_alignment

    from workbench.tui import editor_screen

    monkeypatch.setenv("WORKBENCH_SEMANTIC", env)
    al = make_alignment()
    al.semantic = recorded
    path = tmp_path / "doc.yaml"
    save_alignment(al, path)
    seen = []

    def recording(*args, semantic, **kw):
        seen.append(semantic)
        return realign(*args, semantic=False, **kw)  # (the encoder itself: test_align_semantic)

    monkeypatch.setattr(editor_screen, "realign", recording)
    app = app_for(path, **({} if asked is None else {"semantic": asked}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        for _ in range(200):
            await pilot.pause(0.05)
            if not app.editor.realigning:
                break
    assert seen == [used]
