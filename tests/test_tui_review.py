"""The reviser's daily tools by Pilot: split where chosen, find options, undo labels, notes,
find and replace, filters, the findings panel, go to pair."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EN, SIZE, ZH, app_for, assert_invariant, goto, make_alignment

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


# -- the main view ------------------------------------------------------------------------------


async def wait_for_findings(pilot, app) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if app.findings is not None and not app.checking:
            return
    raise AssertionError("the checks did not finish")


@pytest.fixture
def glossed(tmp_path: Path) -> Path:
    from workbench.glossary.model import Glossary, Term, save_glossary

    save_glossary(Glossary(name="t", terms=[Term(zh=["新质生产力"], en="new productive forces")]), tmp_path / "g.yaml")
    al = make_alignment()
    al.glossary = "g.yaml"
    al.pairs[5].note = "check the split"
    path = tmp_path / "doc.yaml"
    save_alignment(al, path)
    return path


async def test_the_view_shows_shape_sentences_notes_and_the_pairs_findings(glossed: Path) -> None:
    app = app_for(glossed, check_delay=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_findings(pilot, app)
        view = app.editor.view
        row = view.render_line(view._offsets[5]).text  # pair 6: 2:2, with a note
        assert row[:17].split() == ["6", "2:2", "·", "✎"]
        # the second sentence of a side is drawn in another shade than the first
        second = view.render_line(view._offsets[5] + 1)
        first_style = next(seg.style for seg in view.render_line(view._offsets[5]) if ZH[5][:3] in seg.text)
        second_style = next(seg.style for seg in second if ZH[6][:3] in seg.text)
        assert first_style != second_style
        await pilot.press("f")  # next finding: pair 3, its findings under the pairs
        assert app.editor.cursor == 2
        panel = app.editor.panel.text.plain
        assert "term-missing" in panel and "number-mismatch" in panel and "warning" in panel
        strips = [view.render_line(y - view.scroll_offset.y) for y in range(view._offsets[2], view._offsets[3])]
        marked = {seg.text for strip in strips for seg in strip if seg.style and seg.style.underline}
        assert "新质生产力" in marked and "productive forces" in marked  # the term, both columns
        assert "3/7 pair 3" in app.editor.status.text
        await goto(pilot, app, 5)
        assert "✎ note: check the split" in app.editor.panel.text.plain


async def test_the_cursor_keeps_context_and_a_tall_pair_scrolls(tmp_path: Path) -> None:
    from workbench.model import Alignment, Pair
    from workbench.tui.pairs_view import CONTEXT

    al = Alignment(pairs=[Pair(id=k + 1, zh=[f"第{k}句。"], en=[f"Sentence {k}."]) for k in range(40)])
    al.pairs[20].en = [f"Long sentence {n} " * 8 for n in range(30)]
    path = tmp_path / "tall.yaml"
    save_alignment(al, path)
    app = app_for(path)
    async with app.run_test(size=(100, 24)) as pilot:
        view = app.editor.view
        height = view.scrollable_content_region.height
        for _ in range(12):
            await pilot.press("j")
            k = view.cursor
            assert view._offsets[k] + view._heights[k] + CONTEXT <= view.scroll_offset.y + height
        await goto(pilot, app, 20)
        assert view._heights[20] > height
        assert view.scroll_offset.y == view._offsets[20]
        await pilot.press("j")  # inside the tall pair: the view scrolls, the cursor stays
        assert view.cursor == 20 and view.scroll_offset.y > view._offsets[20]
        presses = 1
        while view.cursor == 20 and presses < 50:
            await pilot.press("j")
            presses += 1
        assert view.cursor == 21 and presses >= view._heights[20] // height
        assert view.scroll_offset.y >= view._offsets[20] + view._heights[20] - height
        await pilot.press("end")
        assert view.cursor == 39
        await pilot.press("home", "pagedown")
        assert view.cursor > 5


async def test_go_to_pair_by_id_or_position(doc: Path) -> None:
    from textual.widgets import Input

    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        app.screen.query_one(Input).value = "5"
        await pilot.press("enter")
        assert app.session.al.pairs[app.editor.cursor].id == 5
        await pilot.press("colon")
        app.screen.query_one(Input).value = "/2"
        await pilot.press("enter")
        assert app.editor.cursor == 1
        await pilot.press("colon")
        app.screen.query_one(Input).value = "99"
        await pilot.press("enter")
        assert any("pair 99 does not exist" in m for m in messages(app))  # never was: not "no longer"


async def test_key_bar_keeps_the_main_keys_at_80_columns_and_small_windows_say_so(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.editor.query_one("#keys")
        shown = bar.render().plain
        for key in ("e Edit", "c Confirm", "m Merge", "s Split", "^z Undo", "? Help", "q Quit"):
            assert key in shown
        assert len(shown) <= 80
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert app.editor.has_class("too-small")
        assert app.editor.query_one("#too-small").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.editor.has_class("too-small")
        await pilot.press("j")
        assert app.editor.cursor == 1  # the view has the keys again


# -- review tools ---------------------------------------------------------------------------------


async def test_edit_note_is_saved_shown_and_undone(doc: Path) -> None:
    from textual.widgets import Input

    before = doc.read_bytes()
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 1)
        await pilot.press("a")
        app.screen.query_one(Input).value = "ask the [b]author[/b]"
        await pilot.press("enter", "ctrl+s")
        assert load_alignment(doc).pairs[1].note == "ask the [b]author[/b]"
        assert "ask the [b]author[/b]" in app.editor.panel.text.plain  # shown as typed, not as markup
        await pilot.press("ctrl+z", "ctrl+s")
    assert doc.read_bytes() == before


async def test_find_and_replace_one_by_one_and_all_in_one_undo(doc: Path) -> None:
    from textual.widgets import Checkbox, Input

    before = doc.read_bytes()
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        app.screen.query_one("#replace-find", Input).value = "the"
        app.screen.query_one("#replace-with", Input).value = "THE"
        await pilot.press("enter")  # the first match after the cursor
        assert app.editor.cursor == 2
        await pilot.press("ctrl+r")  # replace there, go on
        assert app.session.al.pairs[2].en == ["We will speed up THE development of new quality productive forces."]
        assert app.editor.cursor == 4
        await pilot.press("ctrl+a")  # all the rest: it says what it will do first ...
        assert "of 1 pairs? Ctrl+A" in str(app.screen.query_one("#replace-status").render())
        await pilot.press("ctrl+a")  # ... and does it on the second press: one change
        await pilot.press("escape", "ctrl+s")
        en = load_alignment(doc).en_sentences()
        assert not any("the" in s for s in en) and sum("THE" in s for s in en) == 2
        assert "The floor is now open for questions." in en  # match case was on
        assert app.session.undo_stack[-1].label.startswith("Find and replace")
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+s")
        assert doc.read_bytes() == before
        # the Chinese side, with a regular expression and a group
        await pilot.press("R")
        app.screen.query_one("#replace-find", Input).value = r"(\d+)%"
        app.screen.query_one("#replace-with", Input).value = r"\1 %"
        app.screen.query_one("#replace-zh", Checkbox).value = True
        app.screen.query_one("#replace-regex", Checkbox).value = True
        await pilot.press("ctrl+a", "ctrl+a", "escape", "ctrl+s")
    al = load_alignment(doc)
    assert al.pairs[4].zh == ["制造业增加值占全球比重约30 %。"] and al.pairs[4].en == [EN[4]]


async def test_filter_pairs_and_the_status_says_so(glossed: Path) -> None:
    from workbench.tui.dialogs import PickScreen

    app = app_for(glossed, check_delay=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_findings(pilot, app)
        view = app.editor.view

        async def pick(key: str) -> None:
            await pilot.press("v")
            assert isinstance(app.screen, PickScreen)
            app.screen.dismiss(key)
            await pilot.pause()

        await pick("shape")
        assert [p.id for p in view.pairs] == [3, 4, 6]
        assert "filter: not 1:1" in app.editor.status.text
        await pick("findings")
        assert [p.id for p in view.pairs] == [3, 4]
        await pick("notes")
        assert [p.id for p in view.pairs] == [6]
        await pick("low")
        assert [p.id for p in view.pairs] == [2, 3, 4]
        await pick("unconfirmed")
        await pilot.press("home", "c")  # confirmed: it leaves the filtered view, the cursor goes on
        assert len(view.pairs) == 6 and app.editor.cursor == 1
        await pilot.press("ctrl+s")
        assert load_alignment(glossed).pairs[0].status == "confirmed"
        await pick("all")
        assert len(view.pairs) == 7 and "filter" not in app.editor.status.text


async def test_restore_dismissed_finding(doc: Path) -> None:
    from workbench.model import Ignored

    al = load_alignment(doc)
    al.ignored = [Ignored("omission", 4, None, "on purpose"), Ignored("typography", None, None, None)]
    save_alignment(al, doc)
    app = app_for(doc, check_delay=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("enter", "ctrl+s")  # the first: omission on pair 4
        assert [i.check for i in load_alignment(doc).ignored] == ["typography"]
        # the findings screen lists the dismissed ones too, and r restores one
        from textual.widgets import Tree

        await wait_for_findings(pilot, app)
        await pilot.press("F")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        group = next(n for n in tree.root.children if str(n.label).startswith("dismissed (1)"))
        group.expand()
        await pilot.pause()
        tree.move_cursor(group.children[0])
        await pilot.press("r", "escape", "ctrl+s")
    assert load_alignment(doc).ignored == []


async def test_set_glossary_and_none(doc: Path) -> None:
    from textual.widgets import Input

    from workbench.glossary.model import Glossary, Term, save_glossary

    save_glossary(Glossary(name="t", terms=[Term(zh=["新质生产力"], en="new quality productive forces")]), doc.parent / "other.yaml")
    (doc.parent / "bad.yaml").write_text("workbench: alignment/1\npairs: []\n")
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        app.screen.query_one(Input).value = "bad.yaml"
        await pilot.press("enter")
        assert any("not a glossary" in m for m in messages(app))
        await pilot.press("G")
        app.screen.query_one(Input).value = "other.yaml"
        await pilot.press("enter", "ctrl+s")
        assert load_alignment(doc).glossary == "other.yaml"
        assert app.session.glossary_store.glossary.terms[0].zh == ["新质生产力"]
        await pilot.press("G")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter", "ctrl+s")
        assert load_alignment(doc).glossary is None
        await pilot.press("ctrl+z", "ctrl+s")
        assert load_alignment(doc).glossary == "other.yaml"


async def test_low_confidence_threshold(doc: Path) -> None:
    from textual.widgets import Input

    before = doc.read_bytes()
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        app.screen.query_one(Input).value = "0.85"
        await pilot.press("enter")
        await pilot.press("l", "l", "l", "l")
        assert app.session.al.pairs[app.editor.cursor].id == 6  # 0.8 is now low
        view = app.editor.view
        assert view.render_line(view._offsets[5] - view.scroll_offset.y).text[:17].split()[-1] == "·?"
    settings = doc.parent / "settings.yaml"  # (app_for: the user's config folder stands here)
    assert "low-confidence: 0.85" in settings.read_text()
    assert doc.read_bytes() == before  # the reviser's setting, not the document's

    app = app_for(doc)  # the next session: the threshold is still 0.85
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.editor.view
        assert app.session.low_confidence == 0.85 and view.threshold == 0.85
        assert view.render_line(view._offsets[5]).text[:17].split()[-1] == "·?"
        await pilot.press("v", "down", "enter")  # Filter pairs: low-confidence (the second)
        await pilot.pause()
        assert [p.id for p in view.pairs] == [2, 3, 4, 6]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "below 0.85" in str(app.screen.query_one("#help-hint").render())

    settings.write_text("low-confidence: high\nmine: 1\n")  # a bad value: said, the default used
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.low_confidence == 0.5
        assert any("settings are not used" in m and "low-confidence must be a number" in m for m in messages(app))
        await pilot.press("L")
        app.screen.query_one(Input).value = "0.7"
        await pilot.press("enter")  # setting it anew replaces the bad value (other keys stay)
    assert "low-confidence: 0.7\nmine: 1\n" in settings.read_text()

    settings.write_text("low-confidence: [0.6\n")  # not YAML: never written over
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.low_confidence == 0.5 and any("settings are not used" in m for m in messages(app))
        await pilot.press("L")
        app.screen.query_one(Input).value = "0.7"
        await pilot.press("enter")
        assert app.session.low_confidence == 0.7  # for this session
        assert any("not kept for the next" in m for m in messages(app))
    assert settings.read_text() == "low-confidence: [0.6\n"


async def test_user_keymap_changes_keys_help_and_bar(doc: Path) -> None:
    from textual.widgets import DataTable

    keymap = doc.parent / "keymap.yaml"
    keymap.write_text("Confirm pair: space\nNext finding: ctrl+n\n")
    app = app_for(doc, keymap_path=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert app.session.al.pairs[0].status == "confirmed"
        assert "Space Confirm" in app.editor.query_one("#keys").render().plain
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = {table.get_row_at(r)[1]: table.get_row_at(r)[0] for r in range(table.row_count)}
        assert rows["Confirm pair"] == "Space" and rows["Next finding"] == "Ctrl+N"
    keymap.write_text("Confirm pair: m\n")  # m is Merge's: refused as a whole, said
    app = app_for(doc, keymap_path=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("keymap is not used" in m for m in messages(app))


async def test_add_to_glossary_suggests_the_rendering_used_elsewhere(tmp_path: Path) -> None:
    import shutil

    from textual.widgets import Input

    path = tmp_path / "demo.yaml"
    shutil.copy(Path(__file__).resolve().parent.parent / "alignments" / "scio-2024-07-05.yaml", path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        k = next(n for n, p in enumerate(app.session.al.pairs) if any("新质生产力" in s for s in p.zh))
        await goto(pilot, app, k)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#add-zh", Input).value = "新质生产力"
        for _ in range(60):
            await pilot.pause(0.05)
            if app.screen.query_one("#add-en", Input).value:
                break
        assert app.screen.query_one("#add-en", Input).value == "new quality productive forces"
        assert "other pairs" in str(app.screen.query_one("#add-suggested").render())


async def test_missing_glossary_and_documents_are_said_on_open(doc: Path) -> None:
    al = load_alignment(doc)
    al.glossary = "gone.yaml"
    al.source.path = "../nowhere/zh.txt"
    save_alignment(al, doc)
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = " ".join(messages(app))
        assert "glossary gone.yaml not found" in said and "nowhere/zh.txt not found" in said


async def test_undo_covers_glossary_changes_and_the_journal_keeps_them(glossed: Path) -> None:
    from textual.widgets import Input

    from workbench.glossary.model import load_glossary

    gpath = glossed.parent / "g.yaml"
    before = gpath.read_bytes()
    app = app_for(glossed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#add-zh", Input).value = "女士们"
        app.screen.query_one("#add-en", Input).value = "ladies"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_glossary(gpath).find("女士们").en == "ladies"
        await pilot.press("ctrl+z")
        assert "Undone: Add to glossary" in messages(app)
        assert gpath.read_bytes() == before
        await pilot.press("ctrl+y")
        assert load_glossary(gpath).find("女士们").en == "ladies"
        # the glossary screen's delete is undone the same way
        await pilot.press("g")
        await pilot.pause()
        app.screen.store.delete(0)
        await pilot.press("escape", "ctrl+z")
        assert load_glossary(gpath).find("新质生产力") is not None
        # leave without saving: as if the terminal died
    app2 = app_for(glossed)
    assert app2.session.recovered == 5  # add, undo, redo, delete, undo
    assert load_glossary(gpath).find("女士们") is not None and load_glossary(gpath).find("新质生产力") is not None
    app2.session.undo()  # the journal's history goes on: the addition can still be taken back
    assert load_glossary(gpath).find("女士们") is None


def test_a_read_only_editor_does_not_change_the_glossary(glossed: Path) -> None:
    import pytest as _pytest

    from workbench.editing.session import Session
    from workbench.errors import WorkbenchError
    from workbench.glossary.model import Term

    first = Session(glossed)
    second = Session(glossed)  # the file is held: read-only
    try:
        assert second.read_only
        before = (glossed.parent / "g.yaml").read_bytes()
        with _pytest.raises(WorkbenchError, match="read-only"):
            second.glossary_store.add(Term(zh=["女士们"], en="ladies"))
        assert (glossed.parent / "g.yaml").read_bytes() == before and not second.undo_stack
    finally:
        second.close()
        first.close()


async def test_find_and_replace_options_all_fit_at_80_columns(doc: Path) -> None:
    from textual.widgets import Checkbox

    app = app_for(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        dialog = app.screen.query_one("#replace-dialog")
        inner = dialog.content_region
        for box in app.screen.query(Checkbox):
            r = box.region
            assert r.width > 0 and inner.x <= r.x and r.right <= inner.right, (str(box.label), r, inner)
