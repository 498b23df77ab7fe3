"""The briefing format, versions 1 and 2, as immutable pydantic models.

Field names are the TOML keys of the contract, so a validation error's location
is also the key path an author sees in their file. Scalars are strict (nothing
is coerced); containers accept the lists TOML produces and store tuples.

One set of models reads both versions: the version 2 keys are optional, and the
loader refuses them in a `format = 1` file before the models see it (`rules.V2_KEYS`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from briefing.document.diagnostics import type_name
from briefing.document.fields import (
    ID_PATTERN,
    BriefingDate,
    Confidence,
    Credibility,
    Effect,
    Identifier,
    Likelihood,
    PartyKind,
    Reference,
    RelationType,
    Reliability,
    RequiredText,
    Text,
    WebUrl,
    blank_is_none,
    date_sort_key,
    date_text,
    shorthand_items,
)

# Older homes of these names: the rest of the program imports them from here.
__all__ = ["ID_PATTERN", "blank_is_none", "date_sort_key", "date_text", "type_name"]


class Frozen(BaseModel):
    """Base for every part of a briefing: immutable, strict, no unknown keys."""

    # Validators are built when first used, not on import: a briefing read from the
    # cache (briefing/document/cache.py) is never validated, and building them cost
    # ~30 ms of each reopen (pydantic's plugin loader included).
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)


class Source(Frozen):
    """A document that evidence, caveats and denials cite."""

    id: Identifier = Field(
        description="The id that evidence, caveats and denials cite this source by: "
        "1-64 characters of a-z, 0-9 and '-'; unique among sources."
    )
    title: RequiredText = Field(description="The document's title.")
    publisher: Text | None = Field(default=None, description="Who published the document.")
    kind: Text | None = Field(
        default=None,
        description="What kind of document it is, in free text: 'official statement', 'report'.",
    )
    date: BriefingDate | None = Field(
        default=None,
        description='When the document appeared: a date (2025-04-28), or "2025-04" or '
        '"2025" when known only to the month or year.',
    )
    url: WebUrl | None = Field(
        default=None, description="Where to read the document: an http or https URL."
    )
    reliability: Reliability | None = Field(
        default=None,
        description="Format 2: how reliable the source has proved, in the Admiralty code: "
        "'A' completely reliable to 'E' unreliable, 'F' cannot be judged.",
    )


class _TextShorthand(Frozen):
    """A part that may be written as a bare string meaning its `text`."""

    @model_validator(mode="before")
    @classmethod
    def _expand_shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"text": data}
        return data


class Evidence(_TextShorthand):
    """What supports a claim."""

    text: RequiredText = Field(description="What supports the claim, in the author's words.")
    source: Reference | None = Field(
        default=None, description="The id of the [[sources]] entry this comes from."
    )
    quote: Text | None = Field(default=None, description="A verbatim quote from the source.")
    credibility: Credibility | None = Field(
        default=None,
        description="Format 2: how credible this information is, in the Admiralty code: "
        "1 confirmed by other sources to 5 improbable, 6 cannot be judged.",
    )

    @field_validator("quote")
    @classmethod
    def _blank_quote_is_no_quote(cls, quote: str | None) -> str | None:
        # An author who writes `quote = ""` (or only spaces, tabs and line breaks) quotes
        # nothing. Decided here, once, so that every rendering and the JSON export (which
        # must load back to the same briefing) agree.
        return blank_is_none(quote)


class Caveat(_TextShorthand):
    """A limit on what a claim can be taken to show."""

    text: RequiredText = Field(description="What limits the claim, in the author's words.")
    source: Reference | None = Field(
        default=None, description="The id of the [[sources]] entry this comes from."
    )


class Denial(Frozen):
    """A party's denial of a claim, kept next to the claim it denies."""

    by: RequiredText = Field(
        description="Who denies the claim: free text, or a party's id once the briefing "
        "has [[parties]]."
    )
    text: RequiredText = Field(description="What they said, in the author's words.")
    date: BriefingDate | None = Field(
        default=None,
        description='When they denied it: a date (2025-04-29), or "2025-04" or "2025".',
    )
    source: Reference | None = Field(
        default=None, description="The id of the [[sources]] entry that reports the denial."
    )


