"""The editor's other screens by Pilot: glossary, add to glossary, findings, export, realign."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EN, SIZE, ZH, app_for, assert_invariant, goto, make_alignment  # noqa: F401

from workbench.glossary.model import Glossary, Term, load_glossary, save_glossary
from workbench.model import CONFIRMED
from workbench.store.alignment_file import load_alignment, save_alignment


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    al = make_alignment()
    save_glossary(Glossary(name="t", terms=[Term(zh=["新质生产力"], en="new quality productive forces")]), tmp_path / "g.yaml")
    al.glossary = "g.yaml"
    path = tmp_path / "doc.yaml"
    save_alignment(al, path)
    return path


async def test_glossary_screen_add_edit_filter_delete(doc: Path) -> None:
    from textual.widgets import DataTable, Input

    app = app_for(doc)
    gpath = doc.parent / "g.yaml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#term-zh", Input).value = '专精特新"小巨人"企业; "小巨人"企业'
        app.screen.query_one("#term-en", Input).value = '"little giant" enterprises'
        app.screen.query_one("#term-forbidden", Input).value = "small giant enterprises"
        await pilot.press("ctrl+s")
        await pilot.pause()
        g = load_glossary(gpath)
        assert g.terms[1].zh == ['专精特新"小巨人"企业', '"小巨人"企业'] and g.terms[1].forbidden == ["small giant enterprises"]
        # a duplicate source form is refused with a notification
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#term-zh", Input).value = "新质生产力"
        app.screen.query_one("#term-en", Input).value = "x"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("already in the glossary" in n.message for n in app._notifications)
        assert len(load_glossary(gpath).terms) == 2
        # filter, then edit the one row shown
        await pilot.press("slash")
        app.screen.query_one("#glossary-filter", Input).value = "giant"
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("enter", "e")
        await pilot.pause()
        app.screen.query_one("#term-note", Input).value = "keep the quotation marks"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_glossary(gpath).terms[1].note == "keep the quotation marks"
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#choice-delete")
        await pilot.pause()
        assert [t.key for t in load_glossary(gpath).terms] == ["新质生产力"]
        await pilot.press("escape")
        assert app.screen is app.editor


async def test_add_to_glossary_from_the_pair(doc: Path) -> None:
    from textual.widgets import Input, OptionList

    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 2)
        await pilot.press("t")
        await pilot.pause()
        zh_list = app.screen.query_one("#add-zh-list", OptionList)
        options = [str(zh_list.get_option_at_index(i).prompt) for i in range(zh_list.option_count)]
        assert "发展新质生产力" in options or "新质生产力" in options
        en_list = app.screen.query_one("#add-en-list", OptionList)
        en_options = [str(en_list.get_option_at_index(i).prompt) for i in range(en_list.option_count)]
        assert "speed up" in en_options and "development" in en_options
        app.screen.query_one("#add-zh", Input).value = "加快发展"
        app.screen.query_one("#add-en", Input).value = "speed up the development"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.editor
    g = load_glossary(doc.parent / "g.yaml")
    assert g.find("加快发展").en == "speed up the development"


async def test_add_to_glossary_creates_one_when_the_file_names_none(tmp_path: Path) -> None:
    from textual.widgets import Input

    path = tmp_path / "doc.yaml"
    save_alignment(make_alignment(), path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#add-zh", Input).value = "上午好"
        app.screen.query_one("#add-en", Input).value = "good morning"
        await pilot.press("ctrl+s", "ctrl+s")
    al = load_alignment(path)
    assert al.glossary == "doc.glossary.yaml"
    assert load_glossary(tmp_path / "doc.glossary.yaml").find("上午好").en == "good morning"


async def test_findings_grouped_jump_and_dismiss_with_reason(doc: Path) -> None:
    from textual.widgets import Input, Tree

    app = app_for(doc, check_delay=0.01)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.findings is not None:
                break
        assert app.findings, "the checks found nothing in a document made to have findings"
        await pilot.press("F")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        groups = [str(n.label) for n in tree.root.children]
        assert any(g.startswith("omission") for g in groups), groups
        # open the omission group, go to its first finding
        omission = next(n for n in tree.root.children if str(n.label).startswith("omission"))
        omission.expand()
        await pilot.pause()
        leaf = omission.children[0]
        tree.move_cursor(leaf)
        finding = leaf.data
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one(Input).value = "added on purpose"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")  # goes to the findings screen: save from the editor
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        al = load_alignment(doc)
        assert any(i.check == finding.check and i.pair == finding.pair and i.reason == "added on purpose" for i in al.ignored)
        for _ in range(50):
            await pilot.pause(0.05)
            if not app.checking:
                break
        assert not any(f.check == finding.check and f.pair == finding.pair and f.term == finding.term for f in app.findings)
        # Enter on a finding jumps to its pair
        await pilot.press("F")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        group = tree.root.children[0]
        group.expand()
        await pilot.pause()
        tree.move_cursor(group.children[0])
        target = group.children[0].data.pair
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.editor
        assert app.session.al.pairs[app.editor.view.cursor].id == target
        await pilot.press("f")  # next finding from there
        await pilot.pause()


async def test_export_yaml_tmx_tsv(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        for index, suffix, marker in [(0, ".export.yaml", "workbench: alignment/1"), (1, ".tmx", "<tmx"), (2, ".tsv", ZH[0])]:
            await pilot.press("x")
            await pilot.pause()
            await pilot.press(*["up"] * (1 - index) if index < 1 else ["down"] * (index - 1))
            await pilot.press("enter", "enter")  # the format, then the file name as proposed
            await pilot.pause()
            assert marker in doc.with_name("doc" + suffix).read_text(encoding="utf-8")
        # exporting over an existing file asks first
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#export-go")
        await pilot.pause()
        from workbench.tui.dialogs import ChoiceScreen

        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-no")


async def test_realign_from_here_keeps_confirmed_pairs(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, app, 4)
        await pilot.press("c")  # pair 5 confirmed: an anchor
        await goto(pilot, app, 1)
        before = list(app.session.al.pairs)
        await pilot.press("r")
        for _ in range(200):
            await pilot.pause(0.05)
            if not app.editor.realigning:
                break
        assert not app.editor.realigning
        pairs = app.session.al.pairs
        assert pairs[0] is before[0]
        confirmed = [p for p in pairs if p.status == CONFIRMED]
        assert len(confirmed) == 1 and confirmed[0].zh == [ZH[4]] and confirmed[0].en == [EN[4]]
        await pilot.press("ctrl+s")
        assert_invariant(doc)
        await pilot.press("ctrl+z", "ctrl+s")
    assert load_alignment(doc).pairs[1:4] == before[1:4]


async def test_findings_detail_wraps_both_sides_under_the_pair_id(tmp_path: Path) -> None:
    """In a narrow window the pair's two sides wrap with a hanging indent, not back to column 0."""
    from rich.cells import cell_len
    from textual.widgets import Static, Tree

    from workbench.model import Alignment, Pair

    al = Alignment(pairs=[Pair(id=1, zh=["新质生产力是先进生产力。" * 4], en=[]),
                          Pair(id=2, zh=[], en=["An added sentence that the Chinese does not have at all, long "
                                                 "enough to wrap twice in a window of sixty columns wide."])])
    path = tmp_path / "narrow.yaml"
    save_alignment(al, path)
    app = app_for(path, check_delay=0.01)
    async with app.run_test(size=(60, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.findings is not None and not app.checking:
                break
        await pilot.press("F")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        group = next(n for n in tree.root.children if str(n.label).startswith("omission"))
        group.expand()
        await pilot.pause()
        for leaf in group.children:
            tree.move_cursor(leaf)
            await pilot.pause()
            text = app.screen.query_one("#findings-detail", Static).content.plain
            body = text.split("\n\n", 1)[1].splitlines()
            assert body[0].startswith(f"pair {leaf.data.pair}  ") and len(body) >= 3, text
            assert all(line.startswith(" " * 8) for line in body[1:]), text
            assert all(cell_len(line) <= 58 for line in body), text


async def test_add_to_glossary_from_a_rendering_finding_offers_the_majority(tmp_path: Path) -> None:
    from textual.widgets import Input, Tree

    from workbench.model import Alignment, Pair

    al = Alignment(title="t")
    for i, (zh, en) in enumerate([
        ("我们要突破重点领域核心技术。", "We must make breakthroughs in core technologies of key areas."),
        ("引导资本投向重点领域。", "We will guide capital to key areas."),
        ("重点领域的短板仍然存在。", "Weak links remain in key fields."),
    ], 1):
        al.pairs.append(Pair(id=i, zh=[zh], en=[en]))
    path = tmp_path / "doc.yaml"
    save_alignment(al, path)
    app = app_for(path, check_delay=0.01)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if app.findings is not None:
                break
        await pilot.press("F")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        group = next(n for n in tree.root.children if str(n.label).startswith("rendering-inconsistent"))
        group.expand()
        await pilot.pause()
        tree.move_cursor(group.children[0])
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one("#add-zh", Input).value == "重点领域"
        assert app.screen.query_one("#add-en", Input).value == "key areas"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
    assert load_glossary(tmp_path / "doc.glossary.yaml").find("重点领域").en == "key areas"
