"""Open in the editor (o): a fake editor edits the file; the reader reloads and re-checks it."""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from analysis_fixtures import PARTIES
from reader_pilot import briefing_screen, current, notices, press, screen_text, settle
from textual.pilot import Pilot

from briefing.document.loader import load_file
from briefing.settings.editor import claim_line
from briefing.tui.app import create_app
from briefing.tui.widgets.status_panel import DiagnosticsPanel

# In the slow layer: an editor run as a real process, then a reload.
pytestmark = pytest.mark.slow

# The fake editor: logs its arguments, then edits the line after `+LINE` as told.
FAKE_EDITOR = """
import os, pathlib, sys
line = int(sys.argv[1].lstrip("+"))
path = pathlib.Path(sys.argv[2])
pathlib.Path(os.environ["FAKE_EDITOR_LOG"]).write_text(" ".join(sys.argv[1:]))
lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
mode = os.environ["FAKE_EDITOR_MODE"]
if mode == "break":
    # A misspelt key just under the claim's header: the file no longer loads.
    lines.insert(line, '  textt = "typo"\\n')
elif mode == "rewrite":
    # The claim's text, on the line after its id.
    lines[line + 1] = '  text = "Rewritten in the editor."\\n'
path.write_text("".join(lines), encoding="utf-8")
sys.exit(int(os.environ.get("FAKE_EDITOR_STATUS", "0")))
"""


@pytest.fixture
def briefing_copy(tmp_path: Path) -> Path:
    """Return a copy of the many-parties fixture that the editor may change."""
    path = tmp_path / "parties.toml"
    shutil.copy(PARTIES, path)
    return path


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Set $EDITOR to the fake editor; return the file it logs its arguments to."""
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    log = tmp_path / "editor.log"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setenv("FAKE_EDITOR_LOG", str(log))
    return log


@asynccontextmanager
async def reading(path: Path) -> AsyncIterator[Pilot[None]]:
    """Run the reader on `path`, loaded and idle, not watching the file."""
    app = create_app(path, watch_interval=None, fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield pilot


async def edit(pilot: Pilot[None]) -> None:
    """Press o and wait for the editor and the reload that follows it."""
    await press(pilot, "o")
    await settle(pilot)
    await settle(pilot)


async def test_editor_opens_at_the_claim_line_and_a_broken_edit_keeps_the_last_good_version(
    briefing_copy: Path, fake_editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDITOR_MODE", "break")
    before = load_file(briefing_copy).briefing
    assert before is not None
    line = claim_line(briefing_copy, before, "convoy-attacked")
    assert line is not None
    async with reading(briefing_copy) as pilot:
        await press(pilot, "down", "down")
        assert current(pilot.app) == ("claim", "convoy-attacked")
        await edit(pilot)
        assert fake_editor.read_text() == f"+{line} {briefing_copy}"
        panel = briefing_screen(pilot.app).query_one(DiagnosticsPanel)
        assert panel.shown
        assert panel.border_title == "Reload failed: still showing the last good version"
        assert str(panel.content) == (
            f"{briefing_copy}:{line + 1}:3: error: sections[0].claims[1].textt: "
            "unknown key 'textt'; did you mean 'text'?"
        )
        text = screen_text(pilot.app)
        # The last good version stays on screen, where the reader was.
        assert "A convoy was attacked near the harbour mouth." in text
        assert current(pilot.app) == ("claim", "convoy-attacked")


async def test_a_good_edit_is_reloaded_and_shown(
    briefing_copy: Path, fake_editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDITOR_MODE", "rewrite")
    async with reading(briefing_copy) as pilot:
        await press(pilot, "down")
        await edit(pilot)
        assert "Reloaded" in notices(pilot.app)
        text = screen_text(pilot.app)
        assert "Rewritten in the editor." in text
        assert "Both navies agreed" not in text
        assert current(pilot.app) == ("claim", "escorts-agreed")


async def test_on_a_section_the_editor_opens_at_the_section(
    briefing_copy: Path, fake_editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDITOR_MODE", "none")
    lines = briefing_copy.read_text(encoding="utf-8").splitlines()
    section_line = lines.index("[[sections]]") + 1
    async with reading(briefing_copy) as pilot:
        await edit(pilot)
    assert fake_editor.read_text() == f"+{section_line} {briefing_copy}"


async def test_an_editor_that_fails_is_reported_and_the_file_still_reloads(
    briefing_copy: Path, fake_editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDITOR_MODE", "rewrite")
    monkeypatch.setenv("FAKE_EDITOR_STATUS", "3")
    async with reading(briefing_copy) as pilot:
        await press(pilot, "down")
        await edit(pilot)
        assert "The editor exited with status 3" in notices(pilot.app)
        assert "Rewritten in the editor." in screen_text(pilot.app)


async def test_no_editor_set_says_how_to_set_one(
    briefing_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    async with reading(briefing_copy) as pilot:
        await press(pilot, "down")
        await edit(pilot)
        assert notices(pilot.app) == [
            "No editor set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano)"
        ]


async def test_a_missing_editor_is_reported_not_a_crash(
    briefing_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    async with reading(briefing_copy) as pilot:
        await press(pilot, "down")
        await edit(pilot)
        (notice,) = notices(pilot.app)
        assert notice.startswith(f"Could not start the editor: {tmp_path / 'no-such-editor'}: ")
        assert briefing_screen(pilot.app).briefing is not None