class Relation(Frozen):
    """How a claim bears on another: "this claim contradicts that one"."""

    type: RelationType = Field(
        description="supports, contradicts, undercuts (attacks the inference from the other "
        "claim's evidence), qualifies (narrows it) or same-as (the same claim, made by "
        "another party)."
    )
    claim: Reference = Field(description="The id of the other claim.")
    note: Text | None = Field(default=None, description="Why, in a sentence.")

    @field_validator("note")
    @classmethod
    def _blank_note_is_no_note(cls, note: str | None) -> str | None:
        # As for a blank quote: every rendering then agrees that there is no note.
        return blank_is_none(note)


class Assumption(_TextShorthand):
    """What a judgement takes for granted, and what follows if it is wrong."""

    text: RequiredText = Field(description="What the claim takes for granted.")
    if_wrong: Text | None = Field(
        default=None, description="What would follow if the assumption were wrong."
    )

    @field_validator("if_wrong")
    @classmethod
    def _blank_is_not_said(cls, if_wrong: str | None) -> str | None:
        return blank_is_none(if_wrong)


class Indicator(_TextShorthand):
    """A sign to watch for that would bear on a claim."""

    text: RequiredText = Field(description="What to watch for.")
    effect: Effect | None = Field(
        default=None,
        description="What seeing it would do to the claim: strengthens or weakens it.",
    )


class Claim(Frozen):
    """Who says what, on what evidence, with which caveats, and who denies it."""

    id: Identifier = Field(
        description="The claim's id: 1-64 characters of a-z, 0-9 and '-'; "
        "unique among all claims of the briefing."
    )
    text: RequiredText = Field(description="The claim itself.")
    claimant: RequiredText = Field(
        description="Who makes the claim: free text, or a party's id once the briefing "
        "has [[parties]]."
    )
    stated: BriefingDate | None = Field(
        default=None,
        description='When the claim was made: a date (2025-04-28), or "2025-04" or "2025".',
    )
    confidence: Confidence | None = Field(
        default=None,
        description="How sound the basis for judging the claim is: low, moderate or high "
        "(how probable the claim is goes in likelihood).",
    )
    see_also: tuple[Reference, ...] = Field(
        default=(), strict=False, description="Ids of other claims that bear on this one."
    )
    evidence: tuple[Evidence, ...] = Field(
        default=(),
        strict=False,
        description="What supports the claim: tables, or strings meaning just their text.",
        json_schema_extra=shorthand_items,
    )
    caveats: tuple[Caveat, ...] = Field(
        default=(),
        strict=False,
        description="Limits on what the claim shows: tables, or strings meaning just their text.",
        json_schema_extra=shorthand_items,
    )
    denials: tuple[Denial, ...] = Field(
        default=(), strict=False, description="Who denies the claim, and what they said."
    )
    likelihood: Likelihood | None = Field(
        default=None,
        description="Format 2: how probable the claim is, in the estimative terms of ICD 203 "
        "(apart from confidence, which is how sound the basis for judging it is).",
    )
    gaps: tuple[RequiredText, ...] = Field(
        default=(), strict=False, description="Format 2: what is not known that would matter."
    )
    relations: tuple[Relation, ...] = Field(
        default=(), strict=False, description="Format 2: how this claim bears on other claims."
    )
    assumptions: tuple[Assumption, ...] = Field(
        default=(),
        strict=False,
        description="Format 2: what the claim takes for granted: tables, or strings meaning "
        "just their text.",
        json_schema_extra=shorthand_items,
    )
    indicators: tuple[Indicator, ...] = Field(
        default=(),
        strict=False,
        description="Format 2: signs to watch for: tables, or strings meaning just their text.",
        json_schema_extra=shorthand_items,
    )


