"""The parts of one claim, resolved once and in the order every rendering of a claim shows them.

Every rendering of a claim (the text, Markdown and JSON exports, the clipboard text,
the reader's claim pane) formats what `walk_claim` returns and does not go back to the
model for what a claim holds: a part one of them shows, all of them show, in the same
order. The parts keep the author's strings as written; making them visible, escaping,
wrapping or cutting them is each rendering's own business.

Format version 2's parts are here too: a party's name (never its id) for `claimant`
and `by`, `likelihood` beside `confidence` in the head's fields, `credibility` on an
evidence item and `reliability` on a source, and the groups relations (from both
ends), assumptions, indicators and gaps after the denials. A version 1 claim has
none of them, and its walk is what it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal, NamedTuple

from briefing.document.model import Briefing, Claim, Source, date_text
from briefing.document.vocabulary import (
    credibility_text,
    likelihood_text,
    relation_words,
    reliability_text,
)
from briefing.export.plan import ExportPlan

GroupKind = Literal[
    "evidence",
    "caveats",
    "denials",
    "relations",
    "assumptions",
    "indicators",
    "gaps",
    "see_also",
    "linked_from",
]
GROUP_TITLES: dict[GroupKind, str] = {
    "evidence": "Evidence",
    "caveats": "Caveats",
    "denials": "Denials",
    "relations": "Relations",
    "assumptions": "Assumptions",
    "indicators": "Indicators",
    "gaps": "Gaps",
    "see_also": "See also",
    "linked_from": "Linked from",
}
# An indicator's effect as a reader reads it: what seeing the sign would do to the claim.
_EFFECT_WORDS = {"strengthens": "would strengthen the claim", "weakens": "would weaken the claim"}
# A reader is told "none" for these when a claim has none; links are left out instead.
SAID_WHEN_EMPTY: frozenset[GroupKind] = frozenset({"evidence", "caveats", "denials"})


def _as_is(text: str) -> str:
    return text


class SourcePart(NamedTuple):
    """A cited source, resolved: its strings as written and its export reference."""

    id: str
    title: str
    publisher: str | None
    kind: str | None
    date: str | None
    url: str | None
    ref: str
    """`[S3]` in an export (sources numbered by their place in the file), else ""."""
    reliability: str | None = None
    """The Admiralty letter, "A" to "F" (format 2), or None."""

    def details(self, text: Callable[[str], str] = _as_is) -> list[str]:
        """Return the details that follow the title: publisher, kind, date, as far as given.

        `text` prepares the author's strings (publisher and kind) for the rendering:
        made visible, escaped; the date is written by the program and used as it is.
        """
        found = [text(value) for value in (self.publisher, self.kind) if value]
        if self.date:
            found.append(self.date)
        if self.reliability:
            found.append(reliability_text(self.reliability))
        return [detail for detail in found if detail]


class HeadField(NamedTuple):
    """A labelled detail of the claim itself, e.g. `Claimant: Ministry of Defence`."""

    label: str
    value: str | None
    authored: bool
    """True for the author's free text (to be made visible or escaped), False for fixed words."""


class ClaimHead(NamedTuple):
    """The claim's own block: its text, its labelled details, and who denies it."""

    id: str
    number: int | None
    """The claim's number across the briefing, in an export; None elsewhere."""
    text: str
    fields: tuple[HeadField, ...]
    section_title: str | None
    denied_by: tuple[str, ...]
    """Who denies the claim (names), for a mark beside it; the denials follow as a group."""
    claimant_id: str | None = None
    """The claimant's party id in a briefing with parties (format 2), else None."""
    likelihood: str | None = None
    """The likelihood term as written ("very-likely"); the head's fields spell it out."""


class EvidencePart(NamedTuple):
    """A piece of evidence, with its source and quote."""

    position: int
    """The place of the item in its group, from 0."""
    text: str
    source: SourcePart | None
    quote: str | None
    """None when the author gave none, or gave one with no text (`quote = ""`)."""
    credibility: int | None = None
    """The Admiralty grade, 1 to 6 (format 2), or None."""

    @property
    def credibility_text(self) -> str | None:
        """The credibility spelled out, "credibility 2 (probably true)", or None."""
        return credibility_text(self.credibility) if self.credibility is not None else None


