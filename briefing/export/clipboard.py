"""One claim as plain text for the clipboard: the claim, who makes it, and its parts.

Every briefing string is made visible first (control and bidi characters become
escapes), as in every export: pasted text must not act on the terminal it lands in.
The parts and their order come from the claim walk, as for every rendering of a claim:
in format version 2 that adds the likelihood beside the confidence, each evidence item's
credibility, each source's reliability, and the relations (read from this claim's end,
"contradicted by"), assumptions, indicators and gaps.
"""

from __future__ import annotations

from briefing.document.model import Briefing, Claim
from briefing.document.vocabulary import reliability_text
from briefing.export.plan import preview
from briefing.export.strings import one_line, paragraphs, shown
from briefing.export.walk import (
    SAID_WHEN_EMPTY,
    AssumptionPart,
    CaveatPart,
    DenialPart,
    EvidencePart,
    GapPart,
    IndicatorPart,
    Item,
    LinkPart,
    RelationPart,
    SourcePart,
    walk_claim,
)


def _body(text: str) -> str:
    return "\n".join(paragraphs(text))


def _indented(text: str, indent: str = "  ") -> str:
    return text.replace("\n", "\n" + indent)


def _cited(source: SourcePart | None) -> str:
    if source is None:
        return ""
    graded = f", {reliability_text(source.reliability)}" if source.reliability else ""
    return f" [source: {one_line(source.title)}{graded}]"


def _linked(link: LinkPart) -> str:
    text = preview(one_line(link.claim.text)) if link.claim is not None else "(missing)"
    return f"{text} [claim: {link.claim_id}]"


def claim_text(briefing: Briefing, claim: Claim) -> str:
    """Return `claim` with its claimant, evidence, caveats, denials and links as plain text."""
    walk = walk_claim(briefing, claim)
    head = walk.head
    lines = [_body(head.text), ""]
    for detail in head.fields:
        if detail.value is not None:
            value = one_line(detail.value) if detail.authored else detail.value
            lines.append(f"{detail.label}: {value}")
    if head.section_title is not None:
        lines.append(f"Section: {one_line(head.section_title)}")
    lines.append(f"Claim id: {head.id}")
    for group in walk.groups:
        if group.items:
            lines += ["", f"{group.title}:"]
            for part in group.items:
                lines += _part(part)
        elif group.kind in SAID_WHEN_EMPTY:
            lines += ["", f"{group.title}: none"]
    return "\n".join(lines) + "\n"


def _part(part: Item) -> list[str]:
    match part:
        case EvidencePart():
            lines = ["- " + _indented(_body(part.text) + _cited(part.source))]
            if part.credibility_text is not None:
                lines.append(f"  {part.credibility_text}")
            if part.quote is not None:
                lines.append("  Quote: “" + _indented(_body(part.quote)) + "”")
            return lines
        case CaveatPart():
            return ["- " + _indented(_body(part.text) + _cited(part.source))]
        case DenialPart():
            who = one_line(part.by)
            if part.date is not None:
                who += f" ({part.date})"
            return [f"- {who}: " + _indented(_body(part.text) + _cited(part.source))]
        case RelationPart():
            lines = [f"- {part.words}: {_linked(part.link)}"]
            if shown(part.note):
                lines.append("  Note: " + _indented(_body(part.note)))
            return lines
        case AssumptionPart():
            lines = ["- " + _indented(_body(part.text))]
            if shown(part.if_wrong):
                lines.append("  If wrong: " + _indented(_body(part.if_wrong)))
            return lines
        case IndicatorPart():
            lines = ["- " + _indented(_body(part.text))]
            if part.effect_text is not None:
                lines.append(f"  If seen: {part.effect_text}")
            return lines
        case GapPart():
            return ["- " + _indented(_body(part.text))]
        case LinkPart():
            return [f"- {_linked(part)}"]
