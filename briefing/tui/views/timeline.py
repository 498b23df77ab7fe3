"""Timeline (t): claims and denials in date order, undated ones listed apart.

Dates show as written ("2025-04"), a partial date before the full dates of its
month or year. A denial says how long after its claim it came, as precisely as
the two dates allow. Columns are sized to what they hold, so that "Who" and "What"
get the width; the lag column shows only when some denial has something to say
there. Enter goes to the claim (for a denial, the claim it denies).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult

from briefing.document.model import Briefing, date_text
from briefing.document.textsafe import visible
from briefing.document.wording import plural
from briefing.query.badges import DENIED_MARK
from briefing.query.timeline import TimelineEntry, build_timeline
from briefing.tui.views.base import AnalysisScreen, preview
from briefing.tui.widgets.virtual_table import Column, VirtualTable, fitted

COLUMNS = (
    Column("Date", 10),
    Column("", 7),
    Column("Who", 24),
    Column("What"),
    Column("After the claim", 32),
)
"""The columns before the rows are known."""
WHAT = Column("What", min_width=50)
UNDATED_CLAIM = "the claim is undated"


def timeline_columns(entries: list[TimelineEntry]) -> list[Column]:
    """Return the columns sized to `entries`; without a lag to show, no lag column."""
    dates = {date_text(e.date) for e in entries}
    parties = {visible(e.party, one_line=True) for e in entries}
    lags = {_lag(e) for e in entries if e.kind == "denial"} - {""}
    kinds = {e.kind for e in entries}
    columns = [
        fitted("Date", dates, cap=10),
        fitted("", kinds, cap=6),
        fitted("Who", parties, cap=44, least=14),
        WHAT,
    ]
    if lags:
        columns.append(fitted("After the claim", lags, cap=32, least=16))
    return columns


def _lag(entry: TimelineEntry) -> str:
    if entry.lag is not None:
        return entry.lag
    # A dated denial without a lag denies an undated claim.
    return UNDATED_CLAIM if entry.date is not None else ""


class TimelineScreen(AnalysisScreen):
    """Claims and denials by date; Enter goes to the claim of the row under the cursor."""

    VIEW_NAME = "Timeline"

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__(briefing, current_claim)
        self.dated: tuple[TimelineEntry, ...] = ()
        self.undated: tuple[TimelineEntry, ...] = ()
        self.rows: list[TimelineEntry | None] = []
        self.columns: list[Column] = list(COLUMNS)

    def build(self) -> None:
        """Put the claims and denials in date order."""
        timeline = build_timeline(self.briefing)
        self.dated = timeline.dated
        self.undated = timeline.undated
        # One row per entry, and a heading row (None) before the undated ones.
        rows: list[TimelineEntry | None] = list(timeline.dated)
        if timeline.undated:
            rows.append(None)
            rows.extend(timeline.undated)
        self.rows = rows
        self.columns = timeline_columns([*timeline.dated, *timeline.undated])

    def summary(self) -> Text:
        """Count what has a date and what has none."""
        denials = sum(1 for e in self.dated if e.kind == "denial")
        lags = sum(1 for e in self.dated if e.lag is not None)
        out = Text(f"{len(self.dated)} dated ({plural(denials, 'denial')}, ")
        out.append(
            f"{lags} with a claim date to compare) · {len(self.undated)} undated, listed last"
        )
        return out

    def compose_body(self) -> ComposeResult:
        """The table of entries."""
        yield VirtualTable(COLUMNS, id="view-body")

    def populate(self) -> None:
        """Fill the table, the cursor on the current claim if it has a row."""
        start = 0
        if self.current_claim is not None:
            start = next(
                (
                    n
                    for n, e in enumerate(self.rows)
                    if e is not None and e.kind == "claim" and e.claim_id == self.current_claim
                ),
                0,
            )
        table = self.query_one(VirtualTable)
        table.set_columns(self.columns)
        table.set_rows(len(self.rows), self.cells, cursor=start)

    def cells(self, index: int) -> list[Text]:
        """Return the cells of row `index`, one per column shown."""
        return self._cells(index)[: len(self.columns)]

    def _cells(self, index: int) -> list[Text]:
        entry = self.rows[index]
        if entry is None:
            heading = Text(f"Undated ({len(self.undated)})", "bold underline")
            return [Text(""), Text(""), Text(""), heading, Text("")]
        when = Text(date_text(entry.date))
        who = Text(visible(entry.party, one_line=True))
        if entry.kind == "claim":
            claim = self.claims_by_id.get(entry.claim_id)
            mark = f"{DENIED_MARK} " if claim is not None and claim.denials else ""
            what = Text()
            what.append(mark, "bold red")
            what.append(preview(entry.text, 200))
            return [when, Text("claim", "bold"), who, what, Text("")]
        claim = self.claims_by_id.get(entry.claim_id)
        what = Text(preview(entry.text, 120))
        if claim is not None:
            what.append(" — denying ", "dim")
            what.append(preview(claim.text, 80), "italic")
        lag = Text(_lag(entry), "" if entry.lag is not None else "dim")
        return [when, Text("denial", "bold red"), who, what, lag]

    @on(VirtualTable.RowChosen, "#view-body")
    def _chosen(self, event: VirtualTable.RowChosen) -> None:
        entry = self.rows[event.index]
        if entry is not None:
            self.choose(entry.claim_id)
