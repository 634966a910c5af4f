"""The editor driven by a Pilot: each operation by its key, asserted on the saved file."""

from __future__ import annotations

from pathlib import Path

from conftest import EN, SIZE, ZH, app_for, assert_invariant, goto, make_alignment

from workbench.model import CONFIRMED, Alignment, Pair
from workbench.store.alignment_file import load_alignment, save_alignment
from workbench.tui.commands import COMMANDS, DESIGN_NAMES
from workbench.tui.pairs_view import GUTTER

# -- the main view ------------------------------------------------------------------------


async def test_opens_and_draws_both_columns(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.editor.view
        assert view.virtual_size.height >= len(make_alignment().pairs)
        first = view.render_line(0).text
        assert "1" in first and "女士们" in first and "Ladies and gentlemen" in first
        assert first[:17].split() == ["1", "·"]  # id and status auto; score 0.9: no low-confidence mark
        second = view.render_line(view._offsets[1]).text
        assert second[:17].split() == ["2", "·?"]  # score 0.3: marked low
        third = view.render_line(view._offsets[2]).text
        assert third[:17].split() == ["3", "2:1", "·?"]  # not 1:1: the shape shows
        status = app.editor.query_one("#status").text
        assert "doc.yaml" in status and "0/7 confirmed" in status


async def test_long_chinese_wraps_within_its_column(tmp_path: Path) -> None:
    from rich.cells import cell_len

    al = Alignment(pairs=[Pair(id=1, zh=["国务院新闻办公室" * 20 + "。"], en=["word " * 60])])
    path = tmp_path / "long.yaml"
    save_alignment(al, path)
    app = app_for(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.editor.view
        zw, ew = view.column_widths()
        rows = [view.render_line(y).text for y in range(view._heights[0])]
        assert len(rows) > 3
        for row in rows:
            assert cell_len(row) == view.content_width
            zh_part = row[GUTTER:].split("│")[0]
            assert cell_len(zh_part.rstrip()) <= zw


# -- each operation ------------------------------------------------------------------------


async def test_merge_with_next_pair(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 2)
        await pilot.press("m", "ctrl+s")
    al = load_alignment(doc)
    assert [p.id for p in al.pairs] == [1, 2, 3, 5, 6, 7]
    assert al.pairs[2].zh == [ZH[2], ZH[3]] and al.pairs[2].en == [EN[2], EN[3]]
    assert al.pairs[2].score is None
    assert_invariant(doc)


async def test_split_pair(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 5)
        await pilot.press("s", "enter", "ctrl+s")  # the proposed line: before the last sentences
    al = load_alignment(doc)
    assert [p.id for p in al.pairs] == [1, 2, 3, 4, 5, 6, 8, 7]
    assert al.pairs[5].zh == [ZH[5]] and al.pairs[6].zh == [ZH[6]] and al.pairs[6].en == [EN[6]]
    assert_invariant(doc)


MOVES = [
    ("left_square_bracket", 2, lambda al: al.pairs[1].zh == [ZH[1], ZH[2]] and al.pairs[2].zh == [ZH[3]]),
    ("right_square_bracket", 2, lambda al: al.pairs[2].zh == [ZH[2]] and al.pairs[3].zh == [ZH[3]]),
    ("left_curly_bracket", 3, lambda al: al.pairs[2].en == [EN[2], EN[3]] and len(al.pairs) == 6),
    ("right_curly_bracket", 0, lambda al: al.pairs[0].en == [] and al.pairs[1].en == [EN[0], EN[1]]),
]


async def test_move_sentences(doc: Path) -> None:
    """Each move by its key, saved, checked, then undone (the file back to its bytes)."""
    before = doc.read_bytes()
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        for key, at, check in MOVES:
            await goto(pilot, app, at)
            await pilot.press(key, "ctrl+s")
            assert check(load_alignment(doc)), key
            assert_invariant(doc)
            await pilot.press("ctrl+z", "ctrl+s")
            assert doc.read_bytes() == before


async def test_edit_pair_splits_and_joins_by_lines(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 0)
        await pilot.press("e")
        await pilot.pause()
        from textual.widgets import TextArea

        en = app.screen.query_one("#edit-en", TextArea)
        en.text = "Ladies and gentlemen,\ngood morning!"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
    al = load_alignment(doc)
    assert al.pairs[0].en == ["Ladies and gentlemen,", "good morning!"]
    assert al.pairs[0].zh == [ZH[0]]


async def test_edit_pair_cancelled_changes_nothing(doc: Path) -> None:
    from workbench.tui.dialogs import ChoiceScreen
    from workbench.tui.edit_screen import EditPairScreen

    before = doc.read_bytes()
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "escape")  # nothing typed: closes at once
        assert app.screen is app.editor
        await pilot.press("e", "x", "escape")  # typed: asks first
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # keep editing
        assert isinstance(app.screen, EditPairScreen)
        await pilot.press("escape")
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert app.screen is app.editor
        await pilot.press("ctrl+s")
        assert not app.session.dirty
    assert doc.read_bytes() == before


async def test_confirm_moves_on_and_unconfirm(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert app.editor.view.cursor == 1
        await pilot.press("up", "c")  # already confirmed: stays so, moves on
        assert app.editor.view.cursor == 1
        await pilot.press("ctrl+s")
        assert load_alignment(doc).pairs[0].status == CONFIRMED
        await pilot.press("up", "U", "ctrl+s")
    assert [p.status for p in load_alignment(doc).pairs][:2] == ["auto", "auto"]


async def test_confirm_all_above(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 3)
        await pilot.press("C", "ctrl+s")
    assert [p.status for p in load_alignment(doc).pairs] == [CONFIRMED] * 4 + ["auto"] * 3


async def test_undo_returns_the_file_to_the_same_bytes_and_redo_replays(doc: Path) -> None:
    before = doc.read_bytes()
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 2)
        await pilot.press("m", "s", "enter", "right_square_bracket", "c", "C", "ctrl+s")
        after = doc.read_bytes()
        assert after != before
        await pilot.press(*["ctrl+z"] * 5, "ctrl+s")
        assert doc.read_bytes() == before
        assert not app.session.dirty
        await pilot.press(*["ctrl+y"] * 5, "ctrl+s")
        assert doc.read_bytes() == after


async def test_domain_errors_are_notifications(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "m", "left_square_bracket")  # no next pair; then a move that works
        await pilot.press("home", "left_curly_bracket")  # no previous pair
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("no next pair" in m for m in messages)
        assert any("no previous pair" in m for m in messages)


# -- navigation and find -----------------------------------------------------------------------


async def test_next_low_confidence_and_unconfirmed(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        assert app.editor.view.cursor == 1
        await pilot.press("l")
        assert app.editor.view.cursor == 2
        await pilot.press("home", "c", "c", "home", "u")
        assert app.editor.view.cursor == 2


async def test_find_plain_and_regex(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        from textual.widgets import Checkbox, Input

        await pilot.press("slash", *"little")  # typed, as a reviser would
        app.screen.query_one(Input).value = "little giant"
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.view.cursor == 3
        view = app.editor.view
        strip = view.render_line(view._offsets[3] - view.scroll_offset.y)
        marked = [seg.text for seg in strip if seg.style and seg.style.bold and "little" in seg.text]
        assert marked == ["little giant"]
        await pilot.press("slash")

        app.screen.query_one(Input).value = r"\d+%"
        app.screen.query_one("#find-regex", Checkbox).value = True
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.view.cursor == 4
        await pilot.press("n")
        assert app.editor.view.cursor == 4  # the only match: wraps to itself


# -- saving, journal, disk changes ---------------------------------------------------------------


async def test_killed_session_is_recovered_from_the_journal(doc: Path) -> None:
    before = doc.read_bytes()
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 2)
        await pilot.press("m", "c", "ctrl+z", "ctrl+y")
        expected = app.session.snapshot()
        # leave without saving or quitting: as if the terminal were killed
    assert doc.read_bytes() == before
    app2 = app_for(doc)
    assert app2.session.recovered == 4
    assert app2.session.al.pairs == expected.pairs
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("Recovered" in n.message for n in app2._notifications)
        await pilot.press("q")
    assert load_alignment(doc).pairs == expected.pairs
    assert not (doc.parent / ".doc.yaml.journal").exists()


async def test_quit_saves(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "q")
    assert load_alignment(doc).pairs[0].status == CONFIRMED


async def test_autosave(doc: Path) -> None:
    app = app_for(doc, autosave_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause(0.4)
        assert load_alignment(doc).pairs[0].status == CONFIRMED
        assert not app.session.dirty


async def test_file_changed_on_disk_is_not_overwritten(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        other = doc.read_text(encoding="utf-8").replace("test briefing", "changed elsewhere")
        doc.write_text(other, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        from workbench.tui.dialogs import ChoiceScreen

        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-cancel")
        assert doc.read_text(encoding="utf-8") == other
        app.autosave()
        assert doc.read_text(encoding="utf-8") == other
        await pilot.press("ctrl+s")
        await pilot.click("#choice-copy")
        await pilot.pause()
        copy = doc.with_name("doc.mine.yaml")
        assert load_alignment(copy).pairs[0].status == CONFIRMED
        await pilot.press("ctrl+s")
        await pilot.click("#choice-overwrite")
        await pilot.pause()
    assert load_alignment(doc).pairs[0].status == CONFIRMED


# -- palette, help ----------------------------------------------------------------------------------


def test_every_design_name_is_a_command_with_its_own_key() -> None:
    names = [c.name for c in COMMANDS]
    assert set(DESIGN_NAMES) <= set(names)
    keys = [k for c in COMMANDS for k in c.key.split(",")]
    assert len(keys) == len(set(keys))


async def test_palette_offers_the_design_names(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 2)
        await pilot.press("c", "up", "U", "ctrl+z")  # something to undo and to redo
        await pilot.press("slash")
        from textual.widgets import Input

        app.screen.query_one(Input).value = "Thank"
        await pilot.press("enter")
        await goto(pilot, app, 2)
        offered = {c.title for c in app.get_system_commands(app.editor)}
        assert "Restore dismissed finding" not in offered  # nothing dismissed yet
        from workbench.model import Ignored

        app.session.al.ignored = [Ignored("omission", 4)]
        offered = {c.title for c in app.get_system_commands(app.editor)}
        assert set(DESIGN_NAMES) <= offered
        await goto(pilot, app, 6)
        offered = {c.title for c in app.get_system_commands(app.editor)}
        assert "Merge with next pair" not in offered  # the last pair has no next
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Confirm p")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.al.pairs[6].status == CONFIRMED


async def test_help_lists_every_command(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        listed = {table.get_row_at(r)[1] for r in range(table.row_count)}
        assert {c.name for c in COMMANDS} <= listed
        await pilot.press("escape")
        assert app.screen is app.editor


async def test_help_descriptions_wrap_whole_at_80_columns(doc: Path) -> None:
    """At 80×24 every description is shown whole: wrapped inside the table, never cut at its edge."""
    from rich.console import Console
    from textual.widgets import DataTable

    app = app_for(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(COMMANDS) + 4
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(widths) <= table.size.width  # nothing runs past the right edge
        desc_w = list(table.columns.values())[2].width
        console = Console(width=desc_w)
        for key, row in table.rows.items():
            text = table.get_row(key)[2]
            assert len(console.render_lines(text, console.options.update_width(desc_w), pad=False)) <= row.height, text


async def test_status_line_fits_80_columns_with_a_long_file_name(tmp_path: Path) -> None:
    """At 80 columns the findings count stays on screen: separators narrow, "confirmed" becomes ✓."""
    path = tmp_path / "scio-2024-07-05-briefing.yaml"
    save_alignment(make_alignment(), path)
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if getattr(app, "findings", None) is not None and not app.checking:
                break
        status = app.editor.query_one("#status")
        shown = status.render().plain
        assert "findings" in status.text and len(status.text) > status.size.width  # it did not fit as it was
        assert shown.rstrip().endswith("findings") and "0/7 ✓" in shown and "scio-2024-07-05-briefing.yaml" in shown
    async with app_for(path).run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        assert "0/7 confirmed" in pilot.app.editor.query_one("#status").render().plain
