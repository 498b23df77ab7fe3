"""`briefing export`: not yet built."""

from __future__ import annotations

import sys


def main(args: list[str]) -> int:
    """Report that export is not available yet."""
    print("briefing export: not available yet", file=sys.stderr)
    return 2
