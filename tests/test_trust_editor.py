"""The editor never lets data drive the terminal or the app: no control sequence from a file
on screen, no Rich/Textual markup parsed from data, on every screen that shows user data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SIZE, app_for

from workbench.glossary.model import Glossary, Term, load_glossary, save_glossary
from workbench.model import Alignment, Pair
from workbench.store.alignment_file import load_alignment, save_alignment

ESC_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
MARKUP = "[@click=app.quit]x[/] [/b] [bold red]"


def screen_text(app) -> str:
    """What the screen shows, as the terminal would get it (an SVG of the whole screen)."""
    return app.export_screenshot()


def assert_clean(text: str) -> None:
    for ch in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert ch not in text, f"raw U+{ord(ch):04X} on screen"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    al = Alignment(title="hostile", pairs=[
        Pair(1, [f"新质生产力{CLEAR}。"], [f"New forces{ESC_TITLE} \u202etxt.exe {MARKUP}."]),
        Pair(2, [f"新质生产力{CLEAR}。"], [f"New quality forces {MARKUP}."]),
        Pair(3, ["大家好。"], ["Hello [/b]."]),
    ])
    al._last_id = 3
    save_glossary(Glossary(name=f"g{ESC_TITLE}[/b]", terms=[
        Term(zh=[f"新质生产力{CLEAR}"], en=f"new forces{ESC_TITLE}", variants=["[/b]"],
             forbidden=["[bold]x"], note="[@click=app.quit]x"),
    ]), tmp_path / "g.yaml")
    al.glossary = "g.yaml"
    path = tmp_path / "doc.yaml"
    save_alignment(al, path)
    return path


async def test_main_view_shows_control_characters_as_marks(hostile: Path) -> None:
    app = app_for(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shot = screen_text(app)
        assert_clean(shot)
        assert "␛]0;pwned␇" in shot and "⟨RLO⟩" in shot
        assert "[/b]" in shot  # the brackets are shown as text
        assert app.is_running


async def test_glossary_screen_with_markup_and_escapes_in_every_field(hostile: Path) -> None:
    from textual.widgets import DataTable

    app = app_for(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        shot = screen_text(app)
        assert_clean(shot)
        assert "[/b]" in shot and "␛]0;pwned␇" in shot
        # clicking the note cell, which holds [@click=app.quit], runs nothing
        await pilot.click(DataTable, offset=(150, 2))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        # editing the term shows the hidden characters as marks and saves them back unchanged
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_glossary(hostile.parent / "g.yaml").terms[0].en == f"new forces{ESC_TITLE}"
        await pilot.press("d")
        await pilot.pause()
        assert_clean(screen_text(app))  # the delete question quotes the term
        await pilot.press("escape")


async def test_findings_screen_and_dismiss_dialog_with_markup_in_the_message(hostile: Path) -> None:
    from textual.widgets import Input, Tree

    app = app_for(hostile)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):  # the checks run in the background, after a short delay
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            if app.findings is not None and not app.checking:
                break
        await pilot.press("F")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        leaves = [leaf for group in tree.root.children for leaf in group.children]
        quoting = [leaf for leaf in leaves if "[/b]" in leaf.data.message or ESC_TITLE in leaf.data.message]
        assert quoting, [leaf.data.message for leaf in leaves]
        for group in tree.root.children:
            group.expand()
        await pilot.pause()
        tree.move_cursor(quoting[0])
        await pilot.pause()
        assert_clean(screen_text(app))
        await pilot.press("d")  # the dismiss dialog quotes the message
        await pilot.pause()
        assert isinstance(app.screen.query_one("#prompt"), Input)
        assert_clean(screen_text(app))
        app.screen.query_one("#prompt", Input).value = "on purpose [/b]"
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
    al = load_alignment(hostile)
    assert al.ignored and al.ignored[0].reason == "on purpose [/b]"


async def test_notifications_quoting_data_are_plain(hostile: Path) -> None:
    app = app_for(hostile)
    async with app.run_test(size=SIZE) as pilot:
        app.notify(f"data: {MARKUP} {ESC_TITLE}")
        await pilot.pause()
        assert_clean(screen_text(app))
        assert app.is_running


async def test_edit_pair_shows_marks_and_keeps_the_text(hostile: Path) -> None:
    from textual.widgets import TextArea

    app = app_for(hostile)
    before = load_alignment(hostile).pairs[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "␛]0;pwned␇" in app.screen.query_one("#edit-en", TextArea).text
        assert_clean(screen_text(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # save the file
        await pilot.pause()
    after = load_alignment(hostile).pairs[0]
    assert (after.zh, after.en) == (before.zh, before.en)


async def test_add_term_offers_words_plainly(hostile: Path) -> None:
    app = app_for(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert_clean(screen_text(app))
        assert app.is_running


async def test_a_glossary_outside_the_folder_is_written_only_after_confirming_its_path(tmp_path: Path) -> None:
    from conftest import make_alignment
    from textual.widgets import Input

    folder = tmp_path / "received"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere" / "g.yaml"
    elsewhere.parent.mkdir()
    al = make_alignment()
    al.glossary = str(elsewhere)  # an absolute path anywhere on disk
    path = folder / "doc.yaml"
    save_alignment(al, path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        for attempt in ("cancel", "write"):
            await pilot.press("t")
            await pilot.pause()
            app.screen.query_one("#add-zh", Input).value = "新质生产力"
            app.screen.query_one("#add-en", Input).value = "new quality productive forces"
            await pilot.press("ctrl+s")
            await pilot.pause()
            question = str(app.screen.query_one(".question").render())
            assert str(elsewhere) in question and "outside its folder" in question
            assert not elsewhere.exists()
            await pilot.click(f"#choice-{attempt}")
            await pilot.pause()
            if attempt == "cancel":
                await pilot.press("escape")
                await pilot.pause()
    assert load_glossary(elsewhere).find("新质生产力").en == "new quality productive forces"


async def test_editor_export_keeps_files_and_never_writes_over_a_fifo(tmp_path: Path) -> None:
    import os
    import stat

    from conftest import make_alignment
    from textual.widgets import Input

    path = tmp_path / "doc.yaml"
    save_alignment(make_alignment(), path)
    existing = tmp_path / "old.tsv"
    existing.write_text("precious\n", encoding="utf-8")
    fifo = tmp_path / "pipe.tsv"
    os.mkfifo(fifo)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(fifo)
        await pilot.click("#export-go")
        await pilot.pause()
        assert any("FIFO" in n.message for n in app._notifications)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        app.screen.query_one("#export-path", Input).value = str(existing)
        await pilot.click("#export-go")
        await pilot.pause()
        await pilot.press("enter")  # the default answer keeps the file
        await pilot.pause()
    assert existing.read_text(encoding="utf-8") == "precious\n"
