"""Searching on the briefing screen: `/` opens the search box, n and N step through its matches."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from textual.screen import Screen

from briefing.query.search import LazyIndex, Match
from briefing.query.session import ReaderSession, match_group
from briefing.tui.briefing_screen.panes import Panes
from briefing.tui.ui_thread import from_worker


class Searching:
    """The search box and the matches it found, which n and N go through.

    The matches are the session's. A reload drops them; the next n or N searches the
    new version for the same words, in a worker while its index is still being built.
    """

    def __init__(self, screen: Screen[None], session: ReaderSession, panes: Panes) -> None:
        self._screen = screen
        self._session = session
        self._panes = panes

    def open_box(self) -> None:
        """Open the search box; the match chosen there is shown."""
        # Imported when first used: the search box is not needed to show the first frame.
        from briefing.tui.screens.search import SearchOutcome, SearchScreen

        session = self._session
        if session.briefing is None or session.index is None:
            return

        def done(outcome: SearchOutcome | None) -> None:
            if outcome is None:
                return
            match = session.searched(outcome.query, outcome.matches, outcome.position)
            if match is not None:
                self._show(match)

        self._screen.app.push_screen(
            SearchScreen(session.briefing, session.index, session.query), done
        )

    def step(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) match of the last search."""
        session = self._session
        if not session.query:
            self._screen.notify("No search yet: press / to search", markup=False, timeout=3)
            return
        index = session.index
        if session.must_search_again() and index is not None:
            if not index.ready:
                # Its index is still being built: wait for it in a worker, not here.
                self._screen.run_worker(
                    partial(self._search_again, index, session.query, step),
                    name="search-again",
                    group="search-again",
                    exclusive=True,
                    thread=True,
                )
                return
            session.searched_again(index, session.query, index.get().find(session.query), step)
        self._step_through(step)

    def _search_again(self, index: LazyIndex, query: str, step: int) -> None:
        # In a worker thread: `get` waits for the index's build to finish.
        from_worker(self._screen, self._searched_again, index, query, index.get().find(query), step)

    def _searched_again(
        self, index: LazyIndex, query: str, matches: Sequence[Match], step: int
    ) -> None:
        if self._session.searched_again(index, query, matches, step):
            self._step_through(step)

    def _step_through(self, step: int) -> None:
        match = self._session.step_match(step)
        if match is None:
            self._screen.notify("No matches", markup=False, timeout=2)
            return
        self._show(match)

    def _show(self, match: Match) -> None:
        entry = match.entry
        if entry.claim_id is None:
            self._panes.go_to_section(entry.section_id)
        else:
            self._panes.go_to_claim(
                entry.claim_id, step=True, group=match_group(match), item=entry.item or 0
            )
        if self._panes.narrow:
            self._panes.go_in()
        self._screen.notify(self._session.match_note(match), markup=False, timeout=3)
