"""What an outline row stands for: apart from the session, so that a frame drawn before
the briefing loads (briefing/tui/briefing_screen/opening.py) names rows without it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class OutlineItem:
    """What an outline row stands for: a section or a claim, by id."""

    kind: Literal["section", "claim"]
    id: str
