"""Where the briefings that ship with the program are."""

from __future__ import annotations

from pathlib import Path

# This module sits in briefing/document/: the package is one folder up.
_PACKAGE = Path(__file__).parent.parent


def content_dir() -> Path:
    """Return the folder of bundled briefings.

    An installed wheel carries them at `briefing/content`; a source checkout keeps
    them at the top of the repository, beside the package.
    """
    installed = _PACKAGE / "content"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "content"


def bundled_briefings() -> list[Path]:
    """Return the bundled briefing files, sorted by name."""
    folder = content_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.toml"))
