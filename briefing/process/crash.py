"""What a user sees when the reader meets a bug: one line, with the details in a log file.

A Python traceback is noise to a reader and may hold briefing text. The reader's
exception handler writes the traceback to a file in the state folder (or the
temporary folder when that cannot be written) and prints one line naming it.
Nothing here imports Textual.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from pathlib import Path

from briefing.document.textsafe import visible


def _state_dir() -> Path:
    override = os.environ.get("BRIEFING_STATE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "briefing"


def write_crash_log(error: BaseException) -> Path | None:
    """Write the traceback of `error` to a new log file; return its path (None if none could be)."""
    details = "".join(traceback.format_exception(error))
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    for folder in (_state_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(details, encoding="utf-8")
        except OSError:
            continue
        return path
    return None


def crash_line(error: BaseException, log: Path | None) -> str:
    """Return the one line telling the user that the program failed, and where the details are."""
    message = visible(f"{type(error).__name__}: {error}", one_line=True)
    if len(message) > 200:
        message = message[:199] + "…"
    where = f"details in {visible(str(log), one_line=True)}" if log else "no log could be written"
    return f"briefing: internal error: {message}; {where} (please report it)"
