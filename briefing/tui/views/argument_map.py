"""Argument map (a): the claim with every claim that bears on it, opened step by step.

Each row starts with a mark and words (`+ supports`, `− contradicted by`, `⊘`, `~`,
`=`), so it reads without colour. → or space opens a row to the claims bearing on
*that* claim; a claim already on the path above is shown once, marked "↻ already
above", and not opened again. Enter goes to the claim under the cursor. Rows are
made when their claim is opened: the map never reads the whole briefing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from briefing.document.model import Briefing, Claim
from briefing.document.textsafe import visible
from briefing.document.vocabulary import likelihood_text
from briefing.document.wording import plural
from briefing.query.argument import CYCLE_MARK, NO_RELATIONS, Step, steps
from briefing.tui.views.base import AnalysisScreen, preview

ALREADY_ABOVE = f"{CYCLE_MARK} already above"
LEGEND = (
    "+ supports · − contradicts · ⊘ undercuts · ~ qualifies · = same as · "
    f"{ALREADY_ABOVE}: shown higher on this branch"
)

RELATION_STYLES = {
    "supports": "green",
    "contradicts": "red",
    "undercuts": "magenta",
    "qualifies": "yellow",
    "same-as": "cyan",
}
"""Colour only repeats what the mark and words say."""


class ArgumentMapScreen(AnalysisScreen):
    """One claim and the claims bearing on it; Enter goes to the claim under the cursor."""

    VIEW_NAME = "Argument map"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right,l",
            "open_row",
            "Open: the claims bearing on this one",
            key_display="→",
            id="map_open",
        ),
        Binding(
            "left,h", "close_row", "Close, or go to the row above", key_display="←", id="map_close"
        ),
    ]

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__(briefing, current_claim)
        self._filled: set[int] = set()
        self.first_rows = 0

    def compose_body(self) -> ComposeResult:
        """The tree of claims, then the whole of the row under the cursor."""
        tree: Tree[Step | None] = Tree(Text("Argument map"), id="view-body")
        tree.auto_expand = False
        tree.guide_depth = 3
        yield tree
        yield Static(id="map-detail")

    def on_mount(self, event: events.Mount | None = None) -> None:
        """Show the claim and its first rows at once: they are all the map reads."""
        # No worker and no index of every claim, unlike the other views: the map
        # looks up only the claims it shows, through the briefing's own indexes.
        if event is not None:
            event.prevent_default()  # the base class's worker is not needed
        self.query_one("#view-body", Tree).focus()
        self.ready = True
        self.populate()
        self.query_one("#view-summary", Static).update(self.summary())

    def claim(self, claim_id: str | None) -> Claim | None:
        """Return a claim by id (None for none)."""
        return self.briefing.claim(claim_id) if claim_id is not None else None

    def summary(self) -> Text:
        """Count the claims bearing on this one, and say which keys open and go."""
        out = Text()
        if self.claim(self.current_claim) is None:
            return Text("No claim chosen: choose a claim in the reader, then press a.")
        if not self.first_rows:
            return Text(NO_RELATIONS, "bold")
        out.append(plural(self.first_rows, "relation") + " with other claims", "bold")
        out.append(" · → or space opens a row · ← closes it · enter goes to its claim\n")
        out.append(LEGEND, "dim")
        return out

    # Rows --------------------------------------------------------------------------

    def claim_text(self, claim: Claim, width: int = 70) -> Text:
        """Return a claim on one line: its text, who claims it, and its likelihood."""
        out = Text(preview(claim.text, width))
        name = self.briefing.party_name(claim.claimant)
        out.append(" — " + visible(name, one_line=True), "italic")
        if claim.likelihood:
            out.append(" · " + likelihood_text(claim.likelihood), "dim")
        return out

    def step_label(self, step: Step) -> Text:
        """Return a row: the mark and words of the relation, the claim, and its note."""
        link = step.link
        out = Text()
        out.append(f"{link.mark} {link.words}: ", f"bold {RELATION_STYLES.get(link.type, '')}")
        claim = self.claim(link.claim_id)
        if claim is not None:
            out.append_text(self.claim_text(claim))
        if step.cycle:
            out.append(f"  {ALREADY_ABOVE}", "bold")
        if link.note:
            out.append(" · note: " + visible(link.note, one_line=True), "dim italic")
        return out

    def populate(self) -> None:
        """Put the claim at the root and the claims bearing on it under it."""
        tree: Tree[Step | None] = self.query_one("#view-body", Tree)
        claim = self.claim(self.current_claim)
        if claim is None:
            tree.root.set_label(Text("No claim chosen"))
            return
        label = Text("The claim: ", "bold")
        label.append_text(self.claim_text(claim, 90))
        tree.root.set_label(label)
        tree.root.data = None
        self._fill(tree.root)
        self.first_rows = len(tree.root.children)
        if not self.first_rows:
            tree.root.add_leaf(Text(NO_RELATIONS, "italic"))
        tree.root.expand()
        tree.cursor_line = 1 if self.first_rows else 0
        self._show_detail(tree.cursor_node)

    def _path(self, node: TreeNode[Step | None]) -> tuple[str, ...]:
        step = node.data
        if step is None:
            return (self.current_claim,) if self.current_claim else ()
        return (*step.path, step.link.claim_id)

    def _fill(self, node: TreeNode[Step | None]) -> None:
        # A claim's rows are made when it is first opened, never before.
        if node.id in self._filled:
            return
        self._filled.add(node.id)
        step = node.data
        if step is not None and step.cycle:
            return
        path = self._path(node)
        if not path:
            return
        for child in steps(self.briefing, path, step.link if step is not None else None):
            opens = not child.cycle and bool(
                steps(self.briefing, (*child.path, child.link.claim_id), child.link)
            )
            node.add(self.step_label(child), child, allow_expand=opens)

    def _show_detail(self, node: TreeNode[Step | None] | None) -> None:
        detail = self.query_one("#map-detail", Static)
        claim = None
        out = Text()
        if node is not None and node.data is not None:
            link = node.data.link
            out.append(f"{link.mark} {link.words} ", "bold")
            claim = self.claim(link.claim_id)
        elif node is not None and node.data is None and node.is_root:
            out.append("The claim ", "bold")
            claim = self.claim(self.current_claim)
        if claim is None:
            detail.update(Text())
            return
        out.append(visible(claim.text))
        out.append(" — " + visible(self.briefing.party_name(claim.claimant)), "italic")
        if claim.likelihood:
            out.append(" · " + likelihood_text(claim.likelihood))
        if node is not None and node.data is not None:
            if node.data.cycle:
                out.append(f"  {ALREADY_ABOVE}", "bold")
            if node.data.link.note:
                out.append("\nNote: " + visible(node.data.link.note), "italic")
        detail.update(out)

    # Keys ----------------------------------------------------------------------------

    def _cursor(self) -> TreeNode[Step | None] | None:
        return self.query_one("#view-body", Tree).cursor_node

    def action_open_row(self) -> None:
        """Open the row under the cursor (the claims bearing on its claim); if open, step in."""
        node = self._cursor()
        if node is None:
            return
        if node.is_expanded and node.children:
            self.query_one("#view-body", Tree).move_cursor(node.children[0])
        elif node.allow_expand:
            self._fill(node)
            node.expand()

    def action_close_row(self) -> None:
        """Close the row under the cursor; a closed row moves the cursor to the row above it."""
        node = self._cursor()
        if node is None:
            return
        if node.is_expanded and not node.is_root:
            node.collapse()
        elif node.parent is not None:
            self.query_one("#view-body", Tree).move_cursor(node.parent)

    @on(Tree.NodeSelected, "#view-body")
    def _chosen(self, event: Tree.NodeSelected[Step | None]) -> None:
        # Enter (or a click) on a row leaves the map for its claim.
        node = event.node
        if node.data is not None:
            self.choose(node.data.link.claim_id)
        elif node.is_root:
            self.choose(self.current_claim)

    def choose(self, claim_id: str | None) -> None:
        """Leave the map for `claim_id` (the map looks claims up as it needs them)."""
        if self.claim(claim_id) is not None:
            self.dismiss(claim_id)

    @on(Tree.NodeExpanded, "#view-body")
    def _opened(self, event: Tree.NodeExpanded[Step | None]) -> None:
        self._fill(event.node)

    @on(Tree.NodeHighlighted, "#view-body")
    def _highlighted(self, event: Tree.NodeHighlighted[Step | None]) -> None:
        self._show_detail(event.node)
