"""Every editor operation as one command object: its palette name, key, footer label and help.

The editor screen's key bindings, its footer, the `?` help screen and the command palette are
all built from `COMMANDS`, so a command cannot be reachable one way and missing another. The
palette names of DESIGN §7 are kept exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    name: str  # the command palette name
    action: str  # the editor screen's action (action_<name>, with arguments if any)
    key: str  # keys, comma-separated, in Textual's names
    label: str  # short footer text
    help: str  # one line for the palette and the help screen
    footer: int = 0  # place in the key bar: 1 first kept at narrow widths … 0 not shown

    @property
    def binding_id(self) -> str:
        return "editor." + self.name.lower().replace(" ", "-")

    @property
    def key_display(self) -> str:
        return key_display(self.key)


def key_display(keys: str) -> str:
    """Textual key names as a reviser reads them: 'e or Enter', 'Ctrl+Z', '['."""
    return " or ".join(_KEY_NAMES.get(k, k.title() if "+" in k else k) for k in keys.split(","))


_KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "slash": "/",
    "question_mark": "?",
    "enter": "Enter",
    "ctrl+z": "Ctrl+Z",
    "ctrl+y": "Ctrl+Y",
    "ctrl+s": "Ctrl+S",
    "ctrl+f": "Ctrl+F",
    "exclamation_mark": "!",
    "f1": "F1",
    "ctrl+g": "Ctrl+G",
    "colon": ":",
    "space": "Space",
}

COMMANDS: tuple[Command, ...] = (
    Command("Edit pair", "edit_pair", "e,enter", "Edit", "edit the zh/en text, one sentence a line", footer=1),
    Command("Merge with next pair", "merge", "m", "Merge", "the next pair's sentences join this one", footer=3),
    Command("Split pair", "split", "s", "Split", "split this pair where you put the line on each side", footer=4),
    Command("Move Chinese sentence up", "move('zh', -1)", "left_square_bracket", "zh↑", "the first zh sentence goes to the previous pair"),
    Command("Move Chinese sentence down", "move('zh', 1)", "right_square_bracket", "zh↓", "the last zh sentence goes to the next pair"),
    Command("Move English sentence up", "move('en', -1)", "left_curly_bracket", "en↑", "the first en sentence goes to the previous pair"),
    Command("Move English sentence down", "move('en', 1)", "right_curly_bracket", "en↓", "the last en sentence goes to the next pair"),
    Command("Confirm pair", "confirm", "c", "Confirm", "mark this pair confirmed and go to the next", footer=2),
    Command("Unconfirm pair", "unconfirm", "U", "Unconfirm", "back to auto (the aligner may change it again)"),
    Command("Confirm all pairs above", "confirm_above", "C", "Confirm ↑", "confirm this pair and every pair above it"),
    Command("Realign from here", "realign", "r", "Realign", "re-run the aligner from here to the next confirmed pair", footer=9),
    Command("Next low-confidence pair", "next_low", "l", "Low", "go to the next unconfirmed pair the aligner was unsure of"),
    Command("Next finding", "next_finding", "f", "Next finding", "go to the next pair with a finding of the checks", footer=8),
    Command("Next unconfirmed pair", "next_unconfirmed", "u", "Unconfirmed", "go to the next pair not yet confirmed"),
    Command("Go to pair", "goto_pair", "ctrl+g,colon", "Go to", "go to a pair by its id, or by position as /45"),
    Command("Find", "find", "slash,ctrl+f", "Find", "search zh and en, plain text or regular expression", footer=6),
    Command("Find next", "find_next(1)", "n", "Find next", "the next match of the last search"),
    Command("Find previous", "find_next(-1)", "N", "Find prev", "the previous match of the last search"),
    Command("Find and replace", "replace", "R", "Replace", "replace in the en or zh side, plain or regex, one by one or all"),
    Command("Filter pairs", "filter", "v", "Filter", "show only unconfirmed / low-confidence / with findings / not 1:1 / with notes", footer=11),
    Command("Undo", "undo", "ctrl+z", "Undo", "undo the last change (without limit)", footer=5),
    Command("Redo", "redo", "ctrl+y", "Redo", "redo the change undone last"),
    Command("Edit note", "edit_note", "a", "Note", "a free-text note on this pair (saved as note:)"),
    Command("Add to glossary", "add_term", "t", "Add term", "a zh term and its en rendering from this pair, into the glossary", footer=12),
    Command("Glossary", "glossary", "g", "Glossary", "the glossary: list, filter, add, edit, delete terms", footer=13),
    Command("Set glossary", "set_glossary", "G", "Set glossary", "point this file at another glossary, or none"),
    Command("Findings", "findings", "F", "Findings", "the findings of the checks, grouped; jump to a pair, dismiss", footer=10),
    Command("Restore dismissed finding", "restore_finding", "D", "Restore", "bring back a finding dismissed earlier"),
    Command("Set low-confidence threshold", "set_threshold", "L", "Threshold", "below which score a pair is marked ? and visited by l (kept for every file)"),
    Command("Concordance", "concordance", "o", "Concordance", "search the archive: every pair holding a term, and how it was rendered"),
    Command("Export", "export", "x", "Export", "write the alignment as YAML, TMX, TSV or XLIFF"),
    Command("Save", "save", "ctrl+s", "Save", "save now (atomic; autosave runs too)", footer=14),
    Command("Help", "help", "question_mark,f1", "Help", "all keys and commands", footer=7),
    Command("Quit", "quit", "q", "Quit", "save and quit", footer=7),
)

#: The names DESIGN §7 gives: each must be a command above.
DESIGN_NAMES = (
    "Merge with next pair",
    "Split pair",
    "Move Chinese sentence up",
    "Move Chinese sentence down",
    "Move English sentence up",
    "Move English sentence down",
    "Edit pair",
    "Confirm pair",
    "Realign from here",
    "Next low-confidence pair",
    "Next finding",
    "Next unconfirmed pair",
    "Find",
    "Undo",
    "Redo",
    "Add to glossary",
    "Glossary",
    "Findings",
    "Export",
    "Save",
    "Edit note",
    "Find and replace",
    "Filter pairs",
    "Restore dismissed finding",
    "Set glossary",
    "Go to pair",
    "Concordance",
)


def bindings() -> list[Binding]:
    """The key bindings of the editor screen, from the commands."""
    return [
        Binding(c.key, c.action, c.label, show=False, id=c.binding_id, tooltip=c.help)
        for c in COMMANDS
    ]