class Section(Frozen):
    """A part of the briefing's argument and the claims it holds."""

    id: Identifier = Field(
        description="The section's id: 1-64 characters of a-z, 0-9 and '-'; unique among sections."
    )
    title: RequiredText = Field(description="The section's heading.")
    summary: Text | None = Field(
        default=None,
        description="Context for the claims below; a blank line separates paragraphs.",
    )
    claims: tuple[Claim, ...] = Field(
        default=(), strict=False, description="The claims of this section, in reading order."
    )


class BriefingInfo(Frozen):
    """The `[briefing]` table: what the document is and who made it."""

    title: RequiredText = Field(description="The briefing's title.")
    subtitle: Text | None = Field(default=None, description="A line under the title.")
    summary: Text | None = Field(
        default=None,
        description="What the briefing is about; a blank line separates paragraphs.",
    )
    published: BriefingDate | None = Field(
        default=None,
        description='When the briefing was published: a date (2025-05-02), or "2025-05" or "2025".',
    )
    authors: tuple[Text, ...] = Field(
        default=(), strict=False, description="Who wrote the briefing."
    )
    publisher: Text | None = Field(default=None, description="Who published the briefing.")
    url: WebUrl | None = Field(
        default=None, description="Where the briefing is published: an http or https URL."
    )
    tags: tuple[Text, ...] = Field(
        default=(), strict=False, description="Words to find the briefing by."
    )
    bottom_line: RequiredText | None = Field(
        default=None, description="Format 2: the main message, stated first."
    )
    revised: BriefingDate | None = Field(
        default=None, description="Format 2: the date of this revision."
    )


class Change(Frozen):
    """What changed in one revision of the briefing."""

    date: BriefingDate = Field(description='When: a date (2025-05-10), or "2025-05" or "2025".')
    text: RequiredText = Field(description="What changed.")


class Party(Frozen):
    """Someone who claims or denies: a government, an agency, a person, a group."""

    id: Identifier = Field(
        description="The id that claimants, denials and part_of name this party by: "
        "1-64 characters of a-z, 0-9 and '-'; unique among parties."
    )
    name: RequiredText = Field(description="The party's name, shown wherever it speaks.")
    kind: PartyKind | None = Field(
        default=None,
        description="government, military, company, media, organisation, person, group or other.",
    )
    part_of: Reference | None = Field(
        default=None, description="The id of the party this one belongs to."
    )
    aliases: tuple[RequiredText, ...] = Field(
        default=(), strict=False, description="Other names used for this party."
    )


