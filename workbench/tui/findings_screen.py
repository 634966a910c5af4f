"""The findings screen: the checks' findings grouped by check; Enter jumps, d dismisses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Static, Tree

from workbench.checks import is_ignored, severity_rank
from workbench.editing.session import Session
from workbench.model import Ignored
from workbench.text.visible import visible

_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


class FindingsScreen(Screen):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("d", "dismiss_finding", "Dismiss with a reason"),
        Binding("r", "restore_finding", "Restore a dismissed one"),
        Binding("a", "add_to_glossary", "Add to glossary"),
        Binding("enter", "jump", "Go to pair", show=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static("", id="findings-title")
        tree: Tree = Tree("findings", id="findings-tree")
        tree.show_root = False
        yield tree
        yield Static("", id="findings-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.findings_updated()
        self.query_one(Tree).focus()

    def findings_updated(self) -> None:
        """Rebuild the tree from the app's latest findings (called when the checks rerun)."""
        try:
            tree = self.query_one(Tree)
        except NoMatches:  # the app is closing (the checks ended as it quit)
            return
        found = self.app.findings
        title = self.query_one("#findings-title", Static)
        if found is None:
            title.update("Checking…")
            return
        was_open = {str(n.label).split(" (")[0] for n in tree.root.children if n.is_expanded}
        selected = tree.cursor_node.data if tree.cursor_node is not None else None
        tree.clear()
        groups: dict[str, list] = defaultdict(list)
        ignored = self.session.al.ignored
        for f in found:
            if not (ignored and is_ignored(f, ignored)):  # dismissed after the checks began
                groups[f.check].append(f)
        title.update(f"{sum(map(len, groups.values()))} findings in {len(groups)} checks — Enter: open a group / go to the pair · d: dismiss (kept in the file's ignored list)"
                     + (" · checking…" if self.app.checking else ""))
        target = None
        first_time = not self._shown
        self._shown = True
        # errors first, then warnings, then the rest; within a severity by name
        order = sorted(groups, key=lambda c: (min(severity_rank(f.severity) for f in groups[c]), c))
        for n, check in enumerate(order):
            items = groups[check]
            expand = check in was_open or (first_time and n == 0)
            node = tree.root.add(Text(f"{check} ({len(items)})", style="bold"), data=None, expand=expand)
            for f in sorted(items, key=lambda f: (f.pair is None, f.pair or 0)):
                where = f"pair {f.pair}" if f.pair is not None else "document"
                label = Text.assemble((f"{f.severity:<8}", _STYLE.get(f.severity, "")), visible(f"{where}: {f.message}", keep=""))
                leaf = node.add_leaf(label, data=f)
                if isinstance(selected, type(f)) and _same(f, selected):
                    target = leaf
        ignored = self.session.al.ignored
        if ignored:
            node = tree.root.add(Text(f"dismissed ({len(ignored)}) — r restores", style="bold dim"), data=None,
                                 expand="dismissed" in was_open)
            for k, ig in enumerate(ignored):
                where = f"pair {ig.pair}" if ig.pair is not None else "document"
                node.add_leaf(Text(visible(f"{ig.check} {where}" + (f" {ig.term}" if ig.term else "")
                                           + (f" — {ig.reason}" if ig.reason else ""), keep="")), data=Dismissed(k, ig))
        if target is None and first_time and tree.root.children and tree.root.children[0].children:
            target = tree.root.children[0].children[0]
        if target is not None:
            self.call_after_refresh(tree.move_cursor, target)  # once the tree has its new lines

    _shown = False

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        """Show the whole finding and the pair's text under the list."""
        f = event.node.data
        detail = self.query_one("#findings-detail", Static)
        if isinstance(f, Dismissed):
            ig = f.ignored
            detail.update(Text(visible(f"dismissed: {ig.check}" + (f" on pair {ig.pair}" if ig.pair is not None else "")
                                       + (f", term {ig.term}" if ig.term else "")
                                       + (f"\nwhy: {ig.reason}" if ig.reason else "") + "\nr brings it back")))
            return
        if f is None:
            detail.update("")
            return
        text = Text.assemble((f"{f.check} · {f.severity}\n", "bold"), visible(f.message))
        try:
            p = self.session.al.pairs[self.session.al.index_of(f.pair)] if f.pair is not None else None
        except KeyError:
            p = None
        if p is not None:
            from workbench.tui.wrap import wrap

            indent = len(str(p.id)) + 7  # under "pair N  ": both sides wrapped with a hanging indent
            width = max(20, self.app.size.width - 2 - indent)  # the detail's padding
            text.append(f"\n\npair {p.id}  ", style="bold")
            for k, side in enumerate((" ".join(p.zh) or "(no Chinese)", " ".join(p.en) or "(no English)")):
                for n, part in enumerate(wrap(side, width)):  # wrap makes the text visible
                    text.append(("\n" + " " * indent) if n or k else "")
                    text.append(part)
        detail.update(text)

    def _selected(self):
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None else None

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None:
            self._jump(event.node.data)

    def action_jump(self) -> None:
        f = self._selected()
        if f is not None:
            self._jump(f)
        else:
            node = self.query_one(Tree).cursor_node
            if node is not None:
                node.toggle()

    def _jump(self, f) -> None:
        if isinstance(f, Dismissed):
            f = f.ignored
        if f.pair is None:
            self.notify("this finding is about the whole document")
            return
        self.dismiss()
        self.app.editor.goto_pair_id(f.pair)

    def action_dismiss_finding(self) -> None:
        from workbench.tui.dialogs import PromptScreen

        f = self._selected()
        if f is None or isinstance(f, Dismissed):
            self.notify("choose a finding (not a group, not a dismissed one) to dismiss")
            return

        def done(reason: str | None) -> None:
            if reason is None:
                return
            editor = self.app.editor
            if editor.apply(self.session.dismiss, f.check, f.pair, f.term, reason.strip()) is not None:
                self.notify(f"Dismissed {f.check} on pair {f.pair}: kept in the file's ignored list")
                node = self.query_one(Tree).cursor_node
                if node is not None:
                    node.remove()

        self.app.push_screen(PromptScreen(f"Dismiss: {f.message}\nWhy? (saved with the file)", placeholder="e.g. paraphrased on purpose"), done)

    def action_add_to_glossary(self) -> None:
        """The finding's term with the rendering it advises (rendering-inconsistent: the
        majority rendering), into the Add to glossary dialog, to check and accept."""
        from workbench.tui.add_term_screen import AddTermScreen

        f = self._selected()
        if f is None or isinstance(f, Dismissed) or not f.term or f.pair is None:
            self.notify("choose a finding that names a term (e.g. rendering-inconsistent) to add")
            return
        pair = next((p for p in self.session.al.pairs if p.id == f.pair), None)
        if pair is not None:
            self.app.push_screen(AddTermScreen(self.session, pair, f.term, f.expected or ""))

    def action_restore_finding(self) -> None:
        f = self._selected()
        if not isinstance(f, Dismissed):
            self.notify("choose a dismissed finding (the last group) to restore")
            return
        if self.app.editor.apply(self.session.restore, f.index) is not None:
            self.notify(f"Restored {f.ignored.check}: the checks will show it again")
            self.findings_updated()

    def action_close(self) -> None:
        self.dismiss()


@dataclass
class Dismissed:
    """A leaf of the 'dismissed' group: the entry of the file's ignored list."""

    index: int
    ignored: Ignored


def _same(a, b) -> bool:
    return (a.check, a.pair, a.term, a.message) == (b.check, b.pair, b.term, b.message)
