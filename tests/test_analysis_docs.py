"""docs/screenshot-<view>.svg: one screenshot per analyst view, on the bundled briefing.

Run with BRIEFING_UPDATE_DOCS=1 to write them again; otherwise each is checked to be
a screenshot of its view of the bundled briefing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from analysis_fixtures import bundled_path, load
from reader_pilot import press, settle

from briefing.tui.app import create_app

DOCS = Path(__file__).resolve().parents[1] / "docs"
VIEWS = {
    "sources": (("down", "s"), "Sources"),
    "who-says-what": (("down", "w"), "Who says what"),
    "timeline": (("down", "t"), "Timeline"),
    "claims-table": (("down", "T"), "Claims table"),
    # The eighth claim, tacit-official-approval: supported and contradicted.
    "argument-map": (("right_square_bracket",) * 8 + ("a", "down", "right"), "Argument map"),
    "assessment": (("down", "A"), "Assessment"),
}


@pytest.mark.parametrize("view", VIEWS)
async def test_docs_screenshot_of_each_view(view: str) -> None:
    keys, title = VIEWS[view]
    path = DOCS / f"screenshot-{view}.svg"
    heading = f"{title} — {load(bundled_path()).briefing.title}"
    if os.environ.get("BRIEFING_UPDATE_DOCS"):
        app = create_app(bundled_path(), watch_interval=None, fresh=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await press(pilot, *keys)
            await settle(pilot)
            path.write_text(app.export_screenshot(title=heading), encoding="utf-8")
    hint = f"{path.name} is missing: run BRIEFING_UPDATE_DOCS=1 pytest {__file__}"
    assert path.exists(), hint
    svg = path.read_text(encoding="utf-8")
    # The SVG holds the screen's text with spaces as &#160;.
    assert title.replace(" ", "&#160;") in svg
