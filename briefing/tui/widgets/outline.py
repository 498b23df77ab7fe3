"""The outline pane: a tree of sections and, once a section is opened, its claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.query.badges import relation_count
from briefing.query.filters import ClaimFilter, Filter, kept_claims
from briefing.query.outline_item import OutlineItem
from briefing.tui.compat import TreeWithLineHook, forget_tree_lines, update_scrollbars
from briefing.tui.widgets.outline_rows import OutlineViewer, claim_label, section_label

if TYPE_CHECKING:
    from briefing.document.model import Briefing

__all__ = ["Outline", "OutlineItem", "OutlineViewer", "claim_label", "section_label"]


KEEP_ROWS = 4
"""How many closed sections' rows the outline keeps made ahead of their opening."""


class Outline(TreeWithLineHook[OutlineItem]):
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

    # Opening or closing a section changes the tree's virtual height. Textual's own
    # `virtual_size`, and Tree's invalidation of its lines, lay out the whole screen on
    # every such change, which repaints both panes in full (~8 ms of each open or close
    # at 50,000 claims). The outline's size comes from its container, so only its
    # scrollbar has to follow (and a scrollbar appearing or going still lays the screen out).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        """Have the scrollbar follow the tree's new height (lay out only a sized-to-fit tree)."""
        if self.styles.auto_dimensions:
            self.refresh(layout=True)
        else:
            update_scrollbars(self, size)

    def invalidate_lines(self) -> None:
        """Forget the tree's lines and redraw it, without a layout of the screen (see above)."""
        forget_tree_lines(self)
        self.refresh(layout=self.styles.auto_dimensions)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("briefing"), id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._briefing: Briefing | None = None
        self._filter: Filter = ClaimFilter.ALL
        self._sections: dict[str, TreeNode[OutlineItem]] = {}
        self._claims: dict[str, TreeNode[OutlineItem]] = {}
        self._filled: set[str] = set()
        self._rows: dict[str, list[tuple[str, Text]]] = {}

    def show_briefing(self, briefing: Briefing, claim_filter: Filter) -> None:
        """Show the sections of `briefing` whose claims pass the filter, all closed."""
        self._start_over(briefing, claim_filter)
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

    def show_rows(
        self, sections: list[tuple[str, Text, bool]], first_claims: list[tuple[str, Text]]
    ) -> None:
        """Show rows made before the briefing is built: each section (id, label, whether
        it opens), and the first section open with its claims' rows (id, label).

        What `show_briefing`, `open_first_section` and `select_first` show, from rows
        stored with the cache (briefing/tui/briefing_screen/opening.py); a briefing shown
        after replaces them.
        """
        self._start_over(None, ClaimFilter.ALL)
        for section_id, label, opens in sections:
            item = OutlineItem("section", section_id)
            self._sections[section_id] = self.root.add(label, item, allow_expand=opens)
        if self.root.children:
            first = self.root.children[0]
            for claim_id, label in first_claims:
                self._claims[claim_id] = first.add_leaf(label, OutlineItem("claim", claim_id))
            first.expand()
        self.select_first()

    def _start_over(self, briefing: Briefing | None, claim_filter: Filter) -> None:
        # Not `_reset`: that is a private name of Textual's TreeNode (see compat.py).
        self._briefing = briefing
        self._filter = claim_filter
        self._sections.clear()
        self._claims.clear()
        self._filled.clear()
        self._rows.clear()
        self.clear()

    def has_section(self, section_id: str) -> bool:
        """Return True when the section is in the outline (the filter may hide it)."""
        return section_id in self._sections

    def current(self) -> OutlineItem | None:
        """Return what the cursor is on, or None."""
        node = self.cursor_node
        return node.data if node is not None else None

    def neighbours(self) -> list[OutlineItem]:
        """Return what the rows just below and just above the cursor stand for."""
        found = []
        for line in (self.cursor_line + 1, self.cursor_line - 1):
            node = self.get_node_at_line(line) if line >= 0 else None
            if node is not None and node.data is not None:
                found.append(node.data)
        return found

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
        # Node line numbers are only known once the tree's lines are rebuilt, which
        # reading `last_line` does.
        self.last_line  # noqa: B018
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        """Have the screen show the row the cursor is on, before this move is drawn.

        Tree's NodeHighlighted message reaches the screen a widget at a time, after the
        cursor's repaint has been queued: the screen would draw the cursor in one frame
        and the new detail in the next, a refresh period (~17 ms) later. Called here, the
        detail's repaint is queued with the cursor's and both land in one frame.
        """
        super().watch_cursor_line(previous_line, line)
        node = self.cursor_node
        if previous_line == line or node is None or node.data is None or not self.is_attached:
            return
        if node.data.kind == "section" and node.data.id not in self._filled:
            self.call_after_refresh(self._make_rows, node.data.id)
        screen = self.screen
        if isinstance(screen, OutlineViewer):
            screen.show_item(node.data)

    def _make_rows(self, section_id: str) -> list[tuple[str, Text]]:
        # Called once a closed section's row is drawn with the cursor on it, so that
        # opening the section then only adds the rows (their labels are ~4 ms of it at
        # 250 claims). Only the last few sections the cursor rested on are kept.
        rows = self._rows.pop(section_id, None)
        if rows is None and self._briefing is not None:
            section = next(s for s in self._briefing.sections if s.id == section_id)
            briefing = self._briefing
            rows = [
                (claim.id, claim_label(claim, relation_count(briefing, claim)))
                for claim in kept_claims(section, self._filter)
            ]
        self._rows[section_id] = rows or []
        while len(self._rows) > KEEP_ROWS:
            del self._rows[next(iter(self._rows))]
        return rows or []

    def _fill(self, node: TreeNode[OutlineItem]) -> None:
        # Claim rows are made on first opening: a Tree builds every node it is given,
        # and a briefing may hold tens of thousands of claims.
        item = node.data
        if item is None or self._briefing is None or item.id in self._filled:
            return
        self._filled.add(item.id)
        rows = self._make_rows(item.id)
        del self._rows[item.id]
        for claim_id, label in rows:
            self._claims[claim_id] = node.add_leaf(label, OutlineItem("claim", claim_id))

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[OutlineItem]) -> None:
        self._fill(event.node)

    def process_label(self, label: str | Text) -> Text:
        """Return the label as it is: every row is one line of Text made without markup.

        (Tree's own copies each label's first line, 250 copies when a section opens.)
        """
        return label if isinstance(label, Text) else super().process_label(label)

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
