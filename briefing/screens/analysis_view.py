"""What every analyst view shares: a title, a summary line, Escape back, Enter to a claim.

A view is pushed over the reading screen with the briefing on screen; it is
dismissed with the id of the claim the reader chose (or None), so that the reading
screen can go there and record the step in its history.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from briefing.model import Briefing
from briefing.textsafe import visible

PREVIEW = 90
"""Claim texts quoted inside another line are cut to this many characters."""


def preview(text: str, width: int = PREVIEW) -> str:
    """Return user text on one line, made visible, cut to `width` characters with `…`."""
    flat = " ".join(visible(text, one_line=True).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Return "1 claim" / "3 claims"."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


class AnalysisScreen(Screen[str | None]):
    """A full-screen view over a briefing; dismissed with the chosen claim's id or None."""

    CSS_PATH = "analysis.tcss"
    VIEW_NAME: ClassVar[str] = "View"
    HELP_GROUP: ClassVar[str] = "View"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the reader", key_display="esc"),
    ]

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__()
        self.briefing = briefing
        self.current_claim = current_claim

    def compose(self) -> ComposeResult:
        """Lay out the title, the summary line, the view's body and the footer."""
        title = Text(f"{self.VIEW_NAME} — ", "bold")
        title.append(visible(self.briefing.briefing.title, one_line=True), "not bold")
        yield Static(title, id="view-title")
        yield Static(self.summary(), id="view-summary")
        yield from self.compose_body()
        yield Footer()

    def on_mount(self) -> None:
        """Put the reader in the view's body."""
        self.query_one("#view-body", Widget).focus()

    def summary(self) -> Text:
        """Return the line under the title: what the view shows, counted."""
        return Text()

    def compose_body(self) -> ComposeResult:
        """Yield the view itself, with id `view-body`."""
        yield from ()

    def choose(self, claim_id: str | None) -> None:
        """Leave the view for `claim_id` (None: nothing chosen)."""
        if claim_id is not None and self.briefing.claim(claim_id) is not None:
            self.dismiss(claim_id)

    def action_close(self) -> None:
        """Go back to the reader where it was."""
        self.dismiss(None)
