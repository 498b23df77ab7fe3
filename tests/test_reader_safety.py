"""Briefing strings are shown literally: never markup, links or actions; controls made visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_pilot import HOSTILE, current, notices, press, reader, screen_text
from textual.widgets import OptionList

from briefing.tui.screens.search import SearchScreen

# In the slow layer: Pilot sessions typing hostile paths and searches key by key.
pytestmark = pytest.mark.slow


async def test_markup_in_titles_and_claims_is_shown_as_written() -> None:
    async with reader(HOSTILE, size=(200, 40)) as pilot:
        app = pilot.app
        assert app.is_running  # "[@click=app.quit]" did not act
        await press(pilot, "down")
        assert current(app) == ("claim", "escape-claim")
        text = screen_text(app)
        assert "[bold red]Not markup[/] briefing" in text
        assert "[@click=app.quit]Section that is not an action[/] (1)" in text
        assert "Red \\x1b[31mescape\\x1b[0m and [link=https://evil.example]a link[/link]" in text
        assert "Claimant:   [b]Claimant[/b]" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_evidence_and_denials_show_controls_and_bidi_as_escapes() -> None:
    async with reader(HOSTILE) as pilot:
        await press(pilot, "down", "enter", "d")
        text = screen_text(pilot.app)
        assert "[reverse]evidence[/reverse] with a bell \\x07" in text
        assert "Denied by [i]Denier[/i]:" in text
        assert "Denies \\u202eevil\\u202c text." in text
        assert "\u202e" not in text


async def test_search_results_are_literal() -> None:
    async with reader(HOSTILE) as pilot:
        app = pilot.app
        await press(pilot, "slash", *"link")
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one("#results", OptionList)
        prompt = str(results.options[0].prompt)
        assert "[link=https://evil.example]a link[/link]" in prompt
        assert "\\x1b[31m" in prompt
        await press(pilot, "enter")
        assert any("[@click=app.quit]" in notice for notice in notices(app))
        assert app.is_running


async def test_a_section_export_path_with_markup_is_reported_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader(HOSTILE) as pilot:
        await press(pilot, "x", *["backspace"] * 20, *"[b]x.txt", "enter")
        assert (tmp_path / "[b]x.txt").is_file()
        assert any("[b]x.txt" in notice for notice in notices(pilot.app))
