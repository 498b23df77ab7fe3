"""The reader stores each briefing's opening, and reads it back only for the unchanged file.

A stored opening is drawn before the briefing is built (test_reader_opening.py): one read
for a file that has changed, or one damaged or crafted, would show a briefing that is
not the file's. Each of those is refused, and the reader then opens the file as it
always did; a folder it cannot write costs only the speed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from reader_pilot import (
    SAMPLE,
    briefing_screen,
    options_of_the_readers_command,
    press,
    screen_text,
    settle,
    workers_done,
)

from briefing.document import cache, opening_store
from briefing.document.loader import load_file
from briefing.document.opening_store import opening_key, read_opening, records, store_opening
from briefing.process.preload import load_if_small
from briefing.tui.app import BriefingApp, create_app
from briefing.tui.briefing_screen import screen as screen_module
from briefing.tui.briefing_screen.opening_rows import make_opening, stored_opening
from briefing.tui.briefing_screen.screen import BriefingScreen

pytestmark = pytest.mark.usefixtures("no_racy_window")


@pytest.fixture
def briefing_file(tmp_path: Path) -> Path:
    path = tmp_path / "briefing.toml"
    shutil.copyfile(SAMPLE, path)
    return path


def reader(path: Path, *, use_cache: bool = True) -> tuple[BriefingApp, bool]:
    """Return the reader as `briefing [--no-cache] PATH` builds it (see commands/read.py),
    and whether its first screen draws a stored opening (test_reader_opening.py)."""
    opening = stored_opening(path) if use_cache else None
    first_load = None if opening is not None else load_if_small(path, use_cache=use_cache)
    app = create_app(
        path, watch_interval=None, first_load=first_load, opening=opening, use_cache=use_cache
    )
    return app, opening is not None


async def open_and_settle(path: Path, *, use_cache: bool = True) -> bool:
    """Open `path` as the reader does; return True if it drew the stored opening first."""
    app, drew_opening = reader(path, use_cache=use_cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert "Grain corridor talks" in screen_text(app)
        # The opening is stored by a worker started once the briefing is drawn.
        for _ in range(50):
            if not use_cache or records():
                break
            await pilot.pause(0.02)
            await workers_done(app)
    return drew_opening


def stored_key(path: Path) -> opening_store.Key:
    key = opening_key(path)
    assert key is not None
    return key


async def test_the_first_open_stores_the_opening_and_the_next_draws_it(
    briefing_file: Path,
) -> None:
    assert await open_and_settle(briefing_file) is False
    (record,) = records()
    briefing = load_file(briefing_file).briefing
    assert briefing is not None
    assert read_opening(stored_key(briefing_file)) == json.loads(json.dumps(make_opening(briefing)))
    assert await open_and_settle(briefing_file) is True
    assert records() == [record]


async def test_an_edit_that_keeps_size_and_mtime_is_seen(briefing_file: Path) -> None:
    await open_and_settle(briefing_file)
    assert stored_opening(briefing_file) is not None
    before = os.stat(briefing_file)
    text = briefing_file.read_text(encoding="utf-8")
    edited = text.replace("Grain corridor talks", "Grain corridor TALKS")
    assert edited != text and len(edited) == len(text)
    briefing_file.write_text(edited, encoding="utf-8")
    os.utime(briefing_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(briefing_file)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    # Only the ctime tells: the old opening is not drawn, the file is read.
    assert stored_opening(briefing_file) is None
    app, drew_opening = reader(briefing_file)
    assert not drew_opening
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Grain corridor TALKS" in screen_text(app)


def damaged(record: Path, how: str) -> None:
    data = bytearray(record.read_bytes())
    if how == "flipped":
        data[-5] ^= 0x20
    elif how == "truncated":
        del data[len(data) // 2 :]
    elif how == "newer":
        start = len(opening_store.MAGIC)
        data[start : start + 2] = (opening_store.RECORD_VERSION + 1).to_bytes(2, "big")
    elif how == "foreign":
        data[:4] = b"PK\x03\x04"
    elif how == "empty":
        data = bytearray()
    record.write_bytes(bytes(data))


def crafted(record: Path, change: str) -> None:
    """Rewrite the record's payload with a valid checksum: what only the reading checks catch."""
    header = len(opening_store.MAGIC) + 2 + 32
    data = record.read_bytes()
    key, opening = json.loads(data[header:])
    if change == "style":
        opening["title"][1] = "link https://example.com"
    elif change == "span":
        opening["title"][2] = [[0, 10_000, "bold"]]
    elif change == "type":
        opening["sections"][0][2] = "yes"
    elif change == "key":
        key[3] += 1
    payload = json.dumps([key, opening]).encode()
    record.write_bytes(
        data[: len(opening_store.MAGIC) + 2] + hashlib.sha256(payload).digest() + payload
    )


