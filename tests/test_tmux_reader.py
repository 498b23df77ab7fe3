"""The installed `briefing` program in a real terminal (tmux): keys in, screen out, exit 0."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from terminal import TMUX, briefing_program, kill_session, new_session, tmux

FIXTURE = Path(__file__).parent / "fixtures" / "reader-sample.toml"
BUNDLED = Path(__file__).parents[1] / "content" / "china-russia-ukraine.toml"
# In the slow layer: the installed program in tmux.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
]


def capture(session: str) -> str:
    """Return what the pane shows."""
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, *texts: str, timeout: float = 15.0) -> str:
    """Poll the pane until every text is on it; return the pane."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = capture(session)
        if all(text in screen for text in texts):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {texts!r}; the pane shows:\n{screen}")


def steady(session: str) -> str:
    """Return the pane once two looks at it a moment apart agree (not caught mid-redraw)."""
    before, now = "", capture(session)
    while now != before:
        time.sleep(0.3)
        before, now = now, capture(session)
    return now


@pytest.fixture
def session(tmp_path: Path) -> object:
    """Yield a function that starts the reader in a tmux session of a given size."""
    name = f"briefing-test-{uuid.uuid4().hex[:8]}"
    status_file = tmp_path / "status"

    def start(
        width: int, height: int, fixture: Path = FIXTURE, env: dict[str, str] | None = None
    ) -> tuple[str, Path]:
        command = f"{briefing_program()} {fixture}; echo $? > {status_file}"
        env = {"TERM": "xterm-256color", **(env or {})}
        new_session(name, width, height, "sh", "-c", command, env=env)
        return name, status_file

    yield start
    kill_session(name)


def exit_status(status_file: Path, timeout: float = 15.0) -> int:
    """Wait for the program to end; return its exit status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if status_file.exists() and status_file.read_text().strip():
            return int(status_file.read_text())
        time.sleep(0.2)
    raise AssertionError("the program did not exit")


@pytest.mark.parametrize(("width", "height"), [(80, 24), (120, 40)])
def test_reader_in_a_real_terminal(session: object, width: int, height: int) -> None:
    name, status_file = session(width, height)  # type: ignore[operator]
    wait_for(name, "Grain corridor talks", "Naval escorts", "? Help", "Quit")
    tmux("send-keys", "-t", name, "j", "Enter")
    # The claim, who denies it, and the footer's keys, on one screen.
    screen = wait_for(
        name,
        "Both navies agreed to escort grain convoys.",
        "✗ DENIED by Neighbouring government, Port authority",
        "? Help",
        "/ Search",
        "q Quit",
    )
    assert "Traceback" not in screen
    if height >= 40:
        # Tall enough for the denials themselves beside the claim.
        wait_for(name, "Denied by Neighbouring government", "'pure invention'.")
    tmux("send-keys", "-t", name, "d")
    wait_for(name, "Denied by Neighbouring government", "Called the report 'pure invention'.")
    tmux("send-keys", "-t", name, "q")
    assert exit_status(status_file) == 0


def test_assessment_in_a_real_terminal(session: object) -> None:
    name, status_file = session(120, 40, BUNDLED)  # type: ignore[operator]
    wait_for(name, "China's role in Russia's war against Ukraine", "? Help")
    tmux("send-keys", "-t", name, "A")
    # The bottom line and the indicators, on the first screen.
    screen = wait_for(
        name,
        "Assessment — China's role in Russia's war against Ukraine",
        "Bottom line: Kyiv's accusations",
        "Would strengthen the claim if seen  (1)",
        "watch for: Kyiv starts to treat Beijing as a credible peacemaker",
        "Would weaken the claim if seen  (1)",
        "watch for: Kyiv goes on accusing China",
    )
    assert "Traceback" not in screen
    # The first judgement, then Enter: back in the reader, on that claim.
    tmux("send-keys", "-t", name, "Down", "Enter")
    wait_for(name, "The Chinese authorities must be aware", "Claimant:")
    tmux("send-keys", "-t", name, "q")
    assert exit_status(status_file) == 0


def test_argument_map_in_a_real_terminal_without_colour(session: object) -> None:
    fixture = FIXTURE.parent / "features-v2.toml"
    name, status_file = session(120, 30, fixture, {"NO_COLOR": "1"})  # type: ignore[operator]
    wait_for(name, "Grain corridor: who says what", "? Help")
    tmux("send-keys", "-t", name, "]", "]")  # convoy-attacked
    wait_for(name, "A convoy was attacked near the strait.", "Claimant:")
    tmux("send-keys", "-t", name, "a")
    # The marks and words carry the relation: no colour is needed to read it.
    screen = wait_for(
        name,
        "Argument map — Grain corridor: who says what",
        "+ supported by: War-risk premiums rose the day after the reported attack.",
        "− contradicts: No convoy was attacked. — Neighbouria Navy",
    )
    assert "Traceback" not in screen
    tmux("send-keys", "-t", name, "Down", "Right")  # no-attack, opened a step
    wait_for(name, "= same as: The navy says there was no attack.")
    tmux("send-keys", "-t", name, "Enter")  # to no-attack, in the reader
    wait_for(name, "Claimant:   Neighbouria Navy", "? Help")
    tmux("send-keys", "-t", name, "q")
    assert exit_status(status_file) == 0


def fills(screen: str, width: int, height: int) -> bool:
    """Return True if the footer is on the screen's last row and reaches its right edge."""
    rows = screen.split("\n")
    footers = [number for number, line in enumerate(rows) if "? Help" in line]
    if not footers:
        return False  # caught mid-redraw
    # The palette key, last in the footer, ends one column short of the edge.
    return footers[-1] == height - 1 and len(rows[footers[-1]].rstrip()) in (width - 1, width)


