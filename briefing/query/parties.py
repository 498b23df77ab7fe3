"""Who says what: every party that makes a claim or a denial, and who denies whom.

Authors spell a party in slightly different ways ("China's Foreign Ministry",
"china’s foreign ministry "); names are matched by a normalised key so that
these count as one party, shown under the first spelling met in reading order.
A briefing that declares its parties (format 2) names them by id: each id is one
party, shown under its name, with its aliases as its other spellings. Every declared
party is listed, even one nothing names, so that a party that only has parts
(`part_of`) heads them; parts hang under the party they belong to.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from briefing.document.model import Briefing

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def party_key(name: str) -> str:
    """Return the key under which spellings of one party's name are matched."""
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES).casefold()
    text = _SPACES.sub(" ", text).strip(" .,;:")
    return text.removeprefix("the ") or text


class DenialMade(NamedTuple):
    """A denial a party made: of which claim, and which of its denials it is."""

    claim_id: str
    position: int
    text: str
    date: datetime.date | str | None


@dataclass
class Party:
    """One party: the claims it makes, the denials it makes, and who denies its claims."""

    key: str
    name: str
    spellings: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    """Ids of the claims it makes, in reading order."""
    denials: list[DenialMade] = field(default_factory=list)
    """The denials it makes, in reading order."""
    denied_by: dict[str, list[str]] = field(default_factory=dict)
    """Key of another party -> ids of this party's claims it denies, in reading order."""
    contradicted: list[tuple[str, str]] = field(default_factory=list)
    """(Id of this party's claim, id of another claim that contradicts it), in reading order."""
    parent: str | None = None
    """Key of the party this one is part of (format 2), or None."""
    parts: list[str] = field(default_factory=list)
    """Keys of the parties that are part of this one, sorted by name."""


def build_parties(briefing: Briefing) -> list[Party]:
    """Return every party of `briefing`, sorted by name (case folded)."""
    parties: dict[str, Party] = {}
    # Names repeat across thousands of claims: each spelling is keyed once.
    by_spelling: dict[str, Party] = {}

    def party(name: str) -> Party:
        found = by_spelling.get(name)
        if found is not None:
            return found
        declared = briefing.party(name)
        if declared is not None:
            # Keyed by id: the loader has made names unique, and the id is never shown.
            found = parties[declared.id] = Party(
                declared.id, declared.name, [declared.name, *declared.aliases]
            )
            by_spelling[name] = found
            return found
        key = party_key(name)
        found = parties.get(key)
        if found is None:
            found = parties[key] = Party(key, name.strip() or name)
        found.spellings.append(name)
        by_spelling[name] = found
        return found

    for declared in briefing.parties:
        party(declared.id)
    _collect(briefing, party)
    # By name as the reader sees it (in format 1 the key is the name's key).
    ordered = sorted(parties.values(), key=lambda p: (party_key(p.name), p.key))
    for declared in briefing.parties:
        if declared.part_of is not None and declared.part_of in parties:
            parties[declared.id].parent = declared.part_of
    for found in ordered:  # in name order, so that each party's parts are too
        if found.parent is not None:
            parties[found.parent].parts.append(found.key)
    return ordered


def top_level(parties: list[Party]) -> list[Party]:
    """Return the parties that are part of no other, in the order given."""
    return [party for party in parties if party.parent is None]


def _collect(briefing: Briefing, party: Callable[[str], Party]) -> None:
    for claim in briefing.claims():
        claimant = party(claim.claimant)
        claimant.claims.append(claim.id)
        for index, denial in enumerate(claim.denials):
            denier = party(denial.by)
            denier.denials.append(DenialMade(claim.id, index, denial.text, denial.date))
            if denier.key != claimant.key:
                ids = claimant.denied_by.setdefault(denier.key, [])
                if not ids or ids[-1] != claim.id:  # one claim may be denied twice
                    ids.append(claim.id)
        # Held by the other claim towards this one: its claimant contradicts this party.
        for other, relation in briefing.relations_to(claim.id):
            if relation.type == "contradicts":
                claimant.contradicted.append((claim.id, other))


def party_names(parties: list[Party]) -> dict[str, str]:
    """Return party key -> the name it is shown under."""
    return {party.key: party.name for party in parties}
