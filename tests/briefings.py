"""The briefings many tests read, and one way to load them that fails the test loudly."""

from __future__ import annotations

from pathlib import Path

from briefing.document.loader import load_file
from briefing.document.model import Briefing

TESTS = Path(__file__).parent
BUNDLED = TESTS.parent / "content" / "china-russia-ukraine.toml"
FEATURES = TESTS / "fixtures" / "features.toml"
FEATURES_V2 = TESTS / "fixtures" / "features-v2.toml"


def load_briefing(path: Path) -> Briefing:
    """Return the briefing at `path`, failing the test with its errors if it does not load."""
    result = load_file(path)
    assert result.briefing is not None, [str(d) for d in result.errors]
    return result.briefing
