"""The editor at 80 and 60 columns: the status line keeps the position, the pair id, the unsaved
mark and the filter in view; the findings panel wraps a long message into its lines; nothing
runs past the edge and no Chinese character is cut in half."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import app_for, goto, make_alignment
from rich.cells import cell_len

from workbench.checks import Finding
from workbench.store.alignment_file import save_alignment
from workbench.tui.check_results import CheckResults
from workbench.tui.status_line import Part, clip, fit_status

NAME = "国务院新闻办公室新闻发布会2024年7月5日全文.yaml"


def parts(name: str = NAME, dirty: bool = True, filtered: bool = True) -> list[Part]:
    mark = " ●" if dirty else ""
    out = [Part("name", (name + mark, clip(name, 16) + mark, clip(name, 8) + mark)),
           Part("confirmed", ("1200/3390 confirmed", "1200/3390 ✓", "")),
           Part("position", ("2045/3390 pair 2057 score 0.42", "2045/3390 pair 2057", "2045/3390 #2057"))]
    if filtered:
        out.append(Part("filter", ("filter: low-confidence, 377 shown", "filter: low-confidence (377)",
                                   "filter: low-confidence", "filter on")))
    out.append(Part("findings", ("168 findings …", "168! …", "")))
    return out


@pytest.mark.parametrize("width", [200, 100, 80, 70, 60, 50, 44])
def test_status_keeps_position_id_unsaved_and_filter(width: int) -> None:
    text = fit_status(parts(), width)
    assert cell_len(text) <= width, text
    assert "2045/3390" in text and "2057" in text and "●" in text and "filter" in text
    name = text.split(" ●")[0]
    assert NAME.startswith(name.rstrip("…"))  # cut at a whole character, never through one
    if width >= 200:
        assert text.startswith(NAME) and "score 0.42" in text and "168 findings" in text


def test_status_gives_up_the_least_important_first() -> None:
    at80 = fit_status(parts(name="scio-2024-07-05.yaml"), 80)
    assert at80 == "scio-2024-07-05… ● │ 2045/3390 pair 2057 │ filter: low-confidence (377) │ 168! …"
    # the file name is cut before the findings count is
    assert fit_status(parts(filtered=False, dirty=False), 80) == (
        "国务院新闻办公… │ 1200/3390 ✓ │ 2045/3390 pair 2057 │ 168 findings …")


def test_clip_counts_cells() -> None:
    assert clip("国务院新闻办公室", 7) == "国务院…" and cell_len(clip("国务院新闻办公室", 7)) == 7
    assert clip("short.yaml", 16) == "short.yaml"


LONG = ("专精特新中小企业 rendered “specialized and sophisticated SMEs that could produce novel and unique "
        "products” here, “innovative SMEs that use special and sophisticated technologies to produce novel "
        "and unique products” elsewhere (“innovative SMEs …” ×4, “specialized …” ×1) in pairs 44, 1416, 1721")


def screen_lines(app) -> list[str]:
    """The screen as the terminal shows it, a line each (wide characters once)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_narrow_status_and_findings_panel(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / NAME
    save_alignment(make_alignment(), path)
    app = app_for(path, check_delay=1000)  # the findings are the test's own
    async with app.run_test(size=size) as pilot:
        await goto(pilot, app, 2)
        await pilot.press("v", "down", "enter")  # Filter pairs: low-confidence
        await pilot.press("m")  # an unsaved change
        await pilot.pause()
        pair = app.session.al.pairs[app.editor.cursor]
        app.findings = CheckResults.of([
            Finding("term-inconsistent", "warning", pair.id, LONG, term="专精特新中小企业"),
            Finding("number-mismatch", "error", pair.id, "in the Chinese but not the English: 1.2万"),
        ])
        app.editor.show_findings(app.findings)
        app.editor.update_status()
        await pilot.pause()
        lines = screen_lines(app)
        width = size[0]
        assert all(cell_len(ln) <= width for ln in lines)
        status = next(ln for ln in lines if "●" in ln)
        k = app.editor.cursor
        assert f"{k + 1}/{len(app.session.al.pairs)}" in status and f"pair {pair.id}" in status
        assert "filter" in status and NAME[:3] in status
        panel = [ln.strip() for ln in app.editor.panel.text.plain.split("\n")]
        assert len(panel) == 3 and panel[0].startswith("▲") and "term-inconsistent: 专精特新" in panel[0]
        assert panel[1].startswith("“specialized") or panel[1].startswith("sophisticated") or "SMEs" in panel[1]
        assert panel[2].startswith("✖") and "number-mismatch" in panel[2]
        shown = [ln for ln in lines if "term-inconsistent" in ln]
        assert shown and "专精特新中小企业" in shown[0]  # the Chinese whole, not cut
        # one finding alone: its message wraps over the three lines, the end cut with …
        app.findings = CheckResults.of([Finding("term-inconsistent", "warning", pair.id, LONG)])
        app.editor.show_findings(app.findings)
        await pilot.pause()
        panel = app.editor.panel.text.plain.split("\n")
        assert len(panel) == 3 and panel[1].startswith("    ") and panel[2].startswith("    ")
        drawn = [ln for ln in screen_lines(app) if ln.startswith("     ") and "│" not in ln]
        assert drawn and drawn[-1].rstrip().endswith("…")


async def test_help_at_60_columns_shows_what_each_command_does(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the settings file beside the document shows as ~/settings.yaml
    path = tmp_path / "doc.yaml"
    save_alignment(make_alignment(), path)
    app = app_for(path, check_delay=1000)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        lines = screen_lines(app)
        assert any("Edit pair" in ln for ln in lines) and any("edit the zh/en text" in ln for ln in lines)
        assert any("below 0.5" in ln for ln in lines) and any("~/settings.yaml" in ln for ln in lines)
        assert all(cell_len(ln) <= 60 for ln in lines)
