"""Running a piece of work in a forked child that nobody waits for, and reaping it.

The cache stores a briefing from a child (see `cache._write_in_child`): neither a
command nor the reader waits for the encoding. The child lets go of the terminal and
pipes at once (`$(briefing export ...)` waits for every holder of the pipe), runs only
the work (the parent's other threads, absent from it, hold nothing it needs), and ends
without running any exit handler, the reader's least of all.

A child that has ended stays in the process table until its parent collects its status.
A command ends soon after and leaves that to init; the reader may run for days and store
an entry on every save, so a thread of the parent's waits for each child: without it,
every store left one more defunct process behind until the reader quit.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable


def run_detached(work: Callable[[], object]) -> None:
    """Run `work` in a forked child and return at once (where there is `os.fork`).

    Raises OSError when no child can be made: no process to spare.
    """
    pid = os.fork()
    if pid != 0:
        # No thread to spare: the child stays in the table until this process ends.
        with contextlib.suppress(RuntimeError):
            threading.Thread(target=_reap, args=(pid,), name="reap-child", daemon=True).start()
        return
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.setsid()
        work()
    finally:
        os._exit(0)


def _reap(pid: int) -> None:
    # Blocks this thread alone (waitpid lets go of the interpreter lock) until the child
    # ends; a daemon, so a process that is done never waits for it.
    with contextlib.suppress(ChildProcessError, InterruptedError):
        os.waitpid(pid, 0)