def test_the_reader_draws_at_its_terminals_size_whatever_columns_and_lines_say(
    session: object,
) -> None:
    # Exported by a shell's rc file, a script or a test runner, COLUMNS and LINES must
    # not pin the reader at their size: it fills its terminal, and follows a resize.
    name, status_file = session(120, 40, env={"COLUMNS": "80", "LINES": "24"})  # type: ignore[operator]
    screen = wait_for(name, "Grain corridor talks", "? Help")
    assert fills(screen, 120, 40), f"not drawn at the terminal's 120 x 40:\n{screen}"
    tmux("resize-window", "-t", name, "-x", "100", "-y", "30")
    deadline = time.monotonic() + 15
    while not fills(capture(name), 100, 30):
        assert time.monotonic() < deadline, f"did not follow the resize:\n{capture(name)}"
        time.sleep(0.2)
    tmux("send-keys", "-t", name, "q")
    assert exit_status(status_file) == 0


def test_a_briefing_reopened_from_its_opening_or_its_picture_takes_keys_typed_at_once(
    session: object, tmp_path: Path
) -> None:
    # Reopened, the briefing's first frame is drawn from its stored rows (briefing/tui/
    # briefing_screen/opening.py) or from a picture of that frame (picture.py), and the
    # briefing built behind it; keys typed before it is built are pressed on it once it
    # is, in order. The first open, untouched, stores both.
    cache = tmp_path / "cache"
    copy = tmp_path / "sample.toml"
    copy.write_bytes(FIXTURE.read_bytes())
    # A file changed in the last two seconds is not recorded (opening_store.RACY_NS).
    time.sleep(max(0.0, copy.stat().st_ctime + 2.2 - time.time()))
    env = {"BRIEFING_CACHE_DIR": str(cache)}
    name, status_file = session(120, 40, fixture=copy, env=env)  # type: ignore[operator]
    wait_for(name, "Grain corridor talks", "? Help")
    first = steady(name)
    deadline = time.monotonic() + 15
    while not (list(cache.glob("*.opening")) and list(cache.glob("*.picture"))):
        assert time.monotonic() < deadline, f"not stored: {list(cache.iterdir())}"
        time.sleep(0.1)
    tmux("send-keys", "-t", name, "q")
    assert exit_status(status_file) == 0
    status_file.unlink()
    kill_session(name)
    for drawn_from in ("rows", "picture"):
        if drawn_from == "rows":
            for picture in cache.glob("*.picture"):
                picture.unlink()  # this open draws the rows, and keeps a picture anew
        name, status_file = session(120, 40, fixture=copy, env=env)  # type: ignore[operator]
        tmux("send-keys", "-t", name, "j", "Enter")
        screen = wait_for(
            name,
            "Both navies agreed to escort grain convoys.",
            "✗ DENIED by Neighbouring government, Port authority",
        )
        assert "Traceback" not in screen
        deadline = time.monotonic() + 15
        while not list(cache.glob("*.picture")):
            assert time.monotonic() < deadline, "no picture was kept"
            time.sleep(0.1)
        tmux("send-keys", "-t", name, "q")
        assert exit_status(status_file) == 0
        status_file.unlink()
        kill_session(name)
    # And the picture shows what the first open showed first (no place to go back to).
    unplaced = {**env, "BRIEFING_STATE_DIR": str(tmp_path / "no-places")}
    name, status_file = session(120, 40, fixture=copy, env=unplaced)  # type: ignore[operator]
    wait_for(name, "Grain corridor talks", "? Help")
    assert steady(name) == first
    tmux("send-keys", "-t", name, "q")
    assert exit_status(status_file) == 0