class CaveatPart(NamedTuple):
    """A caveat, with its source."""

    position: int
    """The place of the item in its group, from 0."""
    text: str
    source: SourcePart | None


class DenialPart(NamedTuple):
    """A denial: who denies the claim, when, what they said, and the source."""

    position: int
    """The place of the item in its group, from 0."""
    by: str
    """Who denies: a party's name, or the free text of a briefing without parties."""
    text: str
    date: str | None
    source: SourcePart | None
    by_id: str | None = None
    """The denier's party id in a briefing with parties (format 2), else None."""


class LinkPart(NamedTuple):
    """A link to another claim: one the claim names in `see_also`, or one that names it."""

    claim_id: str
    claim: Claim | None
    """None only when the id names no claim, which a loaded briefing never has."""
    number: int | None
    section_number: int | None
    exported: bool
    """False when an export leaves out the linked claim's section."""


class RelationPart(NamedTuple):
    """How this claim bears on another, or another on it, read from this claim's end."""

    type: str
    """The relation's type as written: supports, contradicts, undercuts, qualifies, same-as."""
    inverse: bool
    """True when the other claim holds the relation: "contradicted by" rather than "contradicts"."""
    note: str | None
    link: LinkPart

    @property
    def words(self) -> str:
        """How the relation reads from this claim: "contradicts", "contradicted by"."""
        return relation_words(self.type, self.inverse)


class AssumptionPart(NamedTuple):
    """What the claim takes for granted, and what follows if it is wrong."""

    position: int
    text: str
    if_wrong: str | None


class IndicatorPart(NamedTuple):
    """A sign to watch for, and what seeing it would do to the claim."""

    position: int
    text: str
    effect: str | None
    """strengthens, weakens, or None when the author did not say."""

    @property
    def effect_text(self) -> str | None:
        """What seeing the sign would do, "would strengthen the claim", or None if not said."""
        return _EFFECT_WORDS.get(self.effect) if self.effect is not None else None


class GapPart(NamedTuple):
    """Something not known that would matter to the claim."""

    position: int
    text: str


Item = (
    EvidencePart
    | CaveatPart
    | DenialPart
    | RelationPart
    | AssumptionPart
    | IndicatorPart
    | GapPart
    | LinkPart
)


class PartGroup(NamedTuple):
    """The items of one kind, in the author's order."""

    kind: GroupKind
    items: tuple[Item, ...]

    @property
    def title(self) -> str:
        """The group's heading, e.g. "See also"."""
        return GROUP_TITLES[self.kind]


class ClaimWalk(NamedTuple):
    """One claim's parts: the head, then each group in the order every rendering shows."""

    head: ClaimHead
    groups: tuple[PartGroup, ...]

    def group(self, kind: GroupKind) -> PartGroup:
        """Return the group of `kind` (empty when the walk has none of it)."""
        for group in self.groups:
            if group.kind == kind:
                return group
        return PartGroup(kind, ())


def walk_claim(
    briefing: Briefing,
    claim: Claim,
    plan: ExportPlan | None = None,
    linked_from: Sequence[str] | None = None,
) -> ClaimWalk:
    """Return the parts of `claim` in reading order (see `ClaimWalker.walk`)."""
    return ClaimWalker(briefing, plan).walk(claim, linked_from)


