"""Key mashing: random sequences of the reader's keys never crash it, and `q` still quits.

Hypothesis draws key sequences from every key the reader binds (and some it does
not), and presses them on the bundled briefing and on the hostile fixture at
several terminal sizes down to 40x10; on a library of big briefings with `r`
pressed while it scans; in every analyst view; in mid-search while the file is
reloaded and rewritten; and between resizes from 20x5 to 300x80. Whatever screen
or modal the sequence ends on, a few escapes and `q` must end the program with
status 0; an exception inside the app fails the test (Textual's test harness
re-raises it).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from big_library import generate, write_big_library
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_pilot import BROKEN, FIXTURES, screen_text, settle
from reader_pilot import HOSTILE as HOSTILE_READER
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable

from briefing.document.bundled import bundled_briefings
from briefing.tui.app import create_app
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.screens.library import LibraryScreen

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.toml"
SIZES = [(120, 40), (80, 24), (60, 20), (40, 10)]
QUITS = {"q", "ctrl+c", "ctrl+q"}


def _bound_keys() -> list[str]:
    # Keys the briefing screen binds now (the analyst views add theirs), quits left out.
    keys: list[str] = []
    for binding in BriefingScreen.BINDINGS:
        key = binding if isinstance(binding, tuple) else binding.key  # type: ignore[union-attr]
        keys += [k.strip() for k in str(key).split(",") if k.strip()]
    return keys


KEYS = sorted(
    {
        "escape", "enter", "tab", "shift+tab", "j", "k", "g", "G", "e", "c", "d",
        "right_square_bracket", "left_square_bracket", "backspace", "alt+left", "alt+right",
        "slash", "n", "N", "f", "x", "r", "question_mark", "ctrl+p", "y", "space",
        "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
        "a", "V", "s", "1", "2", "h", "l", "plus", "minus",
        *_bound_keys(),
    }
    - QUITS
)  # fmt: skip

settings.register_profile(
    "keymash-ci", max_examples=4, deadline=None, derandomize=True, database=None
)
settings.register_profile("keymash-dev", max_examples=4, deadline=None)
# BRIEFING_HYPOTHESIS=thorough runs many more sequences.
settings.register_profile("keymash-thorough", max_examples=100, deadline=None)
PROFILE = {"thorough": "keymash-thorough"}.get(
    os.environ.get("BRIEFING_HYPOTHESIS", ""),
    "keymash-ci" if os.environ.get("CI") else "keymash-dev",
)


async def mash(target: Path, size: tuple[int, int], keys: list[str]) -> int | None:
    """Press `keys` on the reader, then escape out and quit; return the exit status."""
    app = create_app(target, watch_interval=None)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, f"the reader stopped after {key!r} in {keys!r}"
        await settle(pilot)
        assert app.return_code is None
        for _ in range(4):
            await pilot.press("escape")
            await pilot.pause(0.05)
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    return app.return_code


@pytest.fixture(autouse=True)
def _sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Exports land in a scratch folder; an editor key runs a no-op command.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VISUAL", "true")
    monkeypatch.setenv("EDITOR", "true")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("target", ["bundled", "hostile"])
def test_random_keys_never_crash_and_q_still_quits(target: str, size: tuple[int, int]) -> None:
    path = bundled_briefings()[0] if target == "bundled" else HOSTILE

    @settings(settings.get_profile(PROFILE), suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(KEYS), min_size=1, max_size=30))
    def check(keys: list[str]) -> None:
        status = asyncio.run(asyncio.wait_for(mash(path, size, keys), timeout=60))
        assert status == 0, f"q did not quit cleanly after {keys!r}"

    check()


# Beyond the briefing screen ---------------------------------------------------------
#
# These press keys as fast hands do: posted one after another with a short pause, not
# with pilot.press, which waits for the process to be idle (it is not while a library
# scans or a view is built, and every key then took up to two seconds).

KEY_CHARACTERS = {
    "slash": "/",
    "space": " ",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}
STORM_SIZES = [(20, 5), (24, 6), (30, 8), (40, 10), (80, 24), (120, 40), (200, 50), (300, 80)]
REWRITE = "rewrite"
"""A step that writes the next version of the open file, as an editor saving it would."""


def resize_step(width: int, height: int) -> str:
    """Return the step that resizes the terminal to width x height."""
    return f"size {width}x{height}"


def send_key(app: App[None], key: str) -> None:
    """Post a key press to the app without waiting for it to be handled."""
    app.post_message(events.Key(key, KEY_CHARACTERS.get(key, key if len(key) == 1 else None)))


async def run_steps(
    pilot: Pilot[None], steps: list[str], rewrite: Callable[[], None] | None = None
) -> None:
    """Press keys, resize the terminal and rewrite the file, checking the app runs on."""
    app = pilot.app
    for step in steps:
        if step.startswith("size "):
            width, height = map(int, step.removeprefix("size ").split("x"))
            await pilot.resize_terminal(width, height)
        elif step == REWRITE:
            assert rewrite is not None
            rewrite()
        else:
            send_key(app, step)
        await pilot.pause(0.02)
        assert app.is_running, f"the reader stopped after {step!r} in {steps!r}"


async def escape_and_quit(pilot: Pilot[None], steps: list[str]) -> int | None:
    """Let background work end, escape out of any view or box, then press q; return the status."""
    app = pilot.app
    await settle(pilot)
    for _ in range(4):
        send_key(app, "escape")
        await pilot.pause(0.05)
    await settle(pilot)
    assert app.is_running and app.return_code is None, f"the reader stopped after {steps!r}"
    await pilot.press("q")
    await pilot.pause()
    return app.return_code


async def wait_for_text(pilot: Pilot[None], text: str) -> None:
    """Let the app run until `text` is on screen (a generous 60 s at most)."""
    deadline = time.monotonic() + 60
    while text not in screen_text(pilot.app):
        assert time.monotonic() < deadline, f"timed out waiting for {text!r}"
        await pilot.pause(0.05)


def check_property(
    steps: st.SearchStrategy[list[str]], run: Callable[[list[str]], Awaitable[int | None]]
) -> None:
    """Run `run` on Hypothesis's step lists; each must end with status 0 (q quit cleanly)."""

    @settings(settings.get_profile(PROFILE), suppress_health_check=list(HealthCheck))
    @given(steps)
    def check(drawn: list[str]) -> None:
        status = asyncio.run(asyncio.wait_for(run(drawn), timeout=180))
        assert status == 0, f"q did not quit cleanly after {drawn!r}"

    check()


