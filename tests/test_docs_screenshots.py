"""The README's screenshots of the reader are the snapshot tests' own SVGs, kept in step."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_reader_snapshots"
COPIES = {
    "screenshot-briefing.svg": "test_bundled_briefing_claim_with_denials.svg",
    "screenshot-narrow.svg": "test_briefing_screen_narrow_claim_with_denials.svg",
    "screenshot-library.svg": "test_library_screen.svg",
    "screenshot-error.svg": "test_error_screen.svg",
    "screenshot-help.svg": "test_help_screen.svg",
}


@pytest.mark.parametrize(("doc", "snapshot"), sorted(COPIES.items()))
def test_docs_screenshot_is_the_current_snapshot(doc: str, snapshot: str) -> None:
    # After `pytest --snapshot-update`, copy the snapshot over the docs file.
    assert (ROOT / "docs" / doc).read_bytes() == (SNAPSHOTS / snapshot).read_bytes()
    assert f"docs/{doc}" in (ROOT / "README.md").read_text(encoding="utf-8")
