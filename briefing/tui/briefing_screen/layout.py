"""The briefing screen's widgets and how they are laid out, in one place.

Two screens draw this layout: the briefing screen itself, and the frame shown while a
briefing the cache holds is still being built (opening.py). That frame must look
exactly like the briefing screen's first, so both compose it here. Nothing here
imports the models (nor pydantic): the opening frame is drawn before they load.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from briefing.document.textsafe import visible
from briefing.tui.briefing_screen.bindings import BRIEFING_BINDINGS
from briefing.tui.compat import FooterThatLetsOldKeysGo
from briefing.tui.widgets.detail_list import DetailList
from briefing.tui.widgets.outline import Outline
from briefing.tui.widgets.section_detail import SectionDetail
from briefing.tui.widgets.status_panel import DiagnosticsPanel

if TYPE_CHECKING:
    from briefing.document.model import Briefing

NARROW_BELOW = 100
"""Terminals narrower than this show one pane at a time."""


def title_text(briefing: Briefing) -> Text:
    """Return the screen's title line: the briefing's title in bold, then its subtitle."""
    info = briefing.briefing
    title = Text(visible(info.title, one_line=True), "bold")
    if info.subtitle:
        title.append(" — " + visible(info.subtitle, one_line=True), "not bold")
    return title


class ReaderLayout(Screen[None]):
    """A title, the outline beside the detail pane (one at a time when narrow), a footer.

    The stylesheet (briefing.tcss) names this class, so it styles both screens.
    """

    BINDINGS: ClassVar[list[BindingType]] = BRIEFING_BINDINGS

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        """Lay out the title, the two panes, the reload-errors panel and the footer."""
        name = visible(self.path.name, one_line=True)
        yield Static(Text(name), id="title")
        yield Static(Text(f"Loading {name} …"), id="loading")
        with Horizontal(id="panes"):
            with Vertical(id="outline-pane"):
                yield Static(id="filter-status")
                yield Outline(id="outline")
            with ContentSwitcher(id="details", initial="section-detail"):
                yield SectionDetail(id="section-detail")
                yield self.claim_pane()
        yield DiagnosticsPanel(id="reload-errors")
        yield FooterThatLetsOldKeysGo()

    def claim_pane(self) -> Widget:
        """Return the claim's pane, hidden until a claim is chosen (a subclass's own)."""
        return DetailList(id="claim-detail")

    def lay_out(self) -> None:
        """Title the outline and fit the panes to the terminal (from the screen's on_mount)."""
        self.query_one(Outline).border_title = "Outline"
        self.fit(self.app.size.width)

    def fit(self, width: int) -> None:
        """Show both panes, or one at a time, for a terminal `width` columns wide."""
        self.set_class(width < NARROW_BELOW, "-narrow")

    @property
    def narrow(self) -> bool:
        """Return True when only one pane shows at a time."""
        return self.has_class("-narrow")

    def on_resize(self, event: Resize) -> None:
        """Switch between two panes and one pane as the terminal's width crosses the line."""
        self.fit(event.size.width)
