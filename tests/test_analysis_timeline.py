"""The timeline: date order with partial dates, undated apart, and denial lags."""

from __future__ import annotations

import datetime

from analysis_fixtures import bundled_path, load, parties_briefing

from briefing.document.model import date_sort_key, date_text
from briefing.query.timeline import build_timeline, lag_text

D = datetime.date


def test_entries_in_date_order_partial_dates_first_in_their_month() -> None:
    timeline = build_timeline(parties_briefing())
    shown = [(date_text(e.date), e.kind, e.claim_id) for e in timeline.dated]
    assert shown == [
        ("2024-12-15", "denial", "port-closed"),
        ("2025", "claim", "port-closed"),
        ("2025-03-15", "claim", "talks-resume"),
        # Same partial date: reading order (escorts-agreed comes first in the file).
        ("2025-04", "denial", "escorts-agreed"),
        ("2025-04", "claim", "convoy-attacked"),
        ("2025-04-28", "claim", "escorts-agreed"),
        ("2025-04-29", "denial", "escorts-agreed"),
        ("2025-05-03", "denial", "exports-fell"),
        ("2025-05-10", "claim", "exports-fell"),
        ("2025-06-02", "denial", "convoy-attacked"),
        ("2025-07-20", "denial", "talks-resume"),
    ]


def test_undated_claims_and_denials_are_listed_apart_in_reading_order() -> None:
    timeline = build_timeline(parties_briefing())
    assert [(e.kind, e.claim_id, e.party) for e in timeline.undated] == [
        ("denial", "exports-fell", "Ministry of Defence"),
        ("claim", "monitors-access", "Independent Monitors"),
    ]


def test_denials_say_how_long_after_the_claim_they_came() -> None:
    lags = {(e.claim_id, e.party): e.lag for e in build_timeline(parties_briefing()).dated}
    assert lags[("escorts-agreed", "Neighbouring Government")] == "1 day later"
    assert lags[("escorts-agreed", "Opposition Party")] == "within the same month"
    assert lags[("convoy-attacked", "the Ministry of Defence")] == "about 2 months later"
    assert lags[("port-closed", "Port Authority")] == "the year before the claim"
    assert lags[("exports-fell", "Neighbouring Government")] == "7 days before the claim"
    assert lags[("talks-resume", "Opposition Party")] == "127 days later (about 4 months)"
    assert lags[("escorts-agreed", "Ministry of Defence")] is None  # a claim: no lag


def test_lag_never_invents_days_from_a_partial_date() -> None:
    assert lag_text(D(2025, 4, 1), "2025-04") == "within the same month"
    assert lag_text("2025-04", D(2025, 5, 31)) == "the following month"
    assert lag_text("2025-04", "2025-02") == "about 2 months before the claim"
    assert lag_text("2025-03", "2025-04") == "the following month"
    assert lag_text("2024", D(2025, 1, 1)) == "the following year"
    assert lag_text("2023", "2025-06") == "about 2 years later"
    assert lag_text("2023-01", "2025-06") == "about 2 years later"
    assert lag_text(D(2025, 1, 1), D(2025, 1, 1)) == "the same day"
    assert lag_text(D(2025, 1, 1), D(2025, 1, 2)) == "1 day later"
    assert lag_text(D(2025, 1, 3), D(2025, 1, 1)) == "2 days before the claim"


def test_bundled_timeline_holds_every_claim_and_denial_once_in_order() -> None:
    briefing = load(bundled_path())
    timeline = build_timeline(briefing)
    claims = briefing.claims()
    total = len(claims) + sum(len(c.denials) for c in claims)
    assert len(timeline.dated) + len(timeline.undated) == total
    keys = [date_sort_key(e.date) for e in timeline.dated]
    assert keys == sorted(keys)
    assert all(e.date is None for e in timeline.undated)
