"""The translation-memory panel: the archive's pairs whose Chinese is like the cursor pair's.

Looked up in a thread worker on every move (the newest request wins; older answers are
dropped), so the view never waits for the archive. Hidden when there is no archive.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widget import Widget

from workbench.corpus.memory import Match, fuzzy_matches
from workbench.errors import WorkbenchError
from workbench.model import Pair
from workbench.text.visible import visible
from workbench.tui.archive_link import archive

SHOWN = 4  # matches shown


class MemoryPanel(Widget):
    """Up to four fuzzy matches (≥ 70%), best first, the differing characters marked."""

    DEFAULT_CSS = """
    MemoryPanel {
        height: auto; max-height: 10; border-top: solid $primary; padding: 0 1; background: $panel;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self, file: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.file = file  # the open file, as the archive names it (its own pair is never offered)
        self.matches: list[Match] = []
        self._asked = 0
        self._text: Text = Text("")
        self.query_text = ""

    def on_mount(self) -> None:
        self.display = False

    def show_pair(self, pair: Pair | None) -> None:
        """Look up matches for this pair (the panel updates when they arrive)."""
        link = archive(self.app)
        if link.corpus() is None:
            self.display = False
            return
        self._asked += 1
        text = "".join(pair.zh) if pair is not None else ""
        self._lookup(self._asked, text, pair.id if pair is not None else None)

    @work(thread=True, exclusive=True, group="memory")
    def _lookup(self, ticket: int, text: str, pair_id: int | None) -> None:
        link = archive(self.app)
        try:
            with link.lock:
                corpus = link.corpus()
                found = fuzzy_matches(corpus, text, limit=SHOWN, skip=(self.file, pair_id)) if corpus else []
            error = None
        except WorkbenchError as exc:
            found, error = [], str(exc)
        self.app.call_from_thread(self._arrived, ticket, text, found, error)

    def _arrived(self, ticket: int, text: str, found: list[Match], error: str | None) -> None:
        if ticket != self._asked:
            return  # the cursor moved on
        self.matches = found
        self.query_text = text
        text = self._describe(found, error)
        # Re-layout the screen only when the panel's height changes: a redraw is much cheaper.
        relayout = not self.display or text.plain.count("\n") != self._text.plain.count("\n")
        self._text = text
        self.display = True
        self.refresh(layout=relayout)

    def _describe(self, found: list[Match], error: str | None) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")  # one line a side: the panel stays small
        if error:
            out.append(visible(f"Translation memory: {error}", keep=""), style="italic")
            return out
        if not found:
            out.append("Translation memory: no match ≥ 70% in the archive", style="dim")
            return out
        out.append(f"Translation memory: {len(found)} match{'es' if len(found) != 1 else ''} ≥ 70%", style="bold")
        for m in found:
            out.append("\n")
            out.append(f"{m.score:3.0f}% ", style="bold")
            at = 0
            for s, e in m.differs:
                out.append(visible(m.hit.zh[at:s], keep=""))
                out.append(visible(m.hit.zh[s:e], keep=""), style="bold reverse")
                at = e
            out.append(visible(m.hit.zh[at:], keep=""))
            out.append("\n     ")
            out.append(visible(m.hit.en, keep=""), style="italic")
        return out

    def render(self) -> Text:
        return self._text
