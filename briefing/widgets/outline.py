"""The outline pane: a tree of sections and, once a section is opened, its claims."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.model import Briefing, Claim, Section
from briefing.reader.badges import badge, is_denied, marker
from briefing.reader.filters import ClaimFilter, kept_claims
from briefing.textsafe import visible


@dataclass(frozen=True, slots=True)
class OutlineItem:
    """What an outline row stands for: a section or a claim, by id."""

    kind: Literal["section", "claim"]
    id: str


def claim_label(claim: Claim) -> Text:
    """Return a claim's row: denial mark, badge, then the claim text on one line."""
    denied = is_denied(claim)
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(marker(claim), "bold red" if denied else "")
    label.append(badge(claim), "bold reverse" if denied else "dim")
    label.append(" ")
    label.append(visible(claim.text, one_line=True), "bold" if denied else "")
    return label


def section_label(section: Section, shown: int) -> Text:
    """Return a section's row: its title and how many claims it shows."""
    label = Text(no_wrap=True, overflow="ellipsis")
    if shown == 0:
        label.append("  ")  # no open/close arrow: line the title up with the others
    label.append(visible(section.title, one_line=True), "bold")
    total = len(section.claims)
    count = f" ({shown})" if shown == total else f" ({shown} of {total})"
    label.append(count, "dim")
    return label


class Outline(Tree[OutlineItem]):
    """Sections and their claims; a section's claim rows are made when it is first opened."""

    HELP_GROUP = "Outline"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("enter", "select_cursor", "Open section or go into claim", show=False),
        Binding("g,home", "first", "First row", show=False),
        Binding("G,shift+g,end", "last", "Last row", show=False),
        Binding("right,l", "open_section", "Open section", show=False),
        Binding("left,h", "close_section", "Close section", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("briefing"), id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._briefing: Briefing | None = None
        self._filter = ClaimFilter.ALL
        self._sections: dict[str, TreeNode[OutlineItem]] = {}
        self._claims: dict[str, TreeNode[OutlineItem]] = {}
        self._filled: set[str] = set()

    def show_briefing(self, briefing: Briefing, claim_filter: ClaimFilter) -> None:
        """Show the sections of `briefing` whose claims pass the filter, all closed."""
        self._briefing = briefing
        self._filter = claim_filter
        self._sections.clear()
        self._claims.clear()
        self._filled.clear()
        self.clear()
        for section in briefing.sections:
            shown = len(kept_claims(section, claim_filter))
            if claim_filter is not ClaimFilter.ALL and shown == 0:
                continue
            node = self.root.add(
                section_label(section, shown),
                OutlineItem("section", section.id),
                allow_expand=shown > 0,
            )
            self._sections[section.id] = node

    def has_section(self, section_id: str) -> bool:
        """Return True when the section is in the outline (the filter may hide it)."""
        return section_id in self._sections

    def current(self) -> OutlineItem | None:
        """Return what the cursor is on, or None."""
        node = self.cursor_node
        return node.data if node is not None else None

    def select_section(self, section_id: str) -> bool:
        """Move the cursor to a section; return False when the outline does not show it."""
        node = self._sections.get(section_id)
        if node is None:
            return False
        self._move_to(node)
        return True

    def select_claim(self, claim_id: str) -> bool:
        """Open the claim's section and move the cursor to it; False when it is not shown."""
        if self._briefing is None:
            return False
        section = self._briefing.section_of(claim_id)
        if section is None or section.id not in self._sections:
            return False
        section_node = self._sections[section.id]
        self._fill(section_node)
        node = self._claims.get(claim_id)
        if node is None:
            return False
        section_node.expand()
        self._move_to(node)
        return True

    def select_first(self) -> None:
        """Move the cursor to the first row."""
        if self.root.children:
            self._move_to(self.root.children[0])

    def open_all_sections(self) -> None:
        """Open every section (for a filtered outline of modest size)."""
        for node in self.root.children:
            if node.allow_expand:
                self._fill(node)
                node.expand()

    def open_first_section(self) -> None:
        """Open the first section, so that a new reader sees claims at once."""
        if self.root.children:
            first = self.root.children[0]
            self._fill(first)
            first.expand()

    def _move_to(self, node: TreeNode[OutlineItem]) -> None:
        # Node line numbers are only known once the tree's lines are rebuilt.
        self._tree_lines  # noqa: B018
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def _fill(self, node: TreeNode[OutlineItem]) -> None:
        # Claim rows are made on first opening: a Tree builds every node it is given,
        # and a briefing may hold tens of thousands of claims.
        item = node.data
        if item is None or self._briefing is None or item.id in self._filled:
            return
        self._filled.add(item.id)
        section = next(s for s in self._briefing.sections if s.id == item.id)
        for claim in kept_claims(section, self._filter):
            child = node.add_leaf(claim_label(claim), OutlineItem("claim", claim.id))
            self._claims[claim.id] = child

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[OutlineItem]) -> None:
        self._fill(event.node)

    def get_label_width(self, node: TreeNode[OutlineItem]) -> int:
        """Return 0: rows are cut to the pane's width, so the tree never scrolls sideways.

        Measuring every label (Textual's default) would also cost a pass over all
        open claims each time a section opens or closes.
        """
        return 0

    def action_first(self) -> None:
        """Move the cursor to the first row."""
        self.cursor_line = 0

    def action_last(self) -> None:
        """Move the cursor to the last row."""
        self.cursor_line = self.last_line

    def action_open_section(self) -> None:
        """Open the section under the cursor (on a claim: nothing)."""
        node = self.cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            self._fill(node)
            node.expand()

    def action_close_section(self) -> None:
        """Close the section under the cursor, or go to the section of the claim under it."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self._move_to(node.parent)

    def toggle_section(self, node: TreeNode[OutlineItem]) -> None:
        """Open a closed section, close an open one."""
        if node.is_expanded:
            node.collapse()
        else:
            self._fill(node)
            node.expand()
