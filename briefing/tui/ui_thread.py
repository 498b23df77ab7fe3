"""Handing a worker thread's result to the UI thread without waiting for it."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import get_current_worker


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
