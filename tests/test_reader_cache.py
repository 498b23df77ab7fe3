"""The reader's own loads go through the cache of validated briefings, and --no-cache skips it.

The briefing screen's worker (a large file's first open, every reload), the library's
scan and the error screen's retry: each stores a file that loads, never one with errors,
and takes an unchanged file from the cache. With `use_cache=False` (the reader's
--no-cache) none of them reads an entry or writes one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reader_pilot import (
    BROKEN,
    HOSTILE,
    SAMPLE,
    briefing_screen,
    notices,
    options_of_the_readers_command,
    press,
    screen_text,
    settle,
)

from briefing.document import cache, loader
from briefing.document.loader import LoadResult, load_file
from briefing.document.model import Briefing
from briefing.process import preload
from briefing.process.preload import load_if_small
from briefing.tui.app import BriefingApp, create_app
from briefing.tui.screens.error import ErrorScreen
from briefing.tui.screens.library import LibraryScreen


@pytest.fixture(autouse=True)
def _no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files copied by a test are seconds old at most: without this, none would be stored.
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture(autouse=True)
def _stores_in_this_process(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader stores its entries in a forked child (cache._write_in_child), which
    # writes them a moment later in another process. Here the same `_write` runs in the
    # reader's process instead, so that what is stored, and what is not, can be asserted
    # as soon as a screen has settled; `test_the_reader_stores_a_large_briefing_in_a_child`
    # runs the fork itself.
    if "forks" not in request.keywords:
        monkeypatch.setattr(
            cache, "_write_in_child", lambda entry, key, result: cache._write(entry, key, result)
        )


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every briefing too large to load before the app starts: the screen loads it."""
    monkeypatch.setattr(preload, "PRELOAD_MAX_BYTES", 100)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the files actually parsed (the real loader, still called, whoever calls it)."""
    parsed: list[str] = []
    real = loader.load_text

    def counting(text: str, name: str) -> LoadResult:
        parsed.append(name)
        return real(text, name)

    monkeypatch.setattr(loader, "load_text", counting)
    return parsed


def copy_to(source: Path, target: Path) -> Path:
    """Copy `source` to `target` (a file of its own: its own inode and times); return it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def the_briefing(path: Path) -> Briefing:
    """Return the briefing in `path`, parsed (never from the cache)."""
    briefing = load_file(path).briefing
    assert briefing is not None
    return briefing


def plant(path: Path, other: Path) -> Path:
    """Store `other`'s briefing under `path`'s key: what only a read of the cache can show."""
    key = cache._key(path)
    assert key is not None
    entry = cache._entry_path(key)
    assert entry is not None
    cache._write(entry, key, load_file(other))
    assert cache.entries() == [entry]
    return entry


def reader_app(target: Path, *, use_cache: bool = True) -> BriefingApp:
    """Return the reader as `briefing [--no-cache] TARGET` builds it."""
    first_load = load_if_small(target, use_cache=use_cache) if target.is_file() else None
    return create_app(target, watch_interval=None, first_load=first_load, use_cache=use_cache)


