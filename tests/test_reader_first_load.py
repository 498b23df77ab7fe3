"""A small briefing is loaded before the app starts, and its first frame shows it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from reader_pilot import BROKEN, SAMPLE, screen_text, settle, workers_done
from textual.widgets import Static

from briefing.document.loader import LoadResult
from briefing.process.preload import PRELOAD_MAX_BYTES, load_if_small
from briefing.tui.app import BUSY_FOR, BriefingApp, create_app
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.screens.error import ErrorScreen

# In the slow layer: the first load racing the watcher and the first frame.
pytestmark = pytest.mark.slow


def test_a_small_file_is_loaded_with_its_signature() -> None:
    first = load_if_small(SAMPLE)
    assert first is not None
    assert first.result.briefing is not None
    stat = SAMPLE.stat()
    assert first.signature == (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def test_large_files_folders_and_missing_paths_are_left_to_the_reader(tmp_path: Path) -> None:
    large = tmp_path / "large.toml"
    large.write_text(SAMPLE.read_text(encoding="utf-8") + "#" * PRELOAD_MAX_BYTES)
    assert load_if_small(large) is None
    assert load_if_small(tmp_path) is None
    assert load_if_small(tmp_path / "missing.toml") is None
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert load_if_small(fifo) is None  # opening a FIFO to read it would block


async def test_the_first_frame_shows_the_briefing_not_a_loading_line() -> None:
    first = load_if_small(SAMPLE)
    assert first is not None and first.result.briefing is not None
    title = first.result.briefing.briefing.title
    app = create_app(SAMPLE, watch_interval=None, first_load=first)
    frames: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        # The first frame drawn, before any worker could have run.
        frames.append(screen_text(app))
        screen = app.screen
        assert isinstance(screen, BriefingScreen)
        assert screen.briefing is first.result.briefing
        assert not screen.query_one("#loading", Static).display
        await settle(pilot)
    assert title[:30] in frames[0]
    assert "Loading" not in frames[0]


async def test_a_broken_small_file_opens_the_error_screen() -> None:
    first = load_if_small(BROKEN)
    assert first is not None and first.result.briefing is None
    app = create_app(BROKEN, watch_interval=None, first_load=first)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert "error" in screen_text(app)


async def test_a_change_after_the_first_load_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    text = SAMPLE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load_if_small(path)
    assert first is not None and first.result.briefing is not None
    old_title = first.result.briefing.briefing.title
    # Changed between the load and the app's start: the watcher must still see it.
    path.write_text(text.replace(old_title, "A title written later", 1), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    app = create_app(path, watch_interval=0.05, first_load=first)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            await workers_done(app)
            if "A title written later" in screen_text(app):
                break
        assert "A title written later" in screen_text(app)


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the screen worker's load until the returned event is set.

    As for a file too large to load before the app starts: the screen's worker loads it.
    """
    import briefing.document.cache as cache_module

    release = threading.Event()
    real_load = cache_module.load_file

    def slow_load(path: Path) -> LoadResult:
        release.wait(10)
        return real_load(path)

    monkeypatch.setattr(cache_module, "load_file", slow_load)
    return release


async def test_a_large_file_shows_a_loading_line_until_it_is_loaded(
    held_load: threading.Event,
) -> None:
    app = create_app(SAMPLE, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert f"Loading {SAMPLE.name} …" in screen_text(app)
        assert "Outline" not in screen_text(app)
        # Keys that need a briefing are left out of the footer while it loads ...
        footer = screen_text(app).splitlines()[-1]
        assert "q Quit" in footer and "Search" not in footer
        held_load.set()
        await settle(pilot)
        assert "Loading" not in screen_text(app)
        assert "Grain corridor talks" in screen_text(app)
        assert "Outline" in screen_text(app)
        # ... and offered once it is shown, whatever held the focus meanwhile.
        footer = screen_text(app).splitlines()[-1]
        for offered in ("/ Search", "f Filter", "x Export", "q Quit"):
            assert offered in footer, footer


async def test_the_reader_counts_as_busy_for_a_moment_after_a_key() -> None:
    # Background work (the search index) gives way while this is True.
    app = create_app(SAMPLE, watch_interval=None, first_load=load_if_small(SAMPLE))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(BUSY_FOR)
        assert not app.busy()
        await pilot.press("down")
        assert app.busy()
        await pilot.pause(BUSY_FOR + 0.05)
        assert not app.busy()


async def test_the_search_index_waits_while_the_app_says_it_is_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The app's `busy` reaches the briefing screen's index build through its settings.
    busy = threading.Event()
    busy.set()
    asked = threading.Event()

    def app_busy(app: BriefingApp) -> bool:
        asked.set()
        return busy.is_set()

    monkeypatch.setattr(BriefingApp, "busy", app_busy)
    app = create_app(SAMPLE, watch_interval=None, first_load=load_if_small(SAMPLE))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):  # the build asks once the first frame has had its time
            if asked.is_set():
                break
            await pilot.pause(0.05)
        assert asked.is_set()
        screen = app.screen
        assert isinstance(screen, BriefingScreen) and screen.session.index is not None
        assert not screen.session.index.ready  # waiting for the reader to stop
        busy.clear()
        await workers_done(app)
        assert screen.session.index.ready
