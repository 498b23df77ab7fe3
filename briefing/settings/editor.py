"""Opening a briefing in the user's editor at the line of a claim.

The line comes from the same locator the loader uses for its diagnostics. The
editor comes from $VISUAL or $EDITOR; most terminal editors take `+LINE FILE`, and
the few that do not (VS Code, Sublime Text, Helix, Zed) take `FILE:LINE`.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path

from briefing.document.loader import decode
from briefing.document.locate import KeyPath, Locator
from briefing.document.model import Briefing

_GOTO_FLAG = {"code", "code-insiders", "codium", "vscodium", "cursor"}
_FILE_COLON_LINE = {"subl", "sublime_text", "hx", "helix", "zed"}


def claim_keypath(briefing: Briefing, claim_id: str) -> KeyPath | None:
    """Return the key path of a claim's table, `("sections", 1, "claims", 0)`, or None."""
    for s, section in enumerate(briefing.sections):
        for c, claim in enumerate(section.claims):
            if claim.id == claim_id:
                return ("sections", s, "claims", c)
    return None


def section_keypath(briefing: Briefing, section_id: str) -> KeyPath | None:
    """Return the key path of a section's table, `("sections", 1)`, or None."""
    for s, section in enumerate(briefing.sections):
        if section.id == section_id:
            return ("sections", s)
    return None


def claim_line(path: Path, briefing: Briefing, claim_id: str) -> int | None:
    """Return the line (from 1) where a claim's table starts in the file, or None if unknown."""
    keypath = claim_keypath(briefing, claim_id)
    return None if keypath is None else keypath_line(path, keypath)


def keypath_line(path: Path, keypath: KeyPath) -> int | None:
    """Return the line (from 1) where `keypath` stands in the file, or None if unknown."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    text, problem = decode(data, str(path))
    if problem is not None:
        return None
    place = Locator(text, wanted={keypath}).exact(keypath)
    return place[0] if place is not None else None


def editor_command(path: Path, line: int | None, environ: Mapping[str, str]) -> list[str] | None:
    """Return the command that opens `path` at `line` in the user's editor, or None if unset."""
    raw = (environ.get("VISUAL") or environ.get("EDITOR") or "").strip()
    if not raw:
        return None
    try:
        words = shlex.split(raw)
    except ValueError:  # an unbalanced quote: take the words as they stand
        words = raw.split()
    name = Path(words[0]).name.lower().removesuffix(".exe")
    if line is None:
        return [*words, str(path)]
    if name in _GOTO_FLAG:
        return [*words, "--goto", f"{path}:{line}"]
    if name in _FILE_COLON_LINE:
        return [*words, f"{path}:{line}"]
    return [*words, f"+{line}", str(path)]
