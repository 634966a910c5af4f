"""The reviser's daily tools by Pilot: split where chosen, find options, undo labels, notes,
find and replace, filters, the findings panel, go to pair."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import EN, SIZE, ZH, app_for, assert_invariant, goto, make_alignment

from workbench.store.alignment_file import load_alignment, save_alignment


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc.yaml"
    save_alignment(make_alignment(), path)
    return path


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_split_where_the_reviser_puts_the_line(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 2)  # zh [2, 3] | en [2]: the line starts before zh 3, after en 2
        await pilot.press("s")
        screen = app.screen
        assert (screen.zh_at, screen.en_at) == (1, 1)
        await pilot.press("up")  # zh line to the top: all the Chinese goes to the new pair
        await pilot.press("tab", "up")  # en line to the top as well: nothing would stay
        await pilot.press("enter")
        assert app.screen is screen and any("above and below" in m for m in messages(app))
        await pilot.press("down", "tab", "down", "enter", "ctrl+s")
    al = load_alignment(doc)
    assert al.pairs[2].zh == [ZH[2]] and al.pairs[2].en == [EN[2]]
    assert al.pairs[3].zh == [ZH[3]] and al.pairs[3].en == []
    assert_invariant(doc)


async def test_a_one_to_one_pair_parts_its_sides_only_on_a_second_enter(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")
        assert not app.session.dirty and "Press Enter again" in str(
            app.screen.query_one("#split-warning").render()
        )
        await pilot.press("escape")
        assert app.screen is app.editor and not app.session.dirty
        await pilot.press("s", "enter", "enter", "ctrl+s")
    al = load_alignment(doc)
    assert (al.pairs[0].zh, al.pairs[0].en, al.pairs[1].zh, al.pairs[1].en) == ([ZH[0]], [], [], [EN[0]])


async def test_find_keeps_its_options_and_enter_searches(doc: Path) -> None:
    from textual.widgets import Checkbox, Input

    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        app.screen.query_one(Input).value = r"\d+%"
        app.screen.query_one("#find-regex", Checkbox).focus()
        await pilot.press("space")  # space toggles the option ...
        assert app.screen.query_one("#find-regex", Checkbox).value
        await pilot.press("enter")  # ... Enter on it searches, it does not toggle
        await pilot.pause()
        assert app.editor.cursor == 4 and app.editor.search.regex
        await pilot.press("slash")
        assert app.screen.query_one("#find-regex", Checkbox).value  # kept with the pattern
        assert app.screen.query_one(Input).value == r"\d+%"
        app.screen.query_one(Input).value = "the"
        app.screen.query_one("#find-regex", Checkbox).value = False
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("home", "N")  # backwards from the first pair
        assert any("back past the start" in m for m in messages(app))


async def test_undo_says_what_it_undoes_and_when_there_is_nothing(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+z")
        assert "Nothing to undo" in messages(app)
        await goto(pilot, app, 3)
        await pilot.press("C", "ctrl+z")
        assert "Undone: Confirm all pairs above" in messages(app)
        await pilot.press("ctrl+y", "ctrl+y")
        assert "Nothing to redo" in messages(app)
