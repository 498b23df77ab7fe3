"""The real program in a real terminal (tmux): what bytes reach it, and how it is left.

The raw stream the program writes is recorded with `tmux pipe-pane`, so a test can
show that the fixture's escape sequences never reach the terminal as bytes. Other
tests end the program by SIGTERM, SIGHUP, SIGINT, ctrl+c and an injected bug, and
check that the terminal is given back as it was: main screen, cursor shown, mouse
reporting off, and a shell that echoes and runs what is typed.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import TMUX, briefing_program, kill_session, new_session, tmux

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile.toml"
# In the slow layer: the installed program in tmux.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
]


class Terminal:
    """A tmux pane running a plain shell, with everything written to it recorded."""

    def __init__(self, folder: Path, width: int = 100, height: int = 30) -> None:
        self.name = f"briefing-hostile-{uuid.uuid4().hex[:8]}"
        self.folder = folder
        self.raw = folder / "raw.bin"
        self.pid_file = folder / "pid"
        self.state = folder / "state"
        new_session(
            self.name, width, height, "sh",
            env={"TERM": "xterm-256color", "BRIEFING_STATE_DIR": str(self.state)},
        )  # fmt: skip
        tmux("pipe-pane", "-o", "-t", self.name, f"cat >> {shlex.quote(str(self.raw))}")

    def run(self, *command: str) -> None:
        """Start a command through a wrapper that records its pid, then print its status."""
        wrapper = self.folder / "run.sh"
        wrapper.write_text('echo $$ > "$PID_FILE"\nexec "$@"\n', encoding="utf-8")
        line = " ".join(shlex.quote(part) for part in command)
        self.type(f"PID_FILE={self.pid_file} sh {wrapper} {line}; echo DONE-$?")
        self.keys("Enter")

    def keys(self, *keys: str) -> None:
        """Press keys by tmux name (Enter, C-c, Escape, j ...), one by one."""
        for key in keys:
            tmux("send-keys", "-t", self.name, key)
            # A lone ESC followed at once by another key reads as alt+key (or the start
            # of an escape sequence), as in any terminal: give it time to stand alone.
            time.sleep(0.5 if key == "Escape" else 0.1)

    def type(self, text: str) -> None:
        """Type text literally."""
        tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self) -> str:
        """Return what the pane shows, lines the terminal wrapped joined again."""
        return tmux("capture-pane", "-p", "-J", "-t", self.name)

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
        """Poll the pane until every text is on it; return the pane."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {texts!r}; the pane shows:\n{shown}")

    def flag(self, name: str) -> str:
        """Return a tmux pane flag, such as alternate_on or cursor_flag."""
        return tmux("display-message", "-p", "-t", self.name, f"#{{{name}}}").strip()

    def program_pid(self) -> int:
        """Return the pid of the program started by `run`."""
        deadline = time.monotonic() + 10
        while not (self.pid_file.exists() and self.pid_file.read_text().strip()):
            assert time.monotonic() < deadline, "the program did not start"
            time.sleep(0.1)
        return int(self.pid_file.read_text())

    def assert_restored(self) -> None:
        """Check that the terminal is back to a usable shell."""
        assert self.flag("alternate_on") == "0", "still in the alternate screen"
        assert self.flag("cursor_flag") == "1", "the cursor is still hidden"
        for mouse in ("mouse_any_flag", "mouse_all_flag", "mouse_button_flag", "mouse_sgr_flag"):
            assert self.flag(mouse) == "0", f"{mouse} is still on"
        # Echo and line editing work: the typed line shows and runs.
        self.type("echo ok-$((40 + 2))")
        self.keys("Enter")
        self.wait_for("echo ok-$((40 + 2))", "ok-42")

    def close(self) -> None:
        """End the tmux session (and with it anything still running in it)."""
        kill_session(self.name)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """Yield a tmux pane with a shell, ended after the test."""
    pane = Terminal(tmp_path)
    try:
        pane.type("echo ready-$((1 + 1))")
        pane.keys("Enter")
        pane.wait_for("ready-2")
        yield pane
    finally:
        pane.close()


