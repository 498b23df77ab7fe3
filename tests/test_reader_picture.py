"""A reopened briefing's first frame drawn from its picture, before any widget of it.

Once the opening (its stored rows, drawn in the briefing screen's widgets) has been on
screen, the reader keeps a picture of that frame, cell by cell, for the terminal's size
and look (briefing/tui/briefing_screen/picture.py). The next open at that size draws the
picture and builds the briefing behind it. It must be drawn only at its size and in
its look, and never be anything but text and colours. (That it shows exactly the
briefing screen's first frame, and holds keys and quits as the opening does, is tested
beside the opening, in test_reader_opening.py.)
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from reader_pilot import (
    SAMPLE,
    current,
    keep_a_picture,
    press,
    screen_text,
    screenshot,
    settle,
    while_held,
)
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip

from briefing.document.opening_store import PICTURE, records
from briefing.process.preload import load_if_small
from briefing.settings.keys import key_config_path
from briefing.settings.theme import save_theme
from briefing.tui.app import BriefingApp, create_app
from briefing.tui.briefing_screen.opening import OpeningScreen
from briefing.tui.briefing_screen.picture import (
    Picture,
    PictureScreen,
    parse_picture,
    stored_picture,
    take_picture,
)

pytestmark = pytest.mark.usefixtures("no_racy_window")


def drawn_from(path: Path, picture: Picture | None) -> BriefingApp:
    """Return the reader as `briefing PATH` builds it when the file's picture is kept."""
    return create_app(path, watch_interval=None, fresh=True, picture=picture)


async def test_a_picture_is_drawn_only_at_its_size(gate: threading.Event) -> None:
    await keep_a_picture(SAMPLE, (120, 40), gate)
    assert stored_picture(SAMPLE, (120, 40)) is not None
    assert stored_picture(SAMPLE, (121, 40)) is None
    assert stored_picture(SAMPLE, (120, 39)) is None


async def test_in_another_theme_the_opening_is_drawn_instead_and_pictured_anew(
    gate: threading.Event,
) -> None:
    picture = await keep_a_picture(SAMPLE, (120, 40), gate)
    save_theme("textual-light")
    gate.clear()
    app = drawn_from(SAMPLE, picture)
    async with app.run_test(size=(120, 40)) as pilot:
        await while_held(pilot, OpeningScreen)
        assert app.theme == "textual-light"
        gate.set()
        await settle(pilot)
    anew = stored_picture(SAMPLE, (120, 40))
    assert anew is not None and anew.look != picture.look
    assert anew.look.startswith("textual-light|")


async def test_with_keys_rebound_no_picture_is_drawn_nor_kept(gate: threading.Event) -> None:
    picture = await keep_a_picture(SAMPLE, (120, 40), gate)
    config = key_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[keys]\nquit = "ctrl+q"\n', encoding="utf-8")
    gate.clear()
    app = drawn_from(SAMPLE, picture)
    async with app.run_test(size=(120, 40)) as pilot:
        # The opening's footer shows the key as rebound; a picture's could not.
        await while_held(pilot, OpeningScreen)
        assert "^q Quit" in screen_text(app)
        (record,) = records(kind=PICTURE)
        before = record.read_bytes()
        gate.set()
        await settle(pilot)
    assert record.read_bytes() == before


