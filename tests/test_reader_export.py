"""Pilot tests of `x`: export the current section as text or HTML, confirming before overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_pilot import SAMPLE, notices, press, reader
from textual.widgets import Input, RadioButton

from briefing.document.loader import load_file
from briefing.export import render
from briefing.tui.screens.confirm import ConfirmScreen
from briefing.tui.screens.export_path import ExportScreen

# In the slow layer: Pilot sessions typing export paths key by key.
pytestmark = pytest.mark.slow


def expected(section_id: str, fmt: str = "text") -> str:
    """Return the export helper's text for one section of the sample."""
    briefing = load_file(SAMPLE).briefing
    assert briefing is not None
    return render(briefing, section_ids=[section_id], fmt=fmt, width=80)


async def test_x_exports_the_current_section_to_the_default_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, *["right_square_bracket"] * 3, "x")  # a claim of "attacks"
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-path").value == "attacks.txt"  # type: ignore[attr-defined]
        await press(pilot, "enter")
        written = tmp_path / "attacks.txt"
        assert written.read_text(encoding="utf-8") == expected("attacks")
        assert "Wrote section 'attacks' to attacks.txt" in notices(app)


async def test_x_asks_before_overwriting_and_n_keeps_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "escorts.txt").write_text("keep me", encoding="utf-8")
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, "x", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert (tmp_path / "escorts.txt").read_text(encoding="utf-8") == "keep me"
        await press(pilot, "x", "enter", "y")
        assert (tmp_path / "escorts.txt").read_text(encoding="utf-8") == expected("escorts")


async def test_escape_cancels_the_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader(SAMPLE) as pilot:
        await press(pilot, "x", "escape")
        assert not isinstance(pilot.app.screen, ExportScreen)
        assert list(tmp_path.iterdir()) == []


async def test_a_failed_write_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader(SAMPLE) as pilot:
        await press(pilot, "x", *["backspace"] * 11, *"no/such/dir/x.txt", "enter")
        assert pilot.app.is_running
        assert any(n.startswith("Could not write no/such/dir/x.txt") for n in notices(pilot.app))


async def test_x_offers_html_and_the_name_follows_the_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        await press(pilot, *["right_square_bracket"] * 3, "x")
        assert isinstance(app.screen, ExportScreen)
        # Tab to the formats, down to HTML, enter to choose it: back in the path box.
        await press(pilot, "tab", "down", "enter")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen) and dialog.fmt == "html"
        box = dialog.query_one("#export-path", Input)
        assert box.value == "attacks.html" and box.has_focus
        await press(pilot, "enter")
        written = tmp_path / "attacks.html"
        assert written.read_text(encoding="utf-8") == expected("attacks", "html")
        assert "Wrote section 'attacks' to attacks.html" in notices(app)


async def test_a_name_ending_in_html_picks_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader(SAMPLE) as pilot:
        await press(pilot, "x", *["backspace"] * 3, *"html")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportScreen) and dialog.fmt == "html"
        assert dialog.query_one("#format-html", RadioButton).value is True
        await press(pilot, "enter")
        assert (tmp_path / "escorts.html").read_text(encoding="utf-8") == expected(
            "escorts", "html"
        )
        # And back: a .txt name is text again.
        await press(pilot, "x", *["backspace"] * 4, *"txt")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportScreen) and dialog.fmt == "text"
