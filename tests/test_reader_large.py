"""A briefing of 50,000 claims opens, scrolls, filters and searches without stalling."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_pilot import briefing_screen, current, press, reader

from briefing.tui.widgets.outline import Outline

# In the slow layer: a 50,000-claim briefing.
pytestmark = pytest.mark.slow

SECTIONS = 500
PER_SECTION = 100


@pytest.fixture(scope="module")
def large_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write a briefing of 50,000 claims; every seventh is denied."""
    lines = ["format = 1", "[briefing]", 'title = "Fifty thousand claims"']
    number = 0
    for section in range(SECTIONS):
        lines += ["[[sections]]", f'id = "s{section}"', f'title = "Section {section}"']
        for _ in range(PER_SECTION):
            lines += [
                "[[sections.claims]]",
                f'id = "c{number}"',
                f'text = "Claim number {number} about topic {number % 97}"',
                'claimant = "Someone"',
                'evidence = ["Some evidence."]',
            ]
            if number % 7 == 0:
                lines.append('denials = [{ by = "Other", text = "No." }]')
            number += 1
    path = tmp_path_factory.mktemp("large") / "large.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_fifty_thousand_claims_open_and_scroll(large_briefing: Path) -> None:
    async with reader(large_briefing) as pilot:
        app = pilot.app
        outline = briefing_screen(app).query_one(Outline)
        # Sections are all there; claim rows exist only for the section opened.
        assert len(outline.root.children) == SECTIONS
        assert sum(len(node.children) for node in outline.root.children) == PER_SECTION

        await press(pilot, "G", "enter", *["pagedown"] * 10, "G")
        assert current(app) == ("claim", f"c{SECTIONS * PER_SECTION - 1}")
        await press(pilot, "left_square_bracket")
        assert current(app) == ("claim", f"c{SECTIONS * PER_SECTION - 2}")

        await press(pilot, "slash", *"topic 96", "enter")
        assert current(app) == ("claim", "c96")
        await press(pilot, "n")
        assert current(app) == ("claim", "c193")
        await press(pilot, "f", "down", "enter")
        assert "Filter: denied — 42857 of 50000 claims hidden" in str(
            briefing_screen(app).query_one("#filter-status").content  # type: ignore[attr-defined]
        )
