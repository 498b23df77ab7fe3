"""Every analyst view opens as an overview that fits: what the first screen shows at 120x40.

Sources and parties open closed, each row with its counts; → or Enter opens a row,
← closes it, + and - open and close them all. Parties hang under the party they are
part of (format 2). The timeline and the claims table size their columns to what
they hold.
"""

from __future__ import annotations

import pytest
from analysis_fixtures import FIXTURES, bundled_path, load, parties_briefing
from analysis_pilot import ViewHost, hosted
from reader_pilot import press, screen_text
from textual.widgets import Tree

from briefing.document.model import date_text
from briefing.document.vocabulary import reliability_text
from briefing.query.parties import build_parties, top_level
from briefing.query.sources import build_source_index
from briefing.tui.views.base import preview
from briefing.tui.views.claims_table import ClaimsTableScreen
from briefing.tui.views.parties import PartiesScreen
from briefing.tui.views.sources import TITLE_WIDTH, SourcesScreen
from briefing.tui.views.timeline import TimelineScreen
from briefing.tui.widgets.virtual_table import VirtualTable

# In the slow layer: Pilot sessions through the analyst views.
pytestmark = pytest.mark.slow

SIZE = (120, 40)


def _body(text: str) -> list[str]:
    """Return the lines inside the view's bordered body, without the border."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if "▔▔▔" in line)
    end = next(n for n, line in enumerate(lines) if "▁▁▁" in line)
    return [line.strip("▊▎").rstrip() for line in lines[start + 1 : end]]


def _line(lines: list[str], needle: str) -> str:
    (found,) = [line for line in lines if needle in line]
    return found


def _chosen(app: object) -> str | None:
    assert isinstance(app, ViewHost)
    return app.chosen


# Sources ------------------------------------------------------------------------------


async def test_sources_first_screen_shows_every_source_closed_with_its_counts() -> None:
    briefing = load(bundled_path())
    index = build_source_index(briefing)
    only = index.only_source_counts()
    async with hosted(lambda: SourcesScreen(briefing), size=SIZE) as pilot:
        lines = _body(screen_text(pilot.app))
    assert len(lines) == 35  # the body of a 40-line terminal
    titles = [preview(source.title, TITLE_WIDTH) for source in briefing.sources]
    rows = [line for line in lines if line.strip()]
    assert len(rows) == len(briefing.sources)  # one closed row each, nothing under them
    assert any("Reuters" in title for title in titles)
    for source, title, row in zip(briefing.sources, titles, rows, strict=True):
        assert row.startswith(f"▶ {title}  ")
        claims, citations = index.counts(source.id)
        counts = f"{claims} claim{'s' if claims != 1 else ''} · {citations} citation"
        assert counts in row, row
        assert (f"· {only[source.id]} resting on it alone" in row) == bool(only[source.id])


async def test_sources_rows_spell_out_reliability() -> None:
    briefing = load(FIXTURES / "features-v2.toml")
    async with hosted(lambda: SourcesScreen(briefing), size=(160, 40)) as pilot:
        lines = _body(screen_text(pilot.app))
    graded = [s for s in briefing.sources if s.reliability]
    assert {s.reliability for s in graded} >= {"B", "C", "F"}
    for source in graded:
        row = _line(lines, preview(source.title, TITLE_WIDTH))
        assert reliability_text(source.reliability or "") in row
    assert "reliability B (usually reliable)" in "\n".join(lines)


async def test_sources_arrows_open_and_close_and_plus_minus_do_them_all() -> None:
    briefing = parties_briefing()
    first_claim = "✗ Both navies agreed to escort grain convoys. — Ministry of Defence"
    async with hosted(lambda: SourcesScreen(briefing), size=SIZE) as pilot:
        tree = pilot.app.screen.query_one(Tree)
        assert first_claim not in screen_text(pilot.app)
        await press(pilot, "right")  # the wire report opens on its claims
        assert first_claim in screen_text(pilot.app)
        assert tree.root.children[0].is_expanded
        await press(pilot, "right")  # on an open row: into its first claim
        assert tree.cursor_node is tree.root.children[0].children[0]
        await press(pilot, "left")  # a closed claim: up to its source
        assert tree.cursor_node is tree.root.children[0]
        await press(pilot, "left")  # the source closes
        assert first_claim not in screen_text(pilot.app)
        await press(pilot, "plus")
        cited = [n for n in tree.root.children if n.allow_expand]
        assert cited and all(node.is_expanded for node in cited)
        # Open to the citations: each claim row is open too.
        assert all(claim.is_expanded for node in cited for claim in node.children)
        assert "denial by the Ministry of Defence: No convoy was attacked." in screen_text(
            pilot.app
        )
        await press(pilot, "down", "down", "minus")
        assert not any(node.is_expanded for node in tree.root.children)
        assert tree.cursor_node is tree.root.children[0]  # the row it was under
        await press(pilot, "enter")
        assert first_claim in screen_text(pilot.app)


# Who says what ------------------------------------------------------------------------


async def test_parties_first_screen_shows_every_top_level_party_and_the_governments() -> None:
    briefing = load(bundled_path())
    parties = build_parties(briefing)
    top = top_level(parties)
    async with hosted(lambda: PartiesScreen(briefing), size=SIZE) as pilot:
        text = screen_text(pilot.app)
        lines = _body(text)
        rows = [line for line in lines if line.strip()]
        assert [row.split("  ")[0] for row in rows] == [f"▶ {p.name}" for p in top]
        governments = [
            p.name for p in briefing.parties if p.kind == "government" and p.part_of is None
        ]
        assert "Government of Ukraine" in governments
        for name in governments:
            assert _line(lines, f"▶ {name}  ")
        ukraine = _line(lines, "▶ Government of Ukraine  ")
        assert "2 under it" in ukraine
        zelenskyy = "Volodymyr Zelenskyy, President of Ukraine"
        assert zelenskyy not in text  # under the government, closed
        assert "4 shown under the party they are part of" in text
        # Open the Government of Ukraine: its parts come first, indented under it.
        row = next(n for n, p in enumerate(top) if p.key == "ukraine-gov")
        await press(pilot, *["down"] * row, "right")
        lines = _body(screen_text(pilot.app))
        at = next(n for n, line in enumerate(lines) if "Government of Ukraine  " in line)
        assert lines[at + 1].startswith("├── ▶ Officials in Kyiv  claims 1")
        assert lines[at + 2].startswith(f"├── ▶ {zelenskyy}  claims 3")
        assert lines[at + 3].startswith("├── ▶ Claims (2)")


async def test_parties_list_what_others_contradict_and_enter_goes_to_the_claim() -> None:
    briefing = load(bundled_path())
    china = next(p for p in build_parties(briefing) if p.key == "china-gov")
    (own,) = {claim_id for claim_id, _ in china.contradicted}
    async with hosted(lambda: PartiesScreen(briefing), size=(160, 60)) as pilot:
        lines = _body(screen_text(pilot.app))
        assert "· 1 claim contradicted" in _line(lines, "▶ Government of China  ")
        await press(pilot, "right")
        title = f"Contradicted by other claims ({len(china.contradicted)})"
        tree = pilot.app.screen.query_one(Tree)
        group = next(n for n in tree.root.children[0].children if title in str(n.label))
        tree.move_cursor(group)
        await press(pilot, "right", "right")
        lines = _body(screen_text(pilot.app))
        by_id = {claim.id: claim for claim in briefing.claims()}
        for _, other in china.contradicted:
            assert _line(lines, f"contradicted by {preview(by_id[other].text, 60)}")
        await press(pilot, "enter")
        assert _chosen(pilot.app) == own


async def test_parties_of_a_version_2_fixture_nest_three_deep() -> None:
    briefing = load(FIXTURES / "features-v2.toml")
    async with hosted(lambda: PartiesScreen(briefing), size=SIZE) as pilot:
        closed = _body(screen_text(pilot.app))
        assert not [line for line in closed if "▶ Government of Neighbouria" in line]
        assert _line(closed, "▶ Neighbouria  ").endswith("· 1 under it")
        tree = pilot.app.screen.query_one(Tree)
        top = next(n for n in tree.root.children if str(n.label).startswith("Neighbouria "))
        tree.move_cursor(top)
        await press(pilot, "plus")
        lines = _body(screen_text(pilot.app))
        at = next(n for n, line in enumerate(lines) if line.startswith("▼ Neighbouria  "))
        assert lines[at + 1].startswith("├── ▼ Government of Neighbouria  ")
        assert lines[at + 2].startswith("│   ├── ▼ Neighbouria Navy  ")
        await press(pilot, "minus")
        assert _body(screen_text(pilot.app)) == closed


async def test_parties_of_a_version_1_file_are_free_text_and_flat() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: PartiesScreen(briefing), size=(150, 40)) as pilot:
        text = screen_text(pilot.app)
        await press(pilot, "plus")
        opened = screen_text(pilot.app)
    assert "5 parties · 3 both claim and deny · 1 only deny" in text
    assert "shown under" not in text and "under it" not in text
    rows = [line for line in _body(text) if line.strip()]
    assert len(rows) == 5 and all(row.startswith("▶ ") for row in rows)
    assert "(also written: the Ministry of Defence)" in text
    assert "Contradicted" not in opened and "Denied by (2)" in opened


# Timeline and claims table --------------------------------------------------------------


def _header(pilot_text: str, first: str) -> str:
    return next(line for line in pilot_text.splitlines() if f" {first} " in line)


async def test_timeline_drops_an_empty_lag_column_and_gives_who_and_what_the_width() -> None:
    briefing = load(bundled_path())
    # No denial of this briefing is dated: no lag to show.
    assert not any(denial.date for claim in briefing.claims() for denial in claim.denials)
    async with hosted(lambda: TimelineScreen(briefing), size=SIZE) as pilot:
        text = screen_text(pilot.app)
        table = pilot.app.screen.query_one(VirtualTable)
        widths = table._widths(table.scrollable_content_region.width)
    header = _header(text, "Date")
    assert "After the claim" not in header
    assert [c.title for c in table.columns] == ["Date", "", "Who", "What"]
    # Every claimant on the first screen in full, and "What" the widest column.
    who = widths[2]
    dated = [p for p in {briefing.party_name(c.claimant) for c in briefing.claims() if c.stated}]
    assert who >= max(len(name) for name in dated)
    for name in dated:
        assert name in text
    assert widths[3] == max(widths) and widths[3] >= 50


async def test_timeline_keeps_the_lag_column_when_denials_have_lags() -> None:
    briefing = parties_briefing()
    async with hosted(lambda: TimelineScreen(briefing), size=SIZE) as pilot:
        text = screen_text(pilot.app)
        table = pilot.app.screen.query_one(VirtualTable)
    assert "After the claim" in _header(text, "Date")
    lag = table.columns[-1]
    # As wide as its longest lag, no wider.
    assert lag.width == len("127 days later (about 4 months)")


async def test_claims_table_columns_fit_their_content() -> None:
    briefing = load(bundled_path())
    async with hosted(lambda: ClaimsTableScreen(briefing), size=SIZE) as pilot:
        table = pilot.app.screen.query_one(VirtualTable)
        widths = table._widths(table.scrollable_content_region.width)
        titles = [c.title for c in table.columns]
        text = screen_text(pilot.app)
    by_title = dict(zip(titles, widths, strict=True))
    # Each sized column is as wide as its widest value or its heading and an arrow.
    confidences = [len(c.confidence) for c in briefing.claims() if c.confidence]
    assert by_title["Conf"] == max([len("Conf") + 1, *confidences])
    assert by_title["#"] == max(len(str(len(briefing.claims()))), len("#") + 1)
    stated = [len(date_text(c.stated)) for c in briefing.claims()]
    assert by_title["Stated"] == max([len("Stated") + 1, *stated])
    assert by_title["Claim"] >= 44 and by_title["Claim"] == max(widths)
    assert "▲#" in _header(text, "Section")
