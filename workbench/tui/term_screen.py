"""A form for one glossary term (add or edit)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label

from workbench.errors import WorkbenchError
from workbench.glossary.model import Term, validate_term
from workbench.tui.safe import shown, typed


def split_list(text: str) -> list[str]:
    return [s.strip() for s in text.split(";") if s.strip()]


class TermScreen(ModalScreen[Term | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "accept", "Save", priority=True)]

    def __init__(self, term: Term | None) -> None:
        super().__init__()
        self.term = term

    def compose(self) -> ComposeResult:
        t = self.term or Term(zh=[""], en="")
        with Vertical(classes="dialog"):
            yield Label("Edit term" if self.term else "Add a term", classes="question")
            yield Label("Chinese forms (separate several with ;)")
            yield Input(shown("; ".join(t.zh)), id="term-zh")
            yield Label("English: the approved rendering")
            yield Input(shown(t.en), id="term-en")
            yield Label("Variants also accepted (;)")
            yield Input(shown("; ".join(t.variants)), id="term-variants")
            yield Label("Forbidden renderings (;)")
            yield Input(shown("; ".join(t.forbidden)), id="term-forbidden")
            yield Label("Note")
            yield Input(shown(t.note), id="term-note")
            yield Checkbox("Case sensitive (acronyms)", t.case == "sensitive", id="term-case")
            yield Label("Enter or Ctrl+S saves · Escape cancels", classes="hint")

    def value(self) -> Term:
        t = self.term or Term(zh=[""], en="")
        before = {"zh": "; ".join(t.zh), "en": t.en, "variants": "; ".join(t.variants),
                  "forbidden": "; ".join(t.forbidden), "note": t.note or ""}
        get = lambda name: typed(self.query_one(f"#term-{name}", Input).value, before[name])  # noqa: E731
        return Term(
            zh=split_list(get("zh")),
            en=get("en").strip(),
            variants=split_list(get("variants")),
            forbidden=split_list(get("forbidden")),
            note=get("note").strip() or None,
            case="sensitive" if self.query_one("#term-case", Checkbox).value else "insensitive",
        )

    def on_input_submitted(self) -> None:
        self.action_accept()

    def action_accept(self) -> None:
        term = self.value()
        try:
            validate_term(term)
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(term)

    def action_cancel(self) -> None:
        self.dismiss(None)
