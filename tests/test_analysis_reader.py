"""The analyst views in the reader: keys, palette, linked-from, copy, where I was, key config."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from analysis_fixtures import PARTIES, bundled_path, load
from reader_pilot import (
    briefing_screen,
    current,
    focused_id,
    highlighted_option,
    notices,
    press,
    settle,
)
from reader_pilot import screen_text as reader_text
from textual.pilot import Pilot

from briefing.export.clipboard import claim_text
from briefing.query.parties import build_parties
from briefing.settings.places import STATE_FILE
from briefing.tui.app import create_app
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.views.claims_table import ClaimsTableScreen
from briefing.tui.views.parties import PartiesScreen
from briefing.tui.views.sources import SourcesScreen
from briefing.tui.views.timeline import TimelineScreen

# In the slow layer: Pilot sessions through every analyst view.
pytestmark = pytest.mark.slow


@asynccontextmanager
async def reading(
    path: Path, *, fresh: bool = False, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[Pilot[None]]:
    """Run the reader as the CLI builds it (with --fresh or not), loaded and idle."""
    app = create_app(path, watch_interval=None, fresh=fresh)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


def _config(text: str) -> Path:
    folder = Path(os.environ["BRIEFING_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "keys.toml"
    path.write_text(text, encoding="utf-8")
    return path


# Opening the views ----------------------------------------------------------------------


async def test_each_view_key_opens_its_view_and_escape_comes_back() -> None:
    views = {"s": SourcesScreen, "w": PartiesScreen, "t": TimelineScreen, "T": ClaimsTableScreen}
    async with reading(PARTIES) as pilot:
        await press(pilot, "down")
        for key, view in views.items():
            await press(pilot, key)
            assert isinstance(pilot.app.screen, view), key
            await press(pilot, "escape")
            assert isinstance(pilot.app.screen, BriefingScreen), key
            assert current(pilot.app) == ("claim", "escorts-agreed")


async def test_choosing_in_a_view_goes_to_the_claim_as_a_history_step() -> None:
    async with reading(PARTIES) as pilot:
        app = pilot.app
        await press(pilot, "down")  # escorts-agreed
        await press(pilot, "T", "end", "enter")  # the last claim in the table
        assert isinstance(app.screen, BriefingScreen)
        assert current(app) == ("claim", "talks-resume")
        assert focused_id(app) == "claim-detail"
        await press(pilot, "backspace")
        assert current(app) == ("claim", "escorts-agreed")


async def test_sources_view_from_the_reader_jumps_to_a_citation_s_claim() -> None:
    async with reading(PARTIES) as pilot:
        # Every source opened; wire report > escorts-agreed > its evidence > convoy-attacked.
        await press(pilot, "s", "plus", "down", "down", "down", "enter")
        assert current(pilot.app) == ("claim", "convoy-attacked")


async def test_views_open_on_the_bundled_briefing() -> None:
    briefing = load(bundled_path())
    parties = build_parties(briefing)
    async with reading(bundled_path(), size=(140, 40)) as pilot:
        await press(pilot, "w")
        text = reader_text(pilot.app)
        assert "Who says what — China's role in Russia's war against Ukraine" in text
        assert f"{len(parties)} parties" in text
        await press(pilot, "escape", "t")
        assert "Timeline — China's role in Russia's war against Ukraine" in reader_text(pilot.app)


async def test_palette_lists_the_views() -> None:
    async with reading(PARTIES) as pilot:
        await press(pilot, "ctrl+p", *"timeline")
        await pilot.pause(0.3)
        assert "Timeline: claims and denials in date order" in reader_text(pilot.app)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, TimelineScreen)


# Linked from --------------------------------------------------------------------------


async def test_claim_detail_lists_the_claims_that_link_to_it_and_follows_them() -> None:
    async with reading(PARTIES) as pilot:
        app = pilot.app
        await press(pilot, "down", "enter")  # escorts-agreed, into the detail
        text = reader_text(app)
        assert "See also (1)" in text and "Linked from (2)" in text
        below = text[text.index("Linked from (2)") :]
        assert "A convoy was attacked near the harbour mouth." in below
        assert "Talks on the convoys will resume." in below
        await press(pilot, "G")
        assert highlighted_option(app) == "from:talks-resume"
        await press(pilot, "enter")
        assert current(app) == ("claim", "talks-resume")
        await press(pilot, "backspace")
        assert current(app) == ("claim", "escorts-agreed")


async def test_a_claim_nothing_links_to_has_no_linked_from() -> None:
    async with reading(PARTIES) as pilot:
        await press(pilot, "]", "]", "]", "]")  # exports-fell
        assert current(pilot.app) == ("claim", "exports-fell")
        assert "Linked from" not in reader_text(pilot.app)


# Copy ---------------------------------------------------------------------------------


async def test_y_copies_the_current_claim_and_says_so() -> None:
    briefing = load(PARTIES)
    async with reading(PARTIES) as pilot:
        await press(pilot, "down", "down", "y")
        claim = briefing.claim("convoy-attacked")
        assert claim is not None
        expected = claim_text(briefing, claim)
        assert pilot.app.clipboard == expected
        lines = len(expected.splitlines())
        assert f"Copied the claim to the clipboard ({lines} lines)" in notices(pilot.app)


async def test_y_on_a_section_asks_for_a_claim() -> None:
    async with reading(PARTIES) as pilot:
        await press(pilot, "y")
        assert "Choose a claim first" in notices(pilot.app)
        assert pilot.app.clipboard == ""


# Where I was --------------------------------------------------------------------------


async def test_reopens_at_the_last_claim_viewed_unless_fresh(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    shutil.copy(PARTIES, path)
    async with reading(path) as pilot:
        await press(pilot, "down", "down", "]", "]")  # to exports-fell
        assert current(pilot.app) == ("claim", "exports-fell")
    state = Path(os.environ["BRIEFING_STATE_DIR"]) / STATE_FILE
    assert state.exists()
    async with reading(path) as pilot:
        assert current(pilot.app) == ("claim", "exports-fell")
        assert "Grain exports fell by a third." in reader_text(pilot.app)
    async with reading(path, fresh=True) as pilot:
        assert current(pilot.app) == ("section", "naval")


async def test_a_place_in_another_briefing_or_a_gone_claim_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    shutil.copy(PARTIES, path)
    async with reading(path) as pilot:
        await press(pilot, "down", "down")
    path.write_text(
        path.read_text(encoding="utf-8").replace('"convoy-attacked"', '"convoy-hit"'),
        encoding="utf-8",
    )
    async with reading(path) as pilot:
        assert current(pilot.app) == ("section", "naval")
    async with reading(PARTIES) as pilot:  # another file: no place remembered
        assert current(pilot.app) == ("section", "naval")


async def test_corrupt_state_is_ignored_quietly(tmp_path: Path) -> None:
    state = Path(os.environ["BRIEFING_STATE_DIR"])
    state.mkdir(parents=True, exist_ok=True)
    (state / STATE_FILE).write_bytes(b"\x00\xff{{{ not json")
    async with reading(PARTIES) as pilot:
        assert current(pilot.app) == ("section", "naval")
        text = reader_text(pilot.app)
        assert "error" not in text.lower() and "Traceback" not in text
        await press(pilot, "down")
    # It was replaced by a good one.
    async with reading(PARTIES) as pilot:
        assert current(pilot.app) == ("claim", "escorts-agreed")


# Rebindable keys ------------------------------------------------------------------------


async def test_key_config_rebinds_and_the_help_shows_the_keys_in_force() -> None:
    _config('[keys]\nsources = "S"\ntimeline = ["f7", "ctrl+t"]\n')
    async with reading(PARTIES, size=(100, 60)) as pilot:
        await press(pilot, "s")
        assert isinstance(pilot.app.screen, BriefingScreen)
        await press(pilot, "S")
        assert isinstance(pilot.app.screen, SourcesScreen)
        await press(pilot, "escape", "f7")
        assert isinstance(pilot.app.screen, TimelineScreen)
        await press(pilot, "escape", "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        lines = reader_text(pilot.app).splitlines()
        sources = next(line for line in lines if "Sources: what cites each source" in line)
        timeline = next(line for line in lines if "Timeline of claims and denials" in line)
        assert " S " in sources and " s " not in sources
        assert "f7 / ^t" in timeline


async def test_bad_key_config_is_reported_located_and_the_defaults_stay() -> None:
    path = _config('[keys]\nsourcs = "x"\nfilter = "/"\ntimeline = "f7"\n')
    async with reading(PARTIES, size=(140, 40)) as pilot:
        (shown,) = notices(pilot.app)
        assert shown.splitlines() == [
            f"{path}:2:1: error: keys.sourcs: unknown action 'sourcs'; did you mean 'sources'?",
            f"{path}:3:1: error: keys.filter: slash: already the key of 'search' "
            "(briefing screen); bind 'search' to another key too",
        ]
        title = next(iter(pilot.app._notifications)).title
        assert title == "Key config: the default keys are used where it is wrong"
        await press(pilot, "s")  # the default still works
        assert isinstance(pilot.app.screen, SourcesScreen)
        await press(pilot, "escape", "f7")  # and the good entry applies
        assert isinstance(pilot.app.screen, TimelineScreen)
        await press(pilot, "escape", "f")
        assert type(pilot.app.screen).__name__ == "FilterScreen"


async def test_unreadable_key_config_never_stops_the_reader() -> None:
    folder = Path(os.environ["BRIEFING_CONFIG_DIR"])
    (folder / "keys.toml").mkdir(parents=True)
    async with reading(PARTIES) as pilot:
        (shown,) = notices(pilot.app)
        assert "keys.toml: error: cannot read" in shown
        await press(pilot, "s")
        assert isinstance(pilot.app.screen, SourcesScreen)
    (folder / "keys.toml").rmdir()
    _config("[keys\n")
    async with reading(PARTIES) as pilot:
        (shown,) = notices(pilot.app)
        assert "keys.toml:1:6: error: TOML syntax:" in shown
        assert briefing_screen(pilot.app).briefing is not None


async def test_help_in_a_view_lists_its_keys_as_configured() -> None:
    _config('[keys]\nsort_by_stated = "D"\n')
    async with reading(PARTIES, size=(100, 60)) as pilot:
        await press(pilot, "T", "D")
        assert "sorted by Stated ▲" in reader_text(pilot.app)
        await press(pilot, "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        lines = reader_text(pilot.app).splitlines()
        stated = next(line for line in lines if "Sort by Stated (again: reverse)" in line)
        assert " D " in stated and " 4 " not in stated
        confidence = next(line for line in lines if "Sort by Confidence (again" in line)
        assert " 8 " in confidence
        assert any("Back to the reader" in line and " esc " in line for line in lines)
        assert any("Go to the claim" in line and " enter " in line for line in lines)