async def test_an_edited_file_has_no_picture(tmp_path: Path, gate: threading.Event) -> None:
    path = tmp_path / "edited.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    await keep_a_picture(path, (120, 40), gate)
    with path.open("a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    assert stored_picture(path, (120, 40)) is None


# What a stored picture may hold -----------------------------------------------------------


def stored_data() -> dict[str, Any]:
    """Return a small picture's data as it is stored (JSON, read back)."""
    lines = [
        Strip([Segment("Title ", Style(bold=True, color="#e0e0e0")), Segment("x", None)], 7),
        Strip([Segment("─" * 7, Style(bgcolor="#1e1e1e", dim=False))], 7),
    ]
    data = take_picture(lines, Size(7, 2), "textual-dark||")
    assert data is not None
    stored: dict[str, Any] = json.loads(json.dumps(data))
    return stored


def test_a_stored_picture_reads_back_as_drawn() -> None:
    picture = parse_picture(stored_data(), Size(7, 2))
    assert picture is not None
    assert [line.text for line in picture.lines] == ["Title x", "─" * 7]
    title = next(iter(picture.lines[0]))
    assert title.style is not None and title.style.bold is True
    assert title.style.color is not None and title.style.color.triplet is not None
    assert title.style.color.triplet.hex == "#e0e0e0"
    rule = next(iter(picture.lines[1]))
    assert rule.style is not None and rule.style.dim is False


CRAFTED = {
    "an escape sequence in its text": lambda d: d["lines"][0].__setitem__(0, "\x1b[31mTi"),
    "a bidi override in its text": lambda d: d["lines"][0].__setitem__(0, "\u202eTitle "),
    "a line a cell short": lambda d: d["lines"][0].__setitem__(0, "Title"),
    "a line a cell long": lambda d: d["lines"][0].__setitem__(0, "Title  "),
    "a colour by name": lambda d: d["styles"][0].__setitem__(0, "red"),
    "a link in a style": lambda d: d["styles"][0].append("link https://example.com"),
    "an attribute set on and off": lambda d: d["styles"][0].__setitem__(3, 1),
    "an attribute mask too wide": lambda d: d["styles"][0].__setitem__(2, 64),
    "a mask that is a boolean": lambda d: d["styles"][0].__setitem__(2, True),
    "a style that is not there": lambda d: d["lines"][0].__setitem__(1, 9),
    "a line too many": lambda d: d["lines"].append(d["lines"][0]),
    "another size": lambda d: d.__setitem__("size", [8, 2]),
    "a key of its own": lambda d: d.__setitem__("action", "quit"),
    "no look": lambda d: d.__setitem__("look", None),
}


@pytest.mark.parametrize("change", list(CRAFTED), ids=list(CRAFTED))
def test_a_crafted_picture_is_refused_whole(change: str) -> None:
    data = stored_data()
    CRAFTED[change](data)
    assert parse_picture(data, Size(7, 2)) is None


@pytest.mark.parametrize(
    "segment",
    [
        Segment("link", Style(link="https://example.com")),
        Segment("blink", Style(blink=True)),
        Segment("ansi", Style(color="red")),
        Segment("\x1b[2J", None),
    ],
    ids=["link", "blink", "named colour", "escape"],
)
def test_a_frame_holding_more_than_text_and_colours_is_not_kept(segment: Segment) -> None:
    width = len(segment.text)
    assert take_picture([Strip([segment], width)], Size(width, 1), "look") is None


def test_a_frame_of_text_the_reader_shows_as_it_is_is_kept() -> None:
    # No-break and thin spaces, a zero-width space, an emoji joined from three: all drawn
    # as they are in the reader's own frames, so a picture may hold them too.
    text = "a\u00a0b\u2009c\u200bd \U0001f469\u200d\U0001f4bb"
    width = Strip([Segment(text)]).cell_length
    data = take_picture([Strip([Segment(text)], width)], Size(width, 1), "look")
    assert data is not None
    picture = parse_picture(json.loads(json.dumps(data)), Size(width, 1))
    assert picture is not None and picture.lines[0].text == text


# Kept by a first open ------------------------------------------------------------------


async def test_a_first_open_keeps_a_picture_of_its_first_frame_then_goes_back_to_the_place(
    gate: threading.Event,
) -> None:
    # Opened the usual way, untouched, the briefing screen's first frame is what its
    # opening would show: the picture is kept of it before the reader is taken back to
    # where they last were, so the very next open draws it.
    first = create_app(SAMPLE, watch_interval=None, first_load=load_if_small(SAMPLE))
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        expected = screenshot(first)
        await press(pilot, "j", "j", "enter")  # the place the next open goes back to
        place = current(first)
    assert place is not None and place[0] == "claim"
    picture = stored_picture(SAMPLE, (120, 40))
    assert picture is not None, "the first open kept no picture"
    app = create_app(SAMPLE, watch_interval=None, picture=picture)
    async with app.run_test(size=(120, 40)) as pilot:
        await while_held(pilot, PictureScreen)
        assert screenshot(app) == expected
        gate.set()
        await settle(pilot)
        assert current(app) == place


async def test_a_first_open_touched_before_its_frame_is_whole_keeps_no_picture(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = create_app(SAMPLE, watch_interval=None, first_load=load_if_small(SAMPLE))
    monkeypatch.setattr(app, "touched", lambda: True)  # a key pressed as it was drawn
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert records(kind=PICTURE) == []
    assert stored_picture(SAMPLE, (120, 40)) is None
