"""The checks in the editor's background: findings handed over still pickled and decoded per pair
(tui/check_results.py), the pairs sent in pieces re-used while unchanged, and the checks process
itself driven by Pilot."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import SIZE, app_for, make_alignment

from workbench.checks import Finding
from workbench.model import Pair
from workbench.store.alignment_file import save_alignment
from workbench.tui import check_results
from workbench.tui.app import PairPieces
from workbench.tui.check_results import CheckResults, pack


def finding(pair: int | None, n: int) -> Finding:
    return Finding(check=f"c{n}", severity="info", pair=pair, message=f"m{n}")


def test_results_give_each_pairs_findings_across_pieces_in_the_checks_order(monkeypatch) -> None:
    monkeypatch.setattr(check_results, "PIECE", 3)
    # as the checks make them: check by check, each in pair order; two on the document
    found = [finding(2, 0), finding(5, 1), finding(None, 2), finding(2, 3), finding(5, 4), finding(5, 5),
             finding(9, 6), finding(2, 7), finding(None, 8)]
    for results in (CheckResults(pack(found)), CheckResults.of(found)):
        assert len(results) == 9 and results.marks == {2, 5, 9}
        assert [f.message for f in results.on_pair(2)] == ["m0", "m3", "m7"]  # over two pieces
        assert [f.message for f in results.on_pair(5)] == ["m1", "m4", "m5"]
        assert [f.message for f in results.on_pair(None)] == ["m2", "m8"]
        assert results.on_pair(4) == []
        assert sorted(f.message for f in results) == sorted(f.message for f in found)
        assert results[-1] == results[8] and results[1:3] == list(results)[1:3]
        with pytest.raises(IndexError):
            results[9]
    empty = CheckResults(pack([]))
    assert len(empty) == 0 and not empty and empty.marks == frozenset() and empty.on_pair(1) == []


def test_only_the_pieces_asked_for_are_unpickled(monkeypatch) -> None:
    monkeypatch.setattr(check_results, "PIECE", 2)
    results = CheckResults(pack([finding(k, k) for k in range(10)]))
    assert results.on_pair(7)[0].message == "m7"
    assert [isinstance(p, bytes) for p in results._pieces] == [True, True, True, False, True]


def test_pair_pieces_pickles_again_only_what_changed(monkeypatch) -> None:
    monkeypatch.setattr(PairPieces, "PIECE", 2)
    monkeypatch.setattr(PairPieces, "PAUSE", 0)
    pairs = [Pair(id=k, zh=[f"z{k}"], en=[f"e{k}"]) for k in range(5)]
    pieces = PairPieces()
    first = pieces.update(pairs)
    assert [p.id for piece in first for p in pickle.loads(piece)] == [0, 1, 2, 3, 4]
    changed = list(pairs)
    changed[2] = Pair(id=2, zh=["z2"], en=["e2"], status="confirmed")  # a Confirm: a new object
    second = pieces.update(changed)
    assert second[0] is first[0] and second[2] is first[2] and second[1] is not first[1]
    assert [p.status for p in pickle.loads(second[1])] == ["confirmed", "auto"]
    third = pieces.update(changed[:4])  # a pair gone at the end
    assert len(third) == 2 and third[0] is first[0]


def test_starting_the_checks_never_writes_out_the_document(tmp_path: Path, monkeypatch) -> None:
    """Textual's @work describes a worker by the repr() of its arguments unless told otherwise:
    for 10,000 pairs that held the editor 25-45 ms each time the checks started."""
    import asyncio

    from workbench.model import Alignment

    path = tmp_path / "doc.yaml"
    save_alignment(make_alignment(), path)
    calls = []
    monkeypatch.setattr(Alignment, "__repr__", lambda self: calls.append(1) or "Alignment(…)")
    monkeypatch.setattr(Pair, "__repr__", lambda self: calls.append(1) or "Pair(…)")

    async def run() -> None:
        app = app_for(path, check_delay=0.01)
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if app.findings is not None and not app.checking:
                    break
            assert app.findings is not None
            await pilot.press("r")  # Realign from here: another worker given the document
            for _ in range(100):
                await pilot.pause(0.05)
                if not app.editor.realigning:
                    break

    asyncio.run(run())
    assert calls == []


async def test_the_checks_process_findings_reach_the_panel_and_the_marks(tmp_path: Path) -> None:
    """The real path: the checks in their own process, the findings back in pieces."""
    path = tmp_path / "doc.yaml"
    al = make_alignment()
    al.pairs[4].en = ["Manufacturing value added is about 40% of the global total."]  # the Chinese: 30%
    save_alignment(al, path)
    app = app_for(path, check_delay=0.01, checks_in_process=True)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if app.findings is not None and not app.checking:
                break
        assert isinstance(app.findings, CheckResults)
        assert 5 in app.editor.view.findings
        await pilot.press("f")  # Next finding, until pair 5
        for _ in range(len(al.pairs)):
            if app.editor.cursor == 4:
                break
            await pilot.press("f")
        assert app.editor.cursor == 4
        panel = app.editor.panel.text.plain
        assert "number-mismatch" in panel, panel


async def test_findings_that_began_before_a_change_are_shown_without_what_was_dismissed(tmp_path: Path,
                                                                                       monkeypatch) -> None:
    """A check run on a long document takes seconds: its findings are shown even when the reviser
    changed something meanwhile (else, confirming pair after pair, they would never see any);
    a finding dismissed meanwhile is not listed."""
    import threading

    from textual.widgets import Tree

    from workbench.checks import run_checks
    from workbench.tui import app as app_module

    path = tmp_path / "doc.yaml"
    al = make_alignment()
    al.pairs[4].en = ["Manufacturing value added is about 40% of the global total."]  # the Chinese: 30%
    save_alignment(al, path)
    gates = [threading.Event(), threading.Event()]  # the first run, and every later one
    runs = []

    def gated(snapshot, glossary, memo=None):
        gate = gates[min(len(runs), 1)]
        runs.append(snapshot)
        gate.wait(10)
        return run_checks(snapshot, glossary, memo=memo)

    monkeypatch.setattr(app_module, "run_checks", gated)
    app = app_for(path, check_delay=0.01)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):  # (bounded: a run that fails before it starts fails the test, not hangs it)
            if runs:
                break
            await pilot.pause(0.02)
        assert runs
        app.editor.apply(app.session.dismiss, "number-mismatch", 5, None, "checked")  # during the run
        gates[0].set()
        for _ in range(200):
            await pilot.pause(0.02)
            if app.findings is not None:
                break
        assert len(runs) <= 2 and not gates[1].is_set()  # the first run's findings, not a later one's
        assert any(f.check == "number-mismatch" and f.pair == 5 for f in app.findings)
        assert 5 in app.editor.view.findings
        await pilot.press("F")
        await pilot.pause()
        listed = [n.data for group in app.screen.query_one(Tree).root.children for n in group.children]
        assert not any(getattr(f, "check", None) == "number-mismatch" and f.pair == 5 for f in listed)
        assert any(getattr(f, "check", None) == "number-mismatch" and f.pair == 3 for f in listed)
        gates[1].set()  # the run the dismissal asked for ends: its findings replace the first's
        for _ in range(200):
            await pilot.pause(0.02)
            if len(runs) >= 2 and not app.checking:
                break
        assert len(runs) >= 2 and not any(f.check == "number-mismatch" and f.pair == 5 for f in app.findings)


async def test_a_confirm_does_not_run_the_checks_again_a_dismissal_does(tmp_path: Path, monkeypatch) -> None:
    """On 10,000 pairs of real text a check run is seconds of CPU: after a change that no check
    reads (Confirm) the last findings stand, after one that a check reads (a dismissal, an
    edit) the checks run again."""
    from workbench.checks import run_checks
    from workbench.tui import app as app_module

    path = tmp_path / "doc.yaml"
    al = make_alignment()
    al.pairs[4].en = ["Manufacturing value added is about 40% of the global total."]  # the Chinese: 30%
    save_alignment(al, path)
    runs = []

    def counted(snapshot, glossary, memo=None):
        runs.append(snapshot)
        return run_checks(snapshot, glossary, memo=memo)

    monkeypatch.setattr(app_module, "run_checks", counted)
    app = app_for(path, check_delay=0.01)

    async def settled() -> None:
        for _ in range(20):  # (the delay before a run, the run, its findings shown)
            await pilot.pause(0.05)
        for _ in range(200):
            if not app.checking:
                return
            await pilot.pause(0.05)

    async with app.run_test(size=SIZE) as pilot:
        await settled()
        assert len(runs) == 1 and app.findings is not None
        shown = app.findings
        await pilot.press("c")  # Confirm
        await settled()
        assert app.session.al.pairs[0].status == "confirmed"
        assert len(runs) == 1 and app.findings is shown  # the same findings, not checked again
        app.editor.apply(app.session.dismiss, "number-mismatch", 5, None, "checked")
        await settled()
        assert len(runs) == 2
        assert not any(f.check == "number-mismatch" and f.pair == 5 for f in app.findings)


async def test_the_checks_process_after_an_edit_finds_what_a_fresh_run_finds(tmp_path: Path) -> None:
    """The checks process keeps what a run found for the next (checks.Memo): after an edit that
    puts a rendering found odd right, and after its Undo, the findings shown are those of a
    fresh run on the document as it stands."""
    import shutil

    from workbench.checks import run_checks

    root = Path(__file__).resolve().parent.parent
    path = tmp_path / "scio.yaml"
    shutil.copy(root / "alignments" / "scio-2024-07-05.yaml", path)
    app = app_for(path, check_delay=0.01, checks_in_process=True)

    async def checked(before=None) -> list:
        for _ in range(600):
            await pilot.pause(0.05)
            if app.findings is not None and app.findings is not before and not app.checking:
                break
        found = list(app.findings)
        assert found == run_checks(app.session.snapshot(), app.session.glossary_store.glossary)
        return found

    async with app.run_test(size=SIZE) as pilot:
        first = await checked()
        odd = next(f for f in first if f.check == "rendering-inconsistent"
                   and f.found in " ".join(next(p.en for p in app.session.al.pairs if p.id == f.pair)))
        i = next(k for k, p in enumerate(app.session.al.pairs) if p.id == odd.pair)
        pair = app.session.al.pairs[i]
        app.editor.apply(app.session.edit_pair, i, list(pair.zh), [e.replace(odd.found, odd.expected) for e in pair.en])
        edited = await checked(app.findings)
        assert odd not in edited and edited != first
        await pilot.press("ctrl+z")  # Undo
        assert await checked(app.findings) == first
