"""Which claims the outline shows: all of them, or those a reader is looking for.

The filters of every briefing are `ClaimFilter`s. A format 2 briefing adds filters
that read its new keys (`ArgumentFilter`, made in `argument_filters`): by party with
the parties under it, by likelihood band, contradicted, and resting on assumptions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class ArgumentFilter:
    """A format 2 filter, made for one briefing; `value` names it in any version of the file."""

    value: str
    label: str = field(compare=False)
    rule: Callable[[Claim], bool] = field(compare=False, repr=False)
    parties: frozenset[str] | None = field(default=None, compare=False, repr=False)
    """For a party's filter: the ids of the party and the parties under it."""

    def keeps(self, claim: Claim) -> bool:
        """Return True when the filter shows this claim."""
        return self.rule(claim)


Filter = ClaimFilter | ArgumentFilter
"""Any filter the outline can show claims by."""

# The seven terms of likelihood in three bands, around the even chance, and none.
# Analysts read "likely or more" as "judged to happen"; the middle band stands
# alone because it is a judgement that either way is as probable.
LIKELIHOOD_BANDS: dict[str, tuple[str, frozenset[str] | None]] = {
    "likely-or-more": (
        "likely or more (55–99 %)",
        frozenset({"likely", "very-likely", "almost-certain"}),
    ),
    "even-chance": ("roughly even chance (45–55 %)", frozenset({"roughly-even-chance"})),
    "unlikely-or-less": (
        "unlikely or less (1–45 %)",
        frozenset({"unlikely", "very-unlikely", "almost-no-chance"}),
    ),
    "no-likelihood": ("no likelihood given", None),
}
PARTY_PREFIX = "party:"
LIKELIHOOD_PREFIX = "likelihood:"
CONTRADICTED = "contradicted"
ASSUMPTIONS = "assumptions"
NEEDS_VERSION_2 = (
    "By party, likelihood, contradicted, assumptions: format version 2 (see briefing upgrade)"
)


def _band(terms: frozenset[str] | None) -> Callable[[Claim], bool]:
    if terms is None:
        return lambda claim: claim.likelihood is None
    return lambda claim: claim.likelihood in terms


def _contradicted(briefing: Briefing) -> Callable[[Claim], bool]:
    # The briefing indexes the relations held towards each claim: no pass over all.
    def rule(claim: Claim) -> bool:
        return any(r.type == "contradicts" for _, r in briefing.relations_to(claim.id))

    return rule


def _under(briefing: Briefing) -> dict[str | None, list[str]]:
    """Return parent id (None: the top) -> the ids of the parties part of it, in file order."""
    children: dict[str | None, list[str]] = {}
    for party in briefing.parties:
        parent = party.part_of if briefing.party(party.part_of) is not None else None
        children.setdefault(parent, []).append(party.id)
    return children


def party_filters(briefing: Briefing) -> list[tuple[int, ArgumentFilter]]:
    """Return a filter per party, each with its depth under `part_of`, parents first."""
    children = _under(briefing)
    out: list[tuple[int, ArgumentFilter]] = []

    def subtree(party_id: str) -> frozenset[str]:
        found = {party_id}
        stack = list(children.get(party_id, ()))
        while stack:  # the loader refuses a part_of loop; `found` guards regardless
            child = stack.pop()
            if child not in found:
                found.add(child)
                stack.extend(children.get(child, ()))
        return frozenset(found)

    def visit(party_id: str, depth: int, seen: set[str]) -> None:
        if party_id in seen:
            return
        seen.add(party_id)
        out.append((depth, party_filter(briefing, party_id, subtree(party_id))))
        for child in children.get(party_id, ()):
            visit(child, depth + 1, seen)

    seen: set[str] = set()
    for top in children.get(None, ()):
        visit(top, 0, seen)
    return out


def party_filter(briefing: Briefing, party_id: str, ids: frozenset[str]) -> ArgumentFilter:
    """Return the filter keeping the claims made by a party or a party under it."""
    name = briefing.party_name(party_id)
    label = f"claimed by {name}" + (" or a party under it" if len(ids) > 1 else "")
    return ArgumentFilter(
        PARTY_PREFIX + party_id, label, lambda claim: claim.claimant in ids, parties=ids
    )


def argument_filters(briefing: Briefing) -> list[ArgumentFilter]:
    """Return the format 2 filters of a briefing, parties last (none for format 1)."""
    if briefing.format < 2:
        return []
    found = [
        ArgumentFilter(CONTRADICTED, "contradicted by another claim", _contradicted(briefing)),
        ArgumentFilter(
            ASSUMPTIONS, "resting on assumptions", lambda claim: bool(claim.assumptions)
        ),
    ]
    for key, (words, terms) in LIKELIHOOD_BANDS.items():
        found.append(ArgumentFilter(LIKELIHOOD_PREFIX + key, words, _band(terms)))
    found += [made for _, made in party_filters(briefing)]
    return found


def filter_for(briefing: Briefing, value: str) -> Filter:
    """Return the filter named `value` made for `briefing` (a new version, after a reload).

    A filter the briefing cannot have (a party it no longer names, a format 2 filter
    in a format 1 file) becomes all claims.
    """
    try:
        return ClaimFilter(value)
    except ValueError:
        pass
    for made in argument_filters(briefing):
        if made.value == value:
            return made
    return ClaimFilter.ALL


def kept_counts(briefing: Briefing, filters: list[Filter]) -> list[int]:
    """Return how many claims each filter keeps; parties counted in one pass, not one each."""
    claims = briefing.claims()
    by_claimant: Counter[str] | None = None
    counts = []
    for claim_filter in filters:
        if isinstance(claim_filter, ArgumentFilter) and claim_filter.parties is not None:
            if by_claimant is None:
                by_claimant = Counter(claim.claimant for claim in claims)
            counts.append(sum(by_claimant[party] for party in claim_filter.parties))
        else:
            counts.append(count_kept(claims, claim_filter))
    return counts


def kept_claims(section: Section, claim_filter: Filter) -> list[Claim]:
    """Return the claims of `section` that the filter shows, in reading order."""
    if claim_filter is ClaimFilter.ALL:
        # The outline asks for every section when it is built: 50,000 calls spared.
        return list(section.claims)
    return [claim for claim in section.claims if claim_filter.keeps(claim)]


def count_kept(claims: Iterable[Claim], claim_filter: Filter) -> int:
    """Return how many of `claims` the filter shows."""
    return sum(1 for claim in claims if claim_filter.keeps(claim))


def hidden_count(briefing: Briefing, claim_filter: Filter) -> int:
    """Return how many claims of the briefing the filter hides."""
    claims = briefing.claims()
    return len(claims) - count_kept(claims, claim_filter)


def status_line(briefing: Briefing, claim_filter: Filter) -> str:
    """Return the outline's header: how many claims there are, or what the filter hides."""
    total = len(briefing.claims())
    if claim_filter is ClaimFilter.ALL:
        return f"All claims ({total}) · f to filter"
    hidden = hidden_count(briefing, claim_filter)
    return f"Filter: {claim_filter.label} — {hidden} of {total} claims hidden"
