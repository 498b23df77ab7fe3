"""Shared helpers for the reader's Pilot tests: open a fixture, settle, read the screen."""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList
from textual.worker import WorkerCancelled

from briefing.document import cache
from briefing.document.loader import load_file
from briefing.document.opening_store import opening_key, store_opening
from briefing.process.preload import load_if_small
from briefing.tui.app import BriefingApp, create_app
from briefing.tui.briefing_screen.opening import OpeningScreen
from briefing.tui.briefing_screen.opening_rows import make_opening, stored_opening
from briefing.tui.briefing_screen.picture import Picture, stored_picture
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.widgets.outline import Outline

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "reader-sample.toml"
HOSTILE = FIXTURES / "reader-hostile.toml"
BROKEN = FIXTURES / "reader-broken.toml"


async def settle(pilot: Pilot[None]) -> None:
    """Wait until workers are done and every message has been handled.

    A worker hands its result to the UI thread as a message, handled after the worker
    has finished, and that may start another worker (an editor's exit starts a reload):
    so round after round, until a round ends with no worker running.
    """
    for _ in range(20):
        await pilot.pause()
        await workers_done(pilot.app)
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            return


async def workers_done(app: App[Any]) -> None:
    """Wait until every worker running now has ended, cancelled ones included.

    A load's worker stays to store the cache entry once the reader is still, and a newer
    load cancels it: the reader's own design (only the newest load counts), not a failure,
    where `WorkerManager.wait_for_complete` would raise WorkerCancelled for it.
    """
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


@asynccontextmanager
async def reader(
    target: Path | list[Path],
    size: tuple[int, int] = (120, 40),
    watch_interval: float | None = None,
) -> AsyncIterator[Pilot[None]]:
    """Run the reader exactly as the CLI builds it (a small file loaded first), loaded and idle."""
    first_load = load_if_small(target) if isinstance(target, Path) else None
    app = create_app(target, watch_interval=watch_interval, first_load=first_load)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys one by one, letting the reader settle after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def screen_text(app: App[Any]) -> str:
    """Return what the terminal shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def briefing_screen(app: BriefingApp) -> BriefingScreen:
    """Return the briefing screen (under any modal on top)."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, BriefingScreen):
            return screen
    raise AssertionError(f"no briefing screen in {app.screen_stack}")


def current(app: BriefingApp) -> tuple[str, str] | None:
    """Return (kind, id) of what the detail pane shows."""
    item = briefing_screen(app).current
    return (item.kind, item.id) if item else None


def focused_id(app: BriefingApp) -> str | None:
    """Return the id of the focused widget."""
    return app.focused.id if app.focused is not None else None


def highlighted_option(app: BriefingApp) -> str | None:
    """Return the id of the highlighted option in the focused list."""
    focused = app.focused
    assert isinstance(focused, OptionList), focused
    option = focused.highlighted_option
    return option.id if option is not None else None


def outline_rows(app: BriefingApp) -> list[tuple[str, str]]:
    """Return (kind, id) for every row the outline holds, opening every section first."""
    outline = briefing_screen(app).query_one(Outline)
    for node in outline.root.children:
        outline.select_section(node.data.id if node.data else "")
        outline.action_open_section()
    rows: list[tuple[str, str]] = []
    for node in outline.root.children:
        assert node.data is not None
        rows.append((node.data.kind, node.data.id))
        rows += [(c.data.kind, c.data.id) for c in node.children if c.data is not None]
    return rows


def notices(app: BriefingApp) -> list[str]:
    """Return the messages of every notification the app has shown, in order.

    Not only those still on screen: a notification goes after its timeout by the clock,
    and a test on a busy machine may look later than a user would (see conftest.py).
    """
    return list(app.__dict__.get("notified", []))


class Built(Exception):
    """The reader's command built its app; a test stops it there."""


def options_of_the_readers_command(
    monkeypatch: Any, path: Path, *, use_cache: bool
) -> dict[str, object]:
    """Return what `briefing [--no-cache] PATH` passes to `create_app`, stopping it there.

    The reader as served (no terminal needed), without its process-wide guard and policy.
    """
    from briefing import cli
    from briefing.commands import read
    from briefing.commands.serve import reader_argv
    from briefing.process import collector
    from briefing.tui import app as app_module

    built: dict[str, object] = {}

    def recording(target: object, **options: object) -> BriefingApp:
        built.update(options)
        raise Built

    monkeypatch.setattr(app_module, "create_app", recording)
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    monkeypatch.setenv("BRIEFING_DEBUG", "1")  # an exception propagates: no "internal error"
    monkeypatch.setattr(read, "_exit_guard", lambda terminal: contextlib.nullcontext())
    monkeypatch.setattr(collector, "for_reader", lambda: None)
    try:
        cli.main(reader_argv(path, use_cache=use_cache)[3:])
    except Built:
        return built
    raise AssertionError("the reader's command did not build the app")


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


async def stopped_within(app: BriefingApp, seconds: float) -> bool:
    """Return True once the app has stopped running, False if it still runs after `seconds`."""
    for _ in range(int(seconds / 0.01)):
        if not app.is_running:
            return True
        await asyncio.sleep(0.01)
    return not app.is_running


async def keep_a_picture(path: Path, size: tuple[int, int], gate: threading.Event) -> Picture:
    """Open `path` twice as a reader does; return the picture of its first frame kept.

    The first open stores its opening (and cache entry), the second draws the opening
    and keeps a picture of it (briefing/tui/briefing_screen/picture.py), read back here
    as the next open at `size` would. `gate` is the `gate` fixture: the build waits for
    the opening to be drawn whole, as a reader's briefing does. It is left open.
    """
    briefing = load_file(path).briefing
    assert briefing is not None
    key = opening_key(path)
    assert key is not None
    assert store_opening(path, key, make_opening(briefing))
    cached(path)
    app = create_app(path, watch_interval=None, fresh=True, opening=stored_opening(path))
    gate.clear()
    async with app.run_test(size=size) as pilot:
        await while_held(pilot, OpeningScreen)
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
    picture = stored_picture(path, size)
    assert picture is not None, "the opening kept no picture of itself"
    return picture


async def while_held(pilot: Pilot[None], drawn_by: type[Screen[None]]) -> None:
    """Let a first frame drawn before the briefing draw, and start the build it holds."""
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, drawn_by)
