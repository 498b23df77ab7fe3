"""The briefings the analysis tests read: the many-parties fixture and the bundled one."""

from __future__ import annotations

from pathlib import Path

from briefings import load_briefing

from briefing.document.bundled import bundled_briefings
from briefing.document.model import Briefing

FIXTURES = Path(__file__).parent / "fixtures"
PARTIES = FIXTURES / "analysis-parties.toml"


def load(path: Path) -> Briefing:
    """Return the briefing at `path`, failing the test if it does not load."""
    return load_briefing(path)


def parties_briefing() -> Briefing:
    """Return the many-parties fixture."""
    return load(PARTIES)


def bundled_path() -> Path:
    """Return the bundled briefing's path."""
    return next(p for p in bundled_briefings() if p.name == "china-russia-ukraine.toml")
