"""The main view: pairs in two columns (zh | en), drawn a line at a time (only what is visible).

A `ScrollView` whose virtual height is the sum of the pairs' wrapped heights; `render_line`
finds the pair under a line by bisection and draws it from a small cache of rendered pairs.
Pairs are never mutated in place (see `session`), so a cache entry is keyed by the pair object.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import partial
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.editing.filters import LOW_CONFIDENCE, is_low_confidence
from workbench.model import CONFIRMED, Pair
from workbench.tui.wrap import wrap

GUTTER = 17  # "   123¶ 2:1 ✓?!✎ " — id, paragraph start, shape when not 1:1, status, marks
CONTEXT = 3  # lines kept visible above and below the cursor pair when the view scrolls
SEPARATOR = " │ "


class PairsView(ScrollView, can_focus=True):
    """Scrollable two-column view of an alignment's pairs with a cursor pair."""

    COMPONENT_CLASSES = {
        "pairs--cursor",
        "pairs--odd",
        "pairs--id",
        "pairs--confirmed",
        "pairs--auto",
        "pairs--low",
        "pairs--finding",
        "pairs--separator",
        "pairs--match",
        "pairs--sentence2",
        "pairs--term",
        "pairs--shape",
    }

    DEFAULT_CSS = """
    PairsView { background: $surface; overflow-y: scroll; overflow-x: hidden; }
    /* opaque colours only: a rich Style cannot blend a translucent background */
    PairsView > .pairs--cursor { background: $primary-darken-3; }
    PairsView:focus > .pairs--cursor { background: $primary-darken-1; }
    PairsView > .pairs--odd { background: $surface-lighten-1; }
    PairsView > .pairs--id { color: $text-muted; }
    PairsView > .pairs--confirmed { color: $success; text-style: bold; }
    PairsView > .pairs--auto { color: $text-muted; }
    PairsView > .pairs--low { color: $warning; text-style: bold; }
    PairsView > .pairs--finding { color: $error; text-style: bold; }
    PairsView > .pairs--separator { color: $primary-darken-2; }
    PairsView > .pairs--match { background: $warning-darken-2; color: $text; text-style: bold; }
    /* every second sentence of a side in another shade: where one sentence ends is visible */
    PairsView > .pairs--sentence2 { color: $text-secondary; }
    /* the cursor pair's findings: the term they are about, in both columns */
    PairsView > .pairs--term { color: $error; text-style: bold underline; }
    PairsView > .pairs--shape { color: $accent; text-style: bold; }
    """

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Previous pair", show=False, id="cursor.up"),
        Binding("down,j", "cursor(1)", "Next pair", show=False, id="cursor.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="cursor.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="cursor.pagedown"),
        Binding("home", "goto(0)", "First pair", show=False, id="cursor.first"),
        Binding("end", "goto(-1)", "Last pair", show=False, id="cursor.last"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    highlight: re.Pattern[str] | None = None  # the last search, marked in the text

    class Measured(Message):
        """Every pair's height is known (the background measuring is done)."""

    def __init__(self, pairs: list[Pair], on_move: Callable[[int], None] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pairs = pairs
        # Told of every cursor move at once (not by a message): what follows the cursor (status
        # line, findings panel) is drawn in the same frame as the move, one frame a key, not two.
        self.on_move = on_move
        self.findings: frozenset[int] | set[int] = frozenset()  # ids of the pairs with findings
        self.terms: re.Pattern[str] | None = None  # the cursor pair's finding terms, marked in it
        self.threshold = LOW_CONFIDENCE  # below it an unconfirmed pair is marked ?
        # With a filter on: the document positions of the pairs shown (self.pairs are those)
        self.shown: list[int] | None = None
        self.shown_set: set[int] = set()
        self._heights: list[int] = []
        self._offsets: list[int] = [0]
        self._layout_width = -1
        self._cache: dict[int, tuple[Pair, tuple, list[Strip]]] = {}

    # -- filtering ------------------------------------------------------------------------

    def document_index(self, k: int) -> int:
        """The document position of the k-th pair shown."""
        if self.shown is None:
            return k
        return self.shown[k] if 0 <= k < len(self.shown) else (self.shown[-1] if self.shown else 0)

    def view_index(self, k: int) -> int:
        """Where the pair at document position k is shown (or the first shown after it)."""
        if self.shown is None:
            return k
        return min(bisect_left(self.shown, k), max(len(self.shown) - 1, 0))

    def show_only(self, pairs: list[Pair], shown: list[int] | None) -> None:
        """Show the document's pairs, or (shown: their positions) only some of them."""
        self.shown = shown
        self.shown_set = set(shown) if shown is not None else set()
        self.pairs = pairs if shown is None else [pairs[k] for k in shown]
        self.relayout()

    # -- layout ---------------------------------------------------------------------------

    def column_widths(self, width: int | None = None) -> tuple[int, int]:
        """Cells for the zh and the en column at this widget width."""
        width = self.content_width if width is None else width
        text = max(width - GUTTER - len(SEPARATOR), 20)
        zh = text // 2
        return zh, text - zh

    def _pair_height(self, p: Pair, zw: int, ew: int) -> int:
        zh = sum(len(wrap(s, zw)) for s in p.zh)
        en = sum(len(wrap(s, ew)) for s in p.en)
        return max(zh, en, 1)

    @staticmethod
    def _estimate(p: Pair, zw: int, ew: int) -> int:
        """A quick guess at a pair's height (cells ≈ characters + wide characters)."""

        def lines(s: str, w: int) -> int:
            cells = len(s) if s.isascii() else len(s) + (len(s.encode()) - len(s)) // 2
            return -(-cells // w)

        return max(sum(lines(s, zw) for s in p.zh), sum(lines(s, ew) for s in p.en), 1)

    #: Above this many pairs, the first layout guesses one height for all from a sample (the
    #: screen's pairs are measured at once, the rest in the background): a big file opens sooner.
    SAMPLE_ABOVE = 2000

    def _estimates(self, zw: int, ew: int) -> list[int]:
        pairs = self.pairs
        n = len(pairs)
        if n <= self.SAMPLE_ABOVE:
            return [self._estimate(p, zw, ew) for p in pairs]
        step = n // 500
        sample = [self._estimate(pairs[k], zw, ew) for k in range(0, n, step)]
        return [max(1, round(sum(sample) / len(sample)))] * n

    @property
    def content_width(self) -> int:
        """Cells for text: the widget less its (always shown) scrollbar (kept per widget size:
        asked for every line drawn)."""
        size = self.size
        if size != self._content_size:
            self._content_size = size
            self._content_width = self.scrollable_content_region.width
        return self._content_width

    _content_size = None
    _content_width = 0

    def _style(self, name: str) -> Style:
        """A component class's style, kept until the theme or the focus changes (every pair
        drawn asks for a dozen)."""
        key = (self.app.theme, self.has_focus)
        if key != self._styles_key:
            self._styles_key = key
            self._styles = {}
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    _styles_key: tuple = ()
    _styles: dict[str, Style] = {}

    def relayout(self, start: int = 0, stop: int | None = None, delta: int = 0) -> None:
        """Re-measure pairs [start:stop] (after a change that replaced them), or all of them.

        A full layout guesses every height at once, measures exactly what is on screen, and
        measures the rest in small steps afterwards, so a huge document opens at once.
        """
        width = self.content_width
        if width <= 0:
            return  # not laid out yet: on_resize measures
        zw, ew = self.column_widths(width)
        if width != self._layout_width or stop is None:
            self._layout_width = width
            self._heights = self._estimates(zw, ew)
            self._exact = bytearray(len(self.pairs))
            self._cache.clear()
            self._generation += 1
            self.set_timer(0.05, partial(self._measure_more, self._generation))
        else:
            old_stop = stop - delta
            self._heights[start:old_stop] = [self._pair_height(p, zw, ew) for p in self.pairs[start:stop]]
            self._exact[start:old_stop] = b"\x01" * (stop - start)
        self._offsets = [0, *accumulate(self._heights)]
        self.cursor = min(self.cursor, max(len(self.pairs) - 1, 0))
        self.virtual_size = Size(width, self._offsets[-1])
        self._measure_visible()
        self.refresh()

    _generation = 0
    _exact = bytearray()

    def _measure(self, k0: int, k1: int) -> bool:
        """Exact heights for pairs [k0:k1]; True if a guess was wrong (offsets need rebuilding)."""
        zw, ew = self.column_widths(self._layout_width)
        changed = False
        heights, exact, pairs = self._heights, self._exact, self.pairs
        for k in range(max(k0, 0), min(k1, len(pairs))):
            if not exact[k]:
                exact[k] = 1
                h = self._pair_height(pairs[k], zw, ew)
                if h != heights[k]:
                    heights[k] = h
                    changed = True
        return changed

    def _measure_visible(self) -> None:
        """Make the pairs on screen (and the cursor pair) exact, keeping the top pair in place."""
        if not self.pairs or self._layout_width <= 0:
            return
        view = max(self.scrollable_content_region.height, 1)
        top = self.pair_at_line(self.scroll_offset.y)
        k, seen, changed = top, 0, False
        while k < len(self.pairs) and seen < 2 * view:
            changed |= self._measure(k, k + 1)
            seen += self._heights[k]
            k += 1
        changed |= self._measure(self.cursor, self.cursor + 1)
        if changed:
            self._rebuild_offsets(top)

    def _rebuild_offsets(self, anchor: int, redraw: bool = True) -> None:
        rel = self.scroll_offset.y - self._offsets[anchor]
        self._offsets = [0, *accumulate(self._heights)]
        self.virtual_size = Size(self._layout_width, self._offsets[-1])
        y = self._offsets[anchor] + rel
        if y != self.scroll_offset.y:
            self.scroll_to(y=y, animate=False, immediate=True)
            redraw = True
        if redraw:
            self.refresh()

    def _measure_more(self, generation: int) -> None:
        """Measure the next few hundred guessed heights; again soon, until all are exact."""
        if generation != self._generation or not self.pairs:
            return
        try:
            k = self._exact.index(0)
        except ValueError:
            self.post_message(self.Measured())
            return
        anchor = self.pair_at_line(self.scroll_offset.y)
        if self._measure(k, k + 250):
            # only pairs off screen changed (those on screen are always exact): no redraw
            # unless the lines above moved the view
            self._rebuild_offsets(anchor, redraw=False)
        self.set_timer(0.005, partial(self._measure_more, generation))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._measure_visible()

    def on_resize(self) -> None:
        if self.content_width != self._layout_width:
            self.relayout()
            self.scroll_to_cursor()

    def pair_at_line(self, line: int) -> int:
        return max(0, min(bisect_right(self._offsets, line) - 1, len(self.pairs) - 1))

    # -- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.content_width
        if not self.pairs or line >= self._offsets[-1] or self._layout_width != width:
            return Strip.blank(width, self.rich_style)
        k = self.pair_at_line(line)
        strips = self._pair_strips(k, width)
        row = line - self._offsets[k]
        return strips[row] if row < len(strips) else Strip.blank(width, self.rich_style)

    def _pair_strips(self, k: int, width: int) -> list[Strip]:
        p = self.pairs[k]
        terms = self.terms if k == self.cursor else None
        key = (width, k == self.cursor, k % 2, p.id in self.findings, self.has_focus, self.highlight, terms)
        hit = self._cache.get(id(p))
        if hit is not None and hit[0] is p and hit[1] == key:
            return hit[2]
        strips = self._draw_pair(p, k, width)
        if len(self._cache) > 400:
            self._cache.clear()
        self._cache[id(p)] = (p, key, strips)
        return strips

    def _draw_pair(self, p: Pair, k: int, width: int) -> list[Strip]:
        zw, ew = self.column_widths(width)
        base = self.rich_style
        if k == self.cursor:
            base = base + self._style("pairs--cursor")
        elif k % 2:
            base = base + self._style("pairs--odd")
        muted = base + self._style("pairs--id")
        sep = base + self._style("pairs--separator")
        match = base + self._style("pairs--match")
        alt = base + self._style("pairs--sentence2")
        term = base + self._style("pairs--term") if k == self.cursor else None
        # each sentence starts a line; every second one in another shade
        zh_lines = [(ln, alt if n % 2 else base) for n, s in enumerate(p.zh) for ln in wrap(s, zw)]
        en_lines = [(ln, alt if n % 2 else base) for n, s in enumerate(p.en) for ln in wrap(s, ew)]
        marks = [(self.highlight, match), (self.terms if term else None, term)]
        height = max(len(zh_lines), len(en_lines), 1)
        strips = []
        for row in range(height):
            segs = self._gutter(p, base, muted) if row == 0 else [Segment(" " * GUTTER, base)]
            segs += _cell(zh_lines, row, zw, base, marks)
            segs.append(Segment(SEPARATOR, sep))
            segs += _cell(en_lines, row, ew, base, marks)
            strips.append(Strip(segs).adjust_cell_length(width, base))
        return strips

    def _gutter(self, p: Pair, base: Style, muted: Style) -> list[Segment]:
        confirmed = p.status == CONFIRMED
        status = self._style("pairs--confirmed" if confirmed else "pairs--auto")
        low = self._style("pairs--low")
        finding = self._style("pairs--finding")
        shape_style = self._style("pairs--shape")
        shape = "" if len(p.zh) == 1 and len(p.en) == 1 else f"{len(p.zh)}:{len(p.en)}"
        return [
            Segment(f"{p.id:>6}"[-6:], muted),
            Segment("¶" if p.para is not None else " ", muted),
            Segment(f"{shape:>4}"[-4:], base + shape_style),
            Segment(" ", base),
            Segment("✓" if confirmed else "·", base + status),
            Segment("?" if is_low_confidence(p, self.threshold) else " ", base + low),
            Segment("!" if p.id in self.findings else " ", base + finding),
            Segment("✎" if p.note else " ", muted),
            Segment(" ", base),
        ]

    # -- cursor ---------------------------------------------------------------------------

    cursor_jump = False

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_pair(old)
        self.refresh_pair(new)
        self.scroll_to_cursor(center=self.cursor_jump)
        self.cursor_jump = False
        if self.on_move is not None:
            self.on_move(new)

    def refresh_pair(self, k: int) -> None:
        if 0 <= k < len(self._heights):
            top = self._offsets[k] - self.scroll_offset.y
            self.refresh(Region(0, top, self.content_width, self._heights[k]))

    def scroll_to_cursor(self, center: bool = False) -> None:
        """Keep the cursor pair on screen with a few lines of context above and below (the
        least scroll), or, after a jump, a third of the way down; a pair taller than the
        screen shows from its top."""
        k = self.cursor
        if not 0 <= k < len(self._heights):
            return
        if self._measure(k, k + 1):
            self._rebuild_offsets(self.pair_at_line(self.scroll_offset.y))
        top, height = self._offsets[k], self._heights[k]
        view = self.scrollable_content_region.height
        y = self.scroll_offset.y
        margin = min(CONTEXT, max((view - height) // 2, 0))
        visible = y <= top and top + height <= y + view
        if center and not visible:
            target = max(top - view // 3, 0)
        elif height > view:
            target = top
        elif top - margin < y:
            target = max(top - margin, 0)
        elif top + height + margin > y + view:
            target = top + height + margin - view
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def move_to(self, k: int, center: bool = False) -> None:
        """Put the cursor on pair k; `center` for jumps, so that the pair shows with its context."""
        if self.pairs:
            k = max(0, min(k, len(self.pairs) - 1))
            if center:
                self.cursor_jump = True
            self.cursor = k

    def action_cursor(self, step: int) -> None:
        """Next / previous pair; inside a pair taller than the screen, scroll through it first."""
        if 0 <= self.cursor < len(self._heights):
            top, height = self._offsets[self.cursor], self._heights[self.cursor]
            view = self.scrollable_content_region.height
            y = self.scroll_offset.y
            if height > view:
                if step > 0 and top + height > y + view:
                    self.scroll_to(y=min(y + max(view - 2, 1), top + height - view), animate=False, immediate=True)
                    return
                if step < 0 and top < y:
                    self.scroll_to(y=max(y - max(view - 2, 1), top), animate=False, immediate=True)
                    return
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        view = self.scrollable_content_region.height
        target = self._offsets[self.cursor] + direction * max(view - 2, 1)
        self.move_to(self.pair_at_line(max(target, 0)))

    def action_goto(self, k: int) -> None:
        self.move_to(k if k >= 0 else len(self.pairs) - 1)

    def on_click(self, event: Click) -> None:
        if self.pairs:
            self.move_to(self.pair_at_line(self.scroll_offset.y + event.y))

    def set_highlight(self, pattern: re.Pattern[str] | None) -> None:
        self.highlight = pattern
        self._cache.clear()
        self.refresh()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()


def _cell(lines: list[tuple[str, Style]], row: int, width: int, style: Style,
          marks: list[tuple[re.Pattern[str] | None, Style | None]] = ()) -> list[Segment]:
    """One row of one column, padded (or cut) to exactly `width` cells; matches of the last
    search and the cursor pair's finding terms stand out (within a line: a match broken by
    wrapping is not marked)."""
    if row >= len(lines):
        return [Segment(" " * width, style)]
    line, line_style = lines[row]
    spans: list[tuple[int, int, Style]] = []
    for pattern, mark in marks:
        if pattern is None or mark is None:
            continue
        for m in pattern.finditer(line):
            if m.end() > m.start() and all(m.start() >= b or m.end() <= a for a, b, _ in spans):
                spans.append((m.start(), m.end(), mark))
    segments, at = [], 0
    for a, b, mark in sorted(spans, key=lambda t: t[0]):
        if a > at:
            segments.append(Segment(line[at:a], line_style))
        segments.append(Segment(line[a:b], mark))
        at = b
    if at < len(line):
        segments.append(Segment(line[at:], line_style))
    return list(Strip(segments).adjust_cell_length(width, style))
