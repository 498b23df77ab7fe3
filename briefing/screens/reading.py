"""What the briefing screen's keys do: search, filter, history, export, moving around.

Kept apart from the screen's layout and loading so that each module stays small;
`BriefingScreen` fills in the methods declared at the end of this class.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import work

from briefing.model import Briefing
from briefing.reader.filters import ClaimFilter
from briefing.reader.history import History
from briefing.reader.navigation import step_claim
from briefing.reader.search import LazyIndex, Match, where
from briefing.screens.exporting import ExportActions
from briefing.screens.ui_thread import from_worker
from briefing.textsafe import visible
from briefing.widgets.claim_detail import ClaimDetail, Group
from briefing.widgets.outline import Outline, OutlineItem
from briefing.widgets.status_panel import DiagnosticsPanel

SEARCH_GROUPS: dict[str, Group] = {"evidence": "evidence", "caveat": "caveats", "denial": "denials"}
# Actions that need a loaded briefing; the others (quit, help) work while loading.
NEEDS_BRIEFING = {
    "search", "filter", "export", "next_match", "previous_match", "step_claim",
    "history_back", "history_forward", "next_pane", "jump",
}  # fmt: skip


class ReadingActions(ExportActions):
    """The reader's key actions over a loaded briefing."""

    briefing: Briefing | None
    index: LazyIndex | None
    filter: ClaimFilter
    history: History
    current: OutlineItem | None
    query_text: str
    matches: Sequence[Match]
    match_position: int
    from_library: bool
    path: Path

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Return False for keys that need a briefing while none is loaded yet."""
        return not (action in NEEDS_BRIEFING and getattr(self, "briefing", None) is None)

    # Panes ---------------------------------------------------------------------------

    def action_back_out(self) -> None:
        """Go back out: close the errors panel, leave the detail, or go up to the section."""
        panel = self.query_one(DiagnosticsPanel)
        if panel.shown:
            panel.hide()
        elif self.details_focused() or self.has_class("-detail"):
            self.come_out()
        elif self.current is not None and self.current.kind == "claim":
            self.query_one(Outline).action_close_section()
        elif self.from_library:
            self.app.pop_screen()

    def action_next_pane(self) -> None:
        """Move between the outline and the detail pane."""
        if self.details_focused():
            self.come_out()
        else:
            self.go_in()

    def action_jump(self, group: Group) -> None:
        """Go into the current claim's evidence, caveats or denials."""
        detail = self.query_one(ClaimDetail)
        if self.current is None or self.current.kind != "claim":
            self.notify("Choose a claim first", markup=False, timeout=2)
            return
        if detail.group_count(group) == 0:
            self.notify(f"This claim has no {group}", markup=False, timeout=2)
            return
        self.go_in()
        detail.jump_to(group)

    def action_step_claim(self, step: int) -> None:
        """Go to the next or previous claim, across sections."""
        target = self.step_from_here(step)
        if target is None:
            self.notify("No more claims" if step > 0 else "This is the first claim", timeout=2)
            return
        self.go_to_claim(target, step=False)

    # History -------------------------------------------------------------------------

    def action_history_back(self) -> None:
        """Go back to the claim visited before."""
        current = self.current
        here = current.id if current is not None and current.kind == "claim" else None
        target = self.history.current if here != self.history.current else self.history.back()
        if target is None:
            self.notify("Nothing to go back to", markup=False, timeout=2)
            return
        self.go_to_claim(target, step=False)

    def action_history_forward(self) -> None:
        """Go forward to the claim left by going back."""
        target = self.history.forward()
        if target is None:
            self.notify("Nothing to go forward to", markup=False, timeout=2)
            return
        self.go_to_claim(target, step=False)

    # Search --------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search box."""
        from briefing.screens.search import SearchOutcome, SearchScreen

        if self.briefing is None or self.index is None:
            return

        def done(outcome: SearchOutcome | None) -> None:
            if outcome is None or not outcome.matches:
                return
            self.query_text = outcome.query
            self.matches = outcome.matches
            self.match_position = outcome.position
            self._jump_to_match()

        self.app.push_screen(SearchScreen(self.briefing, self.index, self.query_text), done)

    def action_next_match(self) -> None:
        """Go to the next search match."""
        self._step_match(1)

    def action_previous_match(self) -> None:
        """Go to the previous search match."""
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        if not self.query_text:
            self.notify("No search yet: press / to search", markup=False, timeout=3)
            return
        if not self.matches and self.index is not None:
            # A reload dropped the old matches: search the new version again.
            if not self.index.ready:
                # Its index is still being built: wait for it in a worker, not here.
                self._search_again(self.index, self.query_text, step)
                return
            self.matches = self.index.get().find(self.query_text)
            self.match_position = -1 if step > 0 else 0
        self._step_through_matches(step)

    @work(thread=True, exclusive=True, group="search-again")
    def _search_again(self, index: LazyIndex, query: str, step: int) -> None:
        from_worker(self, self._searched_again, index, query, index.get().find(query), step)

    def _searched_again(
        self, index: LazyIndex, query: str, matches: Sequence[Match], step: int
    ) -> None:
        if index is not self.index or query != self.query_text or self.matches:
            return  # reloaded or searched again meanwhile
        self.matches = matches
        self.match_position = -1 if step > 0 else 0
        self._step_through_matches(step)

    def _step_through_matches(self, step: int) -> None:
        if not self.matches:
            self.notify("No matches", markup=False, timeout=2)
            return
        self.match_position = (self.match_position + step) % len(self.matches)
        self._jump_to_match()

    def _jump_to_match(self) -> None:
        match = self.matches[self.match_position]
        entry = match.entry
        if entry.claim_id is None:
            self.go_to_section(entry.section_id)
        else:
            group = SEARCH_GROUPS.get(entry.field)
            self.go_to_claim(entry.claim_id, step=True, group=group, item=entry.item or 0)
        if self.narrow:
            self.go_in()
        assert self.briefing is not None
        self.notify(
            f"Match {self.match_position + 1} of {len(self.matches)}: "
            f"{visible(where(self.briefing, match), one_line=True)}",
            markup=False,
            timeout=3,
        )

    # Filter --------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Choose which claims the outline shows."""
        from briefing.screens.filter_menu import FilterScreen

        if self.briefing is None:
            return
        self.app.push_screen(FilterScreen(self.briefing, self.filter), self.set_filter)

    def set_filter(self, claim_filter: ClaimFilter | None) -> None:
        """Show only the claims `claim_filter` keeps, staying where the reader is if possible."""
        if claim_filter is None or self.briefing is None:
            return
        self.filter = claim_filter
        self.rebuild_outline()
        self.come_out()

    # Reload --------------------------------------------------------------------------

    def action_reload(self) -> None:
        """Read the file again."""
        self.notify("Reloading …", markup=False, timeout=1)
        self.reload()

    def current_section_id(self) -> str | None:
        """Return the id of the section the reader is in."""
        if self.briefing is None or self.current is None:
            return None
        if self.current.kind == "section":
            return self.current.id
        section = self.briefing.section_of(self.current.id)
        return section.id if section else None

    # Jumps ---------------------------------------------------------------------------

    def go_to_claim(
        self, claim_id: str, *, step: bool, group: Group | None = None, item: int = 0
    ) -> bool:
        """Show a claim in the outline and detail; a step is recorded in the history."""
        briefing = self.briefing
        claim = briefing.claim(claim_id) if briefing else None
        if claim is None:
            return False
        if not self.filter.keeps(claim):
            self.filter = ClaimFilter.ALL
            self.rebuild_outline()
            self.notify("Filter turned off to show that claim", markup=False, timeout=3)
        if step:
            self.history.visit(claim_id, step=True)
        self.query_one(Outline).select_claim(claim_id)
        self.show_item(OutlineItem("claim", claim_id))
        if group is not None:
            self.go_in()
            self.query_one(ClaimDetail).jump_to(group, item)
        return True

    def go_to_section(self, section_id: str) -> bool:
        """Show a section in the outline and detail."""
        if self.briefing is None:
            return False
        outline = self.query_one(Outline)
        if not outline.has_section(section_id):
            self.filter = ClaimFilter.ALL
            self.rebuild_outline()
        outline.select_section(section_id)
        self.show_item(OutlineItem("section", section_id))
        return True

    def step_from_here(self, step: int) -> str | None:
        """Return the id of the next (+1) or previous (-1) claim the outline shows."""
        if self.briefing is None:
            return None
        current = self.current
        return step_claim(
            self.briefing,
            self.filter,
            claim_id=current.id if current and current.kind == "claim" else None,
            section_id=current.id if current and current.kind == "section" else None,
            step=step,
        )

    # Filled in by BriefingScreen ------------------------------------------------------

    @property
    def narrow(self) -> bool:
        """Return True when one pane shows at a time."""
        raise NotImplementedError

    def details_focused(self) -> bool:
        """Return True when the reader is in the detail pane."""
        raise NotImplementedError

    def go_in(self) -> None:
        """Enter the detail pane."""
        raise NotImplementedError

    def come_out(self) -> None:
        """Return to the outline."""
        raise NotImplementedError

    def show_item(self, item: OutlineItem) -> None:
        """Show a section or a claim in the detail pane."""
        raise NotImplementedError

    def rebuild_outline(self) -> None:
        """Rebuild the outline for the current filter, keeping the reader's place."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the file again in a worker."""
        raise NotImplementedError
