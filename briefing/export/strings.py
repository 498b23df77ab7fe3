"""Strings as the program writes them: made visible, split in paragraphs, counted with a noun."""

from __future__ import annotations

import re
from typing import TypeGuard

from briefing.document.textsafe import visible

_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
_WHITESPACE = re.compile(r"[ \t\n]+")


def plain(text: str) -> str:
    """Return `text` with controls and bidi overrides made visible, and newlines as `\\n`.

    The Unicode line and paragraph separators mean what a newline and a blank line
    mean; an editor would break the line there, so they become exactly that.
    """
    return visible(text).replace("\u2029", "\n\n").replace("\u2028", "\n")


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of `text` (made visible): blank lines separate them.

    A single newline inside a paragraph is kept: the exporters show it as a line break.
    """
    found = []
    for paragraph in _BLANK_LINES.split(plain(text).strip("\n")):
        lines = [line.strip(" \t") for line in paragraph.split("\n")]
        if any(lines):
            found.append("\n".join(lines).strip("\n"))
    return found


def one_line(text: str) -> str:
    """Return `text` made visible on one line: runs of spaces, tabs and newlines become a space."""
    return _WHITESPACE.sub(" ", plain(text)).strip(" ")


def shown(text: str | None) -> TypeGuard[str]:
    """Return whether an optional string has anything to show.

    A note or an `if_wrong` of only spaces and line breaks says nothing, and a rendering
    leaves it out rather than print a label with nothing after it.
    """
    return text is not None and bool(paragraphs(text))
