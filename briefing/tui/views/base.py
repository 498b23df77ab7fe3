"""What every analyst view shares: a title, a summary line, Escape back, Enter to a claim.

A view is pushed over the reading screen with the briefing on screen; it is
dismissed with the id of the claim the reader chose (or None), so that the reading
screen can go there and record the step in its history.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from briefing.document.model import Briefing, Claim
from briefing.document.textsafe import visible
from briefing.export.wrap import shorten
from briefing.tui.compat import FooterThatLetsOldKeysGo
from briefing.tui.ui_thread import from_worker

PREVIEW = 90
"""Claim texts quoted inside another line are cut to this many characters."""


def preview(text: str, width: int = PREVIEW) -> str:
    """Return user text on one line, made visible, at most `width` columns with `…` if cut."""
    return shorten(visible(text, one_line=True), width)


BATCH = 200
"""Rows added under one tree node at a time; a last "more" row adds the next lot."""


def more_label(left: int) -> Text:
    """Return the row that stands for `left` rows not yet added."""
    return Text(f"… {left} more: enter shows the next {min(BATCH, left)}", "dim italic")


class AnalysisScreen(Screen[str | None]):
    """A full-screen view over a briefing; dismissed with the chosen claim's id or None."""

    CSS_PATH = "analysis.tcss"
    VIEW_NAME: ClassVar[str] = "View"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the reader", key_display="esc", id="back"),
    ]

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__()
        self.briefing = briefing
        self.current_claim = current_claim
        self.ready = False
        """True once `build` has run and the view is filled."""
        self.claims_by_id: dict[str, Claim] = {}
        """Every claim by id, for look-ups by the thousand (`Briefing.claim` is slower)."""

    def compose(self) -> ComposeResult:
        """Lay out the title, the summary line, the view's body and the footer."""
        title = Text()
        title.append(f"{self.VIEW_NAME} — ", "bold")
        title.append(visible(self.briefing.briefing.title, one_line=True), "not bold")
        yield Static(title, id="view-title")
        yield Static(Text("Reading the briefing …", "italic"), id="view-summary")
        yield from self.compose_body()
        yield FooterThatLetsOldKeysGo()

    def on_mount(self) -> None:
        """Put the reader in the view's body and work out what it shows."""
        body = self.query_one("#view-body", Widget)
        body.focus()
        self._build_in_thread()

    @work(thread=True, exclusive=True, group="analysis-view")
    def _build_in_thread(self) -> None:
        # A 50,000-claim briefing takes a moment to index: not on the UI thread.
        self.claims_by_id = {claim.id: claim for claim in self.briefing.claims()}
        self.build()
        from_worker(self, self._built)

    def _built(self) -> None:
        self.ready = True
        self.query_one("#view-summary", Static).update(self.summary())
        self.populate()

    def build(self) -> None:
        """Work out what the view shows (runs in a worker thread, touches no widget)."""

    def populate(self) -> None:
        """Fill the view's widgets with what `build` worked out."""

    def summary(self) -> Text:
        """Return the line under the title: what the view shows, counted."""
        return Text()

    def compose_body(self) -> ComposeResult:
        """Yield the view itself, with id `view-body`."""
        yield from ()

    def choose(self, claim_id: str | None) -> None:
        """Leave the view for `claim_id` (None: nothing chosen)."""
        if claim_id is not None and claim_id in self.claims_by_id:
            self.dismiss(claim_id)

    def action_close(self) -> None:
        """Go back to the reader where it was."""
        self.dismiss(None)
