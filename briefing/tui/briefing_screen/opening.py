"""The first frame of a briefing reopened unchanged, drawn before its models are built.

Reopening a large briefing from the cache still costs importing pydantic and building
every model (~0.5 s at 10,000 claims) before the briefing screen can draw. When the
reader has stored the file's opening (opening_rows.py) and the file has not changed,
this screen draws that opening at once, in the briefing screen's own layout and widgets,
then builds the briefing in a worker and hands over to the briefing screen, whose first
frame is the same. Keys pressed meanwhile are held by the app and pressed again, in
order, once the briefing screen has taken this one's place (BriefingApp.held_keys); a
key that quits quits at once. Nothing here imports the models.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual import work
from textual.widgets import Static

from briefing.process.preload import FirstLoad
from briefing.tui.briefing_screen.layout import ReaderLayout
from briefing.tui.briefing_screen.opening_rows import Opening
from briefing.tui.ui_thread import from_worker
from briefing.tui.widgets.outline import Outline
from briefing.tui.widgets.section_detail import ClaimRow, SectionDetail

_T = TypeVar("_T")


class OpeningScreen(ReaderLayout):
    """A briefing's first frame from its stored opening, until the briefing screen is ready.

    `load` builds the briefing (in a worker thread: from the cache, or parsed if the
    cache no longer holds it); `hand_over`, on the UI thread, puts the briefing screen
    in this one's place with what `load` returned.
    """

    def __init__(
        self,
        path: Path,
        opening: Opening,
        *,
        load: Callable[[], FirstLoad],
        hand_over: Callable[[FirstLoad], object],
    ) -> None:
        super().__init__(path)
        self.opening = opening
        self._load = load
        self._hand_over_to = hand_over

    def on_mount(self) -> None:
        """Draw the opening, then start building the briefing once it is on screen."""
        self.lay_out()
        opening = self.opening
        self.query_one("#title", Static).update(opening.title)
        self.query_one("#filter-status", Static).update(Text(opening.status))
        outline = self.query_one(Outline)
        outline.show_rows(opening.sections, opening.claims)
        detail = self.query_one(SectionDetail)
        detail.show_rows(
            opening.header,
            [
                (claim_id, ClaimRow(detail, _given(row), _given((length, breaks))))
                for claim_id, row, length, breaks in opening.rows
            ],
        )
        outline.focus()
        # Started at once, the worker's imports and decoding took turns with this frame.
        self.call_after_refresh(self._build)

    @work(thread=True, exclusive=True, group="opening")
    def _build(self) -> None:
        from_worker(self, self._hand_over, self._load())

    def _hand_over(self, first_load: FirstLoad) -> None:
        if self.is_current:  # else the reader is quitting
            self._hand_over_to(first_load)


def _given(value: _T) -> Callable[[], _T]:
    """Return a function that returns `value` (a row made already, for `ClaimRow`)."""
    return lambda: value
