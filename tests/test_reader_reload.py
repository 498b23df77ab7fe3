"""Pilot tests of reloading: by key, by watching the file, and when the new version is broken."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from reader_pilot import (
    BROKEN,
    SAMPLE,
    briefing_screen,
    current,
    notices,
    press,
    reader,
    screen_text,
    settle,
)
from textual.pilot import Pilot

from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.screens.error import ErrorScreen
from briefing.tui.widgets.status_panel import DiagnosticsPanel

# In the slow layer: file watching and reloads, each waiting on the watcher.
pytestmark = pytest.mark.slow


def copy_sample(tmp_path: Path) -> Path:
    """Return a copy of the sample briefing that a test may edit."""
    target = tmp_path / "briefing.toml"
    shutil.copyfile(SAMPLE, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, as an author would in another terminal."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def wait_for(pilot: Pilot[None], condition: object, timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)
        await settle(pilot)


NEW_CLAIM = """
  [[sections.claims]]
  id       = "new-claim"
  text     = "A claim added while the reader was open."
  claimant = "An author"

  [[sections.claims]]
  id         = "convoy-attacked\""""


async def test_r_reloads_and_stays_on_the_same_claim(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with reader(path) as pilot:
        app = pilot.app
        await press(pilot, *["right_square_bracket"] * 3)
        assert current(app) == ("claim", "convoy-attacked")
        edit(path, "A convoy was attacked off the coast.", "A convoy was shelled off the coast.")
        edit(path, '\n  [[sections.claims]]\n  id         = "convoy-attacked"', NEW_CLAIM)
        await press(pilot, "r")
        assert current(app) == ("claim", "convoy-attacked")
        assert "A convoy was shelled off the coast." in screen_text(app)
        assert "A claim added while" in screen_text(app)
        assert "Reloaded" in notices(app)


async def test_a_reload_without_the_claim_stays_in_its_section(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with reader(path) as pilot:
        app = pilot.app
        await press(pilot, *["right_square_bracket"] * 4)
        assert current(app) == ("claim", "insurance-rates")
        text = path.read_text(encoding="utf-8")
        start = text.index('  [[sections.claims]]\n  id         = "insurance-rates"')
        end = text.index('[[sections]]\nid      = "talks"')
        text = text[:start] + text[end:]
        path.write_text(text.replace(', "insurance-rates"]', "]"), encoding="utf-8")
        await press(pilot, "r")
        assert current(app) == ("section", "attacks")


async def test_a_failed_reload_keeps_the_last_good_briefing_and_shows_located_errors(
    tmp_path: Path,
) -> None:
    path = copy_sample(tmp_path)
    async with reader(path) as pilot:
        app = pilot.app
        await press(pilot, "down")
        edit(path, 'claimant   = "Coast guard"', 'claimant   = "Coast guard"\n  rumour = true')
        await press(pilot, "r")
        screen = briefing_screen(app)
        assert screen.briefing is not None
        assert current(app) == ("claim", "escorts-agreed")
        text = screen_text(app)
        assert "Both navies agreed to escort grain convoys." in text
        assert "Reload failed: still showing the last good version" in text
        panel = str(screen.query_one(DiagnosticsPanel).content)
        assert f"{path}:86:3: error: sections[1].claims[0].rumour: unknown key 'rumour'" in panel
        assert any(n.startswith("Reload failed") for n in notices(app))
        # Escape dismisses the panel; the reader goes on as before.
        await press(pilot, "escape")
        assert not screen.query_one(DiagnosticsPanel).shown
        await press(pilot, "j")
        assert current(app) == ("claim", "escorts-started")
        # Once fixed, the next reload works and the panel stays away.
        edit(path, "\n  rumour = true", "")
        await press(pilot, "r")
        assert current(app) == ("claim", "escorts-started")
        assert "Reload failed" not in screen_text(app)


async def test_the_file_is_watched_and_reloaded_when_it_changes(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with reader(path, watch_interval=0.1) as pilot:
        app = pilot.app
        await press(pilot, "down")
        edit(path, "Both navies agreed to escort grain convoys.", "Both navies agreed, again.")
        await wait_for(pilot, lambda: "Both navies agreed, again." in screen_text(app))
        assert current(app) == ("claim", "escorts-agreed")


async def test_a_watched_file_that_breaks_keeps_the_good_version(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with reader(path, watch_interval=0.1) as pilot:
        app = pilot.app
        await press(pilot, "down")
        path.write_text("format = 1\n[briefing\n", encoding="utf-8")
        screen = briefing_screen(app)
        await wait_for(pilot, lambda: screen.query_one(DiagnosticsPanel).shown)
        assert "TOML syntax" in str(screen.query_one(DiagnosticsPanel).content)
        assert "Both navies agreed to escort grain convoys." in screen_text(app)


async def test_a_file_that_fails_to_load_opens_the_error_screen() -> None:
    async with reader(BROKEN) as pilot:
        app = pilot.app
        assert isinstance(app.screen, ErrorScreen)
        text = screen_text(app)
        assert "✗ Cannot open" in text and "2 errors, 2 warnings" in text
        assert "reader-broken.toml:11:3: error: sections[0].claims[0]: missing required key" in text
        assert "reader-broken.toml:19:3: error: sections[0].claims[1].caveat: unknown key" in text
        assert "Traceback" not in text
        await press(pilot, "r")
        assert isinstance(app.screen, ErrorScreen)
        assert "Still not loadable" in notices(app)


async def test_the_error_screen_opens_the_briefing_once_it_is_fixed(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    shutil.copyfile(BROKEN, path)
    async with reader(path, watch_interval=0.1) as pilot:
        app = pilot.app
        assert isinstance(app.screen, ErrorScreen)
        edit(
            path,
            '  text = "This claim has no claimant."',
            '  text = "Now it has one."\n  claimant = "A"',
        )
        edit(path, "  caveat   =", "  caveats  =")
        await wait_for(pilot, lambda: isinstance(app.screen, BriefingScreen))
        assert "Broken briefing" in screen_text(app)


async def test_the_errors_panel_lists_errors_not_warnings(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with reader(path) as pilot:
        edit(path, 'claimant   = "Coast guard"', 'claimant   = "Coast guard"\n  rumour = true')
        await press(pilot, "r")
        panel = str(briefing_screen(pilot.app).query_one(DiagnosticsPanel).content)
        assert panel.count("\n") == 0 and "error:" in panel and "warning" not in panel
