"""The reader's and the commands' memory policy (the garbage collector, malloc), in one place.

Why there is a policy at all: a large briefing is millions of small objects that live
as long as it is open (about 200,000 the collector tracks at 10,000 claims, a million
at 50,000). Left at its defaults, the collector walks all of them again and again:
while tomli and pydantic build them (a load took ~1.3 s at 10,000 claims instead of
~1.0 s) and, once they are built, in full passes that land on whatever the reader is
doing (0.1 s a pass at 10,000 claims, ~0.5 s at 50,000). Reference counting frees
everything that has no cycles whatever the collector does; the collector is only for
cycles, which the briefing's tree does not have but the reader's widgets do.

The policy:

- One-shot commands (`check`, `export`, the plain outline): the collector is paused
  while a file is parsed and validated, and what was built is then frozen (moved out of
  the collector's sight). The process ends soon after: nothing stays frozen for long.
- The reader, a long-lived process: `for_reader()`, once, on the main thread before the
  app starts, makes full passes rare (so a load in a worker thread costs about what it
  costs paused, without pausing anything) and gives every thread one malloc arena.
  Once a briefing is on screen, `settle()` freezes what is alive; after a newer version
  is shown, `replaced()` unfreezes everything and runs one full pass, so that the old
  version and the widgets that showed it (whose cycles a freeze would keep for ever)
  are freed, then freezes again.
- Both are called from the UI thread only. Worker threads never touch the collector:
  its state is the whole process's, and a worker that paused it stopped collection for
  the UI thread too (and two workers saving and restoring it could leave it off).
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

READER_THRESHOLDS = (10_000, 10, 10)
"""The reader's thresholds: a young pass every 10,000 allocations, not 700, so that a
full pass comes at most every million allocations instead of every 70,000 (measured at
10,000 claims: a load in 1.08 s against 1.33 s at the defaults and 1.02 s paused)."""


def _on_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def paused_while_building() -> Iterator[None]:
    """Pause the collector around building a large tree in a one-shot command.

    Only on the main thread of a short-lived process: elsewhere it does nothing, so a
    worker can never switch the collector off for the whole reader.
    """
    if not _on_main_thread() or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        # What was built is long-lived and has no cycles: once the collector is back,
        # it would walk every new object several times over as they age.
        gc.freeze()
        gc.enable()


def for_reader() -> None:
    """Set the reader's memory policy; called once, on the main thread, before it starts."""
    gc.set_threshold(*READER_THRESHOLDS)
    _one_malloc_arena()


# glibc's mallopt parameter for the most malloc arenas (see mallopt(3)).
_M_ARENA_MAX = -8


def _one_malloc_arena() -> None:
    """Have every thread allocate from one glibc arena (Linux with glibc only).

    glibc gives each new thread that allocates at the same time as another an arena
    of its own, up to eight per core, and an arena keeps the memory it once held.
    Loads run in whichever worker thread is free, and each version's long strings
    (held by malloc, not by Python's own allocator) went to that thread's arena:
    the reader's memory grew with every worker that had loaded once (116 -> 142 MB
    over 50 rewrites of a 2,000-claim file) before it levelled off. With one arena it
    stays level (124-125 MB over 40 rewrites). Threads here take turns anyway (the GIL).
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return  # not glibc (musl has no per-thread arenas)
    mallopt(_M_ARENA_MAX, 1)


def settle() -> None:
    """Freeze what is alive now: a briefing just shown, or its search index just built.

    Called on the UI thread. Frozen objects are still freed by reference counting; only
    cycles among them wait for `replaced()`.
    """
    gc.freeze()


def replaced() -> None:
    """Free what an older version left behind, then freeze the new one.

    Called on the UI thread after a reload is on screen: one full pass (about 0.1 s at
    10,000 claims), at a moment the reader chose, instead of memory that never returns.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
