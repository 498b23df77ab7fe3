"""The options that show one claim: its own block, then its groups (evidence to links).

The parts and their order come from the claim walk (briefing.export.walk), as for every
rendering of a claim; this module gives them the pane's styles and layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.geometry import Spacing
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets.option_list import Option

from briefing.document.model import Briefing, Claim, Source
from briefing.document.textsafe import visible
from briefing.export.walk import GROUP_TITLES as WALK_GROUP_TITLES
from briefing.export.walk import (
    SAID_WHEN_EMPTY,
    AssumptionPart,
    CaveatPart,
    ClaimHead,
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
    walk_claim,
)
from briefing.query.backlinks import backlinks_for
from briefing.query.badges import DENIED_MARK, badge, relation_count
from briefing.tui.widgets.hanging import Hanging

# The pane's group names and titles are the walk's (claim_detail re-exports them).
Group = GroupKind
GROUP_TITLES = WALK_GROUP_TITLES


# Laying out a string of a million characters freezes the screen for seconds; past
# this many, the pane shows the start and says how to read the rest.
SHOWN_CHARACTERS = 20_000


def shown(text: str, style: str = "") -> Text:
    """Return briefing text as shown in the pane: visible, and cut short if enormous."""
    out = Text()
    out.append(visible(text[:SHOWN_CHARACTERS]), style)
    rest = len(text) - SHOWN_CHARACTERS
    if rest > 0:
        out.append(f" … [{rest:,} more characters not shown here: ", "dim italic")
        out.append("export with x to read them all]", "dim italic")
    return out


def _one_line(text: str) -> str:
    return visible(text, one_line=True)


def source_details(source: Source) -> list[str]:
    """Return a source's publisher, kind and date, as shown after its title."""
    return source_part(source, {}).details(_one_line)


def source_text(source: SourcePart) -> Text:
    """Return how a cited source reads: title, publisher, kind, date, then its URL."""
    out = Text()
    out.append(_one_line(source.title), "italic")
    details = source.details(_one_line)
    if details:
        out.append(" — " + ", ".join(details))
    if source.url:
        out.append("\n")
        out.append(_one_line(source.url), "underline")
    return out


# "Confidence: " is the longest label; the values line up after it.
_LABEL_COLUMNS = 12


def claim_header(head: ClaimHead, badge_text: str) -> Text:
    """Return the claim's own block: any denial, text, claimant, date, confidence, badge."""
    out = Text()
    if head.denied_by:
        by = ", ".join(_one_line(who) for who in head.denied_by)
        out.append(f"{DENIED_MARK} DENIED by {by}\n", "bold reverse red")
    out.append_text(shown(head.text, "bold"))
    out.append("\n")
    for detail in head.fields:
        out.append("\n" + f"{detail.label}:".ljust(_LABEL_COLUMNS), "dim")
        out.append(_one_line(detail.value) if detail.value else "not given")
    out.append("\n" + "Badge:".ljust(_LABEL_COLUMNS), "dim")
    out.append(badge_text.rstrip())
    out.append(f"   (id: {head.id})", "dim")
    return out


@dataclass(frozen=True, slots=True)
class Items:
    """A claim's options, made for one version of the briefing."""

    briefing: Briefing
    claim: Claim
    options: list[Option | None]
    group_start: dict[Group, int]
    counts: dict[Group, int]
    """How many items each group holds, as the walk found them (relations from both ends)."""
    drawn: dict[tuple[Option, Style, Spacing], list[Strip]] = field(default_factory=dict)
    """Options drawn ahead, keyed as the option list keys them, at `drawn_width`."""
    drawn_width: list[int] = field(default_factory=list)


def make_items(widget: Widget, briefing: Briefing, claim: Claim) -> Items:
    """Return the options that show `claim`: its own block, then a group of items each."""
    # The claims whose see_also names this one, so a link can be followed back.
    linked_from = backlinks_for(briefing).get(claim.id, ())
    walk = walk_claim(briefing, claim, linked_from=linked_from)
    head_badge = badge(claim, relation_count(briefing, claim))
    options: list[Option | None] = [Option(claim_header(walk.head, head_badge), disabled=True)]
    group_start: dict[Group, int] = {}
    counts: dict[Group, int] = {}
    for group in walk.groups:
        counts[group.kind] = len(group.items)
        if not group.items and group.kind not in SAID_WHEN_EMPTY:
            continue
        options.append(None)
        mark = f"{DENIED_MARK} " if group.kind == "denials" and group.items else ""
        title = Text(f"{mark}{group.title} ({len(group.items)})", "bold underline")
        options.append(Option(title, disabled=True))
        group_start[group.kind] = len([o for o in options if o is not None])
        if group.items:
            options.extend(
                _item(widget, briefing, part, group.kind, n) for n, part in enumerate(group.items)
            )
        else:
            options.append(
                Option(Text(f"  No {group.title.lower()}.", "dim italic"), disabled=True)
            )
    return Items(briefing, claim, options, group_start, counts)


