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
from briefing.query.filters import (
    LIKELIHOOD_PREFIX,
    NEEDS_VERSION_2,
    PARTY_PREFIX,
    ArgumentFilter,
    ClaimFilter,
    Filter,
    argument_filters,
    kept_counts,
    party_filters,
)


class FilterScreen(ModalScreen[Filter | None]):
    """A small menu of filters; Enter applies one, Escape keeps the current one."""

    CSS_PATH = "filter_menu.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "close", "Close", key_display="esc"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G,shift+g", "last", "Last", show=False),
    ]

    def __init__(self, briefing: Briefing, current: Filter) -> None:
        super().__init__()
        self._briefing = briefing
        self._current = current
        self._filters: dict[str, Filter] = {}
        """Each option's filter, by the option's id."""

    def compose(self) -> ComposeResult:
        """List the filters, each with the number of claims it keeps.

        Format 2 adds filters by relation, assumption, likelihood band and party (the
        parties under another indented below it); a format 1 file says they exist.
        """
        briefing = self._briefing
        filters: list[Filter] = list(ClaimFilter)
        depths = {made.value: depth for depth, made in party_filters(briefing)}
        filters += argument_filters(briefing)
        counts = kept_counts(briefing, filters)
        options: list[Option | None] = []
        group = _group(filters[0])
        for claim_filter, kept in zip(filters, counts, strict=True):
            if _group(claim_filter) != group:
                group = _group(claim_filter)
                options.append(None)  # a rule between groups
            label = Text("● " if claim_filter == self._current else "  ")
            label.append("  " * depths.get(claim_filter.value, 0))
            label.append(claim_filter.label[:1].upper() + claim_filter.label[1:])
            label.append(f"  ({kept})", "dim")
            options.append(Option(label, id=claim_filter.value))
            self._filters[claim_filter.value] = claim_filter
        if briefing.format < 2:
            options.append(None)
            options.append(Option(Text(NEEDS_VERSION_2, "italic"), id="needs-v2", disabled=True))
        yield OptionList(*options, id="filters", markup=False)

    def on_mount(self) -> None:
        """Put the cursor on the filter in force."""
        menu = self.query_one(OptionList)
        menu.border_title = "Show claims"
        menu.border_subtitle = "enter to apply"
        menu.highlighted = menu.get_option_index(self._current.value)
        menu.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = self._filters.get(event.option.id or "")
        if chosen is not None:
            self.dismiss(chosen)

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


def _group(claim_filter: Filter) -> str:
    for prefix in (PARTY_PREFIX, LIKELIHOOD_PREFIX):
        if claim_filter.value.startswith(prefix):
            return prefix
    return "version 2" if isinstance(claim_filter, ArgumentFilter) else "version 1"
