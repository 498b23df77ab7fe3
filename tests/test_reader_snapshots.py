"""SVG snapshots of the reader's screens at fixed sizes (regenerate with --snapshot-update).

Paths are relative to the fixtures folder, so that the screens show the same
text wherever the repository is checked out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from reader_pilot import FIXTURES, briefing_screen, press, settle
from textual.pilot import Pilot

from briefing.document.bundled import bundled_briefings
from briefing.document.loader import load_file
from briefing.tui.app import create_app

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Return a run_before that waits for loading, then presses keys one by one."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, *pressed)

    return run


def test_briefing_screen_wide(snap_compare: SnapCompare) -> None:
    app = create_app(Path("reader-sample.toml"), watch_interval=None)
    assert snap_compare(app, terminal_size=(120, 36), run_before=keys("down"))


def test_briefing_screen_narrow_claim_with_denials(snap_compare: SnapCompare) -> None:
    app = create_app(Path("reader-sample.toml"), watch_interval=None)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("down", "enter", "d"))


def test_briefing_screen_narrow_outline(snap_compare: SnapCompare) -> None:
    app = create_app(Path("reader-sample.toml"), watch_interval=None)
    assert snap_compare(app, terminal_size=(60, 20), run_before=keys("down"))


def test_briefing_screen_filtered(snap_compare: SnapCompare) -> None:
    app = create_app(Path("reader-sample.toml"), watch_interval=None)
    assert snap_compare(
        app, terminal_size=(120, 30), run_before=keys("f", "down", "enter", "G", "enter")
    )


def test_briefing_screen_v2_claim_pane(snap_compare: SnapCompare) -> None:
    # A format 2 claim: names for ids, likelihood beside confidence, credibility and
    # reliability, relations from the other end, assumptions, indicators and gaps.
    app = create_app(Path("reader-v2.toml"), watch_interval=None)
    assert snap_compare(app, terminal_size=(120, 48), run_before=keys("down"))


def first_denied_claim(path: Path) -> str:
    """Return the id of the first claim with denials in a briefing."""
    briefing = load_file(path).briefing
    assert briefing is not None
    return next(claim.id for claim in briefing.claims() if claim.denials)


def test_bundled_briefing_claim_with_denials(snap_compare: SnapCompare) -> None:
    path = bundled_briefings()[0]
    claim_id = first_denied_claim(path)
    app = create_app(path, watch_interval=None)

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        briefing_screen(pilot.app).go_to_claim(claim_id, step=True)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run)


def test_help_screen(snap_compare: SnapCompare) -> None:
    app = create_app(Path("reader-sample.toml"), watch_interval=None)
    assert snap_compare(app, terminal_size=(100, 50), run_before=keys("question_mark"))


def test_error_screen(snap_compare: SnapCompare) -> None:
    app = create_app(Path("reader-broken.toml"), watch_interval=None)
    assert snap_compare(app, terminal_size=(100, 20), run_before=keys())


def test_library_screen(snap_compare: SnapCompare) -> None:
    app = create_app(Path("reader-library"), watch_interval=None)
    assert snap_compare(app, terminal_size=(100, 16), run_before=keys("j"))
