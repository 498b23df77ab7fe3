"""Open the reader: until it lands, print a plain outline of the briefing."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.bundled import bundled_briefings
from briefing.loader import load_file
from briefing.textsafe import visible


def main(path: str | None) -> int:
    """Print the outline of the briefing at `path` (default: the bundled one)."""
    if path is None:
        found = bundled_briefings()
        if not found:
            print("briefing: no bundled briefing found", file=sys.stderr)
            return 1
        target = found[0]
    else:
        target = Path(path)
    result = load_file(target)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if result.briefing is None:
        return 1
    b = result.briefing
    print(visible(b.briefing.title))
    for section in b.sections:
        print(f"  {visible(section.title)}")
        for claim in section.claims:
            print(f"    - {visible(claim.claimant)}: {visible(claim.text)}")
    return 0
