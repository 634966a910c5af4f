"""Add to glossary: pick a zh term and its en rendering from the words of the current pair."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.editing.session import Session
from workbench.errors import WorkbenchError
from workbench.glossary.candidates import en_candidates, zh_candidates
from workbench.glossary.model import Term
from workbench.model import Pair
from workbench.tui.safe import line, shown, typed


class AddTermScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "accept", "Add to glossary", priority=True),
    ]

    def __init__(self, session: Session, pair: Pair, zh: str = "", en: str = "") -> None:
        """`zh`/`en` prefill the fields (a finding's term and the rendering it advises)."""
        super().__init__()
        self.session = session
        self.pair = pair
        self.prefill = (zh, en)
        self.zh_words = zh_candidates(pair.zh)
        self.en_words = en_candidates(pair.en)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Add to glossary from pair {self.pair.id}: type to filter, ↓ into the words, Enter picks; "
                        "Tab to the other side; Ctrl+S adds", classes="question")
            with Horizontal(id="term-sides"):
                with Vertical():
                    yield Label("中文 term")
                    yield Input(self.prefill[0], id="add-zh", placeholder="zh term")
                    yield OptionList(*_options(self.zh_words), id="add-zh-list")
                with Vertical():
                    yield Label("English rendering")
                    yield Input(self.prefill[1], id="add-en", placeholder="en rendering")
                    yield OptionList(*_options(self.en_words), id="add-en-list")
            yield Label("", id="add-known", classes="hint")
            yield Label("", id="add-suggested", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#add-zh", Input).focus()

    def on_key(self, event) -> None:
        # Down from a field goes into its list of words; Up from the top of a list comes back.
        focused = self.focused
        if event.key == "down" and isinstance(focused, Input):
            event.stop()
            olist = self.query_one(f"#{focused.id}-list", OptionList)
            olist.focus()
            if olist.option_count:
                olist.highlighted = 0
        elif event.key == "up" and isinstance(focused, OptionList) and focused.highlighted in (None, 0):
            event.stop()
            self.query_one("#" + (focused.id or "").removesuffix("-list"), Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        side = "zh" if event.option_list.id == "add-zh-list" else "en"
        field = self.query_one(f"#add-{side}", Input)
        with field.prevent(Input.Changed):
            field.value = shown(event.option.id or "")
        if side == "zh":
            self.query_one("#add-known", Label).update(self._known(field.value))
            self._suggest(field.value)
            self.query_one("#add-en", Input).focus()
        else:
            field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        side = "zh" if event.input.id == "add-zh" else "en"
        words = self.zh_words if side == "zh" else self.en_words
        typed = event.value.strip().lower()
        olist = self.query_one(f"#add-{side}-list", OptionList)
        olist.clear_options()
        olist.add_options(_options(w for w in words if typed in w.lower()))
        if side == "zh":
            known = self._known(event.value.strip())
            self.query_one("#add-known", Label).update(known)
            self._suggest(event.value)

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, zh: str) -> None:
        """Renderings for the zh term, from the file's other pairs and the dictionary."""
        from workbench.editing.term_suggestions import suggest_renderings

        found = suggest_renderings(self.session.snapshot(), zh, self.pair) if len(zh.strip()) >= 2 else []
        self.app.call_from_thread(self._show_suggestions, zh, found)

    def _show_suggestions(self, zh: str, found: list[tuple[str, str]]) -> None:
        if self.query_one("#add-zh", Input).value != zh:
            return  # typed on since: a newer suggestion follows
        self.suggestions = found
        olist = self.query_one("#add-en-list", OptionList)
        typed = self.query_one("#add-en", Input).value.strip().lower()
        olist.clear_options()
        ranked = [en for en, _ in found] + [w for w in self.en_words if w not in dict(found)]
        olist.add_options(_options(w for w in ranked if typed in w.lower()))
        hint = self.query_one("#add-suggested", Label)
        hint.update(line("suggested: " + "; ".join(f"{en} ({why})" for en, why in found[:3])) if found else "")
        field = self.query_one("#add-en", Input)
        if found and not field.value.strip():
            with field.prevent(Input.Changed):
                field.value = shown(found[0][0])

    suggestions: list[tuple[str, str]] = []

    def _known(self, zh: str) -> Text:
        try:
            term = self.session.glossary_store.glossary.find(zh) if zh else None
        except WorkbenchError as exc:
            return line(str(exc))
        return line(f"already in the glossary: {zh} → {term.en}" if term else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "add-zh":
            self.query_one("#add-en", Input).focus()
        else:
            self.action_accept()

    def action_accept(self) -> None:
        zh = typed(self.query_one("#add-zh", Input).value, " ".join(self.pair.zh)).strip()
        en = typed(self.query_one("#add-en", Input).value, " ".join(self.pair.en)).strip()
        from workbench.editing.glossary_store import GlossaryOutside

        try:
            self.session.glossary_store.add(Term(zh=[zh], en=en))
        except GlossaryOutside as exc:
            self.app.confirm_glossary_outside(exc.path, self.action_accept)
            return
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Added to glossary: {zh} → {en}")
        self.app.schedule_checks()
        self.app.editor.changed() if self.session.al.glossary else None
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _options(words: Iterable[str]) -> list[Option]:
    """The words as options: shown plainly (no markup, hidden characters as marks), the word
    itself kept as the option's id."""
    return [Option(line(w), id=w) for w in dict.fromkeys(words)]
