"""Unit tests of the reader's Textual-free logic: badges, filters, history, search, navigation."""

from __future__ import annotations

import pytest
from reader_pilot import SAMPLE

from briefing.document.loader import load_file
from briefing.document.model import Briefing
from briefing.export.wrap import shorten
from briefing.query.badges import badge, marker
from briefing.query.filters import ClaimFilter, hidden_count, kept_claims, status_line
from briefing.query.history import History
from briefing.query.navigation import claim_order, step_claim
from briefing.query.search import SearchIndex, is_case_sensitive, where


@pytest.fixture(scope="module")
def sample() -> Briefing:
    briefing = load_file(SAMPLE).briefing
    assert briefing is not None
    return briefing


def test_badges_count_and_mark_denials_without_colour(sample: Briefing) -> None:
    agreed = sample.claim("escorts-agreed")
    started = sample.claim("escorts-started")
    assert agreed is not None and started is not None
    assert badge(agreed) == "E2 C1 D2! "
    assert marker(agreed) == "✗ "
    assert badge(started) == "E0 C1 D0 ?"  # no evidence, low confidence
    assert marker(started) == "  "


def test_filters_keep_the_claims_they_name(sample: Briefing) -> None:
    by_filter = {f: [c.id for s in sample.sections for c in kept_claims(s, f)] for f in ClaimFilter}
    assert by_filter[ClaimFilter.DENIED] == ["escorts-agreed", "convoy-attacked"]
    assert by_filter[ClaimFilter.NO_EVIDENCE] == ["escorts-started", "talks-venue"]
    assert by_filter[ClaimFilter.WITH_CAVEATS] == [
        "escorts-agreed", "escorts-started", "talks-resume",
    ]  # fmt: skip
    assert by_filter[ClaimFilter.LOW_CONFIDENCE] == ["escorts-started", "talks-resume"]
    assert len(by_filter[ClaimFilter.ALL]) == 6
    assert hidden_count(sample, ClaimFilter.DENIED) == 4
    assert status_line(sample, ClaimFilter.DENIED) == "Filter: denied — 4 of 6 claims hidden"
    assert status_line(sample, ClaimFilter.ALL) == "All claims (6) · f to filter"


def test_history_steps_back_and_forward_and_moves_replace() -> None:
    history = History()
    history.visit("a")
    history.visit("b")  # a cursor move replaces
    assert history.entries == ["b"]
    history.visit("c", step=True)
    history.visit("d", step=True)
    assert history.back() == "c"
    assert history.back() == "b"
    assert history.back() is None
    assert history.forward() == "c"
    history.visit("e", step=True)  # a new step drops the forward part
    assert history.entries == ["b", "c", "e"]
    assert history.forward() is None


def test_history_forgets_claims_a_reload_removed() -> None:
    history = History()
    for claim in ("a", "b", "a", "c"):
        history.visit(claim, step=True)
    history.forget_missing({"a", "c"})
    assert history.entries == ["a", "c"]
    assert history.current == "c"


def test_search_is_smart_case_and_reports_where(sample: Briefing) -> None:
    index = SearchIndex(sample)
    assert not is_case_sensitive("coast") and is_case_sensitive("Coast")
    assert [m.entry.field for m in index.search("coast")] == ["claim", "claimant"]
    assert [m.entry.field for m in index.search("Coast")] == ["claimant"]
    assert index.search("COAST") == []
    match = index.search("moved twice")[0]
    assert (match.entry.claim_id, match.entry.field, match.entry.item) == (
        "talks-resume",
        "caveat",
        0,
    )
    assert where(sample, match) == ("The talks › Talks resume next week in a neutral… › caveat 1")
    first = index.search("pure invention")[0]
    assert first.entry.text[first.start : first.end] == "pure invention"


def test_shorten_cuts_with_an_ellipsis() -> None:
    assert shorten("one  two\nthree", 40) == "one two three"
    assert shorten("abcdefghij", 5) == "abcd…"
    # After a whole word, and never wider than asked, the ellipsis included.
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("one two three four", 13) == "one two…"
    assert shorten("one two three four", 14) == "one two three…"
    # Measured in terminal columns: a wide character takes two.
    assert shorten("世界世界 x", 6) == "世界…"


def test_brackets_move_across_sections_and_respect_the_filter(sample: Briefing) -> None:
    def step(claim: str | None, section: str | None, n: int, f: ClaimFilter) -> str | None:
        return step_claim(sample, f, claim_id=claim, section_id=section, step=n)

    assert claim_order(sample, ClaimFilter.DENIED) == ["escorts-agreed", "convoy-attacked"]
    assert step("escorts-started", None, 1, ClaimFilter.ALL) == "convoy-attacked"
    assert step("convoy-attacked", None, -1, ClaimFilter.ALL) == "escorts-started"
    assert step(None, "attacks", 1, ClaimFilter.ALL) == "convoy-attacked"
    assert step(None, "attacks", -1, ClaimFilter.ALL) == "escorts-started"
    assert step(None, "outlook", 1, ClaimFilter.ALL) is None
    assert step("escorts-agreed", None, 1, ClaimFilter.DENIED) == "convoy-attacked"
    assert step("talks-venue", None, 1, ClaimFilter.ALL) is None
