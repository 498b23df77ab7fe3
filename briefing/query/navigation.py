"""Moving claim by claim across sections, in reading order."""

from __future__ import annotations

from briefing.document.model import Briefing
from briefing.query.filters import Filter


def claim_order(briefing: Briefing, claim_filter: Filter) -> list[str]:
    """Return the ids of the claims the filter shows, in reading order."""
    return [claim.id for claim in briefing.claims() if claim_filter.keeps(claim)]


def step_claim(
    briefing: Briefing,
    claim_filter: Filter,
    *,
    claim_id: str | None,
    section_id: str | None,
    step: int,
) -> str | None:
    """Return the claim `step` (+1 or -1) away from where the reader stands, or None at an end.

    Standing on a section, the next claim is its first one and the previous claim
    the last one before it.
    """
    order = claim_order(briefing, claim_filter)
    if not order:
        return None
    if claim_id is not None and claim_id in order:
        position = order.index(claim_id) + step
        return order[position] if 0 <= position < len(order) else None
    # Between claims: find the first shown claim at or after where the reader is.
    section_ids = [section.id for section in briefing.sections]
    start = 0
    if claim_id is not None:
        for index, claim in enumerate(briefing.claims()):
            if claim.id == claim_id:
                start = _first_at_or_after(briefing, claim_filter, index)
                break
    elif section_id in section_ids:
        before = sum(
            1
            for section in briefing.sections[: section_ids.index(section_id)]
            for claim in section.claims
        )
        start = _first_at_or_after(briefing, claim_filter, before)
    position = start if step > 0 else start - 1
    return order[position] if 0 <= position < len(order) else None


def _first_at_or_after(briefing: Briefing, claim_filter: Filter, index: int) -> int:
    # How many shown claims come before the claim at reading position `index`.
    return sum(1 for claim in briefing.claims()[:index] if claim_filter.keeps(claim))
