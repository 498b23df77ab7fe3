"""The rules that span more than one value, and pydantic's findings in our words.

Version 2's rules about parties and relations are in `rules_v2`.

Every function here works on the parsed TOML (plain dicts and lists) and returns
`Problem`s keyed by path; the loader gives them lines. They are defensive: a file
full of wrong types must still get every other problem reported, never an exception.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from briefing.document.diagnostics import Severity
from briefing.document.locate import KeyPath
from briefing.document.model import (
    Assumption,
    Briefing,
    BriefingInfo,
    Caveat,
    Change,
    Claim,
    Denial,
    Evidence,
    Indicator,
    Party,
    Relation,
    Section,
    Source,
    type_name,
)
from briefing.document.textsafe import BIDI_CHARS, CONTROL_CHARS, unsafe_characters


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem found before it has a place: its key path, severity and message."""

    path: KeyPath | None
    severity: Severity
    message: str
    # A missing key is not in the text: report it where its table stands.
    at_parent: bool = False
    # Another place the message refers to ("first used at line N").
    first: KeyPath | None = None


# Which model governs a key path once its array indexes are dropped.
MODELS: dict[tuple[str, ...], type[BaseModel]] = {
    (): Briefing,
    ("briefing",): BriefingInfo,
    ("sources",): Source,
    ("sections",): Section,
    ("sections", "claims"): Claim,
    ("sections", "claims", "evidence"): Evidence,
    ("sections", "claims", "caveats"): Caveat,
    ("sections", "claims", "denials"): Denial,
    ("parties",): Party,
    ("changes",): Change,
    ("sections", "claims", "relations"): Relation,
    ("sections", "claims", "assumptions"): Assumption,
    ("sections", "claims", "indicators"): Indicator,
}
# The keys version 2 adds to version 1's tables: in a `format = 1` file each is an error
# that names the version it needs, and is dropped before validation as unknown keys are.
V2_KEYS: dict[tuple[str, ...], frozenset[str]] = {
    (): frozenset({"parties", "changes"}),
    ("briefing",): frozenset({"bottom_line", "revised"}),
    ("sources",): frozenset({"reliability"}),
    ("sections", "claims"): frozenset(
        {"likelihood", "gaps", "relations", "assumptions", "indicators"}
    ),
    ("sections", "claims", "evidence"): frozenset({"credibility"}),
}


def known_keys(shape: tuple[str, ...], version: int) -> frozenset[str]:
    """Return the keys a table of this shape may hold in a file of this format version."""
    keys = frozenset(MODELS[shape].model_fields)
    return keys - V2_KEYS.get(shape, frozenset()) if version == 1 else keys


_SUGGESTION_LIMIT = 1000
_ARRAYS_OF_TABLES = {"sources", "sections", "claims", "denials", "parties", "changes", "relations"}
_SHORTHAND_ARRAYS = {"evidence", "caveats", "assumptions", "indicators"}


