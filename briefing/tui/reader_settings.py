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
