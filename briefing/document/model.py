"""The briefing format v1 as immutable pydantic models.

Field names are the TOML keys of the contract, so a validation error's location
is also the key path an author sees in their file. Scalars are strict (nothing
is coerced); containers accept the lists TOML produces and store tuples.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2}))?")
FULL_DATE_STRING = re.compile(r"\d{4}-\d{2}-\d{2}")
CONFIDENCE_LEVELS = ("low", "moderate", "high")
# Words authors reach for that mean one of the three levels.
CONFIDENCE_SYNONYMS = {"medium": "moderate", "mid": "moderate", "moderately": "moderate"}


def type_name(value: object) -> str:
    """Return the TOML name of a parsed value's type, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime.datetime):
        return "a date-time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, datetime.time):
        return "a time"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _strict_str(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError(
            "wrong_type", "expected a string, found {found}", {"found": type_name(value)}
        )
    return value


def _not_blank(text: str) -> str:
    # As `text.strip()` would have it: `isspace` counts U+001C-U+001F, as `strip` does.
    if not text or text.isspace():
        raise PydanticCustomError("empty", "must not be empty")
    return text


def _briefing_date(value: Any) -> datetime.date | str:
    # A TOML date-time is a datetime (a date subclass): refuse it before the date test.
    if isinstance(value, datetime.datetime | datetime.time):
        raise PydanticCustomError(
            "bad_date",
            'bad date: expected a date such as 2025-04-28, or "2025-04" or "2025", found {found}',
            {"found": type_name(value)},
        )
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "bad_date",
            'bad date: expected a date such as 2025-04-28, or "2025-04" or "2025", found {found}',
            {"found": type_name(value)},
        )
    if FULL_DATE_STRING.fullmatch(value):
        raise PydanticCustomError(
            "bad_date",
            "bad date {value}: a full date is a TOML date; drop the quotes: {bare}",
            {"bare": value, "value": repr(value)},
        )
    match = PARTIAL_DATE.fullmatch(value)
    if not match or (match["month"] and not 1 <= int(match["month"]) <= 12):
        raise PydanticCustomError(
            "bad_date",
            'bad date {value}: write a TOML date (2025-04-28), or "YYYY-MM" or "YYYY" '
            "for a date known only to the month or year",
            {"value": repr(value)},
        )
    return value


def _confidence(value: Any) -> str:
    text = _strict_str(value)
    if text in CONFIDENCE_LEVELS:
        return text
    guess = text.strip().lower()
    guess = CONFIDENCE_SYNONYMS.get(guess, guess)
    if guess in CONFIDENCE_LEVELS:
        raise PydanticCustomError(
            "bad_confidence",
            "bad confidence {value}; did you mean {guess}?",
            {"guess": repr(guess), "value": repr(text)},
        )
    raise PydanticCustomError(
        "bad_confidence",
        "bad confidence {value}: use 'low', 'moderate' or 'high'",
        {"value": repr(text)},
    )


def _web_url(value: Any) -> str:
    text = _strict_str(value)
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        scheme = parts.scheme if parts and parts.scheme else ""
        raise PydanticCustomError(
            "bad_url",
            "URL {url} is not allowed: only http and https URLs are"
            + (" (found scheme {scheme})" if scheme else ""),
            {"scheme": repr(scheme), "url": repr(text)},
        )
    return text


# JSON Schema for editors (`briefing schema`): it describes the TOML file an author
# writes, as the validators below read it. It only mirrors them; the loader decides.
_ID_SCHEMA: dict[str, Any] = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
_DATE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        # Editors give a TOML date to the schema as its ISO text.
        {
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A TOML date, unquoted: 2025-04-28.",
        },
        {
            "type": "string",
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$",
            "description": 'A date known only to the month or year, quoted: "2025-04" or "2025".',
        },
    ]
}


def _shorthand_items(schema: dict[str, Any]) -> None:
    # `evidence` and `caveats` entries may be a bare string meaning the entry's text.
    schema["items"] = {
        "anyOf": [
            {
                "type": "string",
                "minLength": 1,
                "pattern": "\\S",
                "description": "Shorthand: a string is the entry's text, with no source.",
            },
            schema["items"],
        ]
    }


