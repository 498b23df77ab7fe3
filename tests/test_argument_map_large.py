"""The argument map and the format 2 filters on a briefing of 50,000 claims.

The map must read only the claims it shows: opening it, and each step opened, look
claims up through the briefing's indexes and never walk every claim (checked by
making that walk fail while the map is open, not by a clock).
"""

from __future__ import annotations

import pytest
from analysis_fixtures import load
from analysis_pilot import hosted
from reader_pilot import press, screen_text
from textual.widgets import Tree

from briefing.document.model import Briefing
from briefing.query.filters import (
    ArgumentFilter,
    ClaimFilter,
    Filter,
    argument_filters,
    count_kept,
    kept_counts,
)
from briefing.tui.views.argument_map import ArgumentMapScreen

# In the slow layer: 50,000 claims.
pytestmark = pytest.mark.slow

CLAIMS = 50_000
PARTIES = 7


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    """Return 50,000 claims by 7 parties (one part of another), each supporting the one before.

    Every tenth claim also contradicts the claim 5,000 before it, so claim 25,000 is
    contradicted by claim 30,000 and supported by claim 25,001.
    """
    lines = ["format = 2", "[briefing]", 'title = "Fifty thousand related claims"']
    for p in range(PARTIES):
        lines += ["[[parties]]", f'id = "p{p}"', f'name = "Party {p}"']
        if p == 1:
            lines.append('part_of = "p0"')
    for number in range(CLAIMS):
        if number % 100 == 0:
            lines += ["[[sections]]", f'id = "s{number // 100}"', f'title = "Section {number}"']
        lines += [
            "[[sections.claims]]",
            f'id = "c{number}"',
            f'text = "Claim number {number}"',
            f'claimant = "p{number % PARTIES}"',
            'evidence = ["Seen."]',
        ]
        if number % 3 == 0:
            lines.append('likelihood = "likely"')
        if number:
            lines += [
                "[[sections.claims.relations]]",
                'type = "supports"',
                f'claim = "c{number - 1}"',
            ]
        if number % 10 == 0 and number >= 5000:
            lines += [
                "[[sections.claims.relations]]",
                'type = "contradicts"',
                f'claim = "c{number - 5000}"',
            ]
    path = tmp_path_factory.mktemp("large-v2") / "large-v2.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load(path)


async def test_the_map_of_one_of_fifty_thousand_claims_reads_only_what_it_shows(
    large: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    def every_claim(self: Briefing) -> list[object]:
        raise AssertionError("the argument map walked every claim")

    monkeypatch.setattr(Briefing, "claims", every_claim)
    view = ArgumentMapScreen(large, "c25000")
    async with hosted(lambda: view, size=(120, 30)) as pilot:
        tree = pilot.app.screen.query_one("#view-body", Tree)
        assert view.claims_by_id == {}  # no index of every claim was made
        text = screen_text(pilot.app)
        assert "4 relations with other claims" in text
        assert "+ supports: Claim number 24999 — Party 2" in text
        assert "+ supported by: Claim number 25001 — Party 4" in text
        assert "− contradicts: Claim number 20000 — Party 1" in text
        assert "− contradicted by: Claim number 30000 — Party 5" in text
        # Step by step down the chain of support: each step adds one claim's rows.
        for _ in range(5):
            await press(pilot, "right", "down")
        # The claim, its 4 rows, and one row for each of the 5 steps: nothing more.
        assert tree.last_line == 1 + 4 + 5 - 1
        assert "+ supports: Claim number 24994" in screen_text(pilot.app)
        await press(pilot, "enter")
    assert pilot.app.chosen == "c24994"


def test_the_format_2_filters_count_fifty_thousand_claims(large: Briefing) -> None:
    filters: list[Filter] = [*ClaimFilter, *argument_filters(large)]
    counts = dict(zip([f.value for f in filters], kept_counts(large, filters), strict=True))
    assert counts["contradicted"] == (CLAIMS - 5000) // 10
    assert counts["likelihood:likely-or-more"] == (CLAIMS + 2) // 3
    # Party 0 with Party 1 under it: two parties' claims.
    party = next(f for f in filters if f.value == "party:p0")
    assert isinstance(party, ArgumentFilter)
    assert counts["party:p0"] == count_kept(large.claims(), party)
    assert counts["party:p0"] == len([n for n in range(CLAIMS) if n % PARTIES in (0, 1)])
