"""Find and replace on one side (English or Chinese), plain or regular expression, one by one or all."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from workbench.text.visible import visible

if TYPE_CHECKING:
    from workbench.tui.editor_screen import EditorScreen


class ReplaceScreen(ModalScreen[None]):
    """A dialog at the bottom, so the pair it stops at stays in sight above it."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("enter", "next", "Find next", priority=True),
        Binding("ctrl+r", "replace_one", "Replace", priority=True),
        Binding("ctrl+a", "replace_all", "Replace all", priority=True),
    ]

    def __init__(self, editor: EditorScreen) -> None:
        super().__init__()
        self.editor = editor
        self.armed: tuple | None = None  # the replace-all shown for confirmation

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog bottom", id="replace-dialog"):
            yield Label("Find and replace — Enter: next match · Ctrl+R: replace in this pair and go on · "
                        "Ctrl+A: replace all (asks first; one Undo) · Escape: close", classes="question")
            yield Input(placeholder="find", id="replace-find")
            yield Input(placeholder="replace with (\\1 for a group when regular expression)", id="replace-with")
            with Horizontal(classes="options"):
                yield Checkbox("Chinese side", id="replace-zh")  # unticked: the English; short to fit 80 columns
                yield Checkbox("Regular expression", id="replace-regex")
                yield Checkbox("Match case", True, id="replace-case")
            with Horizontal(classes="buttons"):
                yield Button("Find next", id="replace-next", variant="primary")
                yield Button("Replace", id="replace-one")
                yield Button("Replace all", id="replace-all")
            yield Static(id="replace-status", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#replace-find", Input).focus()

    # -- the search ------------------------------------------------------------------------

    @property
    def side(self) -> str:
        return "zh" if self.query_one("#replace-zh", Checkbox).value else "en"

    def pattern(self) -> re.Pattern[str] | None:
        text = self.query_one("#replace-find", Input).value
        if not text:
            self.say("type what to find")
            return None
        regex = self.query_one("#replace-regex", Checkbox).value
        flags = 0 if self.query_one("#replace-case", Checkbox).value else re.IGNORECASE
        try:
            return re.compile(text if regex else re.escape(text), flags)
        except re.error as exc:
            self.say(f"not a valid regular expression: {exc}")
            return None

    def replacement(self):
        value = self.query_one("#replace-with", Input).value
        if self.query_one("#replace-regex", Checkbox).value:
            return lambda m: m.expand(value)
        return lambda m: value

    def matches(self, pattern: re.Pattern[str], k: int) -> bool:
        p = self.editor.session.al.pairs[k]
        return any(pattern.search(s) for s in (p.zh if self.side == "zh" else p.en))

    def say(self, message: str) -> None:
        self.query_one("#replace-status", Static).update(Text(visible(message, keep="")))

    # -- actions ---------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"replace-next": self.action_next, "replace-one": self.action_replace_one,
         "replace-all": self.action_replace_all}[event.button.id or ""]()

    def action_next(self) -> None:
        pattern = self.pattern()
        if pattern is None:
            return
        self.editor.view.set_highlight(pattern)
        pairs = self.editor.session.al.pairs
        n, here = len(pairs), self.editor.cursor
        for d in range(1, n + 1):
            k = (here + d) % n
            if self.matches(pattern, k):
                self.editor.goto(k, center=True, reveal=True)
                self.say(f"pair {pairs[k].id}" + (" (on from the start)" if k <= here else ""))
                return
        self.say("no match")

    def action_replace_one(self) -> None:
        pattern = self.pattern()
        if pattern is None:
            return
        k = self.editor.cursor
        if not self.editor.session.al.pairs or not self.matches(pattern, k):
            self.action_next()  # not on a match yet: go to one first
            return
        if self.editor.apply(self.editor.session.replace_text, self.side, pattern, self.replacement(), [k]):
            self.action_next()

    def action_replace_all(self) -> None:
        pattern = self.pattern()
        if pattern is None:
            return
        pairs = self.editor.session.al.pairs
        found = [k for k in range(len(pairs)) if self.matches(pattern, k)]
        if not found:
            self.say("no match")
            return
        what = (pattern.pattern, self.query_one("#replace-with", Input).value, self.side, len(found))
        if self.armed != what:  # a bulk change: say what it will do, and do it on the second press
            self.armed = what
            side = "Chinese" if self.side == "zh" else "English"
            self.say(f"replace {self.query_one('#replace-find', Input).value!r} by {what[1]!r} on the {side} side "
                     f"of {len(found)} pairs? Ctrl+A (or the button) again to do it")
            return
        self.armed = None
        try:
            patch = self.editor.apply(self.editor.session.replace_text, self.side, pattern, self.replacement(), found)
        except (re.error, IndexError) as exc:
            self.say(f"bad replacement: {exc}")
            return
        if patch is not None:
            self.say(f"replaced in {len(found)} pairs — one Ctrl+Z in the editor takes it all back")

    def action_close(self) -> None:
        self.dismiss(None)
