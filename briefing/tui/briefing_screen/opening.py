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
from textual.widgets import Static

from briefing.process.preload import FirstLoad
from briefing.tui.briefing_screen.layout import ReaderLayout
from briefing.tui.briefing_screen.opening_rows import Opening
from briefing.tui.briefing_screen.picture import when_whole
from briefing.tui.ui_thread import build_behind
from briefing.tui.widgets.outline import Outline
from briefing.tui.widgets.section_detail import ClaimRow, SectionDetail

_T = TypeVar("_T")


class OpeningScreen(ReaderLayout):
    """A briefing's first frame from its stored opening, until the briefing screen is ready.

    `load` builds the briefing (in a worker thread: from the cache, or parsed if the
    cache no longer holds it); `hand_over`, on the UI thread, puts the briefing screen
    in this one's place with what `load` returned; `keep_picture`, if given, is first
    handed this screen as it shows the opening, to keep a picture of it.
    """

    def __init__(
        self,
        path: Path,
        opening: Opening,
        *,
        load: Callable[[], FirstLoad],
        hand_over: Callable[[FirstLoad], object],
        keep_picture: Callable[[OpeningScreen], object] | None = None,
    ) -> None:
        super().__init__(path)
        self.opening = opening
        self._load = load
        self._hand_over_to = hand_over
        self._keep_picture = keep_picture

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
        build_behind(self, self._load, self._hand_over)

    def _hand_over(self, first_load: FirstLoad) -> None:
        if self._keep_picture is None:
            self._hand_over_to(first_load)
            return
        # Kept only of a whole frame (the footer's keys come a few refreshes after the
        # rest); the hand-over waits no more than a refresh for it.
        keep = self._keep_picture

        def then(whole: bool) -> None:
            if not self.is_current:
                return  # the reader is quitting
            if whole:
                keep(self)  # this frame, as drawn: the next open at this size draws it
            self._hand_over_to(first_load)

        when_whole(self, then, wait=0)


def _given(value: _T) -> Callable[[], _T]:
    """Return a function that returns `value` (a row made already, for `ClaimRow`)."""
    return lambda: value
