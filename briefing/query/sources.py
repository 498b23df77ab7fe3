"""Which claims cite each source, and which claims rest on one source or on none.

A claim *rests on* the sources its evidence cites: caveats and denials cite
sources too, and are listed under them, but they do not support the claim.
The index keeps only positions; a source's citations are spelt out when asked
for, so that indexing a 50,000-claim briefing stays quick.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from briefing.document.model import Briefing, Claim, Source

CitationKind = Literal["evidence", "caveat", "denial"]


class Citation(NamedTuple):
    """One piece of evidence, caveat or denial that names a source."""

    kind: CitationKind
    claim_id: str
    position: int
    """Its index among the claim's evidence, caveats or denials."""
    text: str
    by: str | None = None
    """Who denies, for a denial."""


@dataclass(frozen=True, slots=True)
class ClaimCitations:
    """Everything one claim cites from one source, in the claim's own order."""

    claim: Claim
    evidence: tuple[Citation, ...]
    caveats: tuple[Citation, ...]
    denials: tuple[Citation, ...]

    @property
    def all(self) -> tuple[Citation, ...]:
        """Return the evidence, then the caveats, then the denials."""
        return self.evidence + self.caveats + self.denials


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A source and the claims that cite it, in reading order."""

    source: Source
    claims: tuple[ClaimCitations, ...]

    @property
    def cited(self) -> bool:
        """Return True when at least one claim cites the source."""
        return bool(self.claims)

    @property
    def citation_count(self) -> int:
        """Return how many pieces of evidence, caveats and denials cite the source."""
        return sum(len(group.all) for group in self.claims)


# Per source: claim id -> (slot, index) pairs, slot 0 evidence, 1 caveat, 2 denial.
_Positions = dict[str, dict[str, list[tuple[int, int]]]]


class SourceIndex:
    """Every source with what cites it, and the claims that rest on one source or none."""

    def __init__(
        self,
        briefing: Briefing,
        positions: _Positions,
        evidence_sources: dict[str, tuple[str, ...]],
    ) -> None:
        self.briefing = briefing
        # Briefing.claim() is slow for this many look-ups (a pydantic private attribute).
        self._claims = {claim.id: claim for claim in briefing.claims()}
        self._positions = positions
        self.evidence_sources = evidence_sources
        """Claim id -> the distinct sources its evidence cites, in order of first citation."""

    def counts(self, source_id: str) -> tuple[int, int]:
        """Return how many claims cite the source, and how many citations they make."""
        by_claim = self._positions.get(source_id, {})
        return len(by_claim), sum(len(places) for places in by_claim.values())

    def entry(self, source_id: str) -> SourceEntry | None:
        """Return the source with this id and everything that cites it, or None."""
        source = self.briefing.source(source_id)
        if source is None:
            return None
        groups = []
        for claim_id, places in self._positions.get(source_id, {}).items():
            claim = self._claims.get(claim_id)
            if claim is None:
                continue
            slots: tuple[list[Citation], list[Citation], list[Citation]] = ([], [], [])
            for slot, index in places:
                slots[slot].append(_citation(self.briefing, claim, slot, index))
            groups.append(ClaimCitations(claim, *map(tuple, slots)))
        return SourceEntry(source, tuple(groups))

    @property
    def entries(self) -> list[SourceEntry]:
        """Return every source with what cites it, in file order."""
        return [e for e in map(self.entry, (s.id for s in self.briefing.sources)) if e]

    @property
    def uncited(self) -> tuple[Source, ...]:
        """Return the sources nothing cites, in file order."""
        return tuple(s for s in self.briefing.sources if not self._positions.get(s.id))

    @property
    def single_source(self) -> tuple[str, ...]:
        """Return the ids of claims whose evidence cites exactly one source, in reading order."""
        return tuple(cid for cid, sources in self.evidence_sources.items() if len(sources) == 1)

    @property
    def unsourced(self) -> tuple[str, ...]:
        """Return the ids of claims whose evidence cites no source at all, in reading order."""
        return tuple(cid for cid, sources in self.evidence_sources.items() if not sources)

    def only_source_counts(self) -> dict[str, int]:
        """Return source id -> how many claims' evidence cites that source and no other."""
        counts = dict.fromkeys((source.id for source in self.briefing.sources), 0)
        for sources in self.evidence_sources.values():
            if len(sources) == 1 and sources[0] in counts:
                counts[sources[0]] += 1
        return counts

    def rests_on_only(self, claim_id: str, source_id: str) -> bool:
        """Return True when `source_id` is the one source the claim's evidence cites."""
        return self.evidence_sources.get(claim_id, ()) == (source_id,)


def _citation(briefing: Briefing, claim: Claim, slot: int, index: int) -> Citation:
    if slot == 0:
        return Citation("evidence", claim.id, index, claim.evidence[index].text)
    if slot == 1:
        return Citation("caveat", claim.id, index, claim.caveats[index].text)
    denial = claim.denials[index]
    # Who denies by name: a party's, never its id (format 2).
    return Citation("denial", claim.id, index, denial.text, briefing.party_name(denial.by))


def _cited_sources(claim: Claim) -> Iterator[tuple[int, int, str]]:
    # (slot, index, source id) of every part of the claim that names a source.
    for index, evidence in enumerate(claim.evidence):
        if evidence.source is not None:
            yield 0, index, evidence.source
    for index, caveat in enumerate(claim.caveats):
        if caveat.source is not None:
            yield 1, index, caveat.source
    for index, denial in enumerate(claim.denials):
        if denial.source is not None:
            yield 2, index, denial.source


def build_source_index(briefing: Briefing) -> SourceIndex:
    """Return the index of what cites each source of `briefing`."""
    positions: _Positions = {source.id: {} for source in briefing.sources}
    evidence_sources: dict[str, tuple[str, ...]] = {}
    for claim in briefing.claims():
        for slot, index, source_id in _cited_sources(claim):
            by_claim = positions.get(source_id)
            if by_claim is not None:
                by_claim.setdefault(claim.id, []).append((slot, index))
        cited = [e.source for e in claim.evidence if e.source is not None]
        evidence_sources[claim.id] = tuple(dict.fromkeys(cited))
    return SourceIndex(briefing, positions, evidence_sources)
