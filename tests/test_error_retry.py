"""The error screen's retries: only the newest one's result shows, and in the right place."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from big_library import generate
from reader_pilot import BROKEN, SAMPLE, press, reader, screen_text, settle
from textual.pilot import Pilot
from textual.screen import Screen

from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.screens.error import ErrorScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.library import LibraryScreen

# In the slow layer: retries mashed against generated briefings.
pytestmark = pytest.mark.slow

STILL_BROKEN = "Still not loadable"
# Valid up to its last lines; a section without a title: about 2 MB read before it fails.
BROKEN_TAIL = '\n[[sections]]\nid = "untitled"\n'


async def wait_until_idle(pilot: Pilot[None]) -> None:
    """Let the app run until no worker runs (a generous 60 s at most)."""
    deadline = time.monotonic() + 60
    while any(worker.is_running for worker in pilot.app.workers):
        assert time.monotonic() < deadline, "timed out waiting for the retries"
        await pilot.pause(0.05)
    await settle(pilot)


async def wait_for_screen(pilot: Pilot[None], kind: type[Screen[Any]]) -> None:
    """Let the app run until a screen of this kind is on top (a generous 30 s at most)."""
    deadline = time.monotonic() + 30
    while not isinstance(pilot.app.screen, kind):
        assert time.monotonic() < deadline, f"timed out; the screen is {pilot.app.screen!r}"
        await pilot.pause(0.05)


async def test_r_mashed_on_a_broken_file_says_still_not_loadable_once(tmp_path: Path) -> None:
    path = tmp_path / "big-broken.toml"
    path.write_text(generate(20, 50) + BROKEN_TAIL, encoding="utf-8")
    async with reader(path) as pilot:
        app = pilot.app
        assert isinstance(app.screen, ErrorScreen)
        assert "— 1 error" in screen_text(app)
        # Every notice shown, including those that time out before the test looks.
        shown: list[str] = []
        show = app.notify

        def record(message: str, *args: Any, **kwargs: Any) -> None:
            shown.append(message)
            show(message, *args, **kwargs)

        app.notify = record  # type: ignore[method-assign]
        for _ in range(5):
            # Fast hands: each retry cancels the one before while it reads the file
            # (keys queued all at once would cancel workers that had not started yet).
            app.simulate_key("r")
            await pilot.pause(0.05)
        await wait_until_idle(pilot)
        # One answer to five presses, not a pile of five identical notices.
        assert shown == [STILL_BROKEN]
        assert isinstance(app.screen, ErrorScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_fix_while_help_is_open_opens_the_briefing_in_the_error_screens_place(
    tmp_path: Path,
) -> None:
    shutil.copyfile(BROKEN, tmp_path / "broken.toml")
    async with reader(tmp_path, watch_interval=0.1) as pilot:
        app = pilot.app
        await press(pilot, "enter")
        assert isinstance(app.screen, ErrorScreen)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shutil.copyfile(SAMPLE, tmp_path / "broken.toml")
        # Time for the watch (every 0.1 s) to see the fix while help is open.
        await pilot.pause(1.5)
        await press(pilot, "escape")
        await wait_for_screen(pilot, BriefingScreen)
        assert "Grain corridor talks" in screen_text(app)
        # Back goes to the library, not to the error screen left under the briefing.
        await press(pilot, "escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
    assert app.return_code == 0
