"""Pilot tests of the briefing screen's keys: moving, going in and out, history, panes."""

from __future__ import annotations

import pytest
from reader_pilot import (
    SAMPLE,
    briefing_screen,
    current,
    focused_id,
    highlighted_option,
    notices,
    press,
    reader,
    screen_text,
)
from textual.widgets import ContentSwitcher

from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.claim_detail import ClaimDetail
from briefing.tui.widgets.outline import Outline


async def test_opens_on_the_first_section_with_the_outline_focused() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        assert focused_id(app) == "outline"
        assert current(app) == ("section", "escorts")
        text = screen_text(app)
        assert "Grain corridor talks — Where the negotiations stand" in text
        assert "✗ E2 C1 D2!  Both navies agreed to escort" in text
        assert "Who says convoys are escorted" in text  # the section summary, in the detail
        assert "All claims (6)" in text


async def test_down_and_j_k_move_through_the_outline_and_show_each_claim() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "down")
        assert current(app) == ("claim", "escorts-agreed")
        text = screen_text(app)
        assert "Claimant:   Ministry of Defence" in text
        assert "Stated:     2025-04-28" in text
        assert "Confidence: moderate" in text
        await press(pilot, "j")
        assert current(app) == ("claim", "escorts-started")
        assert "Stated:     2025-05" in screen_text(app)  # a partial date, as written
        await press(pilot, "k")
        assert current(app) == ("claim", "escorts-agreed")


async def test_g_and_G_go_to_the_first_and_last_rows() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "G")
        assert current(app) == ("section", "outlook")
        await press(pilot, "g")
        assert current(app) == ("section", "escorts")


@pytest.mark.slow  # a long key sequence
async def test_enter_on_a_claim_goes_in_then_evidence_then_escape_comes_back() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "down", "enter")
        assert focused_id(app) == "claim-detail"
        await press(pilot, "e")
        assert highlighted_option(app) == "evidence:0"
        await press(pilot, "j")
        assert highlighted_option(app) == "evidence:1"
        await press(pilot, "down")
        assert highlighted_option(app) == "caveats:0"  # headings are skipped
        await press(pilot, "escape")
        assert focused_id(app) == "outline"
        assert current(app) == ("claim", "escorts-agreed")


async def test_c_and_d_jump_to_caveats_and_denials_from_the_outline() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "down", "d")
        assert focused_id(app) == "claim-detail"
        assert highlighted_option(app) == "denials:0"
        text = screen_text(app)
        assert "Denied by Neighbouring government (2025-04-29):" in text
        assert "Source: Embassy note verbale" in text
        await press(pilot, "c")
        assert highlighted_option(app) == "caveats:0"


async def test_a_jump_to_an_empty_list_says_so_and_stays() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "down", "down", "d")
        assert current(app) == ("claim", "escorts-started")
        assert focused_id(app) == "outline"
        assert "This claim has no denials" in notices(app)


async def test_evidence_shows_its_source_title_publisher_date_and_url() -> None:
    async with reader(SAMPLE) as pilot:
        await press(pilot, "down", "enter", "e", "j")
        text = screen_text(pilot.app)
        assert "Source: Ministry statement on convoy escorts —" in text
        assert "Defence, official statement, 2025-04-28" in text
        assert "https://example.org/statement" in text
        assert "“Our ships will accompany every convoy.”" in text


@pytest.mark.slow  # a long key sequence
async def test_see_also_then_back_then_forward() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        # The last item links back from convoy-attacked ("Linked from"); the see-also is above.
        await press(pilot, "down", "enter", "G")
        assert highlighted_option(app) == "from:convoy-attacked"
        await press(pilot, "k")
        assert highlighted_option(app) == "see:convoy-attacked"
        await press(pilot, "enter")
        assert current(app) == ("claim", "convoy-attacked")
        assert focused_id(app) == "claim-detail"
        assert "A convoy was attacked off the coast." in screen_text(app)
        await press(pilot, "backspace")
        assert current(app) == ("claim", "escorts-agreed")
        await press(pilot, "alt+right")
        assert current(app) == ("claim", "convoy-attacked")
        await press(pilot, "alt+left")
        assert current(app) == ("claim", "escorts-agreed")
        # The outline follows: its cursor is on the claim shown.
        outline = briefing_screen(app).query_one(Outline)
        assert outline.current() is not None
        assert outline.current().id == "escorts-agreed"  # type: ignore[union-attr]


async def test_back_with_no_history_says_so() -> None:
    async with reader(SAMPLE) as pilot:
        await press(pilot, "backspace")
        assert "Nothing to go back to" in notices(pilot.app)


