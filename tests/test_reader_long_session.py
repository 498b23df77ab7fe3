"""A reader left open all day: memory comes back after reloads, and only the newest load shows.

Nothing here measures time: memory is counted by tracemalloc, and the order of loads by
what ends up on screen.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from reader_pilot import SAMPLE, briefing_screen, press, reader, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import Footer

from briefing.tui.app import BriefingApp

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ sits beside the package and is not installed with it (CI installs a wheel).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

# In the slow layer: a soak: dozens of reloads and rewrites, memory measured.
pytestmark = pytest.mark.slow

GROWTH_ALLOWED = 1.10
"""Memory after 20 reloads may be at most this much of what it was after 5."""


async def wait_until(pilot: Pilot[None], condition: object, what: str) -> None:
    """Let the app run until `condition()` holds (a generous deadline: CI is slow)."""
    deadline = time.monotonic() + 60
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"never happened: {what}"
        await pilot.pause(0.02)


async def reload_once(pilot: Pilot[None]) -> None:
    """Press r and wait until the new version is on screen and the old one let go."""
    app = pilot.app
    assert isinstance(app, BriefingApp)
    screen = briefing_screen(app)
    before = screen.briefing
    await pilot.press("r")
    await wait_until(pilot, lambda: screen.briefing is not before, "the reload")
    await settle(pilot)


def traced_now() -> int:
    """Return the bytes Python holds now, after the collector has had its say."""
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


async def test_memory_comes_back_after_every_reload(tmp_path: Path) -> None:
    # 200 claims: big enough that a version kept per reload shows plainly (~2 MB each).
    path = tmp_path / "briefing.toml"
    path.write_text(generate(4, 50, label="long session"), encoding="utf-8")
    tracemalloc.start()
    try:
        async with reader(path) as pilot:
            for _ in range(5):
                await reload_once(pilot)
            after_5 = traced_now()
            for _ in range(15):
                await reload_once(pilot)
            after_20 = traced_now()
            assert "long session" in screen_text(pilot.app)
    finally:
        tracemalloc.stop()
    assert after_20 <= after_5 * GROWTH_ALLOWED, (
        f"memory grew from {after_5 / 1e6:.1f} MB after 5 reloads "
        f"to {after_20 / 1e6:.1f} MB after 20"
    )


async def test_moving_between_panes_leaves_no_old_footer_keys_behind() -> None:
    # The footer is drawn anew each time the focus moves: the keys it drew before must
    # be freed, not kept for the rest of the session (briefing.tui.compat).
    async with reader(SAMPLE) as pilot:
        for _ in range(30):
            await press(pilot, "tab")
        keys = pilot.app.screen.query_one(Footer).query("FooterKey")
        assert len(keys) >= 5
        assert "q Quit" in screen_text(pilot.app).splitlines()[-1]
        assert live_instances(type(keys.first())) == len(keys)


def live_instances(kind: type) -> int:
    """Return how many objects of `kind` are alive once the collector has had its say."""
    # The reader freezes what is alive once a briefing is shown (collector.settle):
    # frozen objects are out of the collector's sight, and of gc.get_objects().
    gc.unfreeze()
    gc.collect()
    try:
        return sum(1 for found in gc.get_objects() if isinstance(found, kind))
    finally:
        gc.freeze()


async def test_the_collector_stays_on_while_a_large_version_loads(tmp_path: Path) -> None:
    # Workers never pause the collector: a worker that did stopped it for the UI too.
    path = tmp_path / "briefing.toml"
    path.write_text(generate(1, 5, label="small"), encoding="utf-8")
    async with reader(path) as pilot:
        rewrite(path, generate(20, 100, label="large"))
        seen: list[bool] = []
        done = threading.Event()

        def watch_the_collector() -> None:
            # A thread of its own: it gets turns while the worker parses.
            while not done.is_set():
                seen.append(gc.isenabled())
                time.sleep(0.001)

        watcher = threading.Thread(target=watch_the_collector)
        watcher.start()
        try:
            await reload_once(pilot)
        finally:
            done.set()
            watcher.join()
        assert "large" in screen_text(pilot.app)
        assert len(seen) > 10
        assert all(seen), f"the collector was off in {seen.count(False)} of {len(seen)} looks"


def rewrite(path: Path, text: str) -> None:
    """Write a new version as an editor does: a new file renamed over the old one."""
    fresh = path.with_suffix(".saving")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


async def test_a_slow_older_load_never_replaces_a_newer_one(tmp_path: Path) -> None:
    # The first reload reads a large version (slow to parse); the file is then
    # replaced by a small one and reloaded again. The small one finishes first; the
    # large one, finishing after it, must not take its place.
    path = tmp_path / "briefing.toml"
    path.write_text(generate(1, 5, label="first version"), encoding="utf-8")
    async with reader(path) as pilot:
        app = pilot.app
        assert isinstance(app, BriefingApp)
        screen = briefing_screen(app)
        rewrite(path, generate(40, 100, label="large older version"))
        # What `r` runs, twice, without waiting in between as a key press would.
        screen.action_reload()
        await asyncio.sleep(0.2)  # the first worker reads the large version meanwhile
        rewrite(path, generate(1, 5, label="small newest version"))
        screen.action_reload()
        await wait_until(
            pilot,
            lambda: not any(worker.group == "load" for worker in app.workers),
            "both loads finished",
        )
        # Both workers have handed over their results: let the UI apply them.
        await pilot.pause(0.5)
        await settle(pilot)
        assert screen.briefing is not None
        assert "small newest version" in screen.briefing.briefing.title
        assert "small newest version" in screen_text(app)


@pytest.mark.parametrize("rewrites", [20])
async def test_many_rewrites_of_a_watched_file_leave_the_last_version_on_screen(
    tmp_path: Path, rewrites: int
) -> None:
    path = tmp_path / "briefing.toml"
    path.write_text(generate(2, 20, label="version 0"), encoding="utf-8")
    async with reader(path, watch_interval=0.05) as pilot:
        app = pilot.app
        assert isinstance(app, BriefingApp)
        for number in range(1, rewrites + 1):
            rewrite(path, generate(2, 20 + number, label=f"version {number}"))
            await pilot.pause(0.03)
        last = f"version {rewrites}:"
        screen = briefing_screen(app)
        await wait_until(
            pilot,
            lambda: screen.briefing is not None and last in screen.briefing.briefing.title,
            "the last version shown",
        )
        # Several more rounds of watching change nothing.
        await pilot.pause(0.5)
        await settle(pilot)
        assert screen.briefing is not None
        assert last in screen.briefing.briefing.title
        assert len(screen.briefing.claims()) == 2 * (20 + rewrites)
        assert last in screen_text(app)
