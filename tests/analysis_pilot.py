"""Helpers for the analyst views' Pilot tests: a small host app to show one view in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from reader_pilot import settle
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

ViewFactory = Callable[[], Screen[str | None]]
CHOSEN_NOTHING = "<nothing chosen>"


class ViewHost(App[None]):
    """Shows one analyst view and records what it was dismissed with."""

    def __init__(self, view: ViewFactory) -> None:
        super().__init__()
        self._view = view
        self.chosen: str | None = CHOSEN_NOTHING

    def on_mount(self) -> None:
        """Open the view."""
        self.push_screen(self._view(), self._done)

    def _done(self, claim_id: str | None) -> None:
        self.chosen = claim_id


@asynccontextmanager
async def hosted(
    view: ViewFactory, size: tuple[int, int] = (120, 36)
) -> AsyncIterator[Pilot[None]]:
    """Run a view in the host app, settled."""
    app = ViewHost(view)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot
