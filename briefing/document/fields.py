"""The values a briefing holds, as pydantic field types: strict strings, ids, dates, fixed words.

Each type carries its validator (worded for an author: `bad likelihood 'likley'; did
you mean 'likely'?`) and the JSON Schema an editor completes from. The models that use
them are in `model`.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from briefing.document.diagnostics import type_name
from briefing.document.vocabulary import (
    CREDIBILITY,
    EFFECTS,
    LIKELIHOODS,
    PARTY_KINDS,
    RELATION_TYPES,
    RELIABILITY,
    nearest_word,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2}))?")
FULL_DATE_STRING = re.compile(r"\d{4}-\d{2}-\d{2}")
CONFIDENCE_LEVELS = ("low", "moderate", "high")
# Words authors reach for that mean one of the three levels.
CONFIDENCE_SYNONYMS = {"medium": "moderate", "mid": "moderate", "moderately": "moderate"}


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


def _fixed_word(key: str, allowed: tuple[str, ...]) -> Any:
    """Return a validator that takes one of `allowed`, or lists them and suggests the nearest."""

    def check(value: Any) -> str:
        text = _strict_str(value)
        if text in allowed:
            return text
        guess = nearest_word(text, allowed)
        hint = f"; did you mean {guess!r}?" if guess is not None else ""
        raise PydanticCustomError(
            "bad_word",
            "bad {key} {value}{hint} (use one of: {allowed})",
            {"key": key, "value": repr(text), "hint": hint, "allowed": ", ".join(allowed)},
        )

    return check


def _reliability(value: Any) -> str:
    text = _strict_str(value)
    if text in RELIABILITY:
        return text
    if text.strip().upper() in RELIABILITY:
        raise PydanticCustomError(
            "bad_reliability",
            "bad reliability {value}; did you mean {guess}? (upper case, A to F)",
            {"value": repr(text), "guess": repr(text.strip().upper())},
        )
    raise PydanticCustomError(
        "bad_reliability",
        "bad reliability {value}: use a letter from 'A' (completely reliable) "
        "to 'F' (reliability cannot be judged)",
        {"value": repr(text)},
    )


def _credibility(value: Any) -> int:
    if type(value) is not int:
        raise PydanticCustomError(
            "wrong_type",
            "expected an integer from 1 to 6, found {found}",
            {"found": type_name(value)},
        )
    if value not in CREDIBILITY:
        raise PydanticCustomError(
            "bad_credibility",
            "credibility {value} is out of range: use 1 (confirmed by other sources) "
            "to 6 (truth cannot be judged)",
            {"value": value},
        )
    return value


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


def shorthand_items(schema: dict[str, Any]) -> None:
    # `evidence`, `caveats`, `assumptions` and `indicators` entries may be a bare string
    # meaning the entry's text, every other key left out.
    schema["items"] = {
        "anyOf": [
            {
                "type": "string",
                "minLength": 1,
                "pattern": "\\S",
                "description": "Shorthand: a string is the entry's text, every other key left out.",
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
Likelihood = Annotated[
    str,
    BeforeValidator(_fixed_word("likelihood", tuple(LIKELIHOODS))),
    WithJsonSchema({"type": "string", "enum": list(LIKELIHOODS)}),
]
PartyKind = Annotated[
    str,
    BeforeValidator(_fixed_word("kind", PARTY_KINDS)),
    WithJsonSchema({"type": "string", "enum": list(PARTY_KINDS)}),
]
RelationType = Annotated[
    str,
    BeforeValidator(_fixed_word("type", RELATION_TYPES)),
    WithJsonSchema({"type": "string", "enum": list(RELATION_TYPES)}),
]
Effect = Annotated[
    str,
    BeforeValidator(_fixed_word("effect", EFFECTS)),
    WithJsonSchema({"type": "string", "enum": list(EFFECTS)}),
]
Reliability = Annotated[
    str,
    BeforeValidator(_reliability),
    WithJsonSchema({"type": "string", "enum": list(RELIABILITY)}),
]
Credibility = Annotated[
    int,
    BeforeValidator(_credibility),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 6}),
]
WebUrl = Annotated[
    str,
    BeforeValidator(_web_url),
    WithJsonSchema({"type": "string", "pattern": "^[hH][tT][tT][pP][sS]?://[^/?#]"}),
]


def blank_is_none(text: str | None) -> str | None:
    """Return None for an optional text that holds nothing but spaces and line breaks."""
    return text if text is None or text.strip(_BLANK) else None


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
