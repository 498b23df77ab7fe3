"""The filter menu: which claims the outline shows, with how many each choice keeps."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.document.model import Briefing
from briefing.query.filters import ClaimFilter, count_kept


class FilterScreen(ModalScreen[ClaimFilter | None]):
    """A small menu of filters; Enter applies one, Escape keeps the current one."""

    CSS_PATH = "filter_menu.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "close", "Close", key_display="esc"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G,shift+g", "last", "Last", show=False),
    ]

    def __init__(self, briefing: Briefing, current: ClaimFilter) -> None:
        super().__init__()
        self._briefing = briefing
        self._current = current

    def compose(self) -> ComposeResult:
        """List the filters, each with the number of claims it keeps."""
        claims = self._briefing.claims()
        options = []
        for claim_filter in ClaimFilter:
            kept = count_kept(claims, claim_filter)
            label = Text("● " if claim_filter is self._current else "  ")
            label.append(claim_filter.label.capitalize())
            label.append(f"  ({kept})", "dim")
            options.append(Option(label, id=claim_filter.value))
        yield OptionList(*options, id="filters", markup=False)

    def on_mount(self) -> None:
        """Put the cursor on the filter in force."""
        menu = self.query_one(OptionList)
        menu.border_title = "Show claims"
        menu.border_subtitle = "enter to apply"
        menu.highlighted = list(ClaimFilter).index(self._current)
        menu.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(ClaimFilter(event.option.id))

    def action_down(self) -> None:
        """Move down the menu."""
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        """Move up the menu."""
        self.query_one(OptionList).action_cursor_up()

    def action_first(self) -> None:
        """Go to the first filter (all claims)."""
        self.query_one(OptionList).action_first()

    def action_last(self) -> None:
        """Go to the last filter."""
        self.query_one(OptionList).action_last()

    def action_close(self) -> None:
        """Close without changing the filter."""
        self.dismiss(None)
