"""The sources view in a real terminal (tmux): at 120x40 every source of the bundled
briefing is on its first screen, Reuters included, and + opens them all."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from analysis_fixtures import bundled_path, load
from terminal import TMUX, briefing_program, kill_session, new_session, tmux
from test_tmux_reader import capture, exit_status, wait_for

from briefing.tui.views.base import preview
from briefing.tui.views.sources import TITLE_WIDTH

# In the slow layer: the installed program in tmux.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
]


def test_sources_first_screen_in_a_real_terminal(tmp_path: Path) -> None:
    briefing = load(bundled_path())
    titles = [preview(source.title, TITLE_WIDTH) for source in briefing.sources]
    assert any("Reuters" in title for title in titles)
    name = f"briefing-test-{uuid.uuid4().hex[:8]}"
    status_file = tmp_path / "status"
    command = f"{briefing_program()} {bundled_path()}; echo $? > {status_file}"
    new_session(name, 120, 40, "sh", "-c", command, env={"TERM": "xterm-256color"})
    try:
        wait_for(name, "? Help", "Quit")
        tmux("send-keys", "-t", name, "s")
        screen = wait_for(name, "Sources — ", *titles, "+ Open all", "- Close all")
        # Closed: one row per source, no claim under any of them.
        rows = [line for line in screen.splitlines() if "▶ " in line]
        assert len(rows) == len(briefing.sources)
        assert "◆ only source" not in screen.split("Sources — ")[1].split("\n", 2)[2]
        tmux("send-keys", "-t", name, "+")
        wait_for(name, "▼ " + titles[0], "◆ only source  ")
        tmux("send-keys", "-t", name, "-")
        wait_for(name, "▶ " + titles[0])
        assert "Traceback" not in capture(name)
        tmux("send-keys", "-t", name, "q")
        assert exit_status(status_file) == 0
    finally:
        kill_session(name)
