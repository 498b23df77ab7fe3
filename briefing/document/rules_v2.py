"""Format version 2's rules that span more than one value: parties and relations.

Like `rules`, these work on the parsed TOML and are defensive: a value of the wrong
type has been reported by the model and is skipped here, never an exception.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

from briefing.document.locate import KeyPath
from briefing.document.rules import (
    Problem,
    dangling_message,
    duplicate_ids,
    suggest,
    tables_at,
)

# Two relations from one claim to another that cannot both hold.
_CONFLICTING = {"supports": "contradicts", "contradicts": "supports"}


def party_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """Check parties: unique ids and names, `part_of` and its loops, who speaks, who is unused."""
    parties = tables_at(data.get("parties"), ("parties",))
    yield from duplicate_ids(parties, "party")
    ids = _ids(parties)
    known = set(ids)
    owner = yield from _names(parties)
    named: set[str] = set()
    for path, party in parties:
        parent = party.get("part_of")
        if not isinstance(parent, str):
            continue
        named.add(parent)
        if parent == party.get("id"):
            yield Problem(
                (*path, "part_of"), "error", f"part_of names this party itself ({parent!r})"
            )
        elif parent not in known:
            yield Problem((*path, "part_of"), "error", dangling_message("party", parent, ids))
    yield from _part_of_loops(parties, known)
    if not parties:
        return  # without parties, claimants and deniers are free text, as in version 1
    for path, key, value in _speakers(data):
        named.add(value)
        if value in known or not value.strip():
            continue  # an empty value is reported by the model, as empty
        if value in owner:
            party_id, what = owner[value]
            named.add(party_id)  # misnamed, and reported so, but not unused
            message = f'{value!r} is {what} of party {party_id!r}; write {key} = "{party_id}"'
        else:
            message = _unknown_party_message(value, ids, owner)
        yield Problem((*path, key), "error", message)
    for path, party in parties:
        unused = party.get("id")
        if isinstance(unused, str) and unused not in named:
            yield Problem(
                path,
                "warning",
                f"party {unused!r} is not named by any claimant, denial or part_of",
            )


def relation_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """Check relations: each names another existing claim, once, without contradiction."""
    claims = [
        claim
        for section_path, section in tables_at(data.get("sections"), ("sections",))
        for claim in tables_at(section.get("claims"), (*section_path, "claims"))
    ]
    claim_ids = _ids(claims)
    known = set(claim_ids)
    for claim_path, claim in claims:
        stated: dict[tuple[str, str], KeyPath] = {}
        for path, relation in tables_at(claim.get("relations"), (*claim_path, "relations")):
            kind, target = relation.get("type"), relation.get("claim")
            if not isinstance(target, str):
                continue
            if target == claim.get("id"):
                yield Problem(
                    (*path, "claim"), "error", f"a relation names this claim itself ({target!r})"
                )
                continue
            if target not in known:
                yield Problem(
                    (*path, "claim"), "error", dangling_message("claim", target, claim_ids)
                )
                continue
            if not isinstance(kind, str):
                continue
            if (kind, target) in stated:
                yield Problem(
                    path,
                    "error",
                    f"this claim already says it {kind} claim {target!r}",
                    first=stated[kind, target],
                )
                continue
            opposite = _CONFLICTING.get(kind)
            if opposite is not None and (opposite, target) in stated:
                yield Problem(
                    path,
                    "error",
                    f"a claim cannot both support and contradict claim {target!r}",
                    first=stated[opposite, target],
                )
                continue
            stated[kind, target] = path


def _unknown_party_message(value: str, ids: list[str], owner: dict[str, tuple[str, str]]) -> str:
    """Word a claimant or `by` that names no party, suggesting the id of the nearest name."""
    message = f"no party has the id {value!r}"
    guess = suggest(value, ids)
    if guess is None:
        # A slip in a party's name ("Goverment of Ukraine") leads to that party's id.
        name = suggest(value, list(owner))
        if name is not None:
            guess = owner[name][0]
            return f"{message}; did you mean {guess!r} ({name})?"
    if guess is not None:
        message += f"; did you mean {guess!r}?"
    return message


def _ids(tables: list[tuple[KeyPath, dict[str, Any]]]) -> list[str]:
    found: list[str] = []
    for _, table in tables:
        value = table.get("id")
        if isinstance(value, str) and value not in found:
            found.append(value)
    return found


def _names(
    parties: list[tuple[KeyPath, dict[str, Any]]],
) -> Generator[Problem, None, dict[str, tuple[str, str]]]:
    """Report a name or alias used a second time; return each name's party and role."""
    owner: dict[str, tuple[str, str]] = {}
    first: dict[str, KeyPath] = {}
    for path, party in parties:
        party_id = party.get("id")
        uses: list[tuple[KeyPath, Any, str]] = [((*path, "name"), party.get("name"), "the name")]
        aliases = party.get("aliases")
        if isinstance(aliases, list):
            uses += [((*path, "aliases", k), alias, "an alias") for k, alias in enumerate(aliases)]
        for where, name, what in uses:
            if not isinstance(name, str) or not name.strip():
                continue
            if name in first:
                holder = owner[name][0]
                yield Problem(
                    where,
                    "error",
                    f"the name {name!r} is already used by party {holder!r}",
                    first=first[name],
                )
                continue
            first[name] = where
            if isinstance(party_id, str):
                owner[name] = (party_id, what)
    return owner


def _part_of_loops(
    parties: list[tuple[KeyPath, dict[str, Any]]], known: set[str]
) -> Iterator[Problem]:
    """Report each `part_of` loop once, at the first party in the file that is on it."""
    parent: dict[str, str] = {}
    order: list[tuple[KeyPath, str]] = []
    for path, party in parties:
        party_id, up = party.get("id"), party.get("part_of")
        # A party that names itself is reported as such, not as a loop.
        if (
            isinstance(party_id, str)
            and party_id not in parent
            and isinstance(up, str)
            and up in known
            and up != party_id
        ):
            parent[party_id] = up
            order.append((path, party_id))
    reported: set[str] = set()
    for path, party_id in order:
        if party_id in reported:
            continue
        loop = _loop_from(party_id, parent)
        if loop is None:
            continue
        reported.update(loop)
        chain = " → ".join([*loop, loop[0]])
        yield Problem((*path, "part_of"), "error", f"part_of makes a loop: {chain}")


def _loop_from(start: str, parent: dict[str, str]) -> list[str] | None:
    """Return the loop `start` is on, from `start` round, or None if it is not on one."""
    seen = [start]
    current = parent.get(start)
    while current is not None and current not in seen:
        seen.append(current)
        current = parent.get(current)
    if current != start:
        return None  # no loop, or a loop further up that `start` only leads into
    return seen


def _speakers(data: dict[str, Any]) -> Iterator[tuple[KeyPath, str, str]]:
    """Yield every claimant and denial `by` that is a string: (table path, key, value)."""
    for section_path, section in tables_at(data.get("sections"), ("sections",)):
        for claim_path, claim in tables_at(section.get("claims"), (*section_path, "claims")):
            claimant = claim.get("claimant")
            if isinstance(claimant, str):
                yield claim_path, "claimant", claimant
            for path, denial in tables_at(claim.get("denials"), (*claim_path, "denials")):
                by = denial.get("by")
                if isinstance(by, str):
                    yield path, "by", by
