"""`r` mashed while the library scans a folder of big briefings: one row per file, no crash."""

from __future__ import annotations

import shlex
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from big_library import BRIEFINGS, write_big_library
from reader_pilot import screen_text, workers_done
from terminal import TMUX, briefing_program, kill_session, new_session, tmux
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from briefing.tui.app import create_app
from briefing.tui.screens.library import LibraryScreen

# In the slow layer: a library of big briefings, in Pilot and in tmux.
pytestmark = pytest.mark.slow

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
        await workers_done(app)
        await pilot.pause(0.3)
        # The cancelled scans finished without adding a row beside the last scan's.
        assert sorted(titles(app)) == expected
        assert DONE in screen_text(app)
        await pilot.press("q")
    assert app.return_code == 0


def pane(session: str) -> str:
    """Return what the tmux pane shows."""
    return tmux("capture-pane", "-p", "-t", session)


def wait_for_pane(session: str, text: str) -> str:
    """Poll the pane until `text` is on it (a generous 60 s); return the pane."""
    deadline = time.monotonic() + 60
    screen = pane(session)
    while text not in screen:
        assert time.monotonic() < deadline, f"timed out waiting for {text!r}:\n{screen}"
        time.sleep(0.2)
        screen = pane(session)
    return screen


@pytest.fixture
def tmux_session() -> Iterator[str]:
    """Yield the name of a tmux session to start, and end it afterwards."""
    if TMUX is None:
        pytest.skip("tmux is not installed")
    name = f"briefing-library-{uuid.uuid4().hex[:8]}"
    yield name
    kill_session(name)


def test_r_mashed_in_a_real_terminal_then_q_exits_0(
    big_library: tuple[Path, list[str]], tmux_session: str
) -> None:
    folder, _ = big_library
    program, target = shlex.quote(briefing_program()), shlex.quote(str(folder))
    # The shell stays after the reader, so that the pane still shows its status.
    command = f"{program} {target}; echo EXITED $?; exec sleep 600"
    new_session(tmux_session, 120, 40, "sh", "-c", command, env={"TERM": "xterm-256color"})
    wait_for_pane(tmux_session, "Loading …")
    for _ in range(12):
        tmux("send-keys", "-t", tmux_session, "r")
        time.sleep(0.15)
    screen = wait_for_pane(tmux_session, DONE)
    assert "Synthetic briefing library 01" in screen
    tmux("send-keys", "-t", tmux_session, "q")
    screen = wait_for_pane(tmux_session, "EXITED")
    assert "EXITED 0" in screen
    assert "Traceback" not in screen and "internal error" not in screen
