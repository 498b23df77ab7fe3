"""A private tmux server driven through one control-mode client: start programs, read screens.

Control mode (`tmux -C`) takes commands on stdin and answers each between `%begin`
and `%end` lines, so polling the screen with `capture-pane` costs a round trip on a
socket (about half a millisecond) instead of starting a tmux client each time.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from typing import IO

WIDTH, HEIGHT = 120, 40


class TmuxError(RuntimeError):
    """tmux refused a command or went away."""


@dataclass(frozen=True)
class Pane:
    """A program running in its own tmux window."""

    window: str
    pane: str
    pid: int


def available() -> bool:
    """Return True when tmux is installed."""
    return shutil.which("tmux") is not None


class Tmux:
    """One tmux server of our own (its own socket), killed on close."""

    def __init__(self) -> None:
        # A socket of our own, in a folder of our own: removed with the server.
        self._folder = tempfile.mkdtemp(prefix="briefing-bench-tmux-")
        self.socket = os.path.join(self._folder, "socket")
        self._client = subprocess.Popen(
            [
                *("tmux", "-S", self.socket, "-f", "/dev/null", "-C"),
                *("new-session", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT)),
                "sleep 1000000",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        assert self._client.stdin is not None and self._client.stdout is not None
        self._in: IO[bytes] = self._client.stdin
        self._out: IO[bytes] = self._client.stdout
        self._running: list[Pane] = []
        # The program's output would otherwise come back to us as %output lines.
        self.command("refresh-client -f no-output")

    def command(self, line: str) -> list[str]:
        """Send one tmux command; return the lines of its answer."""
        self._in.write(line.encode() + b"\n")
        lines: list[str] | None = None
        while True:
            raw = self._out.readline()
            if not raw:
                raise TmuxError(f"tmux went away during: {line}")
            text = raw.decode("utf-8", "replace").rstrip("\n")
            if text.startswith("%begin"):
                # Flag 1: the answer to a command of this client (0: the session's creation).
                lines = [] if text.split()[-1] == "1" else None
            elif lines is not None and text.startswith(("%end", "%error")):
                if text.startswith("%error"):
                    raise TmuxError(f"{line}: {' '.join(lines)}")
                return lines
            elif lines is not None:
                lines.append(text)

    def start(self, argv: list[str], env: dict[str, str] | None = None) -> Pane:
        """Start `argv` in a new window (exec'd, so the pane's pid is the program's)."""
        prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        shell = f"exec env {prefix} {shlex.join(argv)}" if prefix else f"exec {shlex.join(argv)}"
        out = self.command(
            "new-window -d -P -F '#{window_id} #{pane_id} #{pane_pid}' " + _tmux_quote(shell)
        )
        window, pane_id, pid = out[0].split()
        pane = Pane(window, pane_id, int(pid))
        self._running.append(pane)
        return pane

    def screen(self, pane: Pane) -> str:
        """Return the text the pane shows now."""
        return "\n".join(self.command(f"capture-pane -p -t {pane.pane}"))

    def send(self, pane: Pane, key: str) -> None:
        """Send one key (tmux's name for it, e.g. Down) to the pane."""
        self.command(f"send-keys -t {pane.pane} {key}")

    def wait_for(
        self, pane: Pane, marker: str, *, since: float, timeout: float, poll: float = 0.001
    ) -> float:
        """Poll the screen until `marker` shows; return the seconds since `since`."""
        deadline = since + timeout
        while True:
            if marker in self.screen(pane):
                return time.perf_counter() - since
            now = time.perf_counter()
            if now > deadline:
                tail = self.screen(pane).strip().splitlines()[-3:]
                raise TimeoutError(f"{marker!r} not on screen after {timeout:.0f} s: {tail}")
            time.sleep(poll)

    def stop(self, pane: Pane) -> None:
        """End the pane's program (by its pid: a Textual app outlives SIGHUP), then its window."""
        if pane in self._running:
            self._running.remove(pane)
            _end(pane.pid)
        # The window may have closed with its program.
        with contextlib.suppress(TmuxError):
            self.command(f"kill-window -t {pane.window}")

    def close(self) -> None:
        """End the programs still running, then this server (ours alone) and its client."""
        for pane in list(self._running):
            self.stop(pane)
        try:
            self._in.write(b"kill-server\n")
            self._in.close()
        except OSError:
            pass
        try:
            self._client.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._client.kill()
            self._client.wait()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _end(pid: int, grace: float = 5.0) -> None:
    """Terminate one process we started, and kill it if it does not go within `grace`."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.perf_counter() + grace
    while time.perf_counter() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.01)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    # The pane's program is the tmux server's child, not ours: look at its state.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def peak_rss_kb(pid: int) -> int:
    """Return the peak resident memory of a running process (VmHWM), in kilobytes."""
    return status_kb(pid, "VmHWM")


def status_kb(pid: int, field: str) -> int:
    """Return one kilobyte figure of a running process's /proc status (VmRSS, VmHWM …)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} for process {pid}")


def _tmux_quote(text: str) -> str:
    # tmux's own parser: single quotes take everything literally except a single quote.
    return "'" + text.replace("'", "'\\''") + "'"
