"""Counts in words ("1 claim", "3 claims"), shared by `check`, the exports and the views.

In the document layer, the lowest, so that `briefing check` gets it without importing
the exports (and the wrapping library they load).
"""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Return "1 claim" / "3 claims"; `nouns` is the plural when it is not `noun` + "s"."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"
