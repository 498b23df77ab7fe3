"""What the app tells the screens it opens: watch interval, --fresh, --no-cache, when busy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


def never_busy() -> bool:
    """Return False: with no app to ask, background work never gives way."""
    return False


@dataclass(frozen=True)
class ReaderSettings:
    """The app's flags, given to each screen that opens a briefing (not read off the app)."""

    watch_interval: float | None = 1.0
    """None never watches an open file; otherwise it is watched through the kernel's
    notifications, and this is the seconds between looks where there are none."""
    fresh: bool = False
    """True (from --fresh) to open at the top instead of where the reader last was."""
    busy: Callable[[], bool] = never_busy
    """True while the reader is pressing keys: background work gives way (any thread may ask)."""
    use_cache: bool = True
    """False (from --no-cache) to read every file itself: the cache of validated briefings
    (briefing/document/cache.py) is neither read nor written by any load of the reader."""
    keeps_pictures: bool = False
    """True to keep a picture of a briefing's first frame, drawn on the next open before
    anything else (briefing_screen/picture.py): not with --no-cache, nor with a key
    config that rebinds keys (the picture's footer would show the old ones)."""
    touched: Callable[[], bool] = never_busy
    """True once the reader has pressed a key or used the mouse: a frame drawn since may
    not be the briefing's first as it opens, and no picture is kept of it."""
    acted_since: Callable[[float], bool] = lambda moment: False
    """True if the reader has pressed a key or clicked since a moment (time.monotonic):
    a briefing they have started to move in is not moved back to where they last were."""
