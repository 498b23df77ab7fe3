"""Pilot tests of search (/, n, N), the filter menu (f) and the command palette (ctrl+p)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_pilot import (
    HOSTILE,
    SAMPLE,
    current,
    focused_id,
    highlighted_option,
    notices,
    outline_rows,
    press,
    reader,
    screen_text,
    settle,
)
from textual.command import CommandPalette
from textual.widgets import OptionList

from briefing.tui.screens.filter_menu import FilterScreen
from briefing.tui.screens.search import SearchScreen

# In the slow layer: Pilot sessions typing queries key by key, the longest of the Pilot tests.
pytestmark = pytest.mark.slow


def result_lines(app: object) -> list[str]:
    """Return the plain text of each search result listed."""
    results = app.screen.query_one("#results", OptionList)  # type: ignore[attr-defined]
    return [str(option.prompt) for option in results.options]


async def test_search_lists_matches_with_where_they_stand_then_jumps_and_steps() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "slash")
        assert isinstance(app.screen, SearchScreen)
        await press(pilot, *"neighbouring")
        lines = result_lines(app)
        assert len(lines) == 2
        assert lines[0].startswith("Naval escorts › Both navies agreed to escort grain… › denial 1")
        assert "Neighbouring government: Called the report" in lines[0]
        assert lines[1].startswith(
            "Attacks on shipping › A convoy was attacked off the coast. › denial 1"
        )
        assert "2 matches (any case) in: denial" in screen_text(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, SearchScreen)
        assert current(app) == ("claim", "escorts-agreed")
        assert focused_id(app) == "claim-detail"
        assert highlighted_option(app) == "denials:0"
        await press(pilot, "n")
        assert current(app) == ("claim", "convoy-attacked")
        assert highlighted_option(app) == "denials:0"
        assert any(n.startswith("Match 2 of 2") for n in notices(app))
        await press(pilot, "n")  # wraps around
        assert current(app) == ("claim", "escorts-agreed")
        await press(pilot, "N")
        assert current(app) == ("claim", "convoy-attacked")
        # Each jump was a step: back retraces them.
        await press(pilot, "backspace")
        assert current(app) == ("claim", "escorts-agreed")


async def test_search_is_incremental_and_smart_case() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "slash", *"conv")
        # A summary, two claims, a quote in evidence and a caveat.
        assert len(result_lines(app)) == 5
        await press(pilot, "o", "y")
        assert len(result_lines(app)) == 5
        await press(pilot, *"s ")
        assert len(result_lines(app)) == 1  # "convoys " is only in the summary of escorts
        assert result_lines(app)[0].startswith("Naval escorts › summary")
        await press(pilot, *["backspace"] * 8)
        await press(pilot, "C")
        # "C" has a capital: only case-exact matches ("Coast guard", "Called ...").
        lines = result_lines(app)
        assert lines and all("C" in line.split("\n", 1)[1] for line in lines)
        assert "case-sensitive" in screen_text(app)


async def test_search_matches_claimants_evidence_caveats_and_summaries() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "slash", *"coast guard")
        assert result_lines(app)[0].startswith("Attacks on shipping › A convoy was attacked")
        assert "› claimant" in result_lines(app)[0]
        await press(pilot, "escape", "slash")
        await press(pilot, *["backspace"] * 11, *"booked")
        assert "› evidence 1" in result_lines(app)[0]
        await press(pilot, *["backspace"] * 6, *"moved twice")
        assert "› caveat 1" in result_lines(app)[0]
        await press(pilot, *["backspace"] * 11, *"what to watch")
        assert result_lines(app)[0].startswith("Outlook › summary")
        await press(pilot, "enter")
        assert current(app) == ("section", "outlook")


async def test_search_with_no_match_says_so_and_enter_stays() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "slash", *"zebra", "enter")
        assert isinstance(app.screen, SearchScreen)
        assert "No matches" in screen_text(app)
        await press(pilot, "escape")
        await press(pilot, "n")
        assert "No search yet: press / to search" in notices(app)


async def test_typing_q_in_search_types_it_and_does_not_quit() -> None:
    async with reader(SAMPLE) as pilot:
        await press(pilot, "slash", "q")
        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, SearchScreen)


async def test_search_arrow_keys_move_through_results_while_typing() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "slash", *"neighbouring", "down", "enter")
        assert current(app) == ("claim", "convoy-attacked")


ALL_CLAIMS = {
    "escorts-agreed", "escorts-started", "convoy-attacked",
    "insurance-rates", "talks-resume", "talks-venue",
}  # fmt: skip


@pytest.mark.parametrize(
    ("downs", "label", "kept"),
    [
        (1, "denied", {"escorts-agreed", "convoy-attacked"}),
        (2, "without evidence", {"escorts-started", "talks-venue"}),
        (3, "with caveats", {"escorts-agreed", "escorts-started", "talks-resume"}),
        (4, "low confidence", {"escorts-started", "talks-resume"}),
    ],
)
async def test_each_filter_shows_only_its_claims_and_says_how_many_it_hides(
    downs: int, label: str, kept: set[str]
) -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "f")
        assert isinstance(app.screen, FilterScreen)
        await press(pilot, *["down"] * downs, "enter")
        assert not isinstance(app.screen, FilterScreen)
        hidden = len(ALL_CLAIMS) - len(kept)
        assert f"Filter: {label} — {hidden} of 6 claims hidden" in screen_text(app)
        claims = {id for kind, id in outline_rows(app) if kind == "claim"}
        assert claims == kept
        # Back to all claims.
        await press(pilot, "f", "g", "enter")
        assert "All claims (6)" in screen_text(app)
        assert {id for kind, id in outline_rows(app) if kind == "claim"} == ALL_CLAIMS


async def test_filter_menu_shows_counts_and_escape_keeps_the_filter() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "f")
        text = screen_text(app)
        assert "Denied  (2)" in text and "Low confidence  (2)" in text
        await press(pilot, "escape")
        assert "All claims (6)" in screen_text(app)


async def test_filter_keeps_the_place_and_brackets_skip_hidden_claims() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "down")  # escorts-agreed, a denied claim
        await press(pilot, "f", "down", "enter")
        assert current(app) == ("claim", "escorts-agreed")
        await press(pilot, "right_square_bracket")
        assert current(app) == ("claim", "convoy-attacked")


async def test_a_jump_to_a_hidden_claim_turns_the_filter_off() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "f", "down", "enter")  # denied only
        await press(pilot, "slash", *"broker", "enter")
        assert current(app) == ("claim", "insurance-rates")
        assert "All claims (6)" in screen_text(app)


async def test_command_palette_jumps_to_a_claim() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, *"war-risk insurance")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert not isinstance(app.screen, CommandPalette)
        assert current(app) == ("claim", "insurance-rates")


async def test_command_palette_shows_briefing_text_literally() -> None:
    async with reader(HOSTILE) as pilot:
        app = pilot.app
        await press(pilot, "ctrl+p", *"link")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "[link=https://evil.example]a link[/link]" in text
        assert "\\x1b[31m" in text


MANY = 3000


@pytest.fixture(scope="module")
def many_matches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write a briefing whose 3,000 claims all cite "Some evidence" (some twice)."""
    lines = ["format = 1", "[briefing]", 'title = "Many matches"']
    for section in range(30):
        lines += ["[[sections]]", f'id = "s{section}"', f'title = "Section {section}"']
        for number in range(section * 100, section * 100 + 100):
            evidence = "Some evidence, and some evidence again." if number % 4 else "Some evidence."
            lines += [
                "[[sections.claims]]",
                f'id = "c{number}"',
                f'text = "Claim number {number}"',
                'claimant = "Someone"',
                f'evidence = ["{evidence}"]',
            ]
    path = tmp_path_factory.mktemp("many") / "many.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_thousands_of_matches_are_counted_exactly_and_the_last_listed_opens(
    many_matches: Path,
) -> None:
    async with reader(many_matches) as pilot:
        app = pilot.app
        await press(pilot, "slash", *"some evidence")
        text = screen_text(app)
        assert "3000 matches (any case, showing the first 200) in: evidence" in text
        assert len(result_lines(app)) == 200
        assert result_lines(app)[0].startswith("Section 0 › Claim number 0 › evidence 1")
        # Down to the last result listed: the list scrolls to the end, and it opens.
        await press(pilot, *["pagedown"] * 25)
        results = app.screen.query_one("#results", OptionList)
        assert results.highlighted == 199 and results.scroll_y == results.max_scroll_y > 0
        assert "Section 1 › Claim number 196 › evidence 1" in screen_text(app)
        await press(pilot, "enter")
        assert current(app) == ("claim", "c199")
        assert any(n.startswith("Match 200 of 3000: Section 1") for n in notices(app))
        # n goes on past the listed ones; N from the first wraps round to the very last.
        await press(pilot, "n")
        assert current(app) == ("claim", "c200")
        await press(pilot, "slash", "enter", "N")
        assert current(app) == ("claim", f"c{MANY - 1}")
        assert any(n.startswith(f"Match {MANY} of {MANY}:") for n in notices(app))


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (120, 50), (60, 15)])
async def test_the_last_result_shows_inside_the_search_box(size: tuple[int, int]) -> None:
    bundled = Path(__file__).parent.parent / "content" / "china-russia-ukraine.toml"
    async with reader(bundled, size=size) as pilot:
        await press(pilot, "slash", "t", "h", "e")
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one("#results", OptionList)
        assert results.option_count > 40  # more than any of these sizes can show
        await press(pilot, *["pagedown"] * (results.option_count // 10 + 1))
        assert results.highlighted == results.option_count - 1
        box = screen.query_one("#search-box").content_region
        # The list, its scroll bar and so its highlighted (last) row lie inside the box.
        assert results.region.y >= box.y
        assert results.region.bottom <= box.bottom
        assert results.scroll_y == results.max_scroll_y > 0
        last = str(results.get_option_at_index(results.option_count - 1).prompt)
        assert last.splitlines()[-1].strip()[:20] in screen_text(pilot.app)
        # A smaller terminal: the list shrinks with the box.
        await pilot.resize_terminal(size[0], size[1] - 5)
        await settle(pilot)
        box = screen.query_one("#search-box").content_region
        assert results.region.bottom <= box.bottom
