"""Handing a worker thread's result to the UI thread without waiting for it."""

from __future__ import annotations

import contextlib
import threading
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


def when_drawn(node: MessagePump, then: Callable[[], object], *, wait: float) -> None:
    """In a worker: run `then` once `node` has handled what was queued and refreshed.

    For work that can wait but would hold up a frame (it holds the GIL): what the worker
    handed over first is drawn first. Waits `wait` seconds at most (the UI may be gone),
    and skips `then` if the worker was cancelled meanwhile.
    """
    drawn = threading.Event()
    from_worker(node, node.call_after_refresh, drawn.set)
    drawn.wait(wait)
    if not get_current_worker().is_cancelled:
        then()
