"""Claims table (T): every claim in a sortable, filterable table, drawn row by row.

Keys 1–9 (or a click on a heading) sort by a column, again to reverse; `/` types a
filter that keeps the rows holding every word typed. Sorting and filtering run off
the UI thread, so a 50,000-claim briefing stays responsive. Columns are sized to
what the briefing's claims hold (a briefing without confidences has a narrow
"Conf"), and the claim's text takes the rest. Enter goes to the claim.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefing.document.model import Briefing
from briefing.document.textsafe import visible
from briefing.query.badges import DENIED_MARK
from briefing.query.table import COLUMNS, ClaimRow, ColumnKey, claim_rows, filter_rows, sort_rows
from briefing.tui.ui_thread import from_worker
from briefing.tui.views.base import AnalysisScreen, preview
from briefing.tui.widgets.virtual_table import Column, VirtualTable, fitted

# Headings and widths per column key before the rows are known (see `table_columns`);
# the claim's text takes the width left over.
LAYOUT: dict[ColumnKey, Column] = {
    "number": Column("#", 6, "right"),
    "section": Column("Section", 16),
    "claimant": Column("Claimant", 18),
    "stated": Column("Stated", 10),
    "evidence": Column("Evid", 5, "right"),
    "caveats": Column("Cav", 4, "right"),
    "denials": Column("Den", 4, "right"),
    "confidence": Column("Conf", 8),
    "text": Column("Claim"),
}
KEYS = [key for key, _ in COLUMNS]
UP, DOWN = "▲", "▼"


def table_columns(rows: list[ClaimRow]) -> list[Column]:
    """Return the columns sized to `rows`, in the order of `KEYS`."""
    sections = {preview(section, 60) for section in {row.section for row in rows}}
    claimants = {visible(claimant, one_line=True) for claimant in {row.claimant for row in rows}}
    counts = [str(max((getattr(row, key) for row in rows), default=0)) for key in _COUNTS]
    sized: dict[ColumnKey, Column] = {
        "number": fitted("#", [str(len(rows))], cap=8, justify="right"),
        "section": fitted("Section", sections, cap=28, least=10),
        "claimant": fitted("Claimant", claimants, cap=32, least=12),
        "stated": fitted("Stated", {row.stated_text for row in rows}, cap=10),
        "confidence": fitted("Conf", {row.confidence or "" for row in rows}, cap=8),
        "text": Column("Claim", min_width=44),
    }
    for key, widest in zip(_COUNTS, counts, strict=True):
        # Room for the denied mark before a count of denials.
        sized[key] = fitted(LAYOUT[key].title, [widest + " "], cap=8, justify="right")
    return [sized[key] for key in KEYS]


_COUNTS: tuple[ColumnKey, ...] = ("evidence", "caveats", "denials")


class ClaimsTableScreen(AnalysisScreen):
    """All claims in a table; Enter goes to the claim under the cursor."""

    VIEW_NAME = "Claims table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", id="table_filter"),
        *(
            Binding(
                str(n),
                f"sort({n - 1})",
                f"Sort by {COLUMNS[n - 1][1]} (again: reverse)",
                show=False,
                id=f"sort_by_{COLUMNS[n - 1][0]}",
            )
            for n in range(1, len(COLUMNS) + 1)
        ),
    ]

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__(briefing, current_claim)
        self.all_rows: list[ClaimRow] = []
        self.rows: list[ClaimRow] = []
        self.sort_key: ColumnKey = "number"
        self.descending = False
        self.filter_text = ""
        self.columns = [LAYOUT[key] for key in KEYS]

    def compose_body(self) -> ComposeResult:
        """The filter box, then the table."""
        yield Input(
            placeholder="Filter: type words that every claim shown must hold, in any column",
            id="table-filter",
        )
        yield VirtualTable([LAYOUT[key] for key in KEYS], id="view-body")

    def build(self) -> None:
        """Make one row per claim, and size the columns to them."""
        self.all_rows = self.rows = claim_rows(self.briefing)
        self.columns = table_columns(self.all_rows)

    def populate(self) -> None:
        """Show every claim in reading order, the cursor on the current claim."""
        self.query_one(VirtualTable).set_columns(self.columns)
        self._show(self.all_rows, self.current_claim)
        if self.filter_text:  # typed while the rows were being made
            self._recompute(self.current_claim)

    def summary(self) -> Text:
        """Say how many claims show, how they are sorted, and the keys that change it."""
        title = dict(COLUMNS)[self.sort_key]
        out = Text()
        out.append(f"Showing {len(self.rows)} of {len(self.all_rows)} claims", "bold")
        out.append(f" · sorted by {title} {DOWN if self.descending else UP}")
        out.append(" · 1–9 or a click on a heading: sort (again: reverse) · / filter", "dim")
        out.append(" · Evid/Cav/Den: counts of evidence, caveats, denials", "dim")
        return out

    # Rows --------------------------------------------------------------------------

    def cells(self, index: int) -> list[Text]:
        """Return the cells of row `index`, user text made visible on one line."""
        row = self.rows[index]
        denials = Text(str(row.denials))
        if row.denials:
            denials = Text(f"{DENIED_MARK}{row.denials}", "bold red")
        return [
            Text(str(row.number), "dim"),
            Text(preview(row.section, 60)),
            Text(visible(row.claimant, one_line=True)),
            Text(row.stated_text),
            Text(str(row.evidence)),
            Text(str(row.caveats)),
            denials,
            Text(row.confidence or ""),
            Text(preview(row.text, 300)),
        ]

    def _show(self, rows: list[ClaimRow], keep: str | None) -> None:
        self.rows = rows
        cursor = next((n for n, row in enumerate(rows) if row.claim_id == keep), 0)
        table = self.query_one(VirtualTable)
        table.set_rows(len(rows), self.cells, cursor=cursor)
        arrow = DOWN if self.descending else UP
        table.set_titles(
            [
                (arrow if key == self.sort_key else "") + column.title
                for key, column in zip(KEYS, self.columns, strict=True)
            ]
        )
        self.query_one("#view-summary", Static).update(self.summary())

    def _cursor_claim(self) -> str | None:
        table = self.query_one(VirtualTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row].claim_id

    @work(thread=True, exclusive=True, group="claims-table")
    def _recompute(self, keep: str | None) -> None:
        rows = filter_rows(self.all_rows, self.filter_text)
        if get_current_worker().is_cancelled:
            return
        if self.sort_key != "number" or self.descending:
            rows = sort_rows(rows, self.sort_key, self.descending)
        if get_current_worker().is_cancelled:
            return
        from_worker(self, self._show, rows, keep)

    # Keys ----------------------------------------------------------------------------

    def action_sort(self, column: int) -> None:
        """Sort by column `column` (from 0); the same column again reverses the order."""
        if not self.ready:
            return
        key = KEYS[column]
        if key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = key, False
        self._recompute(self._cursor_claim())

    def action_focus_filter(self) -> None:
        """Type a filter."""
        self.query_one("#table-filter", Input).focus()

    def action_close(self) -> None:
        """Leave the filter box for the table, or the view for the reader."""
        if isinstance(self.focused, Input):
            self.query_one(VirtualTable).focus()
            return
        super().action_close()

    @on(Input.Changed, "#table-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        if self.ready:
            self._recompute(self._cursor_claim())

    @on(Input.Submitted, "#table-filter")
    def _filter_done(self) -> None:
        self.query_one(VirtualTable).focus()

    @on(VirtualTable.HeaderChosen, "#view-body")
    def _heading_chosen(self, event: VirtualTable.HeaderChosen) -> None:
        self.action_sort(event.column)

    @on(VirtualTable.RowChosen, "#view-body")
    def _chosen(self, event: VirtualTable.RowChosen) -> None:
        self.choose(self.rows[event.index].claim_id)