async def test_an_opening_whose_cache_entry_is_gone_is_parsed_behind_it_and_stored(
    briefing_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cache and the openings are bounded apart: an entry may go while its opening stays.
    monkeypatch.setattr(cache, "_write_in_child", cache._write)  # no fork in the test's process
    monkeypatch.setattr(screen_module, "STORE_QUIET", 0.1)
    await open_and_settle(briefing_file)
    for entry in cache.entries():
        entry.unlink()
    assert await open_and_settle(briefing_file) is True
    # Shown (open_and_settle read it on screen), then stored once the reader was still.
    assert cache.cached_result(briefing_file) is not None


@pytest.mark.parametrize("how", ["flipped", "truncated", "newer", "foreign", "empty"])
async def test_a_damaged_opening_is_ignored_and_replaced(briefing_file: Path, how: str) -> None:
    await open_and_settle(briefing_file)
    (record,) = records()
    damaged(record, how)
    assert stored_opening(briefing_file) is None
    assert await open_and_settle(briefing_file) is False
    # The reader stored it anew, whole.
    assert stored_opening(briefing_file) is not None


@pytest.mark.parametrize("change", ["style", "span", "type", "key"])
async def test_a_crafted_opening_is_refused(briefing_file: Path, change: str) -> None:
    await open_and_settle(briefing_file)
    (record,) = records()
    crafted(record, change)
    assert stored_opening(briefing_file) is None
    assert await open_and_settle(briefing_file) is False


async def test_an_unwritable_cache_folder_costs_only_speed(
    briefing_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocked / "cache"))
    assert store_opening(briefing_file, stored_key(briefing_file), {"any": "thing"}) is False
    for _ in range(2):
        assert await open_and_settle(briefing_file) is False


async def test_no_cache_neither_reads_nor_writes_openings(briefing_file: Path) -> None:
    assert await open_and_settle(briefing_file, use_cache=False) is False
    assert records() == []
    await open_and_settle(briefing_file)
    assert records()
    assert await open_and_settle(briefing_file, use_cache=False) is False


def test_the_readers_command_draws_the_stored_opening(
    briefing_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`briefing FILE` hands the app the opening; `--no-cache` does not read it."""
    briefing = load_file(briefing_file).briefing
    assert briefing is not None
    assert store_opening(briefing_file, stored_key(briefing_file), make_opening(briefing))
    cached = options_of_the_readers_command(monkeypatch, briefing_file, use_cache=True)
    assert cached["opening"] == stored_opening(briefing_file) and cached["opening"] is not None
    uncached = options_of_the_readers_command(monkeypatch, briefing_file, use_cache=False)
    assert uncached["opening"] is None


async def test_a_reload_after_an_edit_stores_the_new_opening(briefing_file: Path) -> None:
    app, _ = reader(briefing_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = briefing_file.read_text(encoding="utf-8")
        briefing_file.write_text(text.replace("Grain corridor talks", "Grain talks"), "utf-8")
        await press(pilot, "r")
        await settle(pilot)
        assert briefing_screen(app).briefing is not None
    opening = stored_opening(briefing_file)
    assert opening is not None
    assert opening.title.plain.startswith("Grain talks")


def test_records_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opening_store, "MAX_RECORDS", 3)
    for number in range(5):
        path = tmp_path / f"b{number}.toml"
        path.write_text("x")
        assert store_opening(path, stored_key(path), {"n": number})
    assert len(records()) == 3