# Plain strings and ids are checked by pydantic's own (compiled) validators: a Python
# validator on every string doubled the time to validate a large briefing, and
# `rules.pydantic_problems` words their errors as ours. Required text is tested for
# blankness in Python all the same: a pattern would make pydantic-core ask each
# non-ASCII string for its UTF-8 form, which CPython then keeps with the string
# (8 MB more at 10,000 claims).
Text = Annotated[str, Field(strict=True), WithJsonSchema({"type": "string"})]
_BLANK = " \t\n\u2028\u2029"
"""What counts as blank in a text: spaces, tabs and line breaks (as `strings.paragraphs`)."""
RequiredText = Annotated[
    str,
    Field(strict=True),
    AfterValidator(_not_blank),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": "\\S"}),
]
Identifier = Annotated[
    str,
    Field(strict=True, pattern=f"^{ID_PATTERN.pattern}$"),
    WithJsonSchema(_ID_SCHEMA),
]
Reference = Annotated[str, Field(strict=True), WithJsonSchema(_ID_SCHEMA)]
BriefingDate = Annotated[
    datetime.date | str, BeforeValidator(_briefing_date), WithJsonSchema(_DATE_SCHEMA)
]
Confidence = Annotated[
    Literal["low", "moderate", "high"],
    BeforeValidator(_confidence),
    WithJsonSchema({"type": "string", "enum": list(CONFIDENCE_LEVELS)}),
]
WebUrl = Annotated[
    str,
    BeforeValidator(_web_url),
    WithJsonSchema({"type": "string", "pattern": "^[hH][tT][tT][pP][sS]?://[^/?#]"}),
]


class Frozen(BaseModel):
    """Base for every part of a briefing: immutable, strict, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


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

    @field_validator("quote")
    @classmethod
    def _blank_quote_is_no_quote(cls, quote: str | None) -> str | None:
        # An author who writes `quote = ""` (or only spaces, tabs and line breaks) quotes
        # nothing. Decided here, once, so that every rendering and the JSON export (which
        # must load back to the same briefing) agree.
        return quote if quote is None or quote.strip(_BLANK) else None


class Caveat(_TextShorthand):
    """A limit on what a claim can be taken to show."""

    text: RequiredText = Field(description="What limits the claim, in the author's words.")
    source: Reference | None = Field(
        default=None, description="The id of the [[sources]] entry this comes from."
    )


class Denial(Frozen):
    """A party's denial of a claim, kept next to the claim it denies."""

    by: RequiredText = Field(description="Who denies the claim.")
    text: RequiredText = Field(description="What they said, in the author's words.")
    date: BriefingDate | None = Field(
        default=None,
        description='When they denied it: a date (2025-04-29), or "2025-04" or "2025".',
    )
    source: Reference | None = Field(
        default=None, description="The id of the [[sources]] entry that reports the denial."
    )


class Claim(Frozen):
    """Who says what, on what evidence, with which caveats, and who denies it."""

    id: Identifier = Field(
        description="The claim's id: 1-64 characters of a-z, 0-9 and '-'; "
        "unique among all claims of the briefing."
    )
    text: RequiredText = Field(description="The claim itself.")
    claimant: RequiredText = Field(description="Who makes the claim.")
    stated: BriefingDate | None = Field(
        default=None,
        description='When the claim was made: a date (2025-04-28), or "2025-04" or "2025".',
    )
    confidence: Confidence | None = Field(
        default=None, description="How far the author trusts the claim: low, moderate or high."
    )
    see_also: tuple[Reference, ...] = Field(
        default=(), strict=False, description="Ids of other claims that bear on this one."
    )
    evidence: tuple[Evidence, ...] = Field(
        default=(),
        strict=False,
        description="What supports the claim: tables, or strings meaning just their text.",
        json_schema_extra=_shorthand_items,
    )
    caveats: tuple[Caveat, ...] = Field(
        default=(),
        strict=False,
        description="Limits on what the claim shows: tables, or strings meaning just their text.",
        json_schema_extra=_shorthand_items,
    )
    denials: tuple[Denial, ...] = Field(
        default=(), strict=False, description="Who denies the claim, and what they said."
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


class Briefing(Frozen):
    """A whole briefing file, validated."""

    format: Literal[1] = Field(description="The format version: always 1.")
    briefing: BriefingInfo = Field(description="What the briefing is and who made it.")
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

    def model_post_init(self, context: Any, /) -> None:
        """Index sources and claims by id once, for the reader's many look-ups."""
        # Filled through locals: each `self._private` access is a pydantic __getattr__
        # call, which made this loop cost as much as validating the claims.
        claims_by_id: dict[str, Claim] = {}
        section_of_claim: dict[str, Section] = {}
        for section in self.sections:
            for claim in section.claims:
                if claim.id not in claims_by_id:
                    claims_by_id[claim.id] = claim
                    section_of_claim[claim.id] = section
        self._sources_by_id = {source.id: source for source in self.sources}
        self._claims_by_id = claims_by_id
        self._section_of_claim = section_of_claim

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

    def claims(self) -> list[Claim]:
        """Return every claim in reading order."""
        return [claim for section in self.sections for claim in section.claims]


def date_text(value: datetime.date | str | None) -> str:
    """Return a briefing date as written: full dates in ISO form, partial ones as given."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def date_sort_key(value: datetime.date | str | None) -> tuple[int, int, int, int]:
    """Return a key that orders dates, a partial date before full dates in its period."""
    if value is None:
        return (9999, 99, 99, 9)
    if isinstance(value, datetime.date):
        return (value.year, value.month, value.day, 1)
    year, _, month = value.partition("-")
    if month:
        return (int(year), int(month), 0, 0)
    return (int(year), 0, 0, 0)
