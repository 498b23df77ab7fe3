"""Badge text for a claim: counts of evidence, caveats and denials that read without colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.document.model import Briefing, Claim

DENIED_MARK = "✗"
"""Stands before a denied claim in every list, so that it stands out in monochrome."""

BADGE_LEGEND = (
    ("E3", "3 pieces of evidence (E0: none)"),
    ("C2", "2 caveats"),
    ("D1!", "1 denial; the ! and a leading ✗ mark a denied claim"),
    ("?", "low confidence"),
    ("R2", "2 relations to other claims, from either end (format 2 only)"),
)
"""What each part of a badge means, for the help screen."""


def is_denied(claim: Claim) -> bool:
    """Return True when someone denies the claim."""
    return bool(claim.denials)


def badge(claim: Claim, relations: int | None = None) -> str:
    """Return the claim's badge, e.g. `E3 C2 D1!` (the `!` only when it is denied).

    `relations` (see `relation_count`) adds `R2` in a format 2 briefing; None, as for
    every format 1 briefing, leaves the badge as it always was.
    """
    denials = len(claim.denials)
    mark = "!" if denials else " "
    low = "?" if claim.confidence == "low" else " "
    counts = f"E{len(claim.evidence)} C{len(claim.caveats)} D{denials}{mark}{low}"
    return counts if relations is None else f"{counts} R{relations}"


def relation_count(briefing: Briefing, claim: Claim) -> int | None:
    """Return how many relations the claim stands in, from either end; None in format 1.

    Counted as the claim pane lists them: a `same-as` stated at both ends is one.
    """
    if briefing.format == 1:
        return None
    return len(briefing.relations_of(claim))


def marker(claim: Claim) -> str:
    """Return the two-cell prefix of a claim row: the denial mark, or blanks."""
    return f"{DENIED_MARK} " if is_denied(claim) else "  "
