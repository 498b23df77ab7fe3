"""The reader ends when it is told to stop or its terminal goes away, whatever its threads do.

Textual's own exit is the graceful way out: it saves the reader's place and gives the
terminal back. But it runs on the UI loop, and the loop can be stuck: on a terminal
that has gone, Textual's writer thread dies and the loop then blocks for ever on its
full queue. And a Python signal handler needs the GIL, which a thread parsing a 100 MB
briefing holds for seconds at a time (tomli is compiled). So there are three layers,
each working when the one before cannot:

1. SIGTERM, SIGHUP, a hangup seen on the terminal, or a thread failing to write to it
   asks the app to exit (the exit code is 128 + the signal; a hangup counts as SIGHUP);
2. a thread of this process ends it with os._exit after GRACE seconds;
3. a watchdog process, forked before any thread starts and told of the signal by the
   kernel itself (signal.set_wakeup_fd: no GIL needed), kills it after HARD_DEADLINE.

Layers 2 and 3 first give the terminal back, if it is still there and still in the
reader's modes; layer 2 first points the reader's own terminal output at the null
device, so that no thread's late write undoes the restore. Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import mmap
import os
import select
import signal
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType, TracebackType
from typing import Any

GRACE = 1.0
"""Seconds the app has to exit by itself before this process ends itself."""
HARD_DEADLINE = 1.5
"""Seconds after which the watchdog process kills a reader that is still running."""
RESTORE_TIMEOUT = 0.2
"""Seconds a forced exit waits for the terminal to take the restoring bytes."""

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
_HANGUP = signal.SIGHUP  # a terminal that goes away is treated as its hangup signal
_FINISHED = 0  # a byte that tells the watching thread to end: not a signal number
# errno of a write to (or read from) a terminal that is no longer there.
_GONE_ERRORS = frozenset({errno.EIO, errno.EPIPE, errno.ENXIO})

# What Textual's LinuxDriver turns on, turned off in the order of its own
# stop_application_mode (textual/drivers/linux_driver.py, Textual 8.2.8).
_RESET = (
    b"\x1b[?2004l"  # bracketed paste
    b"\x1b[?7h"  # line wrap back on
    b"\x1b[?2048l"  # in-band resize reports
    b"\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"  # mouse reporting
    b"\x1b[<u"  # kitty keyboard protocol
    b"\x1b[?1049l"  # back to the main screen
    b"\x1b[?25h"  # cursor shown
    b"\x1b[?1004l"  # focus reports
)


@dataclass(frozen=True)
class Terminal:
    """The terminal as it was before the reader changed it: what a forced exit puts back."""

    modes_fd: int
    output_fd: int
    saved: list[Any]
    taken: mmap.mmap = field(default_factory=lambda: mmap.mmap(-1, 1))
    """One byte, shared with the watchdog process: 1 while Textual may hold the screen."""

    def mark_taken(self, taken: bool) -> None:
        """Record that Textual is about to take the screen (True) or has given it back."""
        self.taken[0] = 1 if taken else 0

    @classmethod
    def capture(cls) -> Terminal | None:
        """Return the terminal's present state, or None when stdin is not a terminal."""
        try:
            if not os.isatty(0):
                return None
            # Textual reads modes from stdin and draws on stderr (LinuxDriver._file).
            output = 2 if os.isatty(2) else 1
            return cls(0, output, termios.tcgetattr(0))
        except (OSError, termios.error):
            return None

    def restore(self) -> None:
        """Put back the saved modes and leave the reader's screen, if the reader left it on."""
        try:
            if os.tcgetpgrp(self.modes_fd) != os.getpgrp():
                return  # another job has the terminal now (or it has hung up)
            raw = termios.tcgetattr(self.modes_fd) != self.saved
            # Textual switches to the alternate screen a moment before it changes the
            # modes: the shared byte covers that moment.
            if not raw and not self.taken[0]:
                # Textual has not started, or has already given the terminal back;
                # leaving the alternate screen now would move the cursor to the top.
                return
            if raw:
                # From a background job, tcsetattr would stop this process with SIGTTOU,
                # unless the signal is blocked (for this thread only).
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU})
                termios.tcsetattr(self.modes_fd, termios.TCSANOW, self.saved)
            os.write(self.output_fd, _RESET)
        except (OSError, termios.error):
            pass

    def kept_from_other_writers(self) -> Terminal:
        """Return this terminal written through a private descriptor; the shared one goes nowhere.

        For a forced exit from this process: Textual's writer thread may still hold output
        queued before the signal (its mouse modes, say), and written after the restore it
        would switch them on again in the user's shell. Once the shared descriptor points
        at the null device, only the restore reaches the terminal. On failure, returns self.
        """
        try:
            private = os.dup(self.output_fd)
        except OSError:
            return self
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, self.output_fd)
            finally:
                os.close(null)
        except OSError:
            os.close(private)
            return self
        return dataclasses.replace(self, output_fd=private)

    def restore_briefly(self) -> None:
        """Restore the terminal, waiting at most RESTORE_TIMEOUT for it to take the bytes."""
        # A terminal that does not read (flow control, a stalled client) would block the
        # write, and with it the exit.
        helper = threading.Thread(target=self.restore, daemon=True, name="briefing-restore")
        helper.start()
        helper.join(RESTORE_TIMEOUT)

    def fds(self) -> set[int]:
        """Return the file descriptors whose hangup means the terminal has gone."""
        return {self.modes_fd, self.output_fd}


