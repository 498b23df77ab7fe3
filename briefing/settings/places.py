"""Where I was: the last claim viewed in each briefing, kept between runs.

One small JSON file in the user's state folder maps a briefing file's resolved path
to a claim id. It is a convenience: a missing, unreadable or corrupt file is treated
as empty without a word, and a failed write is ignored. Writes are atomic (a
temporary file renamed over the old one), so a crash never leaves half a file.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing.export.atomic import write_atomic
from briefing.settings.userdirs import state_dir

STATE_FILE = "places.json"
STATE_VERSION = 1
MAX_PLACES = 500
"""The most briefings remembered; the least recently viewed are forgotten first."""


def briefing_key(path: Path) -> str:
    """Return the key a briefing file is remembered under: its resolved path."""
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


class PlaceStore:
    """The last claim viewed per briefing file, read from and written to one JSON file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.file = (directory if directory is not None else state_dir()) / STATE_FILE

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return {}
        places = data.get("last_claim")
        if not isinstance(places, dict):
            return {}
        return {k: v for k, v in places.items() if isinstance(k, str) and isinstance(v, str)}

    def last_claim(self, briefing_path: Path) -> str | None:
        """Return the id of the claim last viewed in this briefing, or None."""
        return self._read().get(briefing_key(briefing_path))

    def remember(self, briefing_path: Path, claim_id: str) -> bool:
        """Record `claim_id` as the last claim viewed in this briefing; return True if saved."""
        places = self._read()
        key = briefing_key(briefing_path)
        places.pop(key, None)
        places[key] = claim_id  # last in the dict: the most recently viewed
        while len(places) > MAX_PLACES:
            del places[next(iter(places))]
        text = json.dumps({"version": STATE_VERSION, "last_claim": places}, indent=1)
        try:
            self._write(text)
        except OSError:
            return False  # a convenience only: the reader carries on without it
        return True

    def _write(self, text: str) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        # Private, as the temporary file it was written through always was: it lists
        # the briefings this person reads.
        write_atomic(self.file, text, force=True, mode=0o600)
