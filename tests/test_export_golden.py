"""Golden files: every export format of the bundled briefing and of the features fixtures.

A golden file is the exact expected output. When an export changes on purpose,
regenerate them with `BRIEFING_UPDATE_GOLDEN=1 pytest tests/test_export_golden.py`
and review the diff; without that variable any difference fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from briefings import BUNDLED, FEATURES, FEATURES_V2, TESTS, load_briefing

from briefing.export import render

GOLDEN = TESTS / "golden"
SAMPLE = TESTS.parent / "docs" / "export-sample.txt"
SAMPLE_SECTION = "military-observers"
SAMPLE_COMMAND = f"$ briefing export content/china-russia-ukraine.toml --section {SAMPLE_SECTION}\n"
UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1"

# The sections of each briefing that the section goldens export (given out of
# reading order on purpose: the export puts them back in order).
SECTIONS = {
    "bundled": ["chinese-fighters"],
    "features": ["hostile", "escorts"],
    # Relations reach into the section left out: their links say which section.
    "features-v2": ["outlook", "escorts"],
}
FILES = {"bundled": BUNDLED, "features": FEATURES, "features-v2": FEATURES_V2}
# (golden file suffix, whole briefing or the sections above, format, width)
CASES = [
    ("-w80.txt", False, "text", 80),
    ("-w40.txt", False, "text", 40),
    ("-w0.txt", False, "text", 0),
    (".md", False, "markdown", 80),
    (".json", False, "json", 80),
    ("-sections-w80.txt", True, "text", 80),
    ("-sections-w40.txt", True, "text", 40),
    ("-sections.md", True, "markdown", 80),
    ("-sections.json", True, "json", 80),
]


def check_golden(path: Path, actual: str) -> None:
    """Compare `actual` with the golden file at `path` (or rewrite it when updating)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"no golden file {path}; create it with BRIEFING_UPDATE_GOLDEN=1")
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"export differs from {path.name}"


@pytest.mark.parametrize("name", list(FILES))
@pytest.mark.parametrize(("suffix", "by_section", "fmt", "width"), CASES)
def test_export_matches_golden_file(
    name: str, suffix: str, by_section: bool, fmt: str, width: int
) -> None:
    briefing = load_briefing(FILES[name])
    section_ids = SECTIONS[name] if by_section else None
    actual = render(briefing, section_ids, fmt, width)
    check_golden(GOLDEN / f"export-{name}{suffix}", actual)


def test_docs_sample_is_a_real_export_of_the_bundled_briefing() -> None:
    actual = render(load_briefing(BUNDLED), [SAMPLE_SECTION])
    check_golden(SAMPLE, SAMPLE_COMMAND + actual)