class ExitGuard:
    """While active, SIGTERM, SIGHUP or a closed terminal ends the process within 2 s.

    Use it around the reader's whole life, from before Textual is imported; hand it the
    running app's exit with `on_stop`. With `terminal` False (the reader drawing for a
    browser) it neither forks a watchdog nor watches a terminal. It does nothing outside
    the main thread, where signals cannot be handled.
    """

    def __init__(self, *, terminal: bool) -> None:
        self._wants_terminal = terminal
        self._terminal: Terminal | None = None
        self._active = False
        self._stop: Callable[[int], object] | None = None
        self._finished = threading.Event()
        self._wake_read = self._wake_write = -1
        self._watchdog: int | None = None
        self._watchdog_pipe = -1
        self._previous_wakeup = -1
        self._previous_handlers: dict[int, Any] = {}
        self._previous_hook = threading.excepthook

    def screen_taken(self, taken: bool) -> None:
        """Say that Textual is about to take the terminal (True), or has given it back."""
        if self._terminal is not None:
            self._terminal.mark_taken(taken)

    def on_stop(self, stop: Callable[[int], object] | None) -> None:
        """Set how to ask the running app to exit with a code, from any thread (None: no app).

        `stop` may raise RuntimeError when the app has already closed.
        """
        self._stop = stop

    def __enter__(self) -> ExitGuard:
        if threading.current_thread() is not threading.main_thread():
            return self
        self._active = True
        if self._wants_terminal:
            self._terminal = Terminal.capture()
        if self._terminal is not None:
            # Before any thread exists: a fork copies only the thread that calls it.
            self._watchdog, self._watchdog_pipe = _fork_watchdog(self._terminal)
            self._previous_wakeup = signal.set_wakeup_fd(
                self._watchdog_pipe, warn_on_full_buffer=False
            )
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)
        for number in STOP_SIGNALS:
            self._previous_handlers[number] = signal.signal(number, self._on_signal)
        self._previous_hook = threading.excepthook
        threading.excepthook = self._on_thread_error
        threading.Thread(target=self._watch, daemon=True, name="briefing-exit").start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if not self._active:
            return
        self._active = False
        self._finished.set()
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)
        threading.excepthook = self._previous_hook
        # Nothing writes to the pipe now; the watching thread closes its end.
        self._wake(_FINISHED)
        os.close(self._wake_write)
        if self._watchdog is not None:
            signal.set_wakeup_fd(self._previous_wakeup)
            # The watchdog ends when its pipe closes.
            os.close(self._watchdog_pipe)
            _reap(self._watchdog)

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        # A signal handler can interrupt any code, even code holding a lock that this
        # module would take: it only writes a byte, and the watching thread acts.
        self._wake(number)

    def _on_thread_error(self, args: threading.ExceptHookArgs) -> None:
        # Textual's writer thread dies on the first write to a terminal that has gone.
        if isinstance(args.exc_value, OSError) and args.exc_value.errno in _GONE_ERRORS:
            self._wake(_HANGUP)
        else:
            self._previous_hook(args)

    def _wake(self, reason: int) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_write, bytes([reason]))

    def _watch(self) -> None:
        poller = select.poll()
        poller.register(self._wake_read, select.POLLIN)
        hangups = self._terminal.fds() if self._terminal is not None else set()
        for fd in hangups:
            poller.register(fd, 0)  # hangups and errors only: input stays Textual's
        while True:
            for fd, _mask in poller.poll():
                reason: int
                if fd in hangups:
                    reason = _HANGUP
                    poller.unregister(fd)  # a hangup is reported again and again
                else:
                    read = os.read(self._wake_read, 1)
                    reason = read[0] if read else _FINISHED
                if reason == _FINISHED:
                    os.close(self._wake_read)
                    return
                self._end(128 + reason)

    def _end(self, code: int) -> None:
        """Ask the app to exit with `code`; end the process if it has not in GRACE seconds."""
        stop = self._stop
        if self._finished.is_set():
            return  # the reader has already left the guard
        if stop is not None:
            try:
                stop(code)
            except RuntimeError:
                pass  # the app has just closed: nothing graceful is left to do
            else:
                if self._finished.wait(GRACE):
                    return
        if self._terminal is not None:
            self._terminal.kept_from_other_writers().restore_briefly()
        os._exit(code)


