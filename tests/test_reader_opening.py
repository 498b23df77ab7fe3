"""Reopening a briefing draws its first frame at once, then hands over to the briefing.

The first frame of a reopened briefing is drawn before the models are built: from its
stored rows (the opening, briefing/tui/briefing_screen/opening.py) or, once kept, from a
picture of that frame (picture.py). Either must show exactly what the briefing screen's
first frame shows, keys pressed before the hand-over must reach the briefing in order,
and a key that quits must quit at once. Here the briefing is built behind a gate (the
`gate` fixture), so that what the reader shows and does while it waits can be looked at.
"""

from __future__ import annotations

import json
import threading
from functools import partial
from pathlib import Path

import pytest
from reader_pilot import (
    HOSTILE,
    SAMPLE,
    cached,
    current,
    focused_id,
    keep_a_picture,
    press,
    screenshot,
    settle,
    stopped_within,
    while_held,
)
from textual.screen import Screen

from benchmarks.generate import generate
from briefing.document.loader import load_file
from briefing.process.preload import load_if_small
from briefing.settings.places import PlaceStore
from briefing.tui.app import BriefingApp, create_app
from briefing.tui.briefing_screen.opening import OpeningScreen
from briefing.tui.briefing_screen.opening_rows import Opening, make_opening, parse_opening
from briefing.tui.briefing_screen.picture import PictureScreen
from briefing.tui.briefing_screen.screen import BriefingScreen

pytestmark = pytest.mark.usefixtures("no_racy_window")

V2 = SAMPLE.parent / "reader-v2.toml"
SIZES = [(120, 40), (80, 24)]
FIRST_FRAMES = ["opening", "picture"]
"""What a reopened briefing's first frame is drawn from: its rows, or its picture."""


@pytest.fixture
def long_section(tmp_path: Path) -> Path:
    """A briefing whose first section holds 300 claims: more rows than any pane shows."""
    path = tmp_path / "long.toml"
    path.write_text(generate(3, 300), encoding="utf-8")
    return path


def opening_of(path: Path) -> Opening:
    """Return the opening the reader would store for `path`, read back as it would be."""
    briefing = load_file(path).briefing
    assert briefing is not None
    stored = json.loads(json.dumps(make_opening(briefing)))
    opening = parse_opening(stored)
    assert opening is not None
    return opening


def reopened(path: Path) -> BriefingApp:
    """Return the reader as `briefing PATH` builds it when the file's opening is stored."""
    return create_app(path, watch_interval=None, fresh=True, opening=opening_of(path))


async def drawn_first(
    kind: str, path: Path, size: tuple[int, int], gate: threading.Event, *, fresh: bool = True
) -> tuple[BriefingApp, type[Screen[None]]]:
    """Return the reader reopening `path` from its opening's rows or from its picture
    (taken at `size`), and the screen that draws that first frame."""
    if kind == "opening":
        opening = opening_of(path)
        return create_app(path, watch_interval=None, fresh=fresh, opening=opening), OpeningScreen
    picture = await keep_a_picture(path, size, gate)
    gate.clear()
    return create_app(path, watch_interval=None, fresh=fresh, picture=picture), PictureScreen


@pytest.mark.parametrize("kind", FIRST_FRAMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(
    "which", ["sample", "v2", "hostile", "long"], ids=["sample", "v2", "hostile", "long"]
)
async def test_the_first_frame_drawn_before_the_briefing_is_the_briefing_screens(
    which: str, size: tuple[int, int], kind: str, long_section: Path, gate: threading.Event
) -> None:
    path = {"sample": SAMPLE, "v2": V2, "hostile": HOSTILE, "long": long_section}[which]
    first = create_app(
        path, watch_interval=None, fresh=True, first_load=load_if_small(path, use_cache=False)
    )
    async with first.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(first.screen, BriefingScreen)
        expected = screenshot(first)
    app, drawn_by = await drawn_first(kind, path, size, gate)
    async with app.run_test(size=size) as pilot:
        await while_held(pilot, drawn_by)
        assert screenshot(app) == expected
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        # And the briefing screen that took its place draws the same.
        assert screenshot(app) == expected


KEYS = ("j", "j", "enter")
"""Keys typed ahead. They arrive together (as in any busy program): none of these waits
for another to move the focus."""


async def what_keys_do(keys: tuple[str, ...]) -> tuple[tuple[str, str] | None, str | None]:
    """Return where `keys` take the reader (what it shows, the focused widget's id) on
    the sample opened the usual way, at the top."""
    first = create_app(SAMPLE, watch_interval=None, fresh=True, first_load=load_if_small(SAMPLE))
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        shown = (current(first), focused_id(first))
    assert shown[0] is not None and shown[0][0] == "claim"
    return shown


@pytest.mark.parametrize("kind", FIRST_FRAMES)
async def test_keys_pressed_before_the_briefing_is_built_reach_it_in_order(
    kind: str, gate: threading.Event
) -> None:
    # What those keys do on a briefing opened the usual way, they do when pressed before
    # the briefing has been built.
    expected = await what_keys_do(KEYS)
    cached(SAMPLE)
    app, drawn_by = await drawn_first(kind, SAMPLE, (120, 40), gate)
    async with app.run_test(size=(120, 40)) as pilot:
        await while_held(pilot, drawn_by)
        for key in KEYS:
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, drawn_by), "the build was not held"
        assert app.held_keys is not None and [k.key for k in app.held_keys] == list(KEYS)
        gate.set()
        await settle(pilot)
        assert app.held_keys is None
        assert (current(app), focused_id(app)) == expected


@pytest.mark.parametrize("kind", FIRST_FRAMES)
async def test_keys_typed_ahead_are_not_undone_by_going_back_to_the_last_place(
    kind: str, gate: threading.Event
) -> None:
    # The reader reopens a briefing where they last were, unless they have started to
    # move in it already: typed ahead, their keys win over the place remembered.
    expected = await what_keys_do(KEYS)
    briefing = load_file(SAMPLE).briefing
    assert briefing is not None
    elsewhere = list(briefing.claims())[-1].id
    assert expected[0] is not None and elsewhere != expected[0][1]
    app, drawn_by = await drawn_first(kind, SAMPLE, (120, 40), gate, fresh=False)
    assert PlaceStore().remember(SAMPLE, elsewhere)
    async with app.run_test(size=(120, 40)) as pilot:
        await while_held(pilot, drawn_by)
        for key in KEYS:
            await pilot.press(key)
        gate.set()
        await settle(pilot)
        assert (current(app), focused_id(app)) == expected
    # Untouched, it goes back to the place remembered.
    assert PlaceStore().remember(SAMPLE, elsewhere)
    app = create_app(SAMPLE, watch_interval=None, first_load=load_if_small(SAMPLE))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert current(app) == ("claim", elsewhere)


@pytest.mark.parametrize("kind", FIRST_FRAMES)
@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_a_key_that_quits_quits_before_the_briefing_is_built(
    key: str, kind: str, gate: threading.Event
) -> None:
    app, drawn_by = await drawn_first(kind, SAMPLE, (120, 40), gate)
    async with app.run_test(size=(120, 40)) as pilot:
        await while_held(pilot, drawn_by)
        await pilot.press("j")  # held, like every key that does not quit
        assert await stopped_within(app, 0.5) is False
        await pilot.press(key)
        assert await stopped_within(app, 30) is True
        assert not gate.is_set()  # it did not wait for the briefing to be built
        gate.set()  # let the worker's thread end, which the test's event loop waits for
    assert app.return_code == 0


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
