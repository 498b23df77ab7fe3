"""Where the reader keeps its per-user files: state (last place read) and config (keys).

`BRIEFING_STATE_DIR` and `BRIEFING_CONFIG_DIR` override the platform's usual places,
for tests and for people who keep their settings elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "briefing"


def state_dir() -> Path:
    """Return the folder for the reader's state ($BRIEFING_STATE_DIR, or the platform's)."""
    override = os.environ.get("BRIEFING_STATE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME))


def config_dir() -> Path:
    """Return the folder for the reader's config ($BRIEFING_CONFIG_DIR, or the platform's)."""
    override = os.environ.get("BRIEFING_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME))