LIBRARY_KEYS = [
    "enter", "escape", "j", "k", "g", "G", "up", "down", "pageup", "pagedown", "home", "end",
    "slash", "a", "e", "s", "w", "t", "T", "n", "question_mark", "tab",
]  # fmt: skip
BIG_FILES = 6


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of six one-megabyte briefings, a broken file and the hostile fixture."""
    folder = tmp_path_factory.mktemp("keymash-library")
    write_big_library(folder, BIG_FILES)
    (folder / "broken.toml").write_bytes(BROKEN.read_bytes())
    (folder / "hostile.toml").write_bytes(HOSTILE_READER.read_bytes())
    return folder


def test_library_keys_with_r_while_it_scans_never_crash(big_library: Path) -> None:
    files = BIG_FILES + 2
    done = f"{files} files, 1 that cannot be opened (✗) · enter to open"

    async def run(steps: list[str]) -> int | None:
        app = create_app(big_library, watch_interval=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            # The scan under way when the keys start: `r` lands in the middle of it.
            await run_steps(pilot, ["r", *steps])
            await settle(pilot)
            for _ in range(4):
                send_key(app, "escape")
                await pilot.pause(0.05)
            if isinstance(app.screen, LibraryScreen):
                await wait_for_text(pilot, done)
                table = app.screen.query_one(DataTable)
                assert table.row_count == files, f"{table.row_count} rows after {steps!r}"
            return await escape_and_quit(pilot, steps)

    keys = st.one_of(st.just("r"), st.sampled_from(LIBRARY_KEYS))
    check_property(st.lists(keys, min_size=1, max_size=30), run)


VIEW_KEYS = sorted(
    {
        "enter", "escape", "tab", "shift+tab", "j", "k", "g", "G", "up", "down", "left",
        "right", "home", "end", "pageup", "pagedown", "space", "slash", "backspace",
        "1", "2", "3", "5", "9", "a", "e", "o", "x", "s", "w", "t", "T", "A", "y", "r",
        "h", "l",
    }
)  # fmt: skip


# The argument map opens on a claim: `]` goes to the first (one with a relation).
OPEN_VIEW = {
    "s": ["s"],
    "w": ["w"],
    "t": ["t"],
    "T": ["T"],
    "A": ["A"],
    "a": ["right_square_bracket", "a"],
}


@pytest.mark.parametrize("view", list(OPEN_VIEW))
def test_every_analyst_view_takes_mashed_keys(view: str) -> None:
    path = bundled_briefings()[0]

    async def run(steps: list[str]) -> int | None:
        app = create_app(path, watch_interval=None)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await run_steps(pilot, [*OPEN_VIEW[view], *steps])
            return await escape_and_quit(pilot, steps)

    check_property(st.lists(st.sampled_from(VIEW_KEYS), min_size=1, max_size=40), run)


SEARCH_KEYS = [
    "a", "e", "o", "s", "t", "n", "r", "R", "space", "backspace", "enter", "escape",
    "slash", "n", "N", "r", "down", "up", "pagedown", REWRITE, REWRITE,
]  # fmt: skip


def test_reloads_and_rewrites_in_mid_search_never_crash(tmp_path: Path) -> None:
    path = tmp_path / "briefing.toml"
    # Versions an author saves one after another; one of them does not load.
    versions = [
        generate(4, 10, seed=1, label="first"),
        generate(5, 8, seed=2, label="second"),
        generate(4, 10, seed=1, label="first")[:-400],
        "",
        generate(3, 3, seed=3, label="third"),
    ]
    saved = itertools.count()

    def rewrite() -> None:
        path.write_text(versions[next(saved) % len(versions)], encoding="utf-8")

    async def run(steps: list[str]) -> int | None:
        path.write_text(versions[0], encoding="utf-8")
        app = create_app(path, watch_interval=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            # The search box open and a query typed before the reloads start.
            await run_steps(pilot, ["slash", "e", "s", *steps], rewrite)
            return await escape_and_quit(pilot, steps)

    check_property(st.lists(st.sampled_from(SEARCH_KEYS), min_size=1, max_size=40), run)


STORM_KEYS = ["j", "k", "enter", "escape", "slash", "e", "s", "t", "T", "A", "question_mark", "f"]


@pytest.mark.parametrize("target", ["bundled", "library"])
def test_resize_storms_never_crash(target: str) -> None:
    path = bundled_briefings()[0] if target == "bundled" else FIXTURES / "reader-library"
    sizes = [resize_step(width, height) for width, height in STORM_SIZES]

    async def run(steps: list[str]) -> int | None:
        app = create_app(path, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await run_steps(pilot, steps)
            return await escape_and_quit(pilot, steps)

    steps = st.lists(st.one_of(st.sampled_from(sizes), st.sampled_from(STORM_KEYS)), max_size=40)
    check_property(steps.map(lambda drawn: [*drawn, sizes[0]]), run)