class ClaimWalker:
    """Walks the claims of one briefing, resolving each cited source once for them all.

    With an export `plan`, claims, links and sources carry their numbers and links to
    claims outside the export are told apart; without one they carry none, and a link
    to a missing claim is kept (the reader shows it as missing).
    """

    def __init__(self, briefing: Briefing, plan: ExportPlan | None = None) -> None:
        self.briefing = briefing
        self.plan = plan
        self._numbers: Mapping[str, int] = plan.source_numbers if plan is not None else {}
        self._sources: dict[str, SourcePart | None] = {}

    def walk(self, claim: Claim, linked_from: Sequence[str] | None = None) -> ClaimWalk:
        """Return the parts of `claim` in reading order.

        `linked_from`, the ids of claims that name this one, adds a last group (the
        reader's pane shows it).
        """
        plan = self.plan
        briefing = self.briefing
        section = briefing.section_of(claim.id)
        name = briefing.party_name
        has_parties = bool(briefing.parties)
        fields = [
            HeadField("Claimant", name(claim.claimant), authored=True),
            HeadField("Stated", date_text(claim.stated) or None, authored=False),
        ]
        if claim.likelihood is not None:
            # Beside confidence, never merged with it: how probable, then how sound the basis.
            fields.append(HeadField("Likelihood", likelihood_text(claim.likelihood), False))
        fields.append(HeadField("Confidence", claim.confidence, authored=False))
        head = ClaimHead(
            id=claim.id,
            number=plan.claim_numbers[claim.id] if plan is not None else None,
            text=claim.text,
            fields=tuple(fields),
            section_title=section.title if section is not None else None,
            denied_by=tuple(name(denial.by) for denial in claim.denials),
            claimant_id=claim.claimant if has_parties else None,
            likelihood=claim.likelihood,
        )
        source = self._source
        groups = [
            PartGroup(
                "evidence",
                tuple(
                    EvidencePart(n, item.text, source(item.source), item.quote, item.credibility)
                    for n, item in enumerate(claim.evidence)
                ),
            ),
            PartGroup(
                "caveats",
                tuple(
                    CaveatPart(n, item.text, source(item.source))
                    for n, item in enumerate(claim.caveats)
                ),
            ),
            PartGroup(
                "denials",
                tuple(
                    DenialPart(
                        n,
                        name(item.by),
                        item.text,
                        date_text(item.date) or None,
                        source(item.source),
                        item.by if has_parties else None,
                    )
                    for n, item in enumerate(claim.denials)
                ),
            ),
            PartGroup("relations", self._relations(claim)),
            PartGroup(
                "assumptions",
                tuple(
                    AssumptionPart(n, item.text, item.if_wrong)
                    for n, item in enumerate(claim.assumptions)
                ),
            ),
            PartGroup(
                "indicators",
                tuple(
                    IndicatorPart(n, item.text, item.effect)
                    for n, item in enumerate(claim.indicators)
                ),
            ),
            PartGroup("gaps", tuple(GapPart(n, text) for n, text in enumerate(claim.gaps))),
            PartGroup("see_also", self._links(claim.see_also)),
        ]
        if linked_from is not None:
            groups.append(PartGroup("linked_from", self._links(linked_from)))
        return ClaimWalk(head, tuple(groups))

    def _source(self, source_id: str | None) -> SourcePart | None:
        if source_id is None:
            return None
        if source_id not in self._sources:
            found = self.briefing.source(source_id)
            self._sources[source_id] = (
                source_part(found, self._numbers) if found is not None else None
            )
        return self._sources[source_id]

    def _relations(self, claim: Claim) -> tuple[RelationPart, ...]:
        """The relations this claim holds, then those others hold towards it."""
        found = self.briefing.relations_of(claim)
        if not found:
            return ()
        links = self._links([other for _, _, other in found])
        if len(links) != len(found):
            # An export leaves out links it cannot number (none in a loaded briefing).
            by_id = {link.claim_id: link for link in links}
            return tuple(
                RelationPart(r.type, inverse, r.note, by_id[other])
                for r, inverse, other in found
                if other in by_id
            )
        return tuple(
            RelationPart(r.type, inverse, r.note, link)
            for (r, inverse, _), link in zip(found, links, strict=True)
        )

    def _links(self, claim_ids: Sequence[str]) -> tuple[LinkPart, ...]:
        briefing, plan = self.briefing, self.plan
        if plan is None:
            return tuple(LinkPart(cid, briefing.claim(cid), None, None, True) for cid in claim_ids)
        found: list[LinkPart] = []
        for claim_id in claim_ids:
            target = briefing.claim(claim_id)
            section = briefing.section_of(claim_id)
            if target is None or section is None:
                continue  # the loader refuses dangling references; nothing to number
            found.append(
                LinkPart(
                    claim_id,
                    target,
                    plan.claim_numbers[claim_id],
                    plan.section_numbers[section.id],
                    section.id in plan.exported_section_ids,
                )
            )
        return tuple(found)


def source_part(source: Source, numbers: Mapping[str, int]) -> SourcePart:
    """Return `source` resolved as a claim's parts carry it; `numbers` numbers it in an export."""
    number = numbers.get(source.id)
    return SourcePart(
        id=source.id,
        title=source.title,
        publisher=source.publisher,
        kind=source.kind,
        date=date_text(source.date) or None,
        url=source.url,
        ref=f"[S{number}]" if number is not None else "",
        reliability=source.reliability,
    )
