"""Noticing that a file changed on disk, without reading it.

A `FileWatcher` waits for the kernel to say that something changed in the file's folder
(watchfiles: inotify on Linux, FSEvents on macOS), so an edit shows within a few tens of
milliseconds and an idle reader does no work. Where the kernel cannot tell (a network
file system, too many watches), or the folder goes away, it falls back to looking at the
file's signature every `poll_every` seconds, as the reader did before.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

Signature = tuple[int, int, int] | None
"""What identifies a version of a file: inode, modification time and size; None if missing."""

DEBOUNCE_MS = 50
"""Changes closer together than this are one change (an editor writes, then renames)."""
STOP_CHECK_MS = 500
"""How often the kernel watch looks at its stop flag while nothing changes."""

# watchfiles logs every batch of changes at INFO; the reader has no use for them.
logging.getLogger("watchfiles").setLevel(logging.WARNING)


def file_signature(path: Path) -> Signature:
    """Return the file's signature, or None when it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class FileWatcher:
    """Calls `changed(signature)` from a thread of its own after each change to `path`.

    The signature is the file's as it is after the change (None once it is gone); it is
    also told when the watch begins, and again every `STOP_CHECK_MS` (every `poll_every`
    when polling) whether or not the file changed. Changes to the file's neighbours do
    not wake it. `stop()` ends the thread within `STOP_CHECK_MS`; it is a daemon, so it
    never keeps the process alive.
    """

    def __init__(
        self, path: Path, changed: Callable[[Signature], None], *, poll_every: float
    ) -> None:
        self.path = path
        self._changed = changed
        self._poll_every = poll_every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"watch {path.name}", daemon=True)

    def start(self) -> FileWatcher:
        """Start watching; return self."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching (the thread ends on its own shortly after)."""
        self._stop.set()

    def join(self, timeout: float) -> None:
        """Wait up to `timeout` seconds for the thread to end after `stop()`."""
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        """True while the watcher's thread runs."""
        return self._thread.is_alive()

    def _run(self) -> None:
        self._report()  # at once: what the file is as the watch begins
        # Whatever stops the kernel's watch (no inotify, too many watches, the folder
        # removed), the file is still watched: by looking at it.
        with contextlib.suppress(Exception):
            self._watch_kernel()
        self._poll()

    def _report(self) -> None:
        # Told every time, changed or not: whoever listens compares it with the version
        # it shows, which may have been read before or after this look at the file.
        self._changed(file_signature(self.path))

    def _watch_kernel(self) -> None:
        # Imported here: the reader's first frame does not wait for it.
        from watchfiles import watch

        # The file's own name, and its target's when it is a symbolic link: an editor
        # saving through the link changes the target, in the target's folder. Resolved
        # here, in the watcher's thread: following links is file I/O, never the UI's.
        paths = {self.path.absolute(), self.path.resolve()}
        folders = sorted({str(name.parent) for name in paths})
        names = {str(name) for name in paths}
        # Also woken every STOP_CHECK_MS with no change: to see the stop flag, and to
        # tell the signature again (a change made before the watch began is seen too).
        for _changes in watch(
            *folders,
            watch_filter=lambda _change, changed: changed in names,
            debounce=DEBOUNCE_MS,
            stop_event=self._stop,
            rust_timeout=STOP_CHECK_MS,
            yield_on_timeout=True,
            recursive=False,
            raise_interrupt=False,
        ):
            self._report()
        if not self._stop.is_set():
            # The watch ended by itself (its folder was removed): the poll carries on.
            raise OSError("the kernel watch ended")

    def _poll(self) -> None:
        while not self._stop.is_set():
            self._report()
            self._stop.wait(self._poll_every)
