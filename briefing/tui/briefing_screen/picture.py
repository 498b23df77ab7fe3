"""A picture of a reopened briefing's first frame, cell by cell, drawn before any widget of it.

The opening (opening.py) draws a reopened briefing's first frame from stored rows, in
the briefing screen's own widgets: Textual still styles, lays out and draws a dozen of
them and a footer, which costs about as much again as a bare app's first frame. So once
the opening has drawn its frame, the reader keeps a picture of it: each line of the
screen as runs of text with their styles, for that terminal's size and the reader's
look (theme and colour filters). The next time the file is opened unchanged in a
terminal of that size and look, one widget draws the picture, and the briefing screen
is built behind it (`PictureScreen`). Nothing here imports the models or the widgets.

A picture holds text and colours, never code. A style is two colours (`#rrggbb`, or
none) and which of `ATTRIBUTES` it sets on or off: no links, no actions. No run of text
may hold what the reader always escapes (controls, bidi overrides: document/textsafe.py),
and every line must be exactly as wide as the screen. A record holding
anything else is refused whole, and a frame holding anything else is not kept.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.color import ColorType
from rich.segment import Segment
from rich.style import Style
from textual import constants
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from briefing.document.opening_store import PICTURE, Key, opening_key, read_opening, store_opening
from briefing.document.textsafe import shows_as_is
from briefing.tui.compat import FooterThatLetsOldKeysGo, screen_lines
from briefing.tui.ui_thread import build_behind

if TYPE_CHECKING:
    from briefing.process.preload import FirstLoad

ATTRIBUTES = ("bold", "dim", "italic", "underline", "reverse", "strike")
"""The attributes a stored style may set on or off (bit i of a mask: ATTRIBUTES[i])."""
_OTHER_ATTRIBUTES = ("blink", "blink2", "conceal", "underline2", "frame", "encircle", "overline")
_ALL_BITS = (1 << len(ATTRIBUTES)) - 1
_COLOUR = re.compile(r"#[0-9a-f]{6}\Z")
_KEYS = frozenset({"size", "look", "styles", "lines"})
LOOK_EVERY = 0.02
"""Seconds between looks at whether a frame is whole (`when_whole`)."""

StoredStyle = tuple[str, str, int, int]
"""Foreground and background (`#rrggbb` or ""), the attributes set on, those set off."""


@dataclass(frozen=True, slots=True)
class Picture:
    """A stored first frame, ready to draw (read only at its size), and its look."""

    lines: list[Strip]
    look: str
    """The look it was drawn in (`look_of`): drawn only in the same."""


def look_of(app: App[Any], theme: str | None = None) -> str:
    """Return what, besides the size, decides the colours of `app`'s frames.

    The theme (`theme`, or the app's own), and the filters Textual applies to every
    line: NO_COLOR's monochrome, and TEXTUAL_FILTERS (e.g. `dim`).
    """
    return "|".join((theme or app.theme, "no-color" if app.no_color else "", constants.FILTERS))


def take_picture(lines: list[Strip], size: Size, look: str) -> dict[str, object] | None:
    """Return `lines`, a frame of `size` drawn in `look`, as JSON data; None if unstorable."""
    if len(lines) != size.height:
        return None
    index_of: dict[StoredStyle, int] = {}
    stored: list[list[object]] = []
    for line in lines:
        row: list[object] = []
        width = 0
        for text, style, control in line:
            encoded = _encoded(style)
            if control or encoded is None or not shows_as_is(text):
                return None
            index = index_of.setdefault(encoded, len(index_of))
            row += [text, index]
            width += cell_len(text)
        if width != size.width:
            return None
        stored.append(row)
    return {
        "size": [size.width, size.height],
        "look": look,
        "styles": [list(style) for style in index_of],
        "lines": stored,
    }


def parse_picture(data: object, size: Size) -> Picture | None:
    """Return the picture stored as `data` if it is one of `size`, checked; else None."""
    if not isinstance(data, dict) or set(data) != _KEYS:
        return None
    look, lines = data["look"], data["lines"]
    if data["size"] != [size.width, size.height] or not isinstance(look, str):
        return None
    if not isinstance(data["styles"], list) or not isinstance(lines, list):
        return None
    styles = [_decoded(style) for style in data["styles"]]
    if None in styles or len(lines) != size.height:
        return None
    strips: list[Strip] = []
    for row in lines:
        segments = _segments(row, styles, size.width)
        if segments is None:
            return None
        strips.append(Strip(segments, size.width))
    return Picture(strips, look)


def stored_picture(path: Path, size: tuple[int, int]) -> Picture | None:
    """Return the picture kept for the file at `path` at `size` (columns, lines), if the
    file is unchanged since."""
    key = opening_key(path)
    return None if key is None else parse_picture(read_opening(key, PICTURE), Size(*size))


def keep_picture(screen: Screen[Any], path: Path, key: Key) -> None:
    """Keep a picture of what `screen` shows now, for the file at `path` as `key` describes.

    On the UI thread, which draws it (a few milliseconds); stored by a worker, and not
    if the file has changed since.
    """
    app = screen.app
    if screen.query("Toast"):
        return  # a notice of this session's, not part of the frame
    data = take_picture(screen_lines(screen), app.size, look_of(app))
    if data is not None:
        app.run_worker(
            partial(store_opening, path, key, data, PICTURE),
            name="picture",
            description="store the picture of a first frame",
            group="picture",
            thread=True,
        )


def when_whole(screen: Screen[Any], then: Callable[[bool], object], *, wait: float) -> None:
    """Call `then(True)` once `screen` is drawn whole, or `then(False)` after `wait` seconds.

    The footer composes its keys a few refreshes after the rest of a screen's first frame
    (and anew when the keys in force change), and they are laid out after that: the
    frame is whole once they are, and it has been drawn since; not while another screen
    is on top of it. Nothing is called once `screen` has closed.
    """
    footer = screen.query_one(FooterThatLetsOldKeysGo)
    give_up = time.monotonic() + wait

    def look(seen_whole: bool = False) -> None:
        # Whole at two looks a refresh apart: the keys composed and laid out, then drawn.
        if not screen.is_attached:
            return
        keys = [key for key in footer.children if key.display]
        whole = (
            screen.is_current
            and footer.keys_composed
            and bool(keys)
            and all(key.region.area for key in keys)
        )
        if whole and seen_whole:
            then(True)
        elif whole:
            screen.call_after_refresh(look, True)
        elif time.monotonic() >= give_up:
            then(False)
        else:
            screen.set_timer(LOOK_EVERY, lambda: screen.call_after_refresh(look))

    screen.call_after_refresh(look)


KEEP_WITHIN = 1.0
"""Seconds a briefing screen's first frame may take to be whole, for a picture of it."""


def keep_picture_then(
    screen: Screen[Any],
    path: Path,
    key: Key | None,
    *,
    touched: Callable[[], bool],
    then: Callable[[], object] | None,
) -> None:
    """Keep a picture of a briefing screen's first frame once whole, then call `then`.

    For a briefing opened the usual way: its first frame is what its opening shows, as
    long as the reader has not `touched` it and `then` (which takes the reader back to
    where they last were) has not yet moved it. `then` waits for the picture, not for
    the frame: at most `KEEP_WITHIN` seconds. With no `key` (none to keep the picture
    under), `then` is called at once.
    """
    if key is None:
        if then is not None:
            then()
        return

    def whole(drawn: bool) -> None:
        if drawn and not touched():
            keep_picture(screen, path, key)
        if then is not None:
            then()

    when_whole(screen, whole, wait=KEEP_WITHIN)


class PictureView(Widget):
    """Draws a picture's lines, as they are."""

    DEFAULT_CSS = "PictureView { width: 1fr; height: 1fr; }"

    def __init__(self, lines: list[Strip]) -> None:
        super().__init__()
        self._lines = lines

    def render_line(self, y: int) -> Strip:
        """Return line `y` of the picture, fitted to the widget (the terminal may have resized)."""
        width = self.size.width
        line = self._lines[y] if y < len(self._lines) else Strip.blank(width)
        return line if line.cell_length == width else line.adjust_cell_length(width)


class PictureScreen(Screen[None]):
    """A briefing's first frame from its picture, until the briefing screen is ready.

    `load` builds the briefing in a worker thread; `hand_over`, on the UI thread, puts
    the briefing screen in this one's place with what it returned (as OpeningScreen).
    """

    def __init__(
        self,
        picture: Picture,
        *,
        load: Callable[[], FirstLoad],
        hand_over: Callable[[FirstLoad], object],
    ) -> None:
        super().__init__()
        self.picture = picture
        self._load = load
        self._hand_over = hand_over

    def compose(self) -> ComposeResult:
        """Draw the picture, the whole screen."""
        yield PictureView(self.picture.lines)

    def on_mount(self) -> None:
        """Start building the briefing once the picture is on screen."""
        build_behind(self, self._load, self._hand_over)


def _encoded(style: Style | None) -> StoredStyle | None:
    """Return `style` as stored; None if it is more than colours and `ATTRIBUTES`."""
    if style is None:
        return ("", "", 0, 0)
    if style.link or any(getattr(style, name) is not None for name in _OTHER_ATTRIBUTES):
        return None
    colours = []
    for colour in (style.color, style.bgcolor):
        if colour is None:
            colours.append("")
        elif colour.type is ColorType.TRUECOLOR and colour.triplet is not None:
            colours.append(colour.triplet.hex)
        else:
            return None
    on = off = 0
    for bit, name in enumerate(ATTRIBUTES):
        value = getattr(style, name)
        on |= (value is True) << bit
        off |= (value is False) << bit
    return (colours[0], colours[1], on, off)


def _decoded(value: object) -> Style | None:
    """Return the style stored as `value`, or None if it is not one `_encoded` makes."""
    if not isinstance(value, list) or len(value) != 4:
        return None
    colour, background, on, off = value
    for name in (colour, background):
        if not isinstance(name, str) or (name and not _COLOUR.match(name)):
            return None
    for mask in (on, off):
        if not isinstance(mask, int) or isinstance(mask, bool) or not 0 <= mask <= _ALL_BITS:
            return None
    if on & off:
        return None

    def flag(bit: int) -> bool | None:
        return bool(on >> bit & 1) if (on | off) >> bit & 1 else None

    bold, dim, italic, underline, reverse, strike = (flag(bit) for bit in range(6))
    return Style(
        color=colour or None,
        bgcolor=background or None,
        bold=bold,
        dim=dim,
        italic=italic,
        underline=underline,
        reverse=reverse,
        strike=strike,
    )


def _segments(row: object, styles: list[Style | None], width: int) -> list[Segment] | None:
    """Return a stored line's runs of text as segments, or None unless exactly `width` wide."""
    if not isinstance(row, list) or len(row) % 2:
        return None
    segments: list[Segment] = []
    cells = 0
    for at in range(0, len(row), 2):
        text, index = row[at], row[at + 1]
        if not isinstance(text, str) or not shows_as_is(text):
            return None
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(styles):
            return None
        segments.append(Segment(text, styles[index]))
        cells += cell_len(text)
    return segments if cells == width else None
