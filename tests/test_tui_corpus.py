"""The archive in the editor: the translation-memory panel and the Concordance command,
driven by a Pilot on a small archive in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.corpus import open_corpus
from workbench.corpus.indexer import index_paths
from workbench.editing.session import Session
from workbench.glossary.model import Glossary, Term, load_glossary, save_glossary
from workbench.model import Alignment, Pair
from workbench.store.alignment_file import save_alignment
from workbench.tui.app import WorkbenchApp
from workbench.tui.concordance_screen import AddRenderingScreen, ConcordanceScreen, ContextScreen

SIZE = (140, 45)


def doc(pairs, glossary=None):
    al = Alignment(title="t", glossary=glossary)
    al.pairs = [Pair(id=i, zh=[zh], en=[en]) for i, (zh, en) in enumerate(pairs, 1)]
    return al


@pytest.fixture
def setup(tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    archive.mkdir()
    save_alignment(doc([("我们要加快发展新质生产力。", "We will speed up new quality productive forces."),
                        ("培育新质生产力是重点。", "Fostering new quality productive forces is a priority."),
                        ("谢谢大家。", "Thank you all.")]), archive / "old.yaml")
    db = tmp_path / "c.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(db))
    c = open_corpus(db, create=True)
    index_paths(c, [archive])
    c.close()
    save_glossary(Glossary(name="g"), tmp_path / "g.yaml")
    mine = tmp_path / "mine.yaml"
    save_alignment(doc([("我们要加快发展新质生产力！", "We must develop new productive forces."),
                        ("今天天气很好。", "The weather is fine today.")], glossary="g.yaml"), mine)
    return tmp_path, mine


async def until(pilot, test, seconds: float = 10.0):
    for _ in range(int(seconds / 0.05)):
        if test():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


def first_hit(olist) -> int:
    return next(i for i in range(olist.option_count) if (olist.get_option_at_index(i).id or "").startswith("hit-"))


async def test_translation_memory_panel_follows_the_cursor(setup):
    tmp, mine = setup
    app = WorkbenchApp(Session(mine), autosave_seconds=0, checks_in_process=False)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.editor.memory
        await until(pilot, lambda: panel.display and panel.matches)
        m = panel.matches[0]
        assert m.hit.zh == "我们要加快发展新质生产力。" and 90 <= m.score < 100
        assert [m.hit.zh[s:e] for s, e in m.differs] == ["。"]  # the one character that differs
        text = panel.render().plain
        assert "Translation memory: 1 match ≥ 70%" in text and "We will speed up new quality" in text
        await pilot.press("down")
        await until(pilot, lambda: panel.query_text == "今天天气很好。")
        assert panel.matches == [] and "no match ≥ 70%" in panel.render().plain


async def test_no_archive_hides_the_panel(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "none.sqlite"))
    path = tmp_path / "d.yaml"
    save_alignment(doc([("谢谢。", "Thanks.")]), path)
    app = WorkbenchApp(Session(path), autosave_seconds=0, checks_in_process=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert not app.editor.memory.display
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, ConcordanceScreen))
        screen = app.screen
        await pilot.press(*"谢谢", "enter")
        await until(pilot, lambda: "no archive yet" in str(screen.query_one("#conc-count").render()))


async def test_concordance_renderings_add_to_glossary_and_context(setup):
    tmp, mine = setup
    app = WorkbenchApp(Session(mine), autosave_seconds=0, checks_in_process=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, ConcordanceScreen))
        screen = app.screen
        for ch in "新质生产力":
            await pilot.press(ch)
        await pilot.press("enter")
        await until(pilot, lambda: screen.result is not None)
        assert screen.result.total == 2  # the open file's own pair is in the archive only if indexed
        olist = screen.query_one("#conc-hits")
        prompts = [str(olist.get_option_at_index(i).prompt) for i in range(olist.option_count)]
        assert prompts[0].startswith("新质生产力 → new quality productive forces ×2")
        assert any("[" not in p and "old.yaml  pair 1" in p for p in prompts)
        # a renderings line → Add to glossary, filled in
        olist.focus()
        olist.highlighted = 1
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AddRenderingScreen))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        terms = load_glossary(tmp / "g.yaml").terms
        assert [(t.zh, t.en) for t in terms] == [(["新质生产力"], "new quality productive forces")]
        # a hit from another file → its pair in context
        olist.highlighted = first_hit(olist)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ContextScreen))
        ctx = app.screen.query_one("#context-pairs")
        shown = [str(ctx.get_option_at_index(i).prompt) for i in range(ctx.option_count)]
        assert len(shown) == 3 and "谢谢大家" in shown[2]
        await pilot.press("escape", "escape")
        await until(pilot, lambda: app.screen is app.editor)


async def test_concordance_starts_with_the_cursor_pairs_glossary_term(setup):
    tmp, mine = setup
    save_glossary(Glossary(name="g", terms=[Term(zh=["新质生产力"], en="new quality productive forces")]), tmp / "g.yaml")
    app = WorkbenchApp(Session(mine), autosave_seconds=0, checks_in_process=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, ConcordanceScreen))
        screen = app.screen
        assert screen.query_one("#conc-query").value == "新质生产力"
        await until(pilot, lambda: screen.result is not None)
        assert screen.result.total == 2 and screen.summary.lines[0].source == "glossary"


async def test_concordance_is_in_the_palette_and_a_hit_in_this_file_moves_the_cursor(setup):
    tmp, mine = setup
    c = open_corpus(tmp / "c.sqlite")
    index_paths(c, [mine])
    c.close()
    app = WorkbenchApp(Session(mine), autosave_seconds=0, checks_in_process=False)
    async with app.run_test(size=SIZE) as pilot:
        names = [cmd.title for cmd in app.get_system_commands(app.screen)]
        assert "Concordance" in names
        app.editor.search = None
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, ConcordanceScreen))
        screen = app.screen
        for ch in "天气":
            await pilot.press(ch)
        await pilot.press("enter")
        await until(pilot, lambda: screen.result is not None)
        assert [(Path(h.file).name, h.pair) for h in screen.result.hits] == [("mine.yaml", 2)]
        olist = screen.query_one("#conc-hits")
        olist.focus()
        olist.highlighted = first_hit(olist)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is app.editor)
        assert app.editor.cursor == 1
