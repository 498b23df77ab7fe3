"""The parts of one claim, resolved once and in the order every rendering of a claim shows them.

Every rendering of a claim (the text, Markdown and JSON exports, the clipboard text,
the reader's claim pane) formats what `walk_claim` returns and does not go back to the
model for what a claim holds: a part one of them shows, all of them show, in the same
order. The parts keep the author's strings as written; making them visible, escaping,
wrapping or cutting them is each rendering's own business.

Format version 2 slots in here: a party's name for `claimant` and `by`, `likelihood`
beside `confidence` in the head's fields, `credibility` on an evidence item and
`reliability` on a source, and new groups (relations, assumptions, indicators) after
the denials, in `ClaimWalker.walk`. Each rendering then learns to format the new parts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal, NamedTuple

from briefing.document.model import Briefing, Claim, Source, date_text
from briefing.export.plan import ExportPlan

GroupKind = Literal["evidence", "caveats", "denials", "see_also", "linked_from"]
GROUP_TITLES: dict[GroupKind, str] = {
    "evidence": "Evidence",
    "caveats": "Caveats",
    "denials": "Denials",
    "see_also": "See also",
    "linked_from": "Linked from",
}
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

    def details(self, text: Callable[[str], str] = _as_is) -> list[str]:
        """Return the details that follow the title: publisher, kind, date, as far as given.

        `text` prepares the author's strings (publisher and kind) for the rendering:
        made visible, escaped; the date is written by the program and used as it is.
        """
        found = [text(value) for value in (self.publisher, self.kind) if value]
        if self.date:
            found.append(self.date)
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
    """Who denies the claim, for a mark beside it; the denials themselves follow as a group."""


class EvidencePart(NamedTuple):
    """A piece of evidence, with its source and quote."""

    position: int
    """The place of the item in its group, from 0."""
    text: str
    source: SourcePart | None
    quote: str | None
    """None when the author gave none, or gave one with no text (`quote = ""`)."""


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
    text: str
    date: str | None
    source: SourcePart | None


class LinkPart(NamedTuple):
    """A link to another claim: one the claim names in `see_also`, or one that names it."""

    claim_id: str
    claim: Claim | None
    """None only when the id names no claim, which a loaded briefing never has."""
    number: int | None
    section_number: int | None
    exported: bool
    """False when an export leaves out the linked claim's section."""


Item = EvidencePart | CaveatPart | DenialPart | LinkPart


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
        section = self.briefing.section_of(claim.id)
        head = ClaimHead(
            id=claim.id,
            number=plan.claim_numbers[claim.id] if plan is not None else None,
            text=claim.text,
            fields=(
                HeadField("Claimant", claim.claimant, authored=True),
                HeadField("Stated", date_text(claim.stated) or None, authored=False),
                HeadField("Confidence", claim.confidence, authored=False),
            ),
            section_title=section.title if section is not None else None,
            denied_by=tuple(denial.by for denial in claim.denials),
        )
        source = self._source
        groups = [
            PartGroup(
                "evidence",
                tuple(
                    EvidencePart(n, item.text, source(item.source), item.quote)
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
                        n, item.by, item.text, date_text(item.date) or None, source(item.source)
                    )
                    for n, item in enumerate(claim.denials)
                ),
            ),
            # Format v2's relations, assumptions and indicators go here, after the denials.
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
    )
