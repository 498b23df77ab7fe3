"""The search box: incremental, smart-case, with every match listed where it stands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Span, Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Resize
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefing.document.model import Briefing
from briefing.document.textsafe import visible
from briefing.query.search import (
    FIELD_LABELS,
    NO_MATCHES,
    LazyIndex,
    Match,
    is_case_sensitive,
    where,
)
from briefing.tui.ui_thread import from_worker
from briefing.tui.widgets.search_results import ResultList, ResultRow

SHOWN_MATCHES = 200
"""At most this many matches are listed; n and N still step through all of them."""


@dataclass(frozen=True)
class SearchOutcome:
    """What the reader searched for, every match, and the one they chose."""

    query: str
    matches: Sequence[Match]
    position: int


def result_row(briefing: Briefing, match: Match, width: int = 70) -> ResultRow:
    """Return a result as listed: where it stands, then the text around the match.

    The whole row is bold and the match itself bold reverse. Built as one string
    and one span, made into styled text only if it is drawn: two hundred rows are
    made for every keystroke, a screenful drawn.
    """
    head = visible(where(briefing, match), one_line=True)
    entry = match.entry.text
    start = max(0, match.start - width // 3)
    end = min(len(entry), match.end + width)
    # Newlines and tabs become spaces (same length, so the offsets still hold).
    text = entry[start:end].replace("\n", " ").replace("\t", " ")
    cut = match.start - start
    before = visible(text[:cut], one_line=True)
    lead = head + "\n  " + ("…" if start else "") + before
    found = visible(text[cut : cut + match.end - match.start], one_line=True)
    rest = visible(text[cut + match.end - match.start :], one_line=True)
    plain = lead + found + rest + ("…" if end < len(entry) else "")
    spans = [Span(len(lead), len(lead) + len(found), "bold reverse")] if found else []
    return ResultRow(plain, "bold", spans)


def _outer_height(widget: Widget, size: Size) -> int:
    """Return the rows a widget of fixed CSS height takes, margins included."""
    styles = widget.styles
    height = int(styles.height.resolve(size, size)) if styles.height is not None else 1
    if styles.box_sizing == "content-box":
        height += styles.gutter.height
    return height + styles.margin.height


class SearchScreen(ModalScreen[SearchOutcome | None]):
    """Type to search; Enter jumps to the highlighted match, Escape closes."""

    CSS_PATH = "search.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", key_display="esc"),
        Binding("enter", "choose", "Jump to match"),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
    ]

    def __init__(self, briefing: Briefing, index: LazyIndex, query: str = "") -> None:
        super().__init__()
        self._briefing = briefing
        self._index = index
        self._initial = query
        self._matches: Sequence[Match] = NO_MATCHES
        self._query = ""

    def compose(self) -> ComposeResult:
        """Lay out the query box, a status line and the results."""
        with Vertical(id="search-box"):
            yield Input(
                value=self._initial,
                placeholder="Search claims, claimants, evidence, caveats, denials, summaries",
                id="query",
                select_on_focus=True,
            )
            yield Static(id="search-status")
            results = ResultList(id="results")
            results.can_focus = False
            yield results

    def on_mount(self) -> None:
        """Put the cursor in the box and search for any query already in it."""
        self.query_one("#search-box").border_title = "Search"
        self._fit_results(self.app.size)
        self.query_one(Input).focus()
        self._search(self._initial)

    def on_resize(self, event: Resize) -> None:
        """Keep the results inside the box at the new size."""
        self._fit_results(event.size)

    def _fit_results(self, size: Size) -> None:
        # The box is as tall as its content up to its max-height; the list may have
        # what is left of that under the query and the status line. (CSS cannot say
        # so: `max-height: 1fr` in an auto-height box let the list take the box's
        # whole height, and its last rows and scroll bar fell outside the box.)
        box = self.query_one("#search-box")
        limit = box.styles.max_height
        if limit is None:
            return
        # Textual takes the box's top margin out of its max-height.
        tallest = (
            int(limit.resolve(size, size)) - box.styles.margin.height - box.styles.gutter.height
        )
        above = sum(
            _outer_height(widget, size)
            for widget in (self.query_one(Input), self.query_one("#search-status"))
        )
        self.query_one("#results").styles.max_height = max(1, tallest - above)

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        # Every match is counted; only those listed become objects and rows.
        matches = self._index.get().find(query) if query else NO_MATCHES
        if get_current_worker().is_cancelled:
            return
        shown = matches[:SHOWN_MATCHES]
        options = [self._option(match) for match in shown]
        status = self._status(query, matches, shown)
        from_worker(self, self._show, query, matches, options, status)

    def _option(self, match: Match) -> Option:
        return Option(result_row(self._briefing, match))

    def _show(
        self, query: str, matches: Sequence[Match], options: list[Option], status: Text
    ) -> None:
        if query != self.query_one(Input).value:
            return  # an older search, finished after the one for what the box now says
        self._query = query
        self._matches = matches
        self.query_one("#results", ResultList).show_results(options)
        self.query_one("#search-status", Static).update(status)

    @staticmethod
    def _status(query: str, matches: Sequence[Match], listed: list[Match]) -> Text:
        case = "case-sensitive" if is_case_sensitive(query) else "any case"
        if not query:
            return Text("Type to search (a capital letter makes it case-sensitive)", "dim")
        if not matches:
            return Text(f"No matches ({case})", "bold")
        shown = f", showing the first {SHOWN_MATCHES}" if len(matches) > SHOWN_MATCHES else ""
        noun = "match" if len(matches) == 1 else "matches"
        fields = sorted({FIELD_LABELS[m.entry.field] for m in listed})
        return Text(f"{len(matches)} {noun} ({case}{shown}) in: {', '.join(fields)}")

    def action_move(self, step: int) -> None:
        """Move the highlight through the results while typing."""
        results = self.query_one("#results", OptionList)
        if results.option_count == 0:
            return
        current = results.highlighted or 0
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    def action_choose(self) -> None:
        """Jump to the highlighted match (the first if none is highlighted)."""
        results = self.query_one("#results", OptionList)
        if not self._matches or self._query != self.query_one(Input).value:
            return
        self.dismiss(SearchOutcome(self._query, self._matches, results.highlighted or 0))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionSelected, "#results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.action_choose()

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)
