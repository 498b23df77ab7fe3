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
URL_LINE = re.compile(r"serving .* at (http://\S+)$", re.MULTILINE)


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
    return [command for _, _, pgid, command in _live_processes() if pgid == group]


def group_pids(group: int) -> list[int]:
    """Return the ids of the live processes in a process group (Linux)."""
    return [pid for pid, _, pgid, _ in _live_processes() if pgid == group]


def child_commands(parent: int) -> list[str]:
    """Return the command lines of the live child processes of `parent` (Linux)."""
    return [command for _, ppid, _, command in _live_processes() if ppid == parent]


def _live_processes() -> Iterator[tuple[int, int, int, str]]:
    # (pid, parent pid, process group, command line) of every process that has not ended.
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        # After the command name in parentheses: state, parent pid, process group.
        state, ppid, pgid = stat.rsplit(")", 1)[1].split()[:3]
        # A zombie has ended; only its parent has yet to collect it.
        if state != "Z":
            yield int(entry.name), int(ppid), int(pgid), command


def token_of(url: str) -> str:
    """Return the token in a printed address (AssertionError if it has none)."""
    found = re.search(r"\?token=([A-Za-z0-9._~-]+)$", url)
    assert found, f"no token in {url!r}"
    return found[1]


def via_loopback(url: str) -> str:
    """Return a printed address with its host replaced by 127.0.0.1: tests stay on this machine."""
    return re.sub(r"^http://[^/]+:", "http://127.0.0.1:", url)


def socket_url(page: str, token: str | None = None) -> str:
    """Return the reader's socket address for a page address, as the page makes it."""
    origin = re.sub(r"^http://([^/]+)/.*$", r"ws://\1/", page)
    path = "ws" if token is None else f"ws/{token}"
    return f"{origin}{path}?width=80&height=24"
