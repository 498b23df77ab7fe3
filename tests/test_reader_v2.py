"""Format version 2 in the reader: the claim pane's new parts, and party names everywhere.

The fixture (fixtures/reader-v2.toml) names its parties by id; the reader must show
their names wherever a claimant or denier appears, and never the ids.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reader_pilot import (
    FIXTURES,
    current,
    focused_id,
    highlighted_option,
    press,
    reader,
    screen_text,
)
from textual.widgets import OptionList

from briefing.document.loader import load_file
from briefing.document.model import Briefing
from briefing.query.badges import badge, relation_count
from briefing.query.parties import build_parties
from briefing.query.search import SearchIndex
from briefing.query.session import match_group
from briefing.query.sources import build_source_index
from briefing.query.table import claim_rows, filter_rows
from briefing.query.timeline import build_timeline
from briefing.tui.screens.search import SearchScreen

V2 = FIXTURES / "reader-v2.toml"
SAMPLE = FIXTURES / "reader-sample.toml"
PARTY_IDS = ("kyiv-gov", "ua-president", "beijing-gov", "us-officials")


def load(path: Path) -> Briefing:
    result = load_file(path)
    assert result.briefing is not None, result.diagnostics
    return result.briefing


def test_the_fixture_is_clean_and_holds_every_version_2_claim_part() -> None:
    result = load_file(V2)
    assert result.briefing is not None
    assert result.diagnostics == []
    briefing = result.briefing
    assert briefing.format == 2 and briefing.parties
    claims = briefing.claims()
    assert any(claim.likelihood for claim in claims)
    assert any(claim.gaps for claim in claims)
    assert any(claim.relations for claim in claims)
    assert any(a.if_wrong for claim in claims for a in claim.assumptions)
    assert any(i.effect for claim in claims for i in claim.indicators)
    assert any(e.credibility for claim in claims for e in claim.evidence)
    assert any(source.reliability for source in briefing.sources)


# The query layer: names, not ids -------------------------------------------------------


def test_the_claims_table_shows_and_filters_by_party_name() -> None:
    briefing = load(V2)
    rows = claim_rows(briefing)
    assert [row.claimant for row in rows] == [
        "President Zelenskyy",
        "US officials",
        "Government of Ukraine",
    ]
    assert [row.claim_id for row in filter_rows(rows, "us officials")] == ["no-state-link"]


def test_the_timeline_names_claimants_and_deniers() -> None:
    timeline = build_timeline(load(V2))
    who = {(entry.kind, entry.claim_id): entry.party for entry in timeline.dated}
    assert who["claim", "tacit-approval"] == "President Zelenskyy"
    assert who["denial", "tacit-approval"] == "Government of China"


def test_a_denial_citing_a_source_names_its_denier(tmp_path: Path) -> None:
    path = tmp_path / "cited.toml"
    text = V2.read_text(encoding="utf-8").replace(
        "    date = 2025-04-23\n", '    date = 2025-04-23\n    source = "briefing-call"\n'
    )
    path.write_text(text, encoding="utf-8")
    index = build_source_index(load(path))
    entry = index.entry("briefing-call")
    assert entry is not None
    denials = [c for group in entry.claims for c in group.denials]
    assert [c.by for c in denials] == ["Government of China"]


def test_who_says_what_has_one_party_per_id_under_its_name_with_its_aliases() -> None:
    parties = build_parties(load(V2))
    assert [party.name for party in parties] == [
        "Government of China",
        "Government of Ukraine",
        "President Zelenskyy",
        "US officials",
    ]
    china = parties[0]
    assert china.spellings == ["Government of China", "Beijing"]
    assert [made.claim_id for made in china.denials] == ["tacit-approval"]
    zelenskyy = parties[2]
    assert zelenskyy.claims == ["tacit-approval"]
    assert list(zelenskyy.denied_by) == [china.key]


def test_search_finds_a_party_by_name_and_not_by_id() -> None:
    index = SearchIndex(load(V2))
    found = [(m.entry.claim_id, m.entry.field) for m in index.search("president zel")]
    assert found == [("tacit-approval", "claimant")]
    denial = index.search("Government of China")
    assert [(m.entry.claim_id, m.entry.field) for m in denial] == [("tacit-approval", "denial")]
    for party_id in PARTY_IDS:
        assert index.search(party_id) == [], party_id


def test_search_finds_notes_assumptions_indicators_and_gaps_where_the_pane_lists_them() -> None:
    briefing = load(V2)
    index = SearchIndex(briefing)

    def found(query: str) -> list[tuple[str | None, str | None]]:
        return [
            (m.entry.claim_id, match_group(m) and f"{match_group(m)}:{m.entry.item}")
            for m in index.search(query)
        ]

    assert found("private networks need") == [("no-state-link", "relations:0")]
    # What follows if an assumption is wrong is searched with the assumption.
    assert found("say nothing about approval") == [("tacit-approval", "assumptions:0")]
    assert found("recruiters are arrested") == [("tacit-approval", "indicators:1")]
    assert found("who pays") == [("tacit-approval", "gaps:0")]
    # The format 1 sample gives no entry of these kinds.
    fields = {entry.field for entry in SearchIndex(load(SAMPLE)).entries}
    assert fields.isdisjoint({"relation", "assumption", "indicator", "gap"})


def test_the_badge_counts_relations_from_both_ends_in_format_2_only() -> None:
    briefing = load(V2)
    counts = {claim.id: relation_count(briefing, claim) for claim in briefing.claims()}
    assert counts == {"tacit-approval": 2, "no-state-link": 1, "recruiters-paid": 1}
    claim = briefing.claim("tacit-approval")
    assert claim is not None
    assert badge(claim, counts["tacit-approval"]) == "E1 C0 D1!  R2"
    sample = load(SAMPLE)
    first = sample.claims()[0]
    assert relation_count(sample, first) is None
    assert badge(first, None) == badge(first)


def test_the_plain_outline_without_a_terminal_names_claimants() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", str(V2)], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert "✗ President Zelenskyy: Beijing tacitly approves" in text
    assert "- US officials: Officials see no direct tie" in text
    for party_id in PARTY_IDS:
        assert party_id not in text, party_id


# The reader ----------------------------------------------------------------------------


async def test_the_claim_pane_shows_every_version_2_part_with_names_not_ids() -> None:
    async with reader(V2, size=(110, 50)) as pilot:
        app = pilot.app
        await press(pilot, "down", "enter")
        assert current(app) == ("claim", "tacit-approval")
        text = screen_text(app)
        for shown in (
            "✗ DENIED by Government of China",
            "Claimant:   President Zelenskyy",
            # Likelihood in words with its range, beside confidence and apart from it.
            "Likelihood: likely (55–80 %)",
            "Confidence: moderate",
            "credibility 3 (possibly true)",
            "2025-04-20, reliability B (usually reliable)",
            "Denied by Government of China (2025-04-23):",
            "← contradicted by Officials see no direct tie",
            "note: Private networks need no approval.",
            "← supported by Recruiters are paid per volunteer.",
            "Assumptions (1)",
            "1. Platforms remove what the state objects to.",
            "if wrong: The adverts say nothing about approval.",
            "Indicators (2)",
            "1. State media start carrying the adverts.",
            "if seen, strengthens the claim",
            "2. Recruiters are arrested.",
            "Gaps (1)",
            "1. Who pays the recruiters.",
            "E1 C0 D1!  R2",
        ):
            assert shown in text, shown
        for party_id in PARTY_IDS:
            assert party_id not in text, party_id


async def test_following_contradicted_by_lands_on_the_contradicting_claim_and_back() -> None:
    async with reader(V2, size=(110, 50)) as pilot:
        app = pilot.app
        await press(pilot, "down", "enter")
        assert current(app) == ("claim", "tacit-approval")
        assert focused_id(app) == "claim-detail"
        detail = app.focused
        assert isinstance(detail, OptionList)
        for _ in range(len(detail.options)):
            if highlighted_option(app) == "rel0:no-state-link":
                break
            await press(pilot, "j")
        assert highlighted_option(app) == "rel0:no-state-link"
        await press(pilot, "enter")
        assert current(app) == ("claim", "no-state-link")
        text = screen_text(app)
        # The same relation, read from the end that holds it.
        assert "→ contradicts Beijing tacitly approves the recruitment" in text
        assert "note: Private networks need no approval." in text
        assert "Likelihood: roughly even chance (45–55 %)" in text
        assert "Source: Background call with officials — reliability F" in text
        assert "(reliability cannot be judged)" in text
        assert "Claimant:   US officials" in text
        await press(pilot, "backspace")
        assert current(app) == ("claim", "tacit-approval")
        await press(pilot, "alt+right")
        assert current(app) == ("claim", "no-state-link")


async def test_the_section_pane_and_outline_name_claimants_and_mark_relations() -> None:
    async with reader(V2, size=(140, 30)) as pilot:
        text = screen_text(pilot.app)
        assert current(pilot.app) == ("section", "recruiting")
        assert "its citizens. —" in text and "President Zelenskyy" in text
        assert "state. — US officials" in text
        assert "per volunteer. — Government of Ukraine" in text
        assert "✗ E1 C0 D1!  R2 Beijing tacitly" in text
        for party_id in PARTY_IDS:
            assert party_id not in text, party_id


@pytest.mark.slow  # types a query key by key
async def test_searching_a_party_name_in_the_reader_finds_its_claim() -> None:
    async with reader(V2, size=(110, 40)) as pilot:
        app = pilot.app
        await press(pilot, "slash", *"zelenskyy")
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one("#results", OptionList)
        lines = [str(option.prompt) for option in results.options]
        assert len(lines) == 1 and "claimant" in lines[0]
        assert "President Zelenskyy" in lines[0]
        await press(pilot, "enter")
        assert current(app) == ("claim", "tacit-approval")


@pytest.mark.slow  # types a query key by key
async def test_a_search_result_in_a_gap_or_a_note_puts_the_cursor_on_it() -> None:
    async with reader(V2, size=(110, 40)) as pilot:
        app = pilot.app
        await press(pilot, "slash", *"who pays", "enter")
        assert current(app) == ("claim", "tacit-approval")
        assert highlighted_option(app) == "gaps:0"
        await press(pilot, "slash", *["backspace"] * 8, *"need no approval", "enter")
        assert current(app) == ("claim", "no-state-link")
        assert highlighted_option(app) == "rel0:tacit-approval"
