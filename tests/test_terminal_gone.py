"""Terminal gone, reader gone: the installed program in tmux, stopped while it loads.

Closing the pane (tmux hangs up its terminal) at six moments of a 10,000-claim load
must leave no process of the reader behind; SIGTERM in the middle of a load must end
it and give the shell back its terminal. The deadlines are generous, and only wait:
how fast the reader goes is measured by benchmarks/exit_latency.py, not asserted.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from terminal import (
    TMUX,
    briefing_program,
    kill_session,
    new_session,
    pane_flag,
    processes_with,
    tmux,
    wait_until_gone,
)

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ sits beside the package and is not installed with it (CI installs a wheel).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import SIZES, generate  # noqa: E402

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux's /proc"),
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Return a function giving the generated briefing of a named size (written once)."""
    folder = tmp_path_factory.mktemp("generated")

    def get(size: str) -> Path:
        path = folder / f"{size}.toml"
        if not path.exists():
            shape = SIZES[size]
            path.write_text(generate(shape.sections, shape.claims, label=size), encoding="utf-8")
        return path

    return get


class Pane:
    """A tmux session of its own, running the reader on a briefing under a name of its own.

    The name (a link to the briefing) is in the command line of every process of this
    reader, so they can be found in /proc, and of no other.
    """

    def __init__(self, folder: Path, briefing: Path, command: str) -> None:
        self.name = f"briefing-gone-{uuid.uuid4().hex[:8]}"
        self.file = folder / f"{self.name}.toml"
        self.file.symlink_to(briefing)
        line = command.format(program=briefing_program(), file=self.file)
        # The test's own cache: these moments are those of a load from the file itself,
        # not of a briefing another test left in the cache with its opening.
        env = {
            "TERM": "xterm-256color",
            "BRIEFING_STATE_DIR": str(folder / "state"),
            "BRIEFING_CACHE_DIR": str(folder / "cache"),
        }
        new_session(self.name, 100, 30, "sh", "-c", line, env=env)

    def screen(self) -> str:
        """Return what the pane shows, lines the terminal wrapped joined again."""
        return tmux("capture-pane", "-p", "-J", "-t", self.name)

    def wait_for(self, pattern: str, timeout: float = 60.0) -> re.Match[str]:
        """Poll the pane until `pattern` (a regular expression) shows; return its match."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            found = re.search(pattern, shown)
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {pattern!r}; the pane shows:\n{shown}")

    def reader_pid(self) -> int:
        """Return the reader's pid (not its watchdog's, a child of the reader)."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            found = processes_with(str(self.file))
            readers = [pid for pid, parent in found.items() if parent not in found]
            if readers:
                return readers[0]
            time.sleep(0.02)
        raise AssertionError("the reader did not start")

    def close(self) -> None:
        """End the session; then end, hard, whatever of the reader outlived it."""
        kill_session(self.name)
        for pid in processes_with(str(self.file)):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def panes(tmp_path: Path) -> Iterator[Callable[[Path, str], Pane]]:
    """Yield a function that opens a Pane; every pane is closed after the test."""
    opened: list[Pane] = []

    def open_pane(briefing: Path, command: str) -> Pane:
        opened.append(Pane(tmp_path, briefing, command))
        return opened[-1]

    yield open_pane
    for pane in opened:
        pane.close()


def describe(processes: dict[int, int]) -> str:
    """Return what each process is doing, for a failure message."""
    lines = []
    for pid in processes:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/wchan", encoding="ascii") as wchan:
                waiting = wchan.read()
        except OSError:
            continue
        lines.append(f"pid {pid}: state {fields[0]}, waiting in {waiting or '-'}")
    return "; ".join(lines)