async def open_briefing(
    path: Path, *, use_cache: bool = True, keys: tuple[str, ...] = ()
) -> tuple[Briefing | None, list[str]]:
    """Open `path` in the reader, press `keys`; return the briefing shown and the notices."""
    app = reader_app(path, use_cache=use_cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        return briefing_screen(app).briefing, notices(app)


async def test_a_large_briefing_opened_once_comes_from_the_cache_the_next_time(
    tmp_path: Path, large: None, parses: list[str]
) -> None:
    path = copy_to(SAMPLE, tmp_path / "large.toml")
    assert load_if_small(path) is None  # not cached: the screen's worker loads it
    shown, _ = await open_briefing(path)
    assert shown == the_briefing(path)
    assert len(cache.entries()) == 1
    parses.clear()
    # The next open: built from the cache before the app starts, nothing parsed.
    second = load_if_small(path)
    assert second is not None
    assert second.result.briefing == shown
    assert parses == []
    app = create_app(path, watch_interval=None, first_load=second)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert briefing_screen(app).briefing is second.result.briefing
    assert parses == []


async def test_a_large_briefing_is_on_screen_before_its_entry_is_written(
    tmp_path: Path, large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_to(SAMPLE, tmp_path / "large.toml")
    writing, release = threading.Event(), threading.Event()
    write = cache._write

    def held_write(*args: Any) -> None:
        writing.set()
        release.wait(10)
        write(*args)

    monkeypatch.setattr(cache, "_write", held_write)
    app = create_app(path, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            if writing.is_set():
                break
            await pilot.pause(0.02)
        assert writing.is_set(), "the entry was never written"
        # Its entry is being written: the reader already shows it.
        assert briefing_screen(app).briefing == the_briefing(path)
        assert "Grain corridor talks" in screen_text(app)
        assert cache.entries() == []
        release.set()
        await settle(pilot)
    assert len(cache.entries()) == 1


@pytest.mark.forks
async def test_the_reader_stores_a_large_briefing_in_a_child(
    tmp_path: Path, large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # marshal holds the interpreter lock while it encodes (0.5 s at 50,000 claims): in
    # the reader's own process, keys pressed then would wait. A child writes the entry.
    written_here: list[Path] = []
    write = cache._write

    def recording_write(entry: Path, key: Any, result: LoadResult) -> None:
        written_here.append(entry)  # in this process only: a child's list is its own
        write(entry, key, result)

    monkeypatch.setattr(cache, "_write", recording_write)
    path = copy_to(SAMPLE, tmp_path / "large.toml")
    children_before = set(children())
    shown, _ = await open_briefing(path)
    assert shown == the_briefing(path)
    for _ in range(500):  # the child's rename makes the entry appear whole, at once
        if cache.entries():
            break
        threading.Event().wait(0.02)
    assert len(cache.entries()) == 1
    assert written_here == []
    stored = cache.cached_result(path)
    assert stored is not None and stored.briefing == shown
    # The child, done, is collected: a reader open for days, storing on every save,
    # must not leave a defunct process behind for each.
    for _ in range(500):
        if not set(children()) - children_before:
            break
        threading.Event().wait(0.02)
    left = {pid: state for pid, state in children().items() if pid not in children_before}
    assert left == {}


def children() -> dict[int, str]:
    """Return this process's child processes and their states ('Z': ended, not collected)."""
    found: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # pid (comm) state ppid ...: the command name may hold spaces and brackets.
            pid, rest = stat.read_text().split(" (", 1)
            state, ppid = rest.rsplit(") ", 1)[1].split()[:2]
            if int(ppid) == os.getpid():
                found[int(pid)] = state
    return found


async def test_r_on_an_unchanged_file_takes_the_briefing_from_the_cache(
    tmp_path: Path, parses: list[str]
) -> None:
    path = copy_to(SAMPLE, tmp_path / "briefing.toml")
    app = reader_app(path)  # stores the file (a small one, loaded before the app starts)
    (entry,) = cache.entries()
    expected = the_briefing(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        parses.clear()
        await press(pilot, "r")
        assert "Reloaded" in notices(app)
        assert briefing_screen(app).briefing == expected
    assert parses == []
    assert cache.entries() == [entry]


async def test_the_screens_load_reads_the_cache(tmp_path: Path, large: None) -> None:
    path = copy_to(SAMPLE, tmp_path / "large.toml")
    assert load_if_small(path) is None
    # Stored after the reader started (by `briefing check`, say): the screen's load finds it.
    plant(path, HOSTILE)
    app = create_app(path, watch_interval=None, first_load=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert briefing_screen(app).briefing == the_briefing(HOSTILE)


async def test_no_cache_neither_reads_the_screens_entries_nor_writes_them(
    tmp_path: Path, large: None
) -> None:
    path = copy_to(SAMPLE, tmp_path / "large.toml")
    entry = plant(path, HOSTILE)
    planted = entry.read_bytes()
    shown, shown_notices = await open_briefing(path, use_cache=False, keys=("r",))
    assert "Reloaded" in shown_notices
    assert shown == the_briefing(path)
    assert cache.entries() == [entry] and entry.read_bytes() == planted
    entry.unlink()
    shown, _ = await open_briefing(path, use_cache=False, keys=("r",))
    assert shown == the_briefing(path)
    assert cache.entries() == []


def library_folder(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Return a folder with a briefing that loads and one that does not, and those two."""
    folder = tmp_path / "library"
    good = copy_to(SAMPLE, folder / "good.toml")
    broken = copy_to(BROKEN, folder / "broken.toml")
    return folder, good, broken


async def scan(folder: Path, *, use_cache: bool) -> dict[str, LoadResult]:
    """Open the library of `folder`; return what its scan read, by path."""
    app = create_app(folder, watch_interval=None, use_cache=use_cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        return dict(screen.results)


async def test_the_librarys_scan_stores_what_loads_and_reads_it_back(tmp_path: Path) -> None:
    folder, good, broken = library_folder(tmp_path)
    first = await scan(folder, use_cache=True)
    assert first[str(good)].briefing == the_briefing(good)
    assert first[str(broken)].briefing is None
    assert len(cache.entries()) == 1  # the good file's; never one with errors
    stored = cache.cached_result(good)
    assert stored is not None and stored.briefing == the_briefing(good)
    assert cache.cached_result(broken) is None
    plant(good, HOSTILE)
    again = await scan(folder, use_cache=True)
    assert again[str(good)].briefing == the_briefing(HOSTILE)


async def test_the_library_with_no_cache_neither_reads_nor_writes_it(tmp_path: Path) -> None:
    folder, good, _ = library_folder(tmp_path)
    assert (await scan(folder, use_cache=False))[str(good)].briefing == the_briefing(good)
    assert cache.entries() == []
    entry = plant(good, HOSTILE)
    planted = entry.read_bytes()
    assert (await scan(folder, use_cache=False))[str(good)].briefing == the_briefing(good)
    assert cache.entries() == [entry] and entry.read_bytes() == planted


async def retry_after_fix(
    path: Path, *, use_cache: bool, before_fix: Callable[[], None]
) -> Briefing | None:
    """Open a broken `path`, retry (r) once still broken, fix it, retry; return what shows."""
    app = reader_app(path, use_cache=use_cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        await press(pilot, "r")
        assert "Still not loadable" in notices(app)
        before_fix()
        shutil.copyfile(SAMPLE, path)
        await press(pilot, "r")
        return briefing_screen(app).briefing


def nothing_stored() -> None:
    assert cache.entries() == []


async def test_the_error_screens_retry_stores_the_fixed_file(tmp_path: Path) -> None:
    path = copy_to(BROKEN, tmp_path / "briefing.toml")
    shown = await retry_after_fix(path, use_cache=True, before_fix=nothing_stored)
    assert shown == the_briefing(path)
    stored = cache.cached_result(path)
    assert stored is not None and stored.briefing == shown


async def test_the_error_screens_retry_with_no_cache_leaves_the_cache_alone(
    tmp_path: Path,
) -> None:
    path = copy_to(BROKEN, tmp_path / "briefing.toml")
    shown = await retry_after_fix(path, use_cache=False, before_fix=nothing_stored)
    assert shown == the_briefing(path)
    assert cache.entries() == []


def test_no_cache_on_the_readers_command_line_reaches_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `briefing serve --no-cache` runs each browser's reader with this command line.
    for use_cache in (False, True):
        built = options_of_the_readers_command(monkeypatch, SAMPLE, use_cache=use_cache)
        assert built["use_cache"] is use_cache