def _fork_watchdog(terminal: Terminal) -> tuple[int, int]:
    """Start the watchdog process; return its pid and the pipe to give signal.set_wakeup_fd."""
    read, write = os.pipe()
    os.set_blocking(write, False)
    reader = os.getpid()
    child = os.fork()
    if child == 0:
        try:
            os.close(write)
            _watchdog(read, reader, terminal)
        finally:
            os._exit(0)
    os.close(read)
    return child, write


def _watchdog(pipe: int, reader: int, terminal: Terminal) -> None:
    """Kill `reader` if it still runs HARD_DEADLINE seconds after a stop or a hangup.

    The pipe carries a byte for each signal the reader receives, written by the kernel's
    signal delivery, not by Python; it closes when the reader ends, and so does this.
    """
    for number in (*STOP_SIGNALS, signal.SIGINT):
        signal.signal(number, signal.SIG_IGN)  # the reader handles these, not its watchdog
    # Named apart from the reader in `ps` and `top`.
    with contextlib.suppress(OSError), open("/proc/self/comm", "w", encoding="ascii") as comm:
        comm.write("briefing-guard")
    try:
        handle: int | None = os.pidfd_open(reader)
    except (AttributeError, OSError):
        handle = None  # the pid then: while the pipe is open, the reader still runs
    poller = select.poll()
    poller.register(pipe, select.POLLIN)
    hangups = terminal.fds()
    for fd in hangups:
        poller.register(fd, 0)
    deadline: float | None = None
    while deadline is None or time.monotonic() < deadline:
        wait = None if deadline is None else max(0, int((deadline - time.monotonic()) * 1000))
        for fd, _mask in poller.poll(wait):
            if fd in hangups:
                poller.unregister(fd)
                deadline = deadline or time.monotonic() + HARD_DEADLINE
                continue
            received = os.read(pipe, 64)
            if not received:
                return  # the reader has ended
            if deadline is None and any(byte in STOP_SIGNALS for byte in received):
                deadline = time.monotonic() + HARD_DEADLINE
    terminal.restore_briefly()
    with contextlib.suppress(OSError):
        if handle is not None:
            signal.pidfd_send_signal(handle, signal.SIGKILL)
        else:
            os.kill(reader, signal.SIGKILL)


def _reap(child: int) -> None:
    # The watchdog leaves within a moment of its pipe closing; never wait for it long.
    for _ in range(50):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(child, os.WNOHANG)[0] == 0:
                time.sleep(0.002)
                continue
        return
