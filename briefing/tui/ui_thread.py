"""Handing a worker thread's result to the UI thread without waiting for it."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.worker import get_current_worker

_T = TypeVar("_T")


def from_worker(node: MessagePump, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Queue `callback(*args, **kwargs)` to run on `node`'s UI thread; return at once.

    Unlike `App.call_from_thread`, which blocks until the UI thread has run the callback,
    this never waits: a worker that finishes while the app is closing (or has closed)
    cannot hang on a loop that will never answer, and so keep the process alive. A
    callback for a screen or widget that has closed meanwhile is dropped.
    """
    # RuntimeError: the app's event loop is already closed.
    with contextlib.suppress(RuntimeError):
        node.call_later(callback, *args, **kwargs)


def post_from_worker(node: MessagePump, message: Message) -> None:
    """Post `message` to `node` from a worker thread; return at once.

    The same as `from_worker`, for a result that travels as a message of its own.
    """
    # RuntimeError: the app's event loop is already closed.
    with contextlib.suppress(RuntimeError):
        node.post_message(message)


def build_behind(
    screen: Screen[Any], build: Callable[[], _T], hand_over: Callable[[_T], object]
) -> None:
    """Once `screen` is drawn, run `build` in a worker; hand its result to `hand_over`.

    For a screen drawn while what it stands for is still being made (a reopened
    briefing's first frame): `hand_over` runs on the UI thread, and only if `screen` is
    still the one shown (else the reader is quitting). Started after the frame: at once,
    the worker's imports took turns with drawing it.
    """

    def handed(result: _T) -> None:
        if screen.is_current:
            hand_over(result)

    def start() -> None:
        screen.run_worker(
            lambda: from_worker(screen, handed, build()),
            name="build behind",
            # Else Textual names the worker by repr() of what it runs, on this thread.
            description="build what the screen stands for",
            group="build behind",
            exclusive=True,
            thread=True,
        )

    screen.call_after_refresh(start)


QUIET_STEP = 0.1
"""Seconds between looks at whether the reader is still busy."""


def when_quiet(busy: Callable[[], bool], then: Callable[[], object], *, quiet: float) -> None:
    """In a worker: run `then` once `busy()` has been False for `quiet` seconds on end.

    For work that can wait for the reader: it starts neither while the first frame is
    drawn nor while keys are being pressed, and is skipped if the worker is cancelled
    meanwhile (a newer load, or the screen closing).
    """
    worker = get_current_worker()
    still_since = time.monotonic()
    while not worker.is_cancelled:
        now = time.monotonic()
        if busy():
            still_since = now
        elif now - still_since >= quiet:
            then()
            return
        time.sleep(QUIET_STEP)
