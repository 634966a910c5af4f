"""Add to glossary: pick a zh term and its en rendering from the words of the current pair."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.errors import WorkbenchError
from workbench.glossary import Term
from workbench.model import Pair
from workbench.tui.session import Session

_HAN = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.]*[A-Za-z0-9]|[A-Za-z0-9]")
_EN_STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "is", "are", "was", "we", "it", "this", "that", "with", "as", "by", "at"}


def zh_candidates(sentences: list[str], longest: int = 3) -> list[str]:
    """Words of the zh side (jieba) and runs of up to `longest` adjacent words, longest first."""
    try:
        import rjieba

        cut = rjieba.cut
    except ImportError:  # pragma: no cover - rjieba is a dependency; characters will do
        cut = list
    out: dict[str, None] = {}
    for s in sentences:
        for chunk in re.split(r"[^\u3400-\u9fffA-Za-z0-9\"“”]+", s):
            words = [w for w in cut(chunk) if w.strip()]
            for n in range(longest, 0, -1):
                for k in range(len(words) - n + 1):
                    term = "".join(words[k : k + n])
                    if _HAN.search(term) and len(term) >= 2:
                        out[term] = None
    return sorted(out, key=lambda t: (-len(t), t))


def en_candidates(sentences: list[str], longest: int = 5) -> list[str]:
    """Phrases of 1..`longest` words of the en side that neither start nor end with a stop word."""
    out: dict[str, None] = {}
    for s in sentences:
        for clause in re.split(r"[,;:!?()\"“”]|\.\s", s):
            words = _EN_WORD.findall(clause)
            for n in range(longest, 0, -1):
                for k in range(len(words) - n + 1):
                    phrase = words[k : k + n]
                    if phrase[0].lower() in _EN_STOP or phrase[-1].lower() in _EN_STOP:
                        continue
                    out[" ".join(phrase)] = None
    return list(out)


class AddTermScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "accept", "Add to glossary", priority=True),
    ]

    def __init__(self, session: Session, pair: Pair) -> None:
        super().__init__()
        self.session = session
        self.pair = pair
        self.zh_words = zh_candidates(pair.zh)
        self.en_words = en_candidates(pair.en)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Add to glossary from pair {self.pair.id}: type, or pick from the lists (Enter), then Ctrl+S",
                        classes="question")
            with Horizontal(id="term-sides"):
                with Vertical():
                    yield Label("中文 term")
                    yield Input(id="add-zh", placeholder="zh term")
                    yield OptionList(*self.zh_words, id="add-zh-list")
                with Vertical():
                    yield Label("English rendering")
                    yield Input(id="add-en", placeholder="en rendering")
                    yield OptionList(*self.en_words, id="add-en-list")
            yield Label("", id="add-known", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#add-zh-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        side = "zh" if event.option_list.id == "add-zh-list" else "en"
        self.query_one(f"#add-{side}", Input).value = str(event.option.prompt)
        if side == "zh":
            self.query_one("#add-en-list", OptionList).focus()
        else:
            self.query_one("#add-en", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        side = "zh" if event.input.id == "add-zh" else "en"
        words = self.zh_words if side == "zh" else self.en_words
        typed = event.value.strip().lower()
        olist = self.query_one(f"#add-{side}-list", OptionList)
        olist.clear_options()
        olist.add_options([Option(w) for w in words if typed in w.lower()] if typed and typed not in (w.lower() for w in words) else [Option(w) for w in words])
        if side == "zh":
            known = self._known(event.value.strip())
            self.query_one("#add-known", Label).update(known)

    def _known(self, zh: str) -> str:
        try:
            term = self.session.glossary_store.glossary.find(zh) if zh else None
        except WorkbenchError as exc:
            return str(exc)
        return f"already in the glossary: {zh} → {term.en}" if term else ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "add-zh":
            self.query_one("#add-en", Input).focus()
        else:
            self.action_accept()

    def action_accept(self) -> None:
        zh = self.query_one("#add-zh", Input).value.strip()
        en = self.query_one("#add-en", Input).value.strip()
        try:
            self.session.glossary_store.add(Term(zh=[zh], en=en))
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Added to glossary: {zh} → {en}")
        self.app.schedule_checks()
        self.app.editor.changed() if self.session.al.glossary else None
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
