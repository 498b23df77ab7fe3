"""The JSON export: the validated sections with sources and see-also resolved, for scripts.

Shape: `{"format": 1, "briefing": {...}, "sections": [...], "sources": [...]}`.
Keys keep the order of the format contract, every optional key is present (null or
[] when absent), dates are strings as written, and each claim and section carries
its number. `source` becomes the full source object (or null); `see_also` becomes
objects with the target's id, number and text. A `quote` with no text (`""`) is null,
as every other rendering shows no quote for it. Top-level `sources` lists every
source for a whole-briefing export, and the cited ones for a section export.

Format version 2. The export of a `format = 2` briefing says `"format": 2` and adds
keys after those above; the export of a `format = 1` briefing is the shape above,
unchanged, so a script tells the two apart by `format` alone. The additions:
- `briefing`: `bottom_line` (string or null) and `revised` (date string or null);
- a claim: `claimant` is the party's *name* (the id as written when the briefing has
  no parties), `claimant_party` the party's id (null without parties); after
  `stated`, `likelihood` (the term as written, "very-likely", or null) and
  `likelihood_text` ("very likely (80–95 %)", or null); after `denials`, `relations`,
  `assumptions`, `indicators` and `gaps`;
- a denial: `by` is the party's name, `by_party` its id (null without parties);
- a relation, read from the claim it is listed under, as every rendering shows it
  from both ends: `{"type", "words", "inverse", "claim", "note"}`, where `type` is the
  relation as written ("contradicts"), `inverse` is true when the *other* claim holds
  it, `words` is how it reads from this claim ("contradicted by"), and `claim` is the
  other claim as a see-also entry `{"id", "number", "text"}`;
- an assumption `{"text", "if_wrong"}`, an indicator `{"text", "effect"}` (effect
  "strengthens", "weakens" or null), a gap a string;
- an evidence item: `credibility` (1 to 6, or null); a source: `reliability` ("A" to
  "F", or null);
- top level, after `sources`: `parties` (every party for a whole-briefing export; for
  a section export, those its claims and denials name and the parties they are part
  of), each `{"id", "name", "kind", "part_of", "aliases"}` with `part_of` an id or
  null; and `changes`, each `{"date", "text"}`, newest first as in every export.

Strings are data and are not made "visible", but characters a terminal would act on
or that reorder text (DEL, C1 controls, line/paragraph separators, bidi marks,
embeddings, overrides and isolates) are written as `\\uXXXX` escapes, as JSON's
own escaping already does for the C0 controls: `cat` of the file stays safe.
"""

from __future__ import annotations

import json
import re
from typing import Any

from briefing.document.model import BriefingInfo, Section, date_text
from briefing.export import overview
from briefing.export.plan import ExportPlan
from briefing.export.walk import (
    AssumptionPart,
    CaveatPart,
    ClaimWalk,
    ClaimWalker,
    DenialPart,
    EvidencePart,
    GapPart,
    GroupKind,
    IndicatorPart,
    Item,
    LinkPart,
    RelationPart,
    SourcePart,
    source_part,
)

# Only ever found inside JSON strings (everything else json.dumps writes is ASCII).
_RISKY = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def render_json(plan: ExportPlan) -> str:
    """Return the JSON export of `plan`, indented by two spaces, ending in a newline."""
    if plan.whole:
        sources = list(plan.briefing.sources)
    else:
        cited = {source.id for section in plan.sections for source in plan.cited_sources(section)}
        sources = [source for source in plan.briefing.sources if source.id in cited]
    walker = ClaimWalker(plan.briefing, plan)
    v2 = plan.briefing.format == 2
    document: dict[str, Any] = {
        # The export's shape follows the briefing's format: 1 as it always was, 2 with
        # the additions, so that a script can tell them apart by this key alone.
        "format": plan.briefing.format,
        "briefing": _briefing(plan.briefing.briefing, v2),
        "sections": [_section(plan, section, walker, v2) for section in plan.sections],
        "sources": [_source(source_part(source, {}), v2) for source in sources],
    }
    if v2:
        document["parties"] = [
            {
                "id": party.id,
                "name": party.name,
                "kind": party.kind,
                "part_of": party.part_of,
                "aliases": list(party.aliases),
            }
            for party in overview.parties(plan)
        ]
        document["changes"] = [
            {"date": change.date, "text": change.text} for change in overview.changes(plan.briefing)
        ]
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _RISKY.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def _date(value: Any) -> str | None:
    return date_text(value) if value is not None else None


