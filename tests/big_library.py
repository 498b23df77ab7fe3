"""A folder of 40 generated one-megabyte briefings: a library whose scan takes a while."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ sits beside the package and is not installed with it (CI installs a wheel).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

__all__ = ["BRIEFINGS", "generate", "write_big_library"]

BRIEFINGS = 40
SECTIONS, CLAIMS = 10, 50
"""10 sections × 50 claims: about 1.1 MB of TOML, tens of milliseconds to load each."""


def write_big_library(folder: Path, count: int = BRIEFINGS) -> list[str]:
    """Write `count` distinct seeded briefings into `folder`; return their titles, sorted."""
    folder.mkdir(parents=True, exist_ok=True)
    titles = []
    for number in range(1, count + 1):
        label = f"library {number:02d}"
        text = generate(SECTIONS, CLAIMS, seed=number, label=label)
        (folder / f"briefing-{number:02d}.toml").write_text(text, encoding="utf-8")
        titles.append(f"Synthetic briefing {label}: {SECTIONS} sections of {CLAIMS} claims")
    return sorted(titles)