def suggest(word: str, choices: list[str]) -> str | None:
    """Return the choice closest to `word`, if one is close enough to be a likely typo."""
    lowered = {choice.lower(): choice for choice in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def pydantic_problems(error: ValidationError, data: dict[str, Any]) -> Iterator[Problem]:
    """Translate pydantic's validation errors into problems an author can act on."""
    for item in error.errors(include_url=False):
        path: KeyPath = tuple(item["loc"])
        kind = item["type"]
        value = item.get("input")
        if kind == "missing":
            yield Problem(path, "error", _missing_message(path), at_parent=True)
        elif kind == "extra_forbidden":
            yield Problem(path, "error", _unknown_key_message(path))
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            wanted = "a table or a string" if _parent_key(path) in _SHORTHAND_ARRAYS else "a table"
            yield Problem(path, "error", f"expected {wanted}, found {type_name(value)}")
        elif kind in ("tuple_type", "list_type"):
            key = _parent_key((*path, ""))
            wanted = (
                f"an array of tables ([[{'.'.join(_shape(path))}]])"
                if key in _ARRAYS_OF_TABLES
                else "an array"
            )
            yield Problem(path, "error", f"expected {wanted}, found {type_name(value)}")
        elif kind == "too_short" and path == ("sections",):
            sections = data.get("sections")
            # A section that failed validation leaves the tuple short: already reported.
            if not sections:
                yield Problem(
                    path, "error", "no sections: a briefing needs at least one [[sections]] table"
                )
        elif kind == "string_type":
            yield Problem(path, "error", f"expected a string, found {type_name(value)}")
        elif kind == "string_pattern_mismatch":
            yield Problem(
                path,
                "error",
                f"bad id {value!r}: ids are 1-64 characters of a-z, 0-9 and '-', "
                "starting with a letter or digit",
            )
        elif kind == "literal_error" and path and path[-1] == "confidence":
            yield Problem(path, "error", "bad confidence: use 'low', 'moderate' or 'high'")
        else:
            yield Problem(path, "error", item["msg"])


def without_unknown_keys(
    value: Any, version: int, path: KeyPath = (), problems: list[Problem] | None = None
) -> tuple[Any, list[Problem]]:
    """Return `value` with unknown keys removed, and a problem for each removed key.

    Done before pydantic so that a file of a million stray keys costs one pass, not a
    million validation errors; pydantic then sees only keys it knows. In a version 1
    file, version 2's keys are removed too, each with a problem naming the version.
    """
    found: list[Problem] = [] if problems is None else problems
    if isinstance(value, list):
        items = [
            without_unknown_keys(item, version, (*path, i), found)[0]
            for i, item in enumerate(value)
        ]
        return items, found
    shape = _shape(path)
    if shape not in MODELS or not isinstance(value, dict):
        return value, found
    known = known_keys(shape, version)
    cleaned: dict[str, Any] = {}
    for key, child in value.items():
        if key not in known:
            found.append(
                Problem((*path, key), "error", _stray_key_message(path, key, version, found))
            )
        elif isinstance(child, dict | list) and (*shape, key) in MODELS:
            cleaned[key] = without_unknown_keys(child, version, (*path, key), found)[0]
        else:
            cleaned[key] = child
    return cleaned, found


def _stray_key_message(path: KeyPath, key: str, version: int, found: list[Problem]) -> str:
    if key in V2_KEYS.get(_shape(path), ()):
        return f"{key!r} needs format = 2"
    # Past a few hundred, nobody reads the suggestions: skip the costly look-up.
    if len(found) >= _SUGGESTION_LIMIT:
        return f"unknown key {key!r}"
    return _unknown_key_message((*path, key), version)


def cross_reference_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """Find duplicate ids and references to sources or claims that do not exist."""
    sources = tables_at(data.get("sources"), ("sources",))
    sections = tables_at(data.get("sections"), ("sections",))
    claims = [
        claim
        for section_path, section in sections
        for claim in tables_at(section.get("claims"), (*section_path, "claims"))
    ]
    source_ids = list(_unique_ids(sources))
    yield from duplicate_ids(sources, "source")
    yield from duplicate_ids(sections, "section")
    yield from duplicate_ids(claims, "claim")
    claim_ids = [c["id"] for _, c in claims if isinstance(c.get("id"), str)]
    known_claims = set(claim_ids)
    known_sources = set(source_ids)

    cited: set[Any] = set()
    for claim_path, claim in claims:
        for part in ("evidence", "caveats", "denials"):
            items = claim.get(part)
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                # Paths are built only for a problem: a large file has none, and many items.
                reference = item.get("source")
                cited.add(reference)
                if isinstance(reference, str) and reference not in known_sources:
                    yield Problem(
                        (*claim_path, part, index, "source"),
                        "error",
                        dangling_message("source", reference, source_ids),
                    )
        see_also = claim.get("see_also")
        if isinstance(see_also, list):
            for k, reference in enumerate(see_also):
                if not isinstance(reference, str):
                    continue
                if reference == claim.get("id"):
                    yield Problem(
                        (*claim_path, "see_also", k),
                        "error",
                        f"see_also names this claim itself ({reference!r})",
                    )
                elif reference not in known_claims:
                    yield Problem(
                        (*claim_path, "see_also", k),
                        "error",
                        dangling_message("claim", reference, claim_ids),
                    )

    for path, source in sources:
        source_id = source.get("id")
        if isinstance(source_id, str) and source_id not in cited:
            yield Problem(
                path,
                "warning",
                f"source {source_id!r} is not cited by any evidence, caveat or denial",
            )
    for path, claim in claims:
        if not claim.get("evidence"):
            label = claim.get("id") if isinstance(claim.get("id"), str) else "this claim"
            yield Problem(path, "warning", f"claim {label!r} has no evidence")


def string_warnings(data: Any, path: KeyPath = ()) -> Iterator[Problem]:
    """Warn about control and bidirectional-override characters in any string."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_warnings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from string_warnings(value, (*path, index))
    elif isinstance(data, str) and (CONTROL_CHARS.search(data) or BIDI_CHARS.search(data)):
        names = ", ".join(_char_name(char) for char in unsafe_characters(data)[:3])
        kind = "control" if CONTROL_CHARS.search(data) else "bidirectional control"
        if CONTROL_CHARS.search(data) and BIDI_CHARS.search(data):
            kind = "control and bidirectional"
        yield Problem(path, "warning", f"string holds {kind} characters ({names})")


def _char_name(char: str) -> str:
    name = unicodedata.name(char, "")
    if not name:
        name = {0x1B: "ESCAPE", 0x07: "BELL", 0x7F: "DELETE", 0x0D: "CARRIAGE RETURN"}.get(
            ord(char), "CONTROL"
        )
    return f"U+{ord(char):04X} {name}"


def tables_at(value: Any, prefix: KeyPath) -> list[tuple[KeyPath, dict[str, Any]]]:
    """Return the tables of an array with their key paths, skipping what is not a table."""
    if not isinstance(value, list):
        return []
    return [((*prefix, i), item) for i, item in enumerate(value) if isinstance(item, dict)]


def _unique_ids(tables: list[tuple[KeyPath, dict[str, Any]]]) -> Iterator[str]:
    seen: set[str] = set()
    for _, table in tables:
        value = table.get("id")
        if isinstance(value, str) and value not in seen:
            seen.add(value)
            yield value


def duplicate_ids(tables: list[tuple[KeyPath, dict[str, Any]]], kind: str) -> Iterator[Problem]:
    """Report each id used a second time, where it stands, pointing at its first use."""
    first: dict[str, KeyPath] = {}
    for path, table in tables:
        value = table.get("id")
        if not isinstance(value, str):
            continue
        if value in first:
            yield Problem(
                (*path, "id"),
                "error",
                f"duplicate {kind} id {value!r}",
                first=(*first[value], "id"),
            )
        else:
            first[value] = path


def dangling_message(kind: str, reference: str, known: list[str]) -> str:
    """Word a reference to an id that does not exist, with the nearest id if one is close."""
    message = f"no {kind} has the id {reference!r}"
    guess = suggest(reference, known)
    if guess is not None:
        message += f"; did you mean {guess!r}?"
    return message


def _shape(path: KeyPath) -> tuple[str, ...]:
    return tuple(part for part in path if isinstance(part, str))


def _parent_key(path: KeyPath) -> str | None:
    for part in reversed(path[:-1]):
        if isinstance(part, str):
            return part
    return None


def _missing_message(path: KeyPath) -> str:
    key = str(path[-1])
    if path == ("sections",):
        return "no sections: a briefing needs at least one [[sections]] table"
    if path == ("briefing",):
        return "missing required table [briefing] (it holds the title)"
    return f"missing required key {key!r}"


def _unknown_key_message(path: KeyPath, version: int = 2) -> str:
    key = str(path[-1])
    shape = _shape(path[:-1])
    message = f"unknown key {key!r}"
    if shape in MODELS:
        known = known_keys(shape, version)
        guess = suggest(key, [name for name in MODELS[shape].model_fields if name in known])
        if guess is not None and guess != key:
            message += f"; did you mean {guess!r}?"
    return message
