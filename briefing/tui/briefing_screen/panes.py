"""The briefing screen's panes: the outline, and the detail of the section or claim chosen in it."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static
from textual.widgets.tree import TreeNode

from briefing.document.model import Section
from briefing.query.filters import ClaimFilter, Filter, status_line
from briefing.query.session import OutlineItem, ReaderSession
from briefing.tui.widgets.claim_detail import ClaimDetail, Group
from briefing.tui.widgets.outline import Outline
from briefing.tui.widgets.section_detail import SectionDetail
from briefing.tui.widgets.status_panel import DiagnosticsPanel


class Panes:
    """What the outline and the detail pane show, and which of the two the reader is in.

    The reader's place itself is the session's; this part shows it. On a narrow
    terminal one pane shows at a time (the screen's `-narrow` class); the `-detail`
    class says the reader went into the detail pane.
    """

    def __init__(
        self,
        screen: Screen[None],
        session: ReaderSession,
        *,
        on_claim_shown: Callable[[str], object],
    ) -> None:
        self._screen = screen
        self._session = session
        self._on_claim_shown = on_claim_shown
        """Told each claim the detail pane shows (the place memory)."""

    # Layout -------------------------------------------------------------------------

    @property
    def narrow(self) -> bool:
        """Return True when only one pane shows at a time (see layout.ReaderLayout.fit)."""
        return self._screen.has_class("-narrow")

    def details_focused(self) -> bool:
        """Return True when the reader is in the detail pane."""
        focused = self._screen.focused
        return focused is not None and focused.id in ("claim-detail", "section-detail")

    def go_in(self) -> None:
        """Enter the detail pane (in narrow mode, in place of the outline)."""
        screen = self._screen
        screen.add_class("-detail")
        switcher = screen.query_one(ContentSwitcher)
        target = screen.query_one(
            ClaimDetail if switcher.current == "claim-detail" else SectionDetail
        )
        target.focus()
        target.highlight_first()

    def come_out(self) -> None:
        """Return to the outline pane."""
        self._screen.remove_class("-detail")
        self._screen.query_one(Outline).focus()

    def back_out(self) -> bool:
        """Close the errors panel, leave the detail, or go up to the section; False if none."""
        screen = self._screen
        panel = screen.query_one(DiagnosticsPanel)
        current = self._session.current
        if panel.shown:
            panel.hide()
        elif self.details_focused() or screen.has_class("-detail"):
            self.come_out()
        elif current is not None and current.kind == "claim":
            screen.query_one(Outline).action_close_section()
        else:
            return False
        return True

    def switch(self) -> None:
        """Move between the outline and the detail pane."""
        if self.details_focused():
            self.come_out()
        else:
            self.go_in()

    def jump(self, group: Group) -> None:
        """Go into the current claim's evidence, caveats or denials."""
        detail = self._screen.query_one(ClaimDetail)
        if self._session.current_claim_id() is None:
            self._screen.notify("Choose a claim first", markup=False, timeout=2)
            return
        if detail.group_count(group) == 0:
            self._screen.notify(f"This claim has no {group}", markup=False, timeout=2)
            return
        self.go_in()
        detail.jump_to(group)

    # What the panes show ------------------------------------------------------------

    def chosen(self, node: TreeNode[OutlineItem]) -> None:
        """Enter on an outline row: open or close a section (narrow: go in), go into a claim."""
        item = node.data
        if item is None:
            return
        self.show_item(item)
        outline = self._screen.query_one(Outline)
        if item.kind == "section" and not self.narrow:
            outline.toggle_section(node)
            return
        if item.kind == "section":
            outline.action_open_section()
        self.go_in()

    def show_item(self, item: OutlineItem) -> None:
        """Show a section or a claim in the detail pane (nothing, if the reader is on it)."""
        briefing = self._session.briefing
        found = self._session.move_to(item)
        if briefing is None or found is None:
            return
        screen = self._screen
        switcher = screen.query_one(ContentSwitcher)
        if isinstance(found, Section):
            screen.query_one(SectionDetail).show_section(briefing, found)
            switcher.current = "section-detail"
            return
        detail = screen.query_one(ClaimDetail)
        detail.show_claim(briefing, found)
        switcher.current = "claim-detail"
        self._on_claim_shown(found.id)

        def prepare_neighbours() -> None:
            # Once this claim is drawn: ready the claims the next key most likely shows.
            for near in screen.query_one(Outline).neighbours():
                claim = briefing.claim(near.id) if near.kind == "claim" else None
                if claim is not None and self._session.briefing is briefing:
                    detail.prepare(briefing, claim)

        screen.call_after_refresh(prepare_neighbours)

    def rebuild_outline(
        self, *, keep: OutlineItem | None, keep_section: str | None = None, first: bool = False
    ) -> None:
        """Fill the outline for the session's filter and stand on `keep`, or near it.

        A claim the new outline lacks falls back to its section (`keep_section`, from
        the version before a reload); failing that, the first row (the first version
        opens its first section).
        """
        session = self._session
        briefing = session.briefing
        assert briefing is not None
        screen = self._screen
        outline = screen.query_one(Outline)
        outline.show_briefing(briefing, session.filter)
        if session.keeps_few():
            # A filter is for seeing the claims it keeps: show them all when they are few.
            outline.open_all_sections()
        status = screen.query_one("#filter-status", Static)
        status.update(Text(status_line(briefing, session.filter)))
        status.set_class(session.filter is not ClaimFilter.ALL, "-filtered")
        placed = False
        if keep is not None and keep.kind == "claim" and briefing.claim(keep.id) is not None:
            placed = outline.select_claim(keep.id)
        if not placed and keep is not None:
            section = keep_section or session.current_section_id()
            placed = section is not None and outline.select_section(section)
        if not placed:
            if first:
                outline.open_first_section()
            outline.select_first()
        session.leave()
        item = outline.current()
        if item is not None:
            self.show_item(item)

    def refilter(self) -> None:
        """Rebuild the outline for the session's (new) filter, keeping the reader's place."""
        self.rebuild_outline(keep=self._session.current)

    # Going places -------------------------------------------------------------------

    def go_to_claim(
        self, claim_id: str, *, step: bool, group: Group | None = None, item: int = 0
    ) -> bool:
        """Show a claim in the outline and detail; a step is recorded in the history.

        A filter that hides the claim is turned off first. Return False when the
        briefing has no such claim.
        """
        session = self._session
        claim = session.claim(claim_id)
        if claim is None:
            return False
        if session.reveal(claim):
            self.refilter()
            self._screen.notify("Filter turned off to show that claim", markup=False, timeout=3)
        if step:
            session.history.visit(claim_id, step=True)
        self._screen.query_one(Outline).select_claim(claim_id)
        self.show_item(OutlineItem("claim", claim_id))
        if group is not None:
            self.go_in()
            self._screen.query_one(ClaimDetail).jump_to(group, item)
        return True

    def go_to_section(self, section_id: str) -> bool:
        """Show a section in the outline and detail, turning a filter off if it hides it."""
        session = self._session
        if session.briefing is None:
            return False
        outline = self._screen.query_one(Outline)
        if not outline.has_section(section_id):
            session.filter = ClaimFilter.ALL
            self.refilter()
        outline.select_section(section_id)
        self.show_item(OutlineItem("section", section_id))
        return True

    def step_claim(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) claim, across sections."""
        at_end = "No more claims" if step > 0 else "This is the first claim"
        self._move_to_claim(self._session.claim_after(step), at_end)

    def history_back(self) -> None:
        """Go back to the claim visited before."""
        self._move_to_claim(self._session.back(), "Nothing to go back to")

    def history_forward(self) -> None:
        """Go forward to the claim left by going back."""
        self._move_to_claim(self._session.forward(), "Nothing to go forward to")

    def _move_to_claim(self, claim_id: str | None, otherwise: str) -> None:
        # A move, not a step: the history is not extended.
        if claim_id is None:
            self._screen.notify(otherwise, markup=False, timeout=2)
            return
        self.go_to_claim(claim_id, step=False)

    def set_filter(self, claim_filter: Filter | None) -> None:
        """Show only the claims `claim_filter` keeps, staying where the reader is if possible."""
        if claim_filter is None or self._session.briefing is None:
            return
        self._session.filter = claim_filter
        self.refilter()
        self.come_out()
