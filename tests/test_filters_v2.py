"""The filters of format 2: by party with the parties under it, by likelihood band,
contradicted, resting on assumptions; in the query layer and in the filter menu.
"""

from __future__ import annotations

from pathlib import Path

from analysis_fixtures import bundled_path, load
from reader_pilot import (
    FIXTURES,
    SAMPLE,
    briefing_screen,
    outline_rows,
    press,
    reader,
    screen_text,
)
from textual.widgets import OptionList, Static

from briefing.document.model import Briefing
from briefing.document.vocabulary import LIKELIHOODS
from briefing.query.filters import (
    LIKELIHOOD_BANDS,
    NEEDS_VERSION_2,
    ArgumentFilter,
    ClaimFilter,
    Filter,
    argument_filters,
    count_kept,
    filter_for,
    kept_counts,
    party_filters,
    status_line,
)
from briefing.query.session import ReaderSession
from briefing.tui.screens.filter_menu import FilterScreen

FEATURES = FIXTURES / "features-v2.toml"


def _kept(briefing: Briefing, value: str) -> list[str]:
    made = filter_for(briefing, value)
    assert made.value == value
    return [claim.id for claim in briefing.claims() if made.keeps(claim)]


def test_contradicted_keeps_the_claims_another_claim_contradicts() -> None:
    assert _kept(load(FEATURES), "contradicted") == ["no-attack"]
    assert _kept(load(bundled_path()), "contradicted") == [
        "tacit-official-approval",
        "china-neutral-stance",
    ]


def test_assumptions_keeps_the_claims_resting_on_any() -> None:
    assert _kept(load(FEATURES), "assumptions") == ["escorts-agreed", "convoy-attacked"]


def test_likelihood_bands_cover_the_seven_terms_once_and_the_claims_without() -> None:
    terms = [t for _, band in LIKELIHOOD_BANDS.values() if band is not None for t in band]
    assert sorted(terms) == sorted(LIKELIHOODS)
    briefing = load(FEATURES)
    assert _kept(briefing, "likelihood:likely-or-more") == [
        "escorts-agreed",
        "premiums-rose",
        "corridor-reopens",
    ]
    assert _kept(briefing, "likelihood:even-chance") == ["convoy-attacked"]
    assert _kept(briefing, "likelihood:unlikely-or-less") == [
        "no-attack",
        "escorts-for-show",
        "talks-narrow",
    ]
    assert _kept(briefing, "likelihood:no-likelihood") == ["reopening-reported", "navy-echo"]


def test_a_party_keeps_its_claims_and_those_of_the_parties_under_it() -> None:
    briefing = load(FEATURES)
    # neighbour > neighbour-gov > navy: the navy's claim is Neighbouria's too.
    assert _kept(briefing, "party:neighbour") == ["no-attack"]
    assert _kept(briefing, "party:navy") == ["no-attack"]
    assert _kept(briefing, "party:mod") == ["escorts-agreed", "corridor-reopens"]
    depths = {made.value: depth for depth, made in party_filters(briefing)}
    assert (depths["party:neighbour"], depths["party:neighbour-gov"], depths["party:navy"]) == (
        0,
        1,
        2,
    )
    label = filter_for(briefing, "party:neighbour-gov").label
    assert label == "claimed by Government of Neighbouria or a party under it"
    assert filter_for(briefing, "party:navy").label == "claimed by Neighbouria Navy"


def test_party_counts_in_one_pass_agree_with_counting_claim_by_claim() -> None:
    briefing = load(bundled_path())
    filters: list[Filter] = [*ClaimFilter, *argument_filters(briefing)]
    claims = briefing.claims()
    assert kept_counts(briefing, filters) == [count_kept(claims, f) for f in filters]
    ukraine = filter_for(briefing, "party:ukraine-gov")
    assert isinstance(ukraine, ArgumentFilter) and ukraine.parties is not None
    assert len(ukraine.parties) > 1  # its president and its officials


def test_a_format_1_briefing_has_no_format_2_filter() -> None:
    briefing = load(SAMPLE)
    assert argument_filters(briefing) == []
    assert filter_for(briefing, "contradicted") is ClaimFilter.ALL
    assert filter_for(briefing, "denied") is ClaimFilter.DENIED


