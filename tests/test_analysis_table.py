"""The claims table's rows: columns, sorting with missing values last, filtering."""

from __future__ import annotations

from analysis_fixtures import parties_briefing

from briefing.query.table import claim_rows, filter_rows, sort_rows


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
