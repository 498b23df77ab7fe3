"""Loading a small briefing before Textual starts, so that the first frame shows it.

A small file loads in a few milliseconds, less than one frame of the app: loaded in
a worker once the app is up, it cost a "Loading" frame, a restyle of the screen and
a second frame. A large one is still loaded in a worker behind a "Loading" line, so
that the reader can quit while it loads. (Loading in a thread while Textual is being
imported was measured slower: the import's many small file reads each wait for the
loading thread to give up the GIL.) This module imports neither Textual nor, until
called, the loader.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.document.opening_store import Key, opening_key
from briefing.document.watch import Signature, file_signature

if TYPE_CHECKING:
    from briefing.document.cache import Unstored
    from briefing.document.loader import LoadResult

PRELOAD_MAX_BYTES = 1_000_000
"""Files up to this size are loaded before the app starts (about 50 ms here)."""


@dataclass(frozen=True, slots=True)
class FirstLoad:
    """A briefing loaded before the app started, and the file's signature just before."""

    result: LoadResult
    signature: Signature
    opening_key: Key | None = None
    """The file's key just before it was read, to record its opening under (None: don't)."""
    unstored: Unstored | None = None
    """The cache entry of a file parsed rather than read from the cache, not yet stored."""


def load_if_small(path: Path, *, use_cache: bool = True) -> FirstLoad | None:
    """Return the loaded briefing when `path` is a regular file small enough, else None.

    With `use_cache`, from the cache of validated briefings when the file is unchanged;
    a file of any size is then loaded here if the cache holds it (a 10,000-claim briefing
    is built from the cache in ~0.2 s, against ~1.1 s to parse and validate it).
    """
    try:
        found = os.stat(path)
    except OSError:
        return None  # the reader's own load reports it, on screen
    if not stat.S_ISREG(found.st_mode):
        return None
    if found.st_size > PRELOAD_MAX_BYTES and not use_cache:
        return None
    from briefing.document.cache import cached_result, load_file_cached
    from briefing.process.collector import paused_while_building

    key = opening_key(path) if use_cache else None
    signature = file_signature(path)
    # Before the app starts, on the main thread: no widget exists yet to be frozen.
    with paused_while_building():
        if found.st_size > PRELOAD_MAX_BYTES:
            result = cached_result(path)
            return FirstLoad(result, signature, key) if result is not None else None
        return FirstLoad(load_file_cached(path, use_cache=use_cache), signature, key)


def load_behind_opening(path: Path) -> FirstLoad:
    """Return the briefing at `path`: from the cache when it holds the file, else parsed.

    For the frame drawn from a stored opening (briefing/tui/briefing_screen/opening.py),
    in its worker: the models are built while the opening shows. A parsed file's cache
    entry comes with it (`unstored`), for the briefing screen to store once the reader
    is still. (The collector is the UI thread's to settle once the briefing is drawn,
    as after any load in a worker.)
    """
    from briefing.document.cache import load_file_unstored

    signature = file_signature(path)
    result, unstored = load_file_unstored(path)
    return FirstLoad(result, signature, unstored=unstored)
