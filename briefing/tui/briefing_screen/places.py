"""Where I was: the claim last viewed in each briefing, remembered and gone back to on opening."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual.screen import Screen
from textual.timer import Timer

from briefing.settings.places import PlaceStore
from briefing.tui.ui_thread import from_worker

SAVE_PLACE_AFTER = 0.5
"""Seconds after the reader stops on a claim before it is remembered (not on every move)."""


class PlaceMemory:
    """Remembers the claim the reader stops on in one briefing file; reads it back on opening.

    The state file is read and written in workers; the last place is written on the UI
    thread only when the screen closes (the app may be quitting: no worker would run).
    """

    def __init__(self, screen: Screen[None], path: Path) -> None:
        self._screen = screen
        self._path = path
        self._pending: str | None = None
        """The claim the reader is on, until it is written to the state file."""
        self._timer: Timer | None = None

    def restore(self, go_to: Callable[[str], object]) -> None:
        """Read the claim last viewed in this file, in a worker; then `go_to` it."""
        self._screen.run_worker(
            partial(self._read, self._path, go_to),
            name="place",
            group="place",
            exclusive=True,
            thread=True,
        )

    def _read(self, path: Path, go_to: Callable[[str], object]) -> None:
        claim_id = PlaceStore().last_claim(path)
        if claim_id is not None:
            # The claim may have gone since (an edit): `go_to` then does nothing.
            from_worker(self._screen, go_to, claim_id)

    def viewed(self, claim_id: str) -> None:
        """Remember `claim_id` as where the reader is, once they have stopped on it."""
        self._pending = claim_id
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._screen.set_timer(SAVE_PLACE_AFTER, self._save)

    def _save(self) -> None:
        claim_id, self._pending = self._pending, None
        if claim_id is not None:
            self._screen.run_worker(
                partial(_remember, self._path, claim_id),
                name="place-write",
                group="place-write",
                thread=True,
            )

    def flush(self) -> None:
        """Write where the reader is now, on this thread (the screen is closing)."""
        claim_id, self._pending = self._pending, None
        if claim_id is not None:
            PlaceStore().remember(self._path, claim_id)


def _remember(path: Path, claim_id: str) -> None:
    # In a worker thread: the store reads and writes the state file.
    PlaceStore().remember(path, claim_id)
