"""The claims table's rows: columns, sorting with missing values last, filtering."""

from __future__ import annotations

from analysis_fixtures import parties_briefing

from briefing.query.table import claim_rows, filter_rows, sort_rows
from briefing.tui.widgets.virtual_table import Column, column_widths, fitted


def _ids(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [row.claim_id for row in rows]


def test_one_row_per_claim_with_counts() -> None:
    rows = claim_rows(parties_briefing())
    first = rows[0]
    assert (first.number, first.claim_id, first.section, first.claimant) == (
        1, "escorts-agreed", "Naval escorts", "Ministry of Defence",
    )  # fmt: skip
    assert (first.stated_text, first.evidence, first.caveats, first.denials) == (
        "2025-04-28", 2, 1, 2,
    )  # fmt: skip
    assert first.confidence == "moderate"
    assert len(rows) == 6


def test_sort_by_stated_puts_partial_dates_first_and_undated_last_both_ways() -> None:
    rows = claim_rows(parties_briefing())
    up = sort_rows(rows, "stated")
    assert [row.stated_text for row in up] == [
        "2025", "2025-03-15", "2025-04", "2025-04-28", "2025-05-10", "",
    ]  # fmt: skip
    down = sort_rows(rows, "stated", descending=True)
    assert [row.stated_text for row in down][-1] == ""
    assert [row.stated_text for row in down][:2] == ["2025-05-10", "2025-04-28"]


def test_sort_by_confidence_ranks_levels_not_letters() -> None:
    rows = sort_rows(claim_rows(parties_briefing()), "confidence", descending=True)
    assert [row.confidence for row in rows] == ["high", "high", "moderate", "low", None, None]
    # Ties keep reading order.
    assert _ids(rows)[:2] == ["exports-fell", "talks-resume"]


def test_sort_by_denials_and_by_claimant() -> None:
    rows = claim_rows(parties_briefing())
    assert [r.denials for r in sort_rows(rows, "denials", descending=True)] == [2, 2, 1, 1, 1, 0]
    claimants = [r.claimant for r in sort_rows(rows, "claimant")]
    assert claimants[:2] == ["Independent Monitors", "Independent Monitors"]
    assert claimants[-2:] == ["Neighbouring government", "Opposition Party"]


def test_filter_keeps_rows_with_every_word_in_any_column() -> None:
    rows = claim_rows(parties_briefing())
    assert _ids(filter_rows(rows, "convoy")) == [
        "escorts-agreed",
        "convoy-attacked",
        "talks-resume",
    ]
    assert _ids(filter_rows(rows, "PORTS monitors")) == ["port-closed"]
    assert _ids(filter_rows(rows, "2025-04")) == ["escorts-agreed", "convoy-attacked"]
    assert filter_rows(rows, "nothing-matches-this") == []
    assert len(filter_rows(rows, "   ")) == len(rows)


def test_a_fitted_column_is_as_wide_as_its_widest_cell_or_heading_up_to_its_cap() -> None:
    assert fitted("Who", ["Port Authority", "MoD"], cap=40).width == len("Port Authority")
    # Empty for every row: as narrow as its heading and a column for the sort arrow.
    assert fitted("After the claim", [""], cap=32).width == len("After the claim") + 1
    assert fitted("Who", ["x" * 60], cap=40).width == 40
    assert fitted("Who", ["x" * 60], cap=40, least=12).min_width == 12
    assert fitted("Who", [], cap=40, least=12).min_width == 4  # never more than its width


def test_column_widths_give_the_rest_to_the_flexible_column_and_shrink_the_widest() -> None:
    columns = [
        Column("Date", 10),
        Column("Who", 30, min_width=12),
        Column("Section", 20, min_width=10),
        Column("What", min_width=40),
    ]
    # Room enough: every sized column keeps its width; a space before each cell.
    assert column_widths(columns, 120) == [10, 30, 20, 120 - 60 - 5]
    # Short: the widest column that may give way gives first, the date never does.
    narrow = column_widths(columns, 90)
    assert narrow[0] == 10 and narrow[3] == 40
    assert narrow[1] + narrow[2] == 90 - 5 - 10 - 40 and abs(narrow[1] - narrow[2]) <= 1
    # Shorter than every least width: they stop there, the flexible column takes what is left.
    assert column_widths(columns, 50)[:3] == [10, 12, 10]
    assert column_widths(columns, 50)[3] == max(8, 50 - 5 - 32)
