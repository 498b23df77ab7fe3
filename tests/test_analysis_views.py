"""The analyst views on their own: what each shows, and the claim Enter chooses.

Each view runs in a small host app that records what the view was dismissed with;
`test_analysis_reader.py` runs them inside the reader.
"""

from __future__ import annotations

import pytest
from analysis_fixtures import bundled_path, load, parties_briefing
from analysis_pilot import CHOSEN_NOTHING, ViewHost, hosted
from reader_pilot import press, screen_text
from textual.widgets import Input

from briefing.query.parties import build_parties
from briefing.query.sources import build_source_index
from briefing.query.timeline import build_timeline
from briefing.tui.views.base import preview
from briefing.tui.views.claims_table import ClaimsTableScreen
from briefing.tui.views.parties import PartiesScreen
from briefing.tui.views.sources import TITLE_WIDTH, SourcesScreen
from briefing.tui.views.timeline import TimelineScreen
from briefing.tui.widgets.virtual_table import VirtualTable

# In the slow layer: Pilot sessions through the analyst views (their snapshots stay fast).
pytestmark = pytest.mark.slow


def _chosen(app: object) -> str | None:
    assert isinstance(app, ViewHost)
    return app.chosen


def _lines_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


def _table_rows(text: str, heading: str = " Claimant ") -> list[str]:
    """Return the table's rows on screen: the lines between its heading and its bottom edge."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if heading in line)
    rows = []
    for line in lines[start + 1 :]:
        if "▁▁▁" in line:
            break
        if line.strip("▊▎ "):
            rows.append(line)
    return rows


# Sources ------------------------------------------------------------------------------


async def test_sources_view_shows_each_source_with_what_cites_it() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: SourcesScreen(briefing), size=(130, 50)) as pilot:
        await press(pilot, "plus")  # every source open
        text = screen_text(pilot.app)
    assert "Sources — Harbour convoy dispute" in text
    assert "6 sources · 1 that nothing cites · 3 of 6 claims rest on one source" in text
    assert "1 claim with no source for the evidence" in text
    assert (
        "Wire service report on the convoys  2 claims · 5 citations · 1 resting on it alone"
        " — Example Wire, news report, 2025-04-29"
    ) in text
    assert "Leaked memo nobody cites  nothing cites this source — document" in text
    # The claim resting on the wire report alone is marked; one with two sources is not.
    assert _lines_with(text, "◆ only source  ✗ A convoy was attacked near the harbour mouth.")
    assert _lines_with(text, "✗ Both navies agreed to escort grain convoys. — Ministry of Defence")
    assert not _lines_with(text, "◆ only source  ✗ Both navies agreed")
    # Evidence, caveats and denials under the claim, in that order.
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if "A convoy was attacked" in line)
    assert "evidence: The wire service reported explosions." in lines[start + 1]
    assert "evidence: A second wire report gave a time." in lines[start + 2]
    assert "caveat: The wire service had no reporter on site." in lines[start + 3]
    assert "denial by the Ministry of Defence: No convoy was attacked." in lines[start + 4]


async def test_sources_view_enter_on_a_citation_goes_to_its_claim() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: SourcesScreen(briefing)) as pilot:
        await press(pilot, "plus")
        # Wire report, its first claim (escorts-agreed), its evidence, the next claim.
        await press(pilot, "down", "down", "down")
        await press(pilot, "enter")
        assert _chosen(pilot.app) == "convoy-attacked"


async def test_sources_view_enter_on_a_source_opens_and_closes_it() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: SourcesScreen(briefing)) as pilot:
        # Closed at first; Enter opens the source, again closes it.
        assert "Both navies agreed" not in screen_text(pilot.app)
        await press(pilot, "enter")
        assert "Both navies agreed" in screen_text(pilot.app)
        await press(pilot, "enter")
        assert "Both navies agreed" not in screen_text(pilot.app)
        assert _chosen(pilot.app) == CHOSEN_NOTHING
        await press(pilot, "escape")
        assert _chosen(pilot.app) is None


async def test_sources_view_on_the_bundled_briefing() -> None:
    briefing = load(bundled_path())
    index = build_source_index(briefing)
    async with hosted(lambda: SourcesScreen(briefing), size=(140, 40)) as pilot:
        text = screen_text(pilot.app)
    summary = (
        f"{len(briefing.sources)} sources · {len(index.uncited)} that nothing cites · "
        f"{len(index.single_source)} of {len(briefing.claims())} claims rest on one source"
    )
    assert summary in text
    for source in briefing.sources:  # closed, every one on the first screen
        assert preview(source.title, TITLE_WIDTH) in text


# Who says what ------------------------------------------------------------------------


async def test_parties_view_shows_claims_denials_and_deniers() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: PartiesScreen(briefing), size=(150, 60)) as pilot:
        await press(pilot, "plus")  # every party open
        text = screen_text(pilot.app)
    assert "Who says what — Harbour convoy dispute" in text
    assert "5 parties · 3 both claim and deny · 1 only deny" in text
    assert _lines_with(
        text,
        "Ministry of Defence  claims 1 · denies 2 · denied by Neighbouring Government, "
        "Opposition Party  (also written: the Ministry of Defence)",
    )
    assert _lines_with(text, "Port Authority  claims 0 · denies 1")
    assert _lines_with(text, "Claims (2)")
    assert _lines_with(
        text,
        "2025-06-02: No convoy was attacked. — denying A convoy was attacked near the harbour "
        "mouth. (Neighbouring Government)",
    )
    assert _lines_with(text, "Port Authority denies The northern port has been closed")


async def test_parties_view_enter_on_a_denial_goes_to_the_claim_it_denies() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: PartiesScreen(briefing), size=(150, 60)) as pilot:
        await press(pilot, "plus")
        # Independent Monitors: Claims (2), two claims, Denials (0), Denied by (1), its row.
        await press(pilot, "down", "down", "down", "down", "down", "down")
        await press(pilot, "enter")
        assert _chosen(pilot.app) == "port-closed"


async def test_parties_view_on_the_bundled_briefing() -> None:
    briefing = load(bundled_path())
    parties = build_parties(briefing)
    async with hosted(lambda: PartiesScreen(briefing), size=(140, 40)) as pilot:
        text = screen_text(pilot.app)
    assert f"{len(parties)} parties" in text
    first = parties[0]
    assert f"{first.name}  claims {len(first.claims)} · denies {len(first.denials)}" in text


# Timeline -----------------------------------------------------------------------------


async def test_timeline_lists_entries_by_date_with_lags_and_undated_apart() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: TimelineScreen(briefing), size=(150, 30)) as pilot:
        text = screen_text(pilot.app)
    assert "11 dated (6 denials, 6 with a claim date to compare) · 2 undated" in text
    rows = _table_rows(text, " Who ")
    assert [row.split()[1] for row in rows[:11]] == [
        "2024-12-15", "2025", "2025-03-15", "2025-04", "2025-04", "2025-04-28",
        "2025-04-29", "2025-05-03", "2025-05-10", "2025-06-02", "2025-07-20",
    ]  # fmt: skip
    assert "denial Port Authority" in rows[0] and "the year before the claim" in rows[0]
    assert "127 days later (about 4 months)" in rows[10]
    assert "within the same month" in rows[3]
    heading = text.index("Undated (2)")
    assert text.index("Not a matter for the ministry") > heading
    assert text.index("Monitors were given access") > heading


async def test_timeline_starts_at_the_current_claim_and_enter_goes_to_a_denied_claim() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: TimelineScreen(briefing, "escorts-agreed")) as pilot:
        table = pilot.app.screen.query_one(VirtualTable)
        timeline = build_timeline(briefing)
        row = table.cursor_row
        assert timeline.dated[row].claim_id == "escorts-agreed"
        assert timeline.dated[row].kind == "claim"
        await press(pilot, "down")  # Neighbouring Government's denial, the next day
        await press(pilot, "enter")
        assert _chosen(pilot.app) == "escorts-agreed"


async def test_timeline_heading_row_chooses_nothing() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: TimelineScreen(briefing)) as pilot:
        await press(pilot, "end", "up", "up", "enter")
        assert _chosen(pilot.app) == CHOSEN_NOTHING
        await press(pilot, "down", "enter")
        assert _chosen(pilot.app) == "exports-fell"


async def test_timeline_on_the_bundled_briefing() -> None:
    briefing = load(bundled_path())
    timeline = build_timeline(briefing)
    async with hosted(lambda: TimelineScreen(briefing), size=(140, 40)) as pilot:
        text = screen_text(pilot.app)
    assert f"{len(timeline.dated)} dated" in text
    assert f"{len(timeline.undated)} undated" in text
    first = timeline.dated[0]
    assert str(first.date) in text.splitlines()[4]


# Claims table -------------------------------------------------------------------------


async def test_claims_table_shows_every_claim_with_its_columns() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: ClaimsTableScreen(briefing), size=(130, 24)) as pilot:
        text = screen_text(pilot.app)
    assert "Showing 6 of 6 claims · sorted by # ▲" in text
    rows = _table_rows(text)
    assert len(rows) == 6
    first = rows[0].split()
    assert first[:4] == ["▊", "1", "Naval", "escorts"]
    assert "2025-04-28" in rows[0] and "moderate" in rows[0] and "✗2" in rows[0]
    assert "Both navies agreed" in rows[0]


async def test_claims_table_sorts_by_a_key_and_reverses_on_the_same_key() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: ClaimsTableScreen(briefing), size=(130, 24)) as pilot:
        await press(pilot, "4")
        text = screen_text(pilot.app)
        assert "sorted by Stated ▲" in text
        order = _table_rows(text)
        assert "2025 " in order[0] and "2025-03-15" in order[1] and "2025-04 " in order[2]
        assert "Monitors were given access" in order[5]  # undated: last
        await press(pilot, "4")
        text = screen_text(pilot.app)
        assert "sorted by Stated ▼" in text
        order = _table_rows(text)
        assert "2025-05-10" in order[0] and "Monitors were given access" in order[5]


async def test_claims_table_sorts_by_a_click_on_a_heading() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: ClaimsTableScreen(briefing), size=(130, 24)) as pilot:
        table = pilot.app.screen.query_one(VirtualTable)
        # "Conf" starts after #, Section, Claimant, Stated, Evid, Cav, Den and their
        # gaps; the table's border adds one cell on the left and one line on top.
        x = 1 + 1 + 7 + 17 + 19 + 11 + 6 + 5 + 5 + 2
        await pilot.click(table, offset=(x, 1))
        await press(pilot)
        text = screen_text(pilot.app)
        assert "sorted by Confidence ▲" in text
        order = _table_rows(text)
        assert " low " in order[0] and " high " in order[3]


async def test_claims_table_filter_keeps_matching_rows_and_enter_goes_there() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: ClaimsTableScreen(briefing), size=(130, 24)) as pilot:
        await press(pilot, "slash", *"ports")
        assert isinstance(pilot.app.focused, Input)
        text = screen_text(pilot.app)
        assert "Showing 2 of 6 claims" in text
        await press(pilot, "escape")  # back to the table, not out of the view
        assert isinstance(pilot.app.focused, VirtualTable)
        await press(pilot, "down", "enter")
        assert _chosen(pilot.app) == "exports-fell"


async def test_claims_table_filter_with_no_match_and_escape_leaves() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: ClaimsTableScreen(briefing), size=(130, 24)) as pilot:
        await press(pilot, "slash", *"zzz", "enter")
        assert "Showing 0 of 6 claims" in screen_text(pilot.app)
        await press(pilot, "enter")
        assert _chosen(pilot.app) == CHOSEN_NOTHING
        await press(pilot, "escape")
        assert _chosen(pilot.app) is None


async def test_claims_table_starts_on_the_current_claim() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: ClaimsTableScreen(briefing, "talks-resume")) as pilot:
        await press(pilot, "enter")
        assert _chosen(pilot.app) == "talks-resume"


async def test_views_show_hostile_strings_as_plain_text() -> None:
    from analysis_fixtures import FIXTURES

    briefing = load(FIXTURES / "reader-hostile.toml")
    for view in (SourcesScreen, PartiesScreen, TimelineScreen, ClaimsTableScreen):
        async with hosted(lambda view=view: view(briefing), size=(160, 30)) as pilot:  # type: ignore[misc]
            text = screen_text(pilot.app)
        assert "\x1b" not in text and "\u202e" not in text, view
        assert "— [bold red]Not markup[/] briefing" in text, view
        if view is not SourcesScreen:  # the hostile briefing has no sources
            assert "[b]Claimant[/b]" in text, view
        if view in (TimelineScreen, ClaimsTableScreen):
            assert "Red \\x1b[31mescape" in text, view
