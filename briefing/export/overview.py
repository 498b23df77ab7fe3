"""What a version 2 briefing holds beside its claims, in the order every export shows it.

The claim walk gives a claim's parts; this gives the briefing's own: its changes, newest
first, and its parties, each with the name of the party it is part of. Deciding the
order and resolving `part_of` here keeps the exports from disagreeing about either.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.document.model import Briefing, Change, date_sort_key, date_text
from briefing.export.plan import ExportPlan


class ChangeEntry(NamedTuple):
    """One change, its date as written."""

    date: str
    text: str


class PartyEntry(NamedTuple):
    """A party as an export lists it: the author's strings, and its parent's name."""

    id: str
    name: str
    kind: str | None
    part_of: str | None
    """The id of the party it belongs to, or None."""
    part_of_name: str | None
    """That party's name, or None."""
    aliases: tuple[str, ...]


def changes(briefing: Briefing) -> list[ChangeEntry]:
    """Return the briefing's changes, newest first; changes of one date keep the file's order.

    Newest first because a reader who comes back to a revised briefing wants what changed
    since they last read it, and that is the top of the list, beside the `revised` date.
    """
    ordered: list[Change] = sorted(
        briefing.changes, key=lambda change: date_sort_key(change.date), reverse=True
    )
    return [ChangeEntry(date_text(change.date), change.text) for change in ordered]


def parties(plan: ExportPlan) -> list[PartyEntry]:
    """Return the parties an export lists, in file order.

    A whole-briefing export lists every party; a section export lists those its claims
    and denials name, and every party they are part of, so that each `part_of` resolves.
    """
    briefing = plan.briefing
    wanted: set[str] | None = None
    if not plan.whole:
        wanted = set()
        for section in plan.sections:
            for claim in section.claims:
                wanted.add(claim.claimant)
                wanted.update(denial.by for denial in claim.denials)
        _add_parents(briefing, wanted)
    found: list[PartyEntry] = []
    for party in briefing.parties:
        if wanted is not None and party.id not in wanted:
            continue
        parent = briefing.party(party.part_of)
        found.append(
            PartyEntry(
                party.id,
                party.name,
                party.kind,
                party.part_of,
                parent.name if parent is not None else None,
                party.aliases,
            )
        )
    return found


def _add_parents(briefing: Briefing, wanted: set[str]) -> None:
    # The loader refuses a `part_of` loop; the seen-set guards this walk all the same.
    pending = list(wanted)
    while pending:
        party = briefing.party(pending.pop())
        if party is not None and party.part_of is not None and party.part_of not in wanted:
            wanted.add(party.part_of)
            pending.append(party.part_of)
