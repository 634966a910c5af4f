"""Wrapping mixed Chinese/English text to a width in cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from workbench.tui.wrap import wrap

TEXT = st.lists(st.sampled_from(list("国务院新闻办公室，。“”abc de 12.5% ") + ["new ", "quality ", "productiveforces"]), max_size=80).map("".join)


@settings(max_examples=120, deadline=None)
@given(text=TEXT, width=st.integers(4, 80))
def test_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert lines
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_chinese_punctuation_does_not_start_a_line() -> None:
    lines = wrap("一二三四五，六七", 10)
    assert not lines[1].startswith("，")


def test_english_breaks_at_spaces() -> None:
    assert wrap("Ladies and gentlemen, good morning.", 20) == ["Ladies and", "gentlemen, good", "morning."]