def _briefing(info: BriefingInfo, v2: bool) -> dict[str, Any]:
    found = {
        "title": info.title,
        "subtitle": info.subtitle,
        "summary": info.summary,
        "published": _date(info.published),
        "authors": list(info.authors),
        "publisher": info.publisher,
        "url": info.url,
        "tags": list(info.tags),
    }
    if v2:
        found["bottom_line"] = info.bottom_line
        found["revised"] = _date(info.revised)
    return found


def _source(source: SourcePart | None, v2: bool) -> dict[str, Any] | None:
    if source is None:
        return None
    found = {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "date": source.date,
        "url": source.url,
    }
    if v2:
        found["reliability"] = source.reliability
    return found


def _section(plan: ExportPlan, section: Section, walker: ClaimWalker, v2: bool) -> dict[str, Any]:
    return {
        "id": section.id,
        "number": plan.section_numbers[section.id],
        "title": section.title,
        "summary": section.summary,
        "claims": [_claim(walker.walk(claim), v2) for claim in section.claims],
    }


_V1_GROUPS: tuple[GroupKind, ...] = ("see_also", "evidence", "caveats", "denials")
_V2_GROUPS: tuple[GroupKind, ...] = ("relations", "assumptions", "indicators", "gaps")


def _claim(walk: ClaimWalk, v2: bool) -> dict[str, Any]:
    head = walk.head
    # Keys in the order of the format contract: the walk's parts, placed by name (a
    # head field's label, lower-cased, is its key in the file: claimant, stated, ...).
    fields = {detail.label.lower(): detail.value for detail in head.fields}
    found: dict[str, Any] = {"id": head.id, "number": head.number, "text": head.text}
    found["claimant"] = fields["claimant"]
    if v2:
        found["claimant_party"] = head.claimant_id
    found["stated"] = fields["stated"]
    if v2:
        found["likelihood"] = head.likelihood
        found["likelihood_text"] = fields.get("likelihood")
    found["confidence"] = fields["confidence"]
    for kind in (*_V1_GROUPS, *_V2_GROUPS) if v2 else _V1_GROUPS:
        found[kind] = [_part(part, v2) for part in walk.group(kind).items]
    return found


def _link(part: LinkPart) -> dict[str, Any]:
    text = part.claim.text if part.claim is not None else None
    return {"id": part.claim_id, "number": part.number, "text": text}


def _part(part: Item, v2: bool) -> Any:
    match part:
        case EvidencePart():
            found: dict[str, Any] = {
                "text": part.text,
                "source": _source(part.source, v2),
                "quote": part.quote,
            }
            if v2:
                found["credibility"] = part.credibility
            return found
        case CaveatPart():
            return {"text": part.text, "source": _source(part.source, v2)}
        case DenialPart():
            found = {"by": part.by}  # the walk's name for the denier
            if v2:
                found["by_party"] = part.by_id
            found.update(text=part.text, date=part.date, source=_source(part.source, v2))
            return found
        case RelationPart():
            return {
                "type": part.type,
                "words": part.words,
                "inverse": part.inverse,
                "claim": _link(part.link),
                "note": part.note,
            }
        case AssumptionPart():
            return {"text": part.text, "if_wrong": part.if_wrong}
        case IndicatorPart():
            return {"text": part.text, "effect": part.effect}
        case GapPart():
            return part.text
        case LinkPart():
            return _link(part)