class Briefing(Frozen):
    """A whole briefing file, validated."""

    format: Literal[1, 2] = Field(description="The format version: 1, or 2 for the keys it adds.")
    briefing: BriefingInfo = Field(description="What the briefing is and who made it.")
    changes: tuple[Change, ...] = Field(
        default=(), strict=False, description="Format 2: what changed between revisions."
    )
    parties: tuple[Party, ...] = Field(
        default=(),
        strict=False,
        description="Format 2: who claims and who denies; once there is one, every claimant "
        "and every denial's `by` is a party id.",
    )
    sources: tuple[Source, ...] = Field(
        default=(),
        strict=False,
        description="The documents that evidence, caveats and denials cite by id.",
    )
    sections: tuple[Section, ...] = Field(
        min_length=1, strict=False, description="The parts of the briefing: at least one."
    )

    _sources_by_id: dict[str, Source] = PrivateAttr(default_factory=dict)
    _claims_by_id: dict[str, Claim] = PrivateAttr(default_factory=dict)
    _section_of_claim: dict[str, Section] = PrivateAttr(default_factory=dict)
    _parties_by_id: dict[str, Party] = PrivateAttr(default_factory=dict)
    # For each claim, the relations other claims hold towards it: (holder's id, relation).
    _relations_to: dict[str, list[tuple[str, Relation]]] = PrivateAttr(default_factory=dict)

    def __repr__(self) -> str:
        """Return a one-line summary, not every field of every claim.

        Textual names each worker by the repr of what it runs: a worker handed a
        briefing spelled out all of it on the UI thread (1.3 s and 70 MB at 10,000
        claims, before the job began), and so would any log or error message.
        """
        claims = sum(len(section.claims) for section in self.sections)
        return (
            f"Briefing(title={self.briefing.title!r}, format={self.format}, "
            f"{len(self.sections)} sections, {claims} claims)"
        )

    def model_post_init(self, context: Any, /) -> None:
        """Index sources and claims by id once, for the reader's many look-ups."""
        # Filled through locals: each `self._private` access is a pydantic __getattr__
        # call, which made this loop cost as much as validating the claims.
        claims_by_id: dict[str, Claim] = {}
        section_of_claim: dict[str, Section] = {}
        relations_to: dict[str, list[tuple[str, Relation]]] = {}
        for section in self.sections:
            for claim in section.claims:
                if claim.id not in claims_by_id:
                    claims_by_id[claim.id] = claim
                    section_of_claim[claim.id] = section
                for relation in claim.relations:
                    relations_to.setdefault(relation.claim, []).append((claim.id, relation))
        self._sources_by_id = {source.id: source for source in self.sources}
        self._claims_by_id = claims_by_id
        self._section_of_claim = section_of_claim
        self._parties_by_id = {party.id: party for party in self.parties}
        self._relations_to = relations_to

    def _index(self, name: str) -> dict[str, Any]:
        # Straight from pydantic's private store: going through attribute access costs
        # ~25 µs a look-up, which the reader pays per row on a 50,000-claim briefing.
        index: dict[str, Any] = self.__pydantic_private__[name]  # type: ignore[index]
        return index

    def source(self, source_id: str | None) -> Source | None:
        """Return the source with this id, or None."""
        if source_id is None:
            return None
        return self._index("_sources_by_id").get(source_id)

    def claim(self, claim_id: str) -> Claim | None:
        """Return the claim with this id, or None."""
        return self._index("_claims_by_id").get(claim_id)

    def section_of(self, claim_id: str) -> Section | None:
        """Return the section holding the claim with this id, or None."""
        return self._index("_section_of_claim").get(claim_id)

    def party(self, party_id: str | None) -> Party | None:
        """Return the party with this id, or None (always None in a file without parties)."""
        if party_id is None:
            return None
        return self._index("_parties_by_id").get(party_id)

    def party_name(self, value: str) -> str:
        """Return who a claimant or `by` names: a party's name, or the free text as written."""
        party = self._index("_parties_by_id").get(value)
        return party.name if party is not None else value

    def relations_to(self, claim_id: str) -> tuple[tuple[str, Relation], ...]:
        """Return the relations other claims hold towards this one, as (their id, relation)."""
        return tuple(self._index("_relations_to").get(claim_id, ()))

    def relations_of(self, claim: Claim) -> tuple[tuple[Relation, bool, str], ...]:
        """Return every relation of `claim` from both ends: (relation, inverse, other id).

        The claim's own first, in file order, then those others hold towards it
        (`inverse`). `same-as` holds both ways: stated at both ends, it is listed once.
        """
        held = claim.relations
        towards = self.relations_to(claim.id)
        own = tuple((relation, False, relation.claim) for relation in held)
        if not towards:
            return own
        same = {relation.claim for relation in held if relation.type == "same-as"}
        return own + tuple(
            (relation, True, holder)
            for holder, relation in towards
            if not (relation.type == "same-as" and holder in same)
        )

    def claims(self) -> list[Claim]:
        """Return every claim in reading order."""
        return [claim for section in self.sections for claim in section.claims]
