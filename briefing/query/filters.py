"""Which claims the outline shows: all of them, or those a reader is looking for."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from briefing.document.model import Briefing, Claim, Section


class ClaimFilter(Enum):
    """A rule that keeps some claims in the outline and hides the rest."""

    ALL = "all"
    DENIED = "denied"
    NO_EVIDENCE = "no-evidence"
    WITH_CAVEATS = "with-caveats"
    LOW_CONFIDENCE = "low-confidence"

    @property
    def label(self) -> str:
        """Return the filter's name as the reader sees it."""
        return _LABELS[self]

    def keeps(self, claim: Claim) -> bool:
        """Return True when the filter shows this claim."""
        if self is ClaimFilter.DENIED:
            return bool(claim.denials)
        if self is ClaimFilter.NO_EVIDENCE:
            return not claim.evidence
        if self is ClaimFilter.WITH_CAVEATS:
            return bool(claim.caveats)
        if self is ClaimFilter.LOW_CONFIDENCE:
            return claim.confidence == "low"
        return True


_LABELS = {
    ClaimFilter.ALL: "all claims",
    ClaimFilter.DENIED: "denied",
    ClaimFilter.NO_EVIDENCE: "without evidence",
    ClaimFilter.WITH_CAVEATS: "with caveats",
    ClaimFilter.LOW_CONFIDENCE: "low confidence",
}


def kept_claims(section: Section, claim_filter: ClaimFilter) -> list[Claim]:
    """Return the claims of `section` that the filter shows, in reading order."""
    if claim_filter is ClaimFilter.ALL:
        # The outline asks for every section when it is built: 50,000 calls spared.
        return list(section.claims)
    return [claim for claim in section.claims if claim_filter.keeps(claim)]


def count_kept(claims: Iterable[Claim], claim_filter: ClaimFilter) -> int:
    """Return how many of `claims` the filter shows."""
    return sum(1 for claim in claims if claim_filter.keeps(claim))


def hidden_count(briefing: Briefing, claim_filter: ClaimFilter) -> int:
    """Return how many claims of the briefing the filter hides."""
    claims = briefing.claims()
    return len(claims) - count_kept(claims, claim_filter)


def status_line(briefing: Briefing, claim_filter: ClaimFilter) -> str:
    """Return the outline's header: how many claims there are, or what the filter hides."""
    total = len(briefing.claims())
    if claim_filter is ClaimFilter.ALL:
        return f"All claims ({total}) · f to filter"
    hidden = hidden_count(briefing, claim_filter)
    return f"Filter: {claim_filter.label} — {hidden} of {total} claims hidden"