# Sequences the fixture holds; as bytes on the wire, each would act on the terminal.
FIXTURE_SEQUENCES = [
    b"\x1b[31mRED", b"\x1b[31mred", b"\x1b]52;c;aGVsbG8=", b"\x1b]0;title", b"\x1b]8;;file",
    b"\x1b[8mhidden", b"\x1b[2J\x1b[H cleared", b"\x1b[5mblink", b"\x07 BEL", b"\x07 here",
]  # fmt: skip
C1_OR_BIDI = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def test_no_escape_from_the_fixture_reaches_the_terminal(terminal: Terminal) -> None:
    terminal.run(briefing_program(), str(HOSTILE))
    terminal.wait_for("Hostile [bold]x[/]", "q Quit")
    # Every claim, its evidence and denials, the search box and the help screen.
    terminal.keys("j", "Enter", "d", "Escape")
    for _ in range(5):
        terminal.keys("]", "Tab", "G", "Tab")
    terminal.keys("/")
    # Typed only once the box is there: on a busy machine it may take a moment to open.
    terminal.wait_for("Type to search")
    terminal.type("aGVsbG8")
    terminal.wait_for("2 matches (case-sensitive)")
    terminal.keys("Enter", "?")
    terminal.wait_for("Keys")
    terminal.keys("Escape", "q")
    terminal.wait_for("DONE-0")
    terminal.assert_restored()

    stream = terminal.raw.read_bytes()
    # The strings were drawn, escaped ...
    assert b"\\x1b]52;c;aGVsbG8=\\x07" in stream
    assert b"\\x1b[31mRED\\x1b[0m" in stream and b"\\u202eevil\\u202c" in stream
    # ... and none of their sequences was written raw.
    for sequence in FIXTURE_SEQUENCES:
        assert sequence not in stream, sequence
    assert not C1_OR_BIDI.search(stream)
    assert b"\x00" not in stream
    # The only operating-system commands are Textual's own pointer shape (OSC 22),
    # and the only BELs end those.
    assert set(re.findall(rb"\x1b\](\d*)", stream)) <= {b"22"}
    assert b"\x07" not in re.sub(rb"\x1b\]22;[^\x07\x1b]*\x07", b"", stream)


@pytest.mark.parametrize(
    ("how", "status"),
    [("SIGTERM", 128 + 15), ("SIGHUP", 128 + 1), ("SIGINT", 0), ("ctrl+c", 0)],
)
def test_the_terminal_is_restored_when_the_reader_is_stopped(
    terminal: Terminal, how: str, status: int
) -> None:
    terminal.run(briefing_program(), str(HOSTILE))
    terminal.wait_for("Hostile [bold]x[/]", "q Quit")
    terminal.keys("j", "Enter")
    terminal.wait_for("Claimant:")
    assert terminal.flag("alternate_on") == "1"
    if how == "ctrl+c":
        terminal.keys("C-c")
    else:
        # The pid the wrapper recorded is the program itself (it exec'd).
        os.kill(terminal.program_pid(), getattr(signal, how))
    shown = terminal.wait_for(f"DONE-{status}")
    assert "Traceback" not in shown
    terminal.assert_restored()


INJECT = """
import sys
import briefing.tui.widgets.claim_detail as claim_detail

def broken(*args, **kwargs):
    raise RuntimeError("injected failure \\x1b[31m[bold]x[/]")

claim_detail.ClaimDetail.show_claim = broken
from briefing.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_a_bug_in_the_reader_gives_one_line_and_a_log_not_a_traceback(
    terminal: Terminal,
) -> None:
    script = terminal.folder / "inject.py"
    script.write_text(INJECT, encoding="utf-8")
    terminal.run(sys.executable, str(script), str(HOSTILE))
    terminal.wait_for("Hostile [bold]x[/]", "q Quit")
    terminal.keys("j")  # showing a claim now fails
    shown = terminal.wait_for("DONE-1")
    assert "Traceback" not in shown and "File " not in shown
    # One line (the terminal may wrap it), the error escaped, naming the log.
    logs = list(terminal.state.glob("crash-*.log"))
    assert len(logs) == 1
    line = (
        "briefing: internal error: RuntimeError: injected failure \\x1b[31m[bold]x[/]; "
        f"details in {logs[0]} (please report it)"
    )
    assert line in shown.splitlines()
    log = logs[0].read_text(encoding="utf-8")
    assert log.startswith("Traceback") and "injected failure" in log
    terminal.assert_restored()
