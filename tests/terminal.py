"""Running the installed program in tmux, on a private tmux server, for the real-terminal tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    """
    variables = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    tmux(
        "new-session", "-d", "-x", str(width), "-y", str(height), "-s", name,
        *variables, *command, env=env,
    )  # fmt: skip
