"""Making briefing strings safe to show: control characters become visible escapes.

Briefing strings come from other people. A terminal treats ESC, BEL and the C1
controls as commands (colours, cursor moves, clipboard writes), and bidirectional
overrides can make text read differently from what it is. Everything the program
shows or exports passes through `visible` first, so such characters appear as
escapes like `\\x1b` or `\\u202e` instead of acting.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates.
BIDI_CHARS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """Return `text` with control and bidi-override characters written as escapes.

    Tabs and newlines are kept, unless `one_line` is set (for a table cell or a
    single-line label), where they are escaped too.
    """
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_escape, text)


def shows_as_is(text: str) -> bool:
    """Return True if `visible(text, one_line=True)` is `text`: nothing in it would act."""
    return _UNSAFE_ONE_LINE.search(text) is None


def unsafe_characters(text: str) -> list[str]:
    """Return the distinct control and bidi characters in `text`, in order of first use."""
    found: list[str] = []
    for match in _UNSAFE.finditer(text):
        char = match.group()
        if char not in found:
            found.append(char)
    return found