def test_a_reloaded_version_gets_the_filter_made_again_or_all_claims(tmp_path: Path) -> None:
    session = ReaderSession()
    session.open(load(FEATURES))
    assert session.briefing is not None
    session.filter = filter_for(session.briefing, "contradicted")
    # The new version drops the one "contradicts": the filter reads the new version.
    relation = (
        '    [[sections.claims.relations]]\n    type  = "contradicts"\n    claim = "no-attack"\n'
        '    note  = "The agency reports the attack that the navy says never happened."\n'
    )
    text = FEATURES.read_text(encoding="utf-8")
    assert relation in text
    path = tmp_path / "changed.toml"
    path.write_text(text.replace(relation, ""), encoding="utf-8")
    changed = load(path)
    session.open(changed)
    assert session.filter.value == "contradicted"
    assert count_kept(changed.claims(), session.filter) == 0
    assert status_line(changed, session.filter).startswith("Filter: contradicted by another")
    session.open(load(SAMPLE))  # format 1: no such filter
    assert session.filter is ClaimFilter.ALL


# The menu --------------------------------------------------------------------------------


def _status(app: object) -> str:
    status = briefing_screen(app).query_one("#filter-status", Static)  # type: ignore[arg-type]
    return str(status.content)


def _menu(app: object) -> OptionList:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, FilterScreen)
    return screen.query_one(OptionList)


async def test_the_menu_of_a_version_2_briefing_filters_by_contradiction_and_party() -> None:
    async with reader(bundled_path(), size=(120, 50)) as pilot:
        app = pilot.app
        await press(pilot, "f")
        text = screen_text(app)
        assert "Contradicted by another claim  (2)" in text
        assert "Resting on assumptions  (3)" in text
        assert "Likely or more (55–99 %)  (2)" in text
        # A party under another is indented below it.
        assert "  Claimed by Government of Ukraine or a party under it  (6)" in text
        assert "    Claimed by US officials  (2)" in text
        menu = _menu(app)
        menu.highlighted = menu.get_option_index("contradicted")
        await press(pilot, "enter")
        assert _status(app) == "Filter: contradicted by another claim — 24 of 26 claims hidden"
        claims = [id for kind, id in outline_rows(app) if kind == "claim"]
        assert claims == ["tacit-official-approval", "china-neutral-stance"]
        await press(pilot, "f")
        assert "● Contradicted by another claim" in screen_text(app)
        menu = _menu(app)
        assert menu.highlighted == menu.get_option_index("contradicted")
        menu.highlighted = menu.get_option_index("party:ukraine-gov")
        await press(pilot, "enter")
        assert "claimed by Government of Ukraine or a party under it — 20 of 26" in _status(app)
        briefing = load(bundled_path())
        claims = [id for kind, id in outline_rows(app) if kind == "claim"]
        parties = {briefing.claim(c).claimant for c in claims}  # type: ignore[union-attr]
        assert len(claims) == 6 and "ukraine-gov" in parties and len(parties) > 1


async def test_the_menu_of_a_version_1_briefing_says_where_the_other_filters_are() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "f")
        assert "By party, likelihood, contradicted, assumptions: format" in screen_text(app)
        menu = _menu(app)
        assert str(menu.get_option("needs-v2").prompt) == NEEDS_VERSION_2
        index = menu.get_option_index("needs-v2")
        assert menu.get_option_at_index(index).disabled
        assert menu.get_option_index("denied") == 1
        await press(pilot, "G", "enter")  # the last filter that can be chosen
        assert _status(app).startswith("Filter: low confidence")


async def test_the_palette_applies_a_format_2_filter_by_its_name() -> None:
    async with reader(FEATURES, size=(120, 40)) as pilot:
        app = pilot.app
        await press(pilot, "ctrl+p", *"filter: contradicted")
        await pilot.pause(0.3)
        assert "Filter: contradicted by another claim" in screen_text(app)
        await press(pilot, "enter")
        assert _status(app) == "Filter: contradicted by another claim — 8 of 9 claims hidden"
        assert [id for kind, id in outline_rows(app) if kind == "claim"] == ["no-attack"]
