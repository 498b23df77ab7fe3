"""The JSON export: the validated sections with sources and see-also resolved, for scripts.

Shape: `{"format": 1, "briefing": {...}, "sections": [...], "sources": [...]}`.
Keys keep the order of the format contract, every optional key is present (null or
[] when absent), dates are strings as written, and each claim and section carries
its number. `source` becomes the full source object (or null); `see_also` becomes
objects with the target's id, number and text. A `quote` with no text (`""`) is null,
as every other rendering shows no quote for it. Top-level `sources` lists every
source for a whole-briefing export, and the cited ones for a section export.

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
from briefing.export.plan import ExportPlan
from briefing.export.walk import (
    CaveatPart,
    ClaimWalk,
    ClaimWalker,
    DenialPart,
    EvidencePart,
    Item,
    LinkPart,
    SourcePart,
    source_part,
)

# Only ever found inside JSON strings (everything else json.dumps writes is ASCII).
_RISKY = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

JSON_FORMAT = 1


def render_json(plan: ExportPlan) -> str:
    """Return the JSON export of `plan`, indented by two spaces, ending in a newline."""
    if plan.whole:
        sources = list(plan.briefing.sources)
    else:
        cited = {source.id for section in plan.sections for source in plan.cited_sources(section)}
        sources = [source for source in plan.briefing.sources if source.id in cited]
    walker = ClaimWalker(plan.briefing, plan)
    document = {
        "format": JSON_FORMAT,
        "briefing": _briefing(plan.briefing.briefing),
        "sections": [_section(plan, section, walker) for section in plan.sections],
        "sources": [_source(source_part(source, {})) for source in sources],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _RISKY.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def _date(value: Any) -> str | None:
    return date_text(value) if value is not None else None


def _briefing(info: BriefingInfo) -> dict[str, Any]:
    return {
        "title": info.title,
        "subtitle": info.subtitle,
        "summary": info.summary,
        "published": _date(info.published),
        "authors": list(info.authors),
        "publisher": info.publisher,
        "url": info.url,
        "tags": list(info.tags),
    }


def _source(source: SourcePart | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "date": source.date,
        "url": source.url,
    }


def _section(plan: ExportPlan, section: Section, walker: ClaimWalker) -> dict[str, Any]:
    return {
        "id": section.id,
        "number": plan.section_numbers[section.id],
        "title": section.title,
        "summary": section.summary,
        "claims": [_claim(walker.walk(claim)) for claim in section.claims],
    }


def _claim(walk: ClaimWalk) -> dict[str, Any]:
    head = walk.head
    # Keys in the order of the format contract: the walk's parts, placed by name (a
    # head field's label, lower-cased, is its key in the file: claimant, stated, ...).
    found: dict[str, Any] = {"id": head.id, "number": head.number, "text": head.text}
    found.update((detail.label.lower(), detail.value) for detail in head.fields)
    for kind in ("see_also", "evidence", "caveats", "denials"):
        found[kind] = [_part(part) for part in walk.group(kind).items]
    return found


def _part(part: Item) -> dict[str, Any]:
    match part:
        case EvidencePart():
            return {"text": part.text, "source": _source(part.source), "quote": part.quote}
        case CaveatPart():
            return {"text": part.text, "source": _source(part.source)}
        case DenialPart():
            return {
                "by": part.by,
                "text": part.text,
                "date": part.date,
                "source": _source(part.source),
            }
        case LinkPart():
            text = part.claim.text if part.claim is not None else None
            return {"id": part.claim_id, "number": part.number, "text": text}