async def test_brackets_step_claim_by_claim_across_sections() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        assert current(app) == ("claim", "escorts-agreed")
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert current(app) == ("claim", "convoy-attacked")  # the next section opened
        await press(pilot, "left_square_bracket")
        assert current(app) == ("claim", "escorts-started")


@pytest.mark.slow  # a long key sequence
async def test_tab_and_shift_tab_cycle_the_panes() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "down", "tab")
        assert focused_id(app) == "claim-detail"
        await press(pilot, "tab")
        assert focused_id(app) == "outline"
        await press(pilot, "shift+tab")
        assert focused_id(app) == "claim-detail"


async def test_enter_on_a_section_opens_and_closes_it() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "down", "down", "down")
        assert current(app) == ("section", "attacks")
        outline = briefing_screen(app).query_one(Outline)
        assert outline.cursor_node is not None
        assert not outline.cursor_node.is_expanded
        await press(pilot, "enter")
        assert outline.cursor_node.is_expanded
        assert "A convoy was attacked off the coast." in screen_text(app)
        await press(pilot, "enter")
        assert not outline.cursor_node.is_expanded


async def test_enter_on_a_claim_in_the_section_detail_opens_it() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "tab")
        assert focused_id(app) == "section-detail"
        assert highlighted_option(app) == "claim:escorts-agreed"
        await press(pilot, "j", "enter")
        assert current(app) == ("claim", "escorts-started")
        assert focused_id(app) == "claim-detail"


async def test_escape_on_a_claim_in_the_outline_goes_up_to_its_section() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "down", "down", "escape")
        assert current(app) == ("section", "escorts")


async def test_narrow_terminal_shows_one_pane_at_a_time() -> None:
    async with reader(SAMPLE, size=(80, 24)) as pilot:
        app = pilot.app
        screen = briefing_screen(app)
        details = screen.query_one(ContentSwitcher)
        outline = screen.query_one("#outline-pane")
        assert outline.display and not details.display
        await press(pilot, "down", "enter")
        assert details.display and not outline.display
        assert focused_id(app) == "claim-detail"
        assert "Both navies agreed to escort grain convoys." in screen_text(app)
        await press(pilot, "d")
        assert "Denied by Neighbouring government" in screen_text(app)
        await press(pilot, "escape")
        assert outline.display and not details.display
        assert focused_id(app) == "outline"


async def test_narrow_enter_on_a_section_shows_its_detail() -> None:
    async with reader(SAMPLE, size=(60, 20)) as pilot:
        app = pilot.app
        await press(pilot, "enter")
        assert focused_id(app) == "section-detail"
        assert "Who says convoys are escorted" in screen_text(app)
        await press(pilot, "escape", "down", "tab")
        assert focused_id(app) == "claim-detail"


async def test_resizing_across_100_columns_switches_layout() -> None:
    async with reader(SAMPLE, size=(120, 40)) as pilot:
        screen = briefing_screen(pilot.app)
        assert not screen.narrow
        await pilot.resize_terminal(99, 30)
        await pilot.pause()
        assert screen.narrow
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not screen.narrow


@pytest.mark.slow  # every screen redrawn at 40x10
async def test_a_tiny_terminal_does_not_break() -> None:
    async with reader(SAMPLE, size=(40, 10)) as pilot:
        await press(pilot, "down", "enter", "e", "escape", "slash", "escape", "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)


async def test_help_lists_every_key_and_the_badges() -> None:
    async with reader(SAMPLE) as pilot:
        await press(pilot, "question_mark")
        app = pilot.app
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-text")
        text = str(box.render())
        for description in (
            "Search", "Next match", "Previous match", "Filter", "Export", "Reload",
            "Next claim", "Previous claim", "Back in history", "Forward in history",
            "Switch pane", "Go to evidence", "Go to caveats", "Go to denials", "Back",
            "Quit", "Help", "First row", "Last row", "First item", "Last item",
        ):  # fmt: skip
            assert description in text, description
        assert "E3" in text and "D1!" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_with_status_0() -> None:
    async with reader(SAMPLE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.return_code == 0
        assert not pilot.app.is_running


async def test_detail_shows_the_claim_block_with_its_denial_marked() -> None:
    async with reader(SAMPLE) as pilot:
        await press(pilot, "down")
        detail = briefing_screen(pilot.app).query_one(ClaimDetail)
        assert detail.claim is not None and detail.claim.id == "escorts-agreed"
        assert "✗ DENIED by Neighbouring government, Port authority" in screen_text(pilot.app)
