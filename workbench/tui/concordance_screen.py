"""Concordance: search the archive from the editor; the hits, and the renderings summary.

Type a Chinese term or English words and press Enter. Enter on a hit shows its pair in
context (the pairs around it in its file; in this file, the cursor goes there); Enter on a
renderings line offers it for the glossary ("Add to glossary", the term and the rendering
filled in).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.corpus.backend import Hit
from workbench.corpus.renderings import Rendering, Renderings
from workbench.corpus.search import Concordance, concordance, kwic
from workbench.errors import WorkbenchError
from workbench.model import Pair
from workbench.text.visible import visible
from workbench.tui.add_term_screen import AddTermScreen
from workbench.tui.archive_link import archive

LIMIT = 200  # hits listed (the count says how many there are in all)


def initial_query(editor) -> str:
    """What Concordance searches at once: the Find text, else the cursor pair's first glossary term."""
    from workbench.glossary.matching import TermMatcher

    if editor.search is not None:
        return editor.search.text
    pairs = editor.session.al.pairs
    if not pairs:
        return ""
    try:
        glossary = editor.session.glossary_store.glossary
    except WorkbenchError:
        return ""
    hits = TermMatcher(glossary).zh_hits("".join(pairs[min(editor.cursor, len(pairs) - 1)].zh))
    return hits[0].text if hits else ""


def _line(text: str, spans: list[tuple[int, int]], width: int) -> Text:
    left, match, right = kwic(text, spans, width)
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(visible(left, keep=""))
    out.append(visible(match, keep=""), style="bold reverse")
    out.append(visible(right, keep=""))
    return out


class ConcordanceScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    #conc-hits { height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.result: Concordance | None = None
        self.summary: Renderings | None = None
        self._asked = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Concordance: a Chinese term or English words (end with * for a prefix); Enter searches",
                        classes="question")
            yield Input(self.initial, id="conc-query", placeholder="新质生产力")
            yield Label("", id="conc-count", classes="hint")
            yield OptionList(id="conc-hits")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial.strip():
            self.search(self.initial)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.search(event.value)

    def search(self, query: str) -> None:
        link = archive(self.app)
        if link.corpus() is None:
            self._say(link.error or "no archive")
            return
        if not query.strip():
            self._say("type a term to search for")
            return
        try:
            glossary = self.app.session.glossary_store.glossary  # the open file's terms count too
        except WorkbenchError:
            glossary = None
        self._asked += 1
        self._say("searching…")
        self._search(self._asked, query, glossary)

    @work(thread=True, exclusive=True, group="concordance", description="concordance")  # (no repr of the glossary)
    def _search(self, ticket: int, query: str, glossary) -> None:
        from workbench.editing.archive import renderings_of

        link = archive(self.app)
        try:
            with link.lock:
                corpus = link.corpus()
                result = concordance(corpus, query, limit=LIMIT)
                summary = (renderings_of(corpus, query.strip(), glossary)
                           if result.lang == "zh" and result.total else None)
            error = None
        except WorkbenchError as exc:
            result, summary, error = None, None, str(exc)
        self.app.call_from_thread(self._show, ticket, result, summary, error)

    def _say(self, text: str) -> None:
        self.query_one("#conc-count", Label).update(Text(visible(text, keep="")))

    def _show(self, ticket: int, result: Concordance | None, summary: Renderings | None, error: str | None) -> None:
        if ticket != self._asked:
            return
        olist = self.query_one("#conc-hits", OptionList)
        olist.clear_options()
        if error or result is None:
            self._say(error or "nothing found")
            return
        self.result, self.summary = result, summary
        shown = len(result.hits)
        count = f"{result.total:,} pair{'s' if result.total != 1 else ''}"
        if shown < result.total:
            count += f" ({shown} listed)"
        self._say(count + ("; Enter on a rendering adds it to the glossary, on a hit shows it in context"
                           if result.total else ""))
        width = max(olist.content_size.width - 2, 40)
        options: list[Option | None] = []
        if summary is not None:
            options.append(Option(Text(visible(summary.headline(), keep=""), style="bold", no_wrap=True,
                                       overflow="ellipsis"), id="summary", disabled=True))
            for k, r in enumerate(summary.lines):
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append(f"  → {visible(r.text, keep='')}", style="bold")
                line.append(f" ×{r.count:,}  ({r.source})", style="dim")
                options.append(Option(line, id=f"rendering-{k}"))
            options.append(None)
        for k, h in enumerate(result.hits):
            zh_spans = result.spans(h.zh) if result.lang in ("zh", "both") else []
            en_spans = result.spans(h.en) if result.lang in ("en", "both") else []
            if summary is not None and not en_spans:
                en_spans = summary.spans_in(h)
            prompt = Text(no_wrap=True, overflow="ellipsis")
            prompt.append(visible(f"{Path(h.file).name}  pair {h.pair}  {h.status}", keep=""), style="dim")
            prompt.append("\n")
            prompt.append_text(_line(h.zh, zh_spans, width // 2))
            prompt.append("\n")
            prompt.append_text(_line(h.en, en_spans, width))
            options.append(Option(prompt, id=f"hit-{k}"))
        olist.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, k = (event.option.id or "").partition("-")
        if kind == "rendering" and self.summary is not None:
            self.add_rendering(self.summary.lines[int(k)])
        elif kind == "hit" and self.result is not None:
            self.show_in_context(self.result.hits[int(k)])

    def add_rendering(self, r: Rendering) -> None:
        """"Add to glossary" with the query and this rendering filled in."""
        ex = r.example
        pair = Pair(id=ex.pair, zh=[ex.zh], en=[ex.en])
        self.app.push_screen(AddRenderingScreen(self.app.session, pair, self.summary.query, r.text))

    def show_in_context(self, hit: Hit) -> None:
        """In the open file: close and go to the pair. Elsewhere: the pairs around it."""
        session = self.app.session
        if Path(hit.file) == Path(session.path).resolve():
            self.dismiss(None)
            self.app.editor.goto_pair_id(hit.pair)
            return
        self.app.push_screen(ContextScreen(hit))

    def action_close(self) -> None:
        self.dismiss(None)


class AddRenderingScreen(AddTermScreen):
    """Add to glossary, the term and the rendering filled in from the concordance."""

    def __init__(self, session, pair: Pair, zh: str, en: str) -> None:
        super().__init__(session, pair)
        self.fill = (zh, en)

    def on_mount(self) -> None:
        zh, en = self.fill
        for side, value in (("zh", zh), ("en", en)):
            field = self.query_one(f"#add-{side}", Input)
            with field.prevent(Input.Changed):
                field.value = value
        self.query_one("#add-known", Label).update(self._known(zh))
        self.query_one("#add-en", Input).focus()


class ContextScreen(ModalScreen[None]):
    """A hit's pair with the pairs before and after it, from its file (read-only)."""

    DEFAULT_CSS = "#context-pairs { height: 1fr; }"

    BINDINGS = [Binding("escape,enter", "close", "Close")]
    AROUND = 3

    def __init__(self, hit: Hit) -> None:
        super().__init__()
        self.hit = hit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(visible(f"{self.hit.file}, pair {self.hit.pair}", keep="")), classes="question")
            yield OptionList(*self._pairs(), id="context-pairs")
        yield Footer()

    def _pairs(self) -> list[Option]:
        from workbench.editing.archive import load_any
        from workbench.text.reading import read_bytes

        path = Path(self.hit.file)
        try:
            al = load_any(path, read_bytes(path))
            k = al.index_of(self.hit.pair)
        except (WorkbenchError, KeyError):
            # The file moved or changed since it was indexed: show what the archive holds.
            return [Option(self._text(self.hit.pair, self.hit.zh, self.hit.en, True), id="hit")]
        lo, hi = max(0, k - self.AROUND), min(len(al.pairs), k + self.AROUND + 1)
        return [Option(self._text(p.id, "".join(p.zh), " ".join(p.en), i == k), id="hit" if i == k else None)
                for i, p in enumerate(al.pairs[lo:hi], lo)]

    @staticmethod
    def _text(pair_id: int, zh: str, en: str, current: bool) -> Text:
        out = Text()
        out.append(f"{pair_id:>5}  ", style="bold" if current else "dim")
        out.append(visible(zh, keep=""), style="bold" if current else "")
        out.append("\n       ")
        out.append(visible(en, keep=""), style="bold" if current else "")
        return out

    def on_mount(self) -> None:
        olist = self.query_one(OptionList)
        olist.focus()
        for i in range(olist.option_count):
            if olist.get_option_at_index(i).id == "hit":
                olist.highlighted = i

    def action_close(self) -> None:
        self.dismiss(None)
