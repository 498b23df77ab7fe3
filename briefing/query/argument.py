"""The argument map of one claim: the claims that bear on it, and on those, step by step.

A relation reads from the claim that holds it ("this claim contradicts that one");
the map shows each claim's relations from both ends, so a claim lists what it
supports and what supports it. Only the claims a reader opens are looked at: a
step reads one claim's own relations and the briefing's index of relations held
towards it, never the whole briefing.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.document.model import Briefing, Claim
from briefing.document.vocabulary import RELATION_TYPES, relation_words

MARKS: dict[str, str] = {
    "supports": "+",
    "contradicts": "−",
    "undercuts": "⊘",
    "qualifies": "~",
    "same-as": "=",
}
"""A mark per relation type, so that a row reads without colour (the words follow it)."""

CYCLE_MARK = "↻"
NO_RELATIONS = "No other claim bears on this one."
NEEDS_VERSION_2 = (
    "Relations between claims come with format version 2 "
    "(`briefing upgrade FILE` writes a version 2 copy to add them to)"
)


@dataclass(frozen=True)
class Link:
    """One relation seen from a claim: its type, which way it runs, the other claim, its note."""

    type: str
    inverse: bool
    """True when the other claim holds the relation towards this one ("contradicted by")."""
    claim_id: str
    """The other claim."""
    note: str | None = None

    @property
    def mark(self) -> str:
        """Return the relation's mark: `+` `−` `⊘` `~` `=`."""
        return MARKS.get(self.type, "·")

    @property
    def words(self) -> str:
        """Return how the relation reads from this claim: "contradicts", "contradicted by"."""
        return relation_words(self.type, inverse=self.inverse)

    def reversed(self, claim_id: str) -> Link:
        """Return this relation as `claim_id`'s other end reads it."""
        return Link(self.type, not self.inverse, claim_id, self.note)


def links(briefing: Briefing, claim: Claim) -> list[Link]:
    """Return every relation of `claim` from both ends, by type, its own before others'.

    `same-as` holds both ways: stated at both ends, it is listed once.
    """
    found = [
        Link(relation.type, inverse, other, relation.note)
        for relation, inverse, other in briefing.relations_of(claim)
        if briefing.claim(other) is not None
    ]
    order = {kind: n for n, kind in enumerate(RELATION_TYPES)}
    # A stable sort: within a type, the claim's own relations first, each in file order.
    found.sort(key=lambda link: (order.get(link.type, len(order)), link.inverse))
    return found


@dataclass(frozen=True)
class Step:
    """A row of the map: a relation, reached by a path of claims from the map's claim."""

    link: Link
    path: tuple[str, ...]
    """The claims from the map's claim down to the one holding this row (not this row's)."""

    @property
    def cycle(self) -> bool:
        """Return True when this row's claim is already on the path above it."""
        return self.link.claim_id in self.path


def steps(briefing: Briefing, path: tuple[str, ...], came_by: Link | None = None) -> list[Step]:
    """Return the rows under the last claim of `path` (the map's claim alone: its first rows).

    `came_by` is the relation the path arrived by, as its parent read it: the same relation
    seen from the other end is not listed again under the claim it led to.
    """
    claim = briefing.claim(path[-1])
    if claim is None:
        return []
    back = came_by.reversed(path[-2]) if came_by is not None and len(path) > 1 else None
    return [Step(link, path) for link in links(briefing, claim) if not _same(link, back)]


def _same(link: Link, back: Link | None) -> bool:
    if back is None:
        return False
    if link.type == "same-as":  # holds both ways, whichever end states it
        return back.type == "same-as" and link.claim_id == back.claim_id
    return link == back


def has_links(briefing: Briefing, claim_id: str) -> bool:
    """Return True when a claim holds a relation or another holds one towards it."""
    claim = briefing.claim(claim_id)
    return claim is not None and bool(claim.relations or briefing.relations_to(claim_id))