# When the pane is closed: how long after it opened, or after what shows in it.
MOMENTS: dict[str, Callable[[Pane], object]] = {
    "at-once": lambda pane: None,
    "while-starting": lambda pane: time.sleep(0.3),
    "as-the-load-starts": lambda pane: pane.wait_for("Loading"),
    "mid-load": lambda pane: (pane.wait_for("Loading"), time.sleep(0.5)),
    "late-in-the-load": lambda pane: (pane.wait_for("Loading"), time.sleep(1.0)),
    "after-the-first-frame": lambda pane: pane.wait_for("Synthetic briefing 10k"),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_closing_the_terminal_during_a_large_load_leaves_no_process(
    panes: Callable[[Path, str], Pane], briefings: Callable[[str], Path], moment: str
) -> None:
    pane = panes(briefings("10k"), "exec {program} {file}")
    MOMENTS[moment](pane)
    # tmux closes the pane's terminal: the reader is sent SIGHUP, and the terminal hangs up.
    kill_session(pane.name)
    left = wait_until_gone(str(pane.file), timeout=20)
    assert not left, f"still running 20 s after the terminal closed: {describe(left)}"


# Starts a program with SIGHUP blocked, as a parent that blocks it would: the blocked
# mask survives exec.
BLOCK_SIGHUP = """
import os, signal, sys
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
os.execv(sys.argv[1], sys.argv[1:])
"""


def test_a_reader_never_told_of_the_hangup_still_ends_when_its_terminal_closes(
    panes: Callable[[Path, str], Pane], briefings: Callable[[str], Path], tmp_path: Path
) -> None:
    blocker = tmp_path / "block_sighup.py"
    blocker.write_text(BLOCK_SIGHUP, encoding="utf-8")
    pane = panes(briefings("10k"), f"exec {sys.executable} {blocker} {{program}} {{file}}")
    pane.wait_for("Loading")
    time.sleep(0.5)
    # No SIGHUP arrives: what is left is a terminal that reads as ended and fails writes.
    kill_session(pane.name)
    left = wait_until_gone(str(pane.file), timeout=20)
    assert not left, f"still running 20 s after the terminal closed: {describe(left)}"


def wait_for_flag(pane: Pane, flag: str, failure: str) -> None:
    """Wait until a tmux pane flag (alternate_on, mouse_any_flag …) is on; fail after 60 s."""
    deadline = time.monotonic() + 60
    while pane_flag(pane.name, flag) != "1":
        assert time.monotonic() < deadline, failure
        time.sleep(0.005)


def alternate_screen_on(pane: Pane) -> None:
    """Wait until the reader has switched the terminal to its alternate screen."""
    wait_for_flag(pane, "alternate_on", "the reader never took the screen")


def assert_shell_is_sane(pane: Pane) -> None:
    """Check that the terminal is back to a usable shell: main screen, cursor, no mouse, echo."""
    assert pane_flag(pane.name, "alternate_on") == "0", "still in the alternate screen"
    assert pane_flag(pane.name, "cursor_flag") == "1", "the cursor is still hidden"
    for mouse in ("mouse_any_flag", "mouse_all_flag", "mouse_button_flag", "mouse_sgr_flag"):
        assert pane_flag(pane.name, mouse) == "0", f"{mouse} is still on"
    # Echo and line editing work: the typed line shows and runs.
    tmux("send-keys", "-t", pane.name, "-l", "echo ok-$((40 + 2))")
    tmux("send-keys", "-t", pane.name, "Enter")
    pane.wait_for(re.escape("echo ok-$((40 + 2))") + r"\s+ok-42", timeout=20)


def sigterm_ends_it(pane: Pane) -> None:
    """Send the reader SIGTERM; check that it ends, leaves nothing, and gives the shell back."""
    os.kill(pane.reader_pid(), signal.SIGTERM)
    shown = pane.wait_for(r"EXITED (\d+)", timeout=20)
    # 128 + SIGTERM; or 128 + SIGKILL when the watchdog process had to end it.
    assert int(shown[1]) in (128 + signal.SIGTERM, 128 + signal.SIGKILL), shown[0]
    assert "Traceback" not in pane.screen()
    left = wait_until_gone(str(pane.file), timeout=20)
    assert not left, describe(left)
    assert_shell_is_sane(pane)


# When SIGTERM is sent, and to a reader of which briefing.
STOPS: dict[str, tuple[str, Callable[[Pane], object]]] = {
    "as-the-screen-is-taken": ("10k", alternate_screen_on),
    "mid-load": ("10k", lambda pane: (pane.wait_for("Loading"), time.sleep(0.5))),
    # The parser holds the interpreter for seconds: only the watchdog process can act.
    "mid-load-of-100MB": ("50k", lambda pane: (pane.wait_for("Loading"), time.sleep(1.5))),
}


@pytest.mark.parametrize("when", list(STOPS))
def test_sigterm_during_a_load_ends_the_reader_and_gives_the_shell_back(
    panes: Callable[[Path, str], Pane], briefings: Callable[[str], Path], when: str
) -> None:
    size, reach = STOPS[when]
    pane = panes(briefings(size), "{program} {file}; echo EXITED $?; exec sh")
    reach(pane)
    sigterm_ends_it(pane)


@pytest.mark.parametrize("drawn_from", ["opening", "picture"])
def test_sigterm_while_a_reopened_briefing_is_built_behind_its_first_frame(
    panes: Callable[[Path, str], Pane],
    briefings: Callable[[str], Path],
    tmp_path: Path,
    drawn_from: str,
) -> None:
    # Reopened, a 10,000-claim briefing shows its stored opening (or a picture of it)
    # at once and is built behind it (briefing/tui/briefing_screen/opening.py,
    # picture.py): stopped then, in the middle of that build, the reader still ends and
    # gives the shell back.
    path = briefings("10k")
    # A file changed in the last two seconds is not stored (opening_store.RACY_NS).
    time.sleep(max(0.0, path.stat().st_ctime + 2.2 - time.time()))
    cache = tmp_path / "cache"  # the panes' (see Pane)
    first = panes(path, "exec {program} {file}")
    first.wait_for("Synthetic briefing 10k")
    # The opening is stored once the first frame is drawn; the cache entry once the
    # reader has been still for two seconds.
    deadline = time.monotonic() + 60
    while not (list(cache.glob("*.opening")) and list(cache.glob("*.entry"))):
        assert time.monotonic() < deadline, f"nothing stored: {list(cache.iterdir())}"
        time.sleep(0.1)
    # Untouched, the first open keeps a picture of its first frame too.
    while not list(cache.glob("*.picture")):
        assert time.monotonic() < deadline, f"no picture kept: {list(cache.iterdir())}"
        time.sleep(0.1)
    kill_session(first.name)
    if drawn_from == "opening":
        for picture in cache.glob("*.picture"):
            picture.unlink()
    pane = panes(path, "{program} {file}; echo EXITED $?; exec sh")
    pane.wait_for("Synthetic briefing 10k")
    sigterm_ends_it(pane)


# A stand-in for the reader at its first moments: the guard is on, the screen taken and
# the modes raw, and a thread keeps writing mouse modes, as Textual's writer thread does
# with output queued before the signal came. Threads take turns at the interpreter every
# microsecond, so that such a write lands between the restore and the exit whenever the
# terminal is still open to it (before the fix, 5 runs of 8). The last argument only
# names the process.
LATE_WRITER = """
import os, sys, threading, tty
from briefing.process.lifecycle import ExitGuard

sys.setswitchinterval(1e-6)
with ExitGuard(terminal=True) as guard:
    guard.screen_taken(True)
    tty.setraw(0)
    os.write(2, b"\\x1b[?1049h\\x1b[?25l")

    def keep_the_mouse_on() -> None:
        while True:
            os.write(2, b"\\x1b[?1000h\\x1b[?1003h\\x1b[?1006h")

    threading.Thread(target=keep_the_mouse_on, daemon=True).start()
    threading.Event().wait()
"""


def test_sigterm_gives_the_shell_back_even_while_another_thread_writes_to_the_terminal(
    panes: Callable[[Path, str], Pane], tmp_path: Path
) -> None:
    script = tmp_path / "late_writer.py"
    script.write_text(LATE_WRITER, encoding="utf-8")
    pane = panes(script, f"{sys.executable} {script} {{file}}; echo EXITED $?; exec sh")
    wait_for_flag(pane, "mouse_any_flag", "the stand-in never turned the mouse on")
    os.kill(pane.reader_pid(), signal.SIGTERM)
    shown = pane.wait_for(r"EXITED (\d+)", timeout=20)
    assert int(shown[1]) == 128 + signal.SIGTERM, shown[0]
    assert_shell_is_sane(pane)
