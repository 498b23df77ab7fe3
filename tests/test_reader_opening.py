"""Reopening a briefing draws its stored opening at once, then hands over to the briefing.

The opening (briefing/tui/briefing_screen/opening.py) is drawn before the models are
built: it must show exactly what the briefing screen's first frame shows, keys pressed
before the hand-over must reach the briefing in order, and a key that quits must quit
at once. Here the briefing is built behind a gate, so that what the reader shows and
does while it waits can be looked at.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from functools import partial
from pathlib import Path

import pytest
from reader_pilot import HOSTILE, SAMPLE, current, focused_id, press, settle
from textual.pilot import Pilot

from benchmarks.generate import generate
from briefing.document import cache
from briefing.document.loader import load_file
from briefing.process import preload
from briefing.process.preload import FirstLoad, load_if_small
from briefing.tui.app import BriefingApp, create_app
from briefing.tui.briefing_screen.opening import OpeningScreen
from briefing.tui.briefing_screen.opening_rows import Opening, make_opening, parse_opening
from briefing.tui.briefing_screen.screen import BriefingScreen

pytestmark = pytest.mark.usefixtures("no_racy_window")

V2 = SAMPLE.parent / "reader-v2.toml"
SIZES = [(120, 40), (80, 24)]


@pytest.fixture
def long_section(tmp_path: Path) -> Path:
    """A briefing whose first section holds 300 claims: more rows than any pane shows."""
    path = tmp_path / "long.toml"
    path.write_text(generate(3, 300), encoding="utf-8")
    return path


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the opening's build of the briefing until the event is set."""
    event = threading.Event()
    real = preload.load_behind_opening

    def held(path: Path) -> FirstLoad:
        assert event.wait(10), "the test never opened the gate"
        return real(path)

    monkeypatch.setattr(preload, "load_behind_opening", held)
    yield event
    event.set()


def opening_of(path: Path) -> Opening:
    """Return the opening the reader would store for `path`, read back as it would be."""
    briefing = load_file(path).briefing
    assert briefing is not None
    stored = json.loads(json.dumps(make_opening(briefing)))
    opening = parse_opening(stored)
    assert opening is not None
    return opening


def cached(path: Path) -> None:
    """Put `path` in the cache of validated briefings, as a first open would."""
    key = cache._key(path)
    assert key is not None
    entry = cache._entry_path(key)
    assert entry is not None
    cache._write(entry, key, load_file(path))


def screenshot(app: BriefingApp) -> str:
    """Return the screen as an SVG, without the ids that name one rendering."""
    return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())


def reopened(path: Path) -> BriefingApp:
    """Return the reader as `briefing PATH` builds it when the file's opening is stored."""
    return create_app(path, watch_interval=None, fresh=True, opening=opening_of(path))


async def while_held(pilot: Pilot[None]) -> None:
    """Let the opening draw and start its build (which waits at the gate)."""
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, OpeningScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(
    "which", ["sample", "v2", "hostile", "long"], ids=["sample", "v2", "hostile", "long"]
)
async def test_the_opening_is_the_briefing_screens_first_frame(
    which: str, size: tuple[int, int], long_section: Path, gate: threading.Event
) -> None:
    path = {"sample": SAMPLE, "v2": V2, "hostile": HOSTILE, "long": long_section}[which]
    first = create_app(
        path, watch_interval=None, fresh=True, first_load=load_if_small(path, use_cache=False)
    )
    async with first.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(first.screen, BriefingScreen)
        expected = screenshot(first)
    app = reopened(path)
    async with app.run_test(size=size) as pilot:
        await while_held(pilot)
        assert screenshot(app) == expected
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        # And the briefing screen that took its place draws the same.
        assert screenshot(app) == expected


async def test_keys_pressed_during_the_opening_reach_the_briefing_in_order(
    gate: threading.Event,
) -> None:
    # Keys typed ahead arrive together (as in any busy program): none of these waits for
    # another to move the focus.
    keys = ("j", "j", "enter")
    # What those keys do on a briefing opened the usual way ...
    first = create_app(SAMPLE, watch_interval=None, fresh=True, first_load=load_if_small(SAMPLE))
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        expected = (current(first), focused_id(first))
    assert expected[0] is not None and expected[0][0] == "claim"
    # ... they do when pressed before the briefing has been built.
    cached(SAMPLE)
    app = reopened(SAMPLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await while_held(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen), "the build was not held"
        assert app.held_keys is not None and [k.key for k in app.held_keys] == list(keys)
        gate.set()
        await settle(pilot)
        assert app.held_keys is None
        assert (current(app), focused_id(app)) == expected


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_a_key_that_quits_quits_during_the_opening(key: str, gate: threading.Event) -> None:
    app = reopened(SAMPLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await while_held(pilot)
        await pilot.press("j")  # held, like every key that does not quit
        assert await stopped_within(app, 0.5) is False
        await pilot.press(key)
        assert await stopped_within(app, 30) is True
        assert not gate.is_set()  # it did not wait for the briefing to be built
        gate.set()  # let the worker's thread end, which the test's event loop waits for
    assert app.return_code == 0


async def stopped_within(app: BriefingApp, seconds: float) -> bool:
    """Return True once the app has stopped running, False if it still runs after `seconds`."""
    for _ in range(int(seconds / 0.01)):
        if not app.is_running:
            return True
        await asyncio.sleep(0.01)
    return not app.is_running


def test_a_briefing_handed_to_a_worker_is_named_in_one_short_line(tmp_path: Path) -> None:
    # Textual names each worker by the repr of what it runs: storing a 10,000-claim
    # briefing's opening spelled the whole briefing out on the UI thread first (1.3 s and
    # 70 MB), as did `x` (export) and `o` (the editor), whose workers are handed it too.
    path = tmp_path / "large.toml"
    path.write_text(generate(20, 100), encoding="utf-8")
    briefing = load_file(path).briefing
    assert briefing is not None
    named = repr(partial(make_opening, briefing))
    assert "\n" not in named and len(named) < 300
    assert "20 sections, 2000 claims" in named
