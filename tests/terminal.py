"""Running the installed program in tmux, on a private tmux server, for the real-terminal tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
# A private tmux server: other sessions on the machine (and their sizes) cannot interfere.
SOCKET = f"briefing-tests-{os.getpid()}"


def briefing_program() -> str:
    """Return the installed `briefing` executable: beside this Python, or on PATH."""
    beside = Path(sys.executable).parent / "briefing"
    if beside.exists():
        return str(beside)
    found = shutil.which("briefing")
    if found is None:
        pytest.skip("the briefing program is not installed")
    return found


def tmux(*args: str, env: dict[str, str] | None = None) -> str:
    """Run a tmux command on the tests' own server; return its output."""
    assert TMUX is not None
    done = subprocess.run(
        [TMUX, "-L", SOCKET, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
        env=None if env is None else {**os.environ, **env},
    )
    return done.stdout


def kill_session(name: str) -> None:
    """End a tmux session and whatever still runs in it; no error if it is gone."""
    subprocess.run(
        [TMUX or "tmux", "-L", SOCKET, "kill-session", "-t", name],
        capture_output=True,
        check=False,
    )


def new_session(name: str, width: int, height: int, *command: str, env: dict[str, str]) -> None:
    """Start a detached session running `command` in a width x height window.

    `env` goes to the session and to the tmux client too, so a server started by this
    call inherits it: started without TERM, the reader at 120x40 drew its narrow layout.
    A new session right after the previous test killed its last one can reach the server
    as it exits ("server exited unexpectedly"): then a second try starts a fresh server.
    """
    variables = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    arguments = [
        "new-session", "-d", "-x", str(width), "-y", str(height), "-s", name,
        *variables, *command,
    ]  # fmt: skip
    try:
        tmux(*arguments, env=env)
    except subprocess.CalledProcessError as error:
        if "server exited unexpectedly" not in (error.stderr or ""):
            raise
        tmux(*arguments, env=env)


def processes_with(argument: str) -> dict[int, int]:
    """Return the live processes that have `argument` among their arguments: pid -> parent pid.

    Read from /proc (Linux). Zombies are left out: they hold no memory and only wait
    for their parent to collect their status.
    """
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if argument.encode() not in cmdline.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                state, parent = stat.read().rsplit(")", 1)[1].split()[:2]
        except OSError:
            continue  # ended meanwhile
        if state != "Z":
            found[int(entry)] = int(parent)
    return found


def wait_until_gone(argument: str, timeout: float = 20.0) -> dict[int, int]:
    """Poll until no process has `argument` among its arguments; return any left at `timeout`."""
    deadline = time.monotonic() + timeout
    left = processes_with(argument)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = processes_with(argument)
    return left


def pane_flag(session: str, name: str) -> str:
    """Return a tmux pane flag of the session's pane, such as alternate_on or cursor_flag."""
    return tmux("display-message", "-p", "-t", session, f"#{{{name}}}").strip()
