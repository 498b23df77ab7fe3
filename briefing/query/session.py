"""A reader's session in one briefing: where they stand, filter, search and have been.

Plain Python, without Textual: the briefing screen asks it what to do and shows the
answer. The steps themselves come from `history`, `filters`, `navigation` and `search`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from briefing.document.model import Briefing, Claim, Section
from briefing.document.textsafe import visible
from briefing.query.filters import ClaimFilter, Filter, filter_for, hidden_count
from briefing.query.history import History
from briefing.query.navigation import step_claim
from briefing.query.outline_item import OutlineItem
from briefing.query.search import LazyIndex, Match, where

__all__ = ["OutlineItem", "Place", "ReaderSession"]

OPEN_FILTERED_UP_TO = 1000
"""A filter that keeps at most this many claims opens every section."""

MatchGroup = Literal[
    "evidence", "caveats", "denials", "relations", "assumptions", "indicators", "gaps"
]

SEARCH_GROUPS: dict[str, MatchGroup] = {
    "evidence": "evidence",
    "caveat": "caveats",
    "denial": "denials",
    "relation": "relations",
    "assumption": "assumptions",
    "indicator": "indicators",
    "gap": "gaps",
}
"""The claim's group (in the detail pane) that a match in each searched field is in."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader stood when a new version of the briefing arrived."""

    first: bool
    """True for the first version: there was nowhere to stand before."""
    item: OutlineItem | None
    section_id: str | None
    """The section of `item`, found in the old version: where a removed claim falls back to."""


class ReaderSession:
    """The briefing on screen, the item the reader stands on, the filter, history and search."""

    def __init__(self) -> None:
        self.briefing: Briefing | None = None
        self.index: LazyIndex | None = None
        """The search index of `briefing`; a new version gets a new one."""
        self.filter: Filter = ClaimFilter.ALL
        self.history = History()
        self.current: OutlineItem | None = None
        self.query = ""
        """The last search, kept across reloads (n and N search the new version again)."""
        self.matches: Sequence[Match] = ()
        self.match_position = -1

    # A new version ------------------------------------------------------------------

    def open(self, briefing: Briefing) -> Place:
        """Take a newly loaded version; return where the reader stood in the old one.

        The old version's matches are dropped (the next n or N searches again), and
        the history forgets claims the new version no longer has.
        """
        place = Place(
            first=self.briefing is None, item=self.current, section_id=self.current_section_id()
        )
        self.briefing = briefing
        # A format 2 filter reads the version it was made for: made again for this one.
        self.filter = filter_for(briefing, self.filter.value)
        self.index = LazyIndex(briefing)
        self.matches = ()
        self.match_position = -1
        self.history.forget_missing({claim.id for claim in briefing.claims()})
        return place

    # Where the reader stands --------------------------------------------------------

    def claim(self, claim_id: str) -> Claim | None:
        """Return the claim with this id in the briefing on screen, or None."""
        return self.briefing.claim(claim_id) if self.briefing is not None else None

    def current_claim_id(self) -> str | None:
        """Return the id of the claim the reader stands on, or None (on a section, or nowhere)."""
        current = self.current
        return current.id if current is not None and current.kind == "claim" else None

    def current_claim(self) -> Claim | None:
        """Return the claim the reader stands on, or None."""
        claim_id = self.current_claim_id()
        return self.claim(claim_id) if claim_id is not None else None

    def current_section_id(self) -> str | None:
        """Return the id of the section the reader stands on, or of their claim's section."""
        if self.briefing is None or self.current is None:
            return None
        if self.current.kind == "section":
            return self.current.id
        section = self.briefing.section_of(self.current.id)
        return section.id if section else None

    def move_to(self, item: OutlineItem) -> Claim | Section | None:
        """Stand on `item`; return what the detail pane shows, or None when nothing changes.

        Standing on a claim records it in the history (replacing the claim before, unless
        that was a step: see `History.visit`).
        """
        briefing = self.briefing
        if briefing is None or item == self.current:
            return None
        found: Claim | Section | None
        if item.kind == "claim":
            found = briefing.claim(item.id)
            if found is not None:
                self.history.visit(found.id)
        else:
            found = next((s for s in briefing.sections if s.id == item.id), None)
        if found is not None:
            self.current = item
        return found

    def leave(self) -> None:
        """Stand nowhere (the outline is rebuilt): the next `move_to` always shows its item."""
        self.current = None

    def claim_after(self, step: int) -> str | None:
        """Return the id of the next (+1) or previous (-1) claim the filter shows, or None."""
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

    # History ------------------------------------------------------------------------

    def back(self) -> str | None:
        """Return the claim to go back to, or None; moves the history back when it must.

        Moved off the history's claim (to a section, or by a filter), back first returns
        to that claim; standing on it, back goes to the one before.
        """
        if self.current_claim_id() != self.history.current:
            return self.history.current
        return self.history.back()

    def forward(self) -> str | None:
        """Return the claim to go forward to (left by going back), or None."""
        return self.history.forward()

    # Filter -------------------------------------------------------------------------

    def reveal(self, claim: Claim) -> bool:
        """Turn the filter off when it hides `claim`; return True when it did."""
        if self.filter.keeps(claim):
            return False
        self.filter = ClaimFilter.ALL
        return True

    def keeps_few(self) -> bool:
        """Return True when a filter is on and keeps so few claims that every section opens."""
        briefing = self.briefing
        if briefing is None or self.filter is ClaimFilter.ALL:
            return False
        return hidden_count(briefing, self.filter) >= len(briefing.claims()) - OPEN_FILTERED_UP_TO

    # Search -------------------------------------------------------------------------

    def searched(self, query: str, matches: Sequence[Match], position: int) -> Match | None:
        """Take what the search box found; return the match to show, or None for none."""
        if not matches:
            return None
        self.query = query
        self.matches = matches
        self.match_position = position
        return matches[position]

    def must_search_again(self) -> bool:
        """Return True when a search was made but a reload dropped its matches."""
        return bool(self.query) and not self.matches and self.index is not None

    def searched_again(
        self, index: LazyIndex, query: str, matches: Sequence[Match], step: int
    ) -> bool:
        """Take the matches of the last search in the new version, unless they came too late.

        Return False (and keep nothing) when the briefing was reloaded, or searched
        again, since the search began. The position is set so that stepping by `step`
        lands on the first match (forward) or the last (backward).
        """
        if index is not self.index or query != self.query or self.matches:
            return False
        self.matches = matches
        self.match_position = -1 if step > 0 else 0
        return True

    def step_match(self, step: int) -> Match | None:
        """Move to the next (+1) or previous (-1) match, round the end; None when there are none."""
        if not self.matches:
            return None
        self.match_position = (self.match_position + step) % len(self.matches)
        return self.matches[self.match_position]

    def match_note(self, match: Match) -> str:
        """Return the line that says which match this is and where it was found."""
        assert self.briefing is not None
        return (
            f"Match {self.match_position + 1} of {len(self.matches)}: "
            f"{visible(where(self.briefing, match), one_line=True)}"
        )


def match_group(match: Match) -> MatchGroup | None:
    """Return the group of its claim a match is in (evidence to gaps), or None."""
    return SEARCH_GROUPS.get(match.entry.field)
