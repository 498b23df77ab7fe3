"""SVG snapshots of the analyst views in the reader (regenerate with --snapshot-update).

Each runs the reader as the CLI builds it on the many-parties fixture, opened by
its relative path so that the screens are the same wherever the repository is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from analysis_fixtures import FIXTURES
from reader_pilot import press, settle
from textual.pilot import Pilot

from briefing.tui.app import create_app

SnapCompare = Callable[..., bool]
FIXTURE = Path("analysis-parties.toml")


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Return a run_before that waits for loading, presses keys, and waits for the view."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, *pressed)
        await settle(pilot)

    return run


def test_sources_view(snap_compare: SnapCompare) -> None:
    app = create_app(FIXTURE, watch_interval=None, fresh=True)
    assert snap_compare(app, terminal_size=(120, 36), run_before=keys("s"))


def test_who_says_what_view(snap_compare: SnapCompare) -> None:
    app = create_app(FIXTURE, watch_interval=None, fresh=True)
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys("w"))


def test_timeline_view(snap_compare: SnapCompare) -> None:
    app = create_app(FIXTURE, watch_interval=None, fresh=True)
    assert snap_compare(app, terminal_size=(120, 24), run_before=keys("down", "t"))


def test_claims_table_view_sorted_by_date(snap_compare: SnapCompare) -> None:
    app = create_app(FIXTURE, watch_interval=None, fresh=True)
    assert snap_compare(app, terminal_size=(120, 20), run_before=keys("T", "4"))


def test_claim_detail_linked_from(snap_compare: SnapCompare) -> None:
    app = create_app(FIXTURE, watch_interval=None, fresh=True)
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys("down", "enter", "G"))


def test_assessment_view(snap_compare: SnapCompare) -> None:
    app = create_app(Path("features-v2.toml"), watch_interval=None, fresh=True)
    assert snap_compare(app, terminal_size=(120, 52), run_before=keys("A"))


def test_argument_map_view(snap_compare: SnapCompare) -> None:
    # convoy-attacked: supported by one claim, contradicting another, opened a step.
    app = create_app(Path("features-v2.toml"), watch_interval=None, fresh=True)
    pressed = keys("right_square_bracket", "right_square_bracket", "a", "down", "right")
    assert snap_compare(app, terminal_size=(120, 24), run_before=pressed)
