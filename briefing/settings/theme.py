"""The reader's theme, remembered between runs in the user's config folder.

A one-line text file holding a Textual theme name. Like the place store, it is a
convenience: an unreadable or unknown value means the default theme, without a word.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from briefing.settings.userdirs import config_dir

THEME_FILE = "theme.txt"


def theme_file() -> Path:
    """Return the file that holds the remembered theme name."""
    return config_dir() / THEME_FILE


def load_theme() -> str | None:
    """Return the remembered theme name, or None when there is none to be read."""
    try:
        name = theme_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if name and len(name) < 100 and name.isprintable() else None


def save_theme(name: str) -> None:
    """Remember `name` as the theme (atomically); a failure to write is ignored."""
    from briefing.export import write_atomic

    path = theme_file()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, name + "\n", force=True)
