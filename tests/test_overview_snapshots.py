"""SVG snapshots of the overviews on the bundled briefing at 120x40 (sources, who says what).

The reader runs as the CLI builds it, on the bundled briefing opened by its name from
its own folder, so that the screens are the same wherever the repository is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_fixtures import bundled_path
from test_analysis_snapshots import SnapCompare, keys

from briefing.tui.app import create_app


@pytest.fixture(autouse=True)
def _in_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bundled_path().parent)


def _app() -> object:
    return create_app(Path(bundled_path().name), watch_interval=None, fresh=True)


def test_sources_overview_of_the_bundled_briefing(snap_compare: SnapCompare) -> None:
    assert snap_compare(_app(), terminal_size=(120, 40), run_before=keys("s"))


def test_parties_overview_by_organisation(snap_compare: SnapCompare) -> None:
    # The Government of Ukraine opened (third of the top-level parties): its parts under it.
    assert snap_compare(
        _app(), terminal_size=(120, 40), run_before=keys("w", "down", "down", "right")
    )


def test_timeline_columns_sized_to_the_bundled_briefing(snap_compare: SnapCompare) -> None:
    assert snap_compare(_app(), terminal_size=(120, 40), run_before=keys("t"))
