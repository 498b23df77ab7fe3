"""Pilot tests of the library screen, the error screen from it, and how the CLI opens the reader."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader_pilot import FIXTURES, SAMPLE, current, press, reader, screen_text
from textual.widgets import DataTable

from briefing.document.bundled import bundled_briefings
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.screens.error import ErrorScreen
from briefing.tui.screens.library import LibraryScreen

LIBRARY = FIXTURES / "reader-library"


def table_rows(app: object) -> list[list[str]]:
    """Return the library's cells as plain text, row by row."""
    table = app.screen.query_one(DataTable)  # type: ignore[attr-defined]
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def test_the_title_column_fits_the_terminal() -> None:
    async with reader(LIBRARY, size=(80, 24)) as pilot:
        lines = screen_text(pilot.app).splitlines()
        assert lines[1].split() == ["Title", "Publisher", "Date", "Sections", "Claims", "Denied"]
        assert lines[2].startswith(" ✗ broken.toml — 11:3")
        assert lines[2].rstrip().endswith("…")


async def test_a_folder_opens_a_library_with_one_row_per_briefing() -> None:
    async with reader(LIBRARY) as pilot:
        app = pilot.app
        assert isinstance(app.screen, LibraryScreen)
        rows = table_rows(app)
        assert rows[1] == ["Grain corridor talks", "Example Institute", "2025-05-02", "4", "6", "2"]
        assert rows[2][0] == "[bold red]Not markup[/] briefing"
        # A file that fails is listed with its first error, not hidden.
        assert rows[0][0] == ("✗ broken.toml — 11:3: missing required key 'claimant'")
        text = screen_text(app)
        assert "Title" in text and "Publisher" in text and "Claims" in text and "Denied" in text
        assert "3 files, 1 that cannot be opened (✗)" in text


async def test_enter_opens_a_briefing_and_escape_comes_back_to_the_library() -> None:
    async with reader(LIBRARY) as pilot:
        app = pilot.app
        await press(pilot, "j", "enter")
        assert isinstance(app.screen, BriefingScreen)
        assert current(app) == ("section", "escorts")
        await press(pilot, "escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_enter_on_a_broken_file_opens_the_error_screen() -> None:
    # Wide enough that the diagnostic, which starts with the file's full path (as long as
    # the checkout's path), stays on one line wherever the tests run.
    async with reader(LIBRARY, size=(400, 40)) as pilot:
        app = pilot.app
        await press(pilot, "enter")
        assert isinstance(app.screen, ErrorScreen)
        assert "broken.toml:11:3: error: sections[0].claims[0]: missing required key" in (
            screen_text(app)
        )
        await press(pilot, "escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_several_files_open_a_library_and_one_file_opens_directly() -> None:
    async with reader([SAMPLE, FIXTURES / "reader-hostile.toml"]) as pilot:
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert len(table_rows(pilot.app)) == 2
    async with reader([SAMPLE]) as pilot:
        assert isinstance(pilot.app.screen, BriefingScreen)


async def test_the_bundled_briefing_opens() -> None:
    bundled = bundled_briefings()
    assert bundled
    async with reader(bundled if len(bundled) > 1 else bundled[0]) as pilot:
        app = pilot.app
        if isinstance(app.screen, LibraryScreen):
            await press(pilot, "enter")
        assert isinstance(app.screen, BriefingScreen)
        assert "China's role in Russia's war against Ukraine" in screen_text(app)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m briefing ARGS` without a terminal."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=60,
        check=False,
    )


def test_without_a_terminal_the_reader_prints_a_plain_outline() -> None:
    result = run_cli(str(SAMPLE))
    assert result.returncode == 0
    assert result.stdout.splitlines()[:3] == [
        "Grain corridor talks",
        "  Naval escorts",
        "    ✗ Ministry of Defence: Both navies agreed to escort grain convoys.",
    ]
    assert "\x1b" not in result.stdout


def test_a_missing_path_is_one_clear_line_and_status_1(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "nope.toml"))
    assert result.returncode == 1
    assert result.stderr == f"briefing: {tmp_path / 'nope.toml'}: no such file or folder\n"
