"""Running `briefing serve` in tests: start it, read what it prints, always stop it."""

from __future__ import annotations

import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from briefing.commands.new import starter_text

TITLE = "The Eastbridge ferry dispute"
URL_LINE = re.compile(r"serving .* at (http://[^ ]+/)$", re.MULTILINE)


def free_port() -> int:
    """Return a loopback port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_starter(folder: Path) -> Path:
    """Write the starter briefing (title TITLE) into `folder`; return its path."""
    path = folder / "eastbridge.toml"
    path.write_text(starter_text(), encoding="utf-8")
    return path


class Served:
    """A running `briefing serve` process and what it has printed."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.output = ""

    def read_until(self, pattern: re.Pattern[str], timeout: float = 30) -> re.Match[str]:
        """Return the first match of `pattern` in stdout, waiting up to `timeout` seconds."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while not (found := pattern.search(self.output)):
                left = deadline - time.monotonic()
                ended = self.process.poll() is not None and not selector.select(0)
                if left <= 0 or ended:
                    raise AssertionError(f"never printed {pattern.pattern!r}: {self.output!r}")
                if selector.select(min(left, 0.5)):
                    chunk = os.read(self.process.stdout.fileno(), 65536)
                    self.output += chunk.decode("utf-8", "replace")
            return found


@contextmanager
def serve(*args: str) -> Iterator[Served]:
    """Run `briefing serve ARGS...`; always stop it and every reader it started."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        # Its own process group, so that the readers it starts can be ended with it.
        start_new_session=True,
    )
    try:
        yield Served(process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def group_commands(group: int) -> list[str]:
    """Return the command lines of the live processes in a process group (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != group:
                continue
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ProcessLookupError):
            continue
        # A zombie has ended; only its parent has yet to collect it.
        if stat.rsplit(")", 1)[1].split()[0] != "Z":
            found.append(command)
    return found
