"""Badge text for a claim: counts of evidence, caveats and denials that read without colour."""

from __future__ import annotations

from briefing.document.model import Claim

DENIED_MARK = "✗"
"""Stands before a denied claim in every list, so that it stands out in monochrome."""

BADGE_LEGEND = (
    ("E3", "3 pieces of evidence (E0: none)"),
    ("C2", "2 caveats"),
    ("D1!", "1 denial; the ! and a leading ✗ mark a denied claim"),
    ("?", "low confidence"),
)
"""What each part of a badge means, for the help screen."""


def is_denied(claim: Claim) -> bool:
    """Return True when someone denies the claim."""
    return bool(claim.denials)


def badge(claim: Claim) -> str:
    """Return the claim's badge, e.g. `E3 C2 D1!` (the `!` only when it is denied)."""
    denials = len(claim.denials)
    mark = "!" if denials else " "
    low = "?" if claim.confidence == "low" else " "
    return f"E{len(claim.evidence)} C{len(claim.caveats)} D{denials}{mark}{low}"


def marker(claim: Claim) -> str:
    """Return the two-cell prefix of a claim row: the denial mark, or blanks."""
    return f"{DENIED_MARK} " if is_denied(claim) else "  "
