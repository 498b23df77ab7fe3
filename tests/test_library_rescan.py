"""`r` mashed while the library scans a folder of big briefings: one row per file, no crash."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from big_library import BRIEFINGS, write_big_library
from reader_pilot import screen_text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from briefing.app import create_app
from briefing.screens.library import LibraryScreen

DONE = f"{BRIEFINGS} files · enter to open"


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A folder of 40 one-megabyte briefings, and their titles."""
    folder = tmp_path_factory.mktemp("big-library")
    return folder, write_big_library(folder)


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds; fail after a generous 60 s."""
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


def status(app: object) -> str:
    """Return the library's status line."""
    line = app.screen.query_one("#library-status", Static)  # type: ignore[attr-defined]
    return str(line.render())


def titles(app: object) -> list[str]:
    """Return the title cell of every row of the library, in table order."""
    table = app.screen.query_one(DataTable)  # type: ignore[attr-defined]
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


async def test_r_mashed_during_a_scan_leaves_one_row_per_file(
    big_library: tuple[Path, list[str]],
) -> None:
    folder, expected = big_library
    app = create_app(folder, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        for _ in range(12):
            # Each `r` cancels the scan under way and starts a new one. Not pilot.press:
            # it waits for the process to be idle, which it is not while a scan runs.
            app.simulate_key("r")
            await pilot.pause(0.15)
            assert app.is_running
        await wait_until(pilot, lambda: DONE in status(app), "the last scan to finish")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        # The cancelled scans finished without adding a row beside the last scan's.
        assert sorted(titles(app)) == expected
        assert DONE in screen_text(app)
        await pilot.press("q")
    assert app.return_code == 0