def _numbered(widget: Widget, number: Text, *parts: Text | Hanging) -> Hanging:
    # The number sits in a margin, so wrapped lines keep their indent.
    return Hanging(widget, number, parts)


def _with_source(widget: Widget, number: Text, body: Text, source: SourcePart | None) -> Hanging:
    # The source follows the item's text and wraps under a margin of its own.
    if source is None:
        return _numbered(widget, number, body)
    cited = _numbered(widget, Text("Source:", "dim"), source_text(source))
    return _numbered(widget, number, body, cited)


def _item(widget: Widget, briefing: Briefing, part: Item, group: Group, index: int) -> Option:
    match part:
        case EvidencePart():
            out = shown(part.text)
            if part.quote is not None:
                out.append("\n“")
                out.append_text(shown(part.quote, "italic"))
                out.append("”")
            if part.credibility_text is not None:
                # Fixed words (the Admiralty grade), beside the item they grade.
                out.append("\n" + part.credibility_text, "dim")
            number = Text(f"{part.position + 1:>2}.", "bold")
            return Option(
                _with_source(widget, number, out, part.source), id=f"evidence:{part.position}"
            )
        case CaveatPart():
            number = Text(f"{part.position + 1:>2}.", "bold")
            item = _with_source(widget, number, shown(part.text), part.source)
            return Option(item, id=f"caveats:{part.position}")
        case DenialPart():
            out = Text("Denied by ", "dim")
            out.append(_one_line(part.by), "bold")
            if part.date is not None:
                out.append(f" ({part.date})")
            out.append(":\n")
            out.append_text(shown(part.text))
            number = Text(f"{DENIED_MARK}{part.position + 1:>2}.", "bold red")
            return Option(
                _with_source(widget, number, out, part.source), id=f"denials:{part.position}"
            )
        case RelationPart():
            return _relation(widget, part, index)
        case AssumptionPart():
            out = shown(part.text)
            if part.if_wrong is not None:
                out.append("\nif wrong: ", "dim")
                out.append_text(shown(part.if_wrong))
            number = Text(f"{part.position + 1:>2}.", "bold")
            return Option(_numbered(widget, number, out), id=f"assumptions:{part.position}")
        case IndicatorPart():
            out = shown(part.text)
            if part.effect is not None:
                out.append(f"\nif seen, {part.effect} the claim", "dim")
            number = Text(f"{part.position + 1:>2}.", "bold")
            return Option(_numbered(widget, number, out), id=f"indicators:{part.position}")
        case GapPart():
            number = Text(f"{part.position + 1:>2}.", "bold")
            return Option(_numbered(widget, number, shown(part.text)), id=f"gaps:{part.position}")
        case LinkPart():
            return _link(widget, briefing, part, back=group == "linked_from")


RELATION_PREFIX = "rel"
"""Starts the option id of a relation: `rel3:claim-id` (the claim it leads to)."""


def _relation(widget: Widget, part: RelationPart, index: int) -> Option:
    # Held relations point on (→), those another claim holds point back (←): the
    # arrow and the words say which end the reader stands at, without colour.
    arrow = Text(" ←" if part.inverse else " →", "bold")
    out = Text(part.words, "bold")
    out.append(" ")
    link = part.link
    if link.claim is None:
        out.append(f"{link.claim_id} (missing)", "dim")
    else:
        # No badge between them: the row reads "contradicts <the other claim>".
        out.append(_one_line(link.claim.text), "underline")
    if part.note is not None:
        out.append("\nnote: ", "dim")
        out.append_text(shown(part.note, "italic"))
    if link.claim is None:
        return Option(_numbered(widget, arrow, out), disabled=True)
    # One claim may stand in two relations to this one: the place keeps ids apart.
    return Option(_numbered(widget, arrow, out), id=f"{RELATION_PREFIX}{index}:{link.claim_id}")


def _link(widget: Widget, briefing: Briefing, link: LinkPart, back: bool) -> Option:
    arrow = Text(" ←" if back else " →", "bold")
    if link.claim is None:
        missing = Text(f"{link.claim_id} (missing)", "dim")
        return Option(_numbered(widget, arrow, missing), disabled=True)
    out = Text(badge(link.claim, relation_count(briefing, link.claim)), "dim")
    out.append(" ")
    out.append(_one_line(link.claim.text), "underline")
    # A claim may be both a see-also and a linked-from of this one: ids must differ.
    return Option(_numbered(widget, arrow, out), id=f"{'from' if back else 'see'}:{link.claim_id}")
