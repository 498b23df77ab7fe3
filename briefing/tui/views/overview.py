"""What the tree views (sources, who says what) share: they open as an overview.

Each top-level row starts closed, with its counts, so that the whole list fits on
the first screen; the reader opens what matters. → (or Enter) opens a row, ← closes
it (or goes up to its parent), `+` opens every row and `-` closes them all. Rows
under a node are added when it is first opened (`fill`), so that a 50,000-claim
briefing costs nothing until asked.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.tui.views.base import AnalysisScreen

RowT = TypeVar("RowT")

OPEN_ALL_UP_TO = 500
"""`+` opens at most this many top-level rows (and what is under them) at once."""


class OverviewTree(Tree[RowT], Generic[RowT]):
    """A tree whose arrows open and close rows, as a file manager's do."""

    HELP_GROUP = "List"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open the row, or go to its claim", show=False),
        Binding("right,l", "open_row", "Open the row", show=False),
        Binding("left,h", "close_row", "Close the row (or go to its parent)", show=False),
    ]

    def action_open_row(self) -> None:
        """Open the row under the cursor; on an open row, step into its first child."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        elif node.is_expanded and node.children:
            self.move_cursor(node.children[0])

    def action_close_row(self) -> None:
        """Close the row under the cursor; on a closed row, go up to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)


class OverviewScreen(AnalysisScreen, Generic[RowT]):
    """An analyst view whose body is an `OverviewTree`, every row closed at first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus", "open_all", "Open all", key_display="+", id="open_all"),
        Binding("minus", "close_all", "Close all", key_display="-", id="close_all"),
    ]

    def body_tree(self) -> Tree[RowT]:
        """Return the view's tree."""
        tree: Tree[RowT] = self.query_one("#view-body", Tree)
        return tree

    def fill(self, node: TreeNode[RowT]) -> None:
        """Add the rows under `node` if they are not there yet (a view's own)."""

    def open_node(self, node: TreeNode[RowT]) -> None:
        """Fill `node` and open it with everything under it."""
        # Filled first: a node's rows are otherwise added only after it opens.
        self.fill(node)
        for child in node.children:
            if child.allow_expand:
                self.open_node(child)
        node.expand()

    def action_open_all(self) -> None:
        """Open every top-level row and what is under it."""
        if not self.ready:
            return
        for node in self.body_tree().root.children[:OPEN_ALL_UP_TO]:
            if node.allow_expand:
                self.open_node(node)

    def action_close_all(self) -> None:
        """Close every row, back to the overview."""
        if not self.ready:
            return
        tree = self.body_tree()
        # The cursor goes to the top-level row it was under, which stays on screen.
        top = tree.cursor_node
        while top is not None and top.parent is not None and top.parent is not tree.root:
            top = top.parent
        for node in tree.root.children:
            node.collapse_all()
        if top is not None and top is not tree.root:
            tree.move_cursor(top)
