"""Claims and denials in date order, and how long after a claim its denial came.

Dates may be full (2025-04-28) or partial ("2025-04", "2025"). Entries sort with
`date_sort_key`, so a partial date comes before the full dates of its month or
year; entries with no date are kept apart. A lag is only stated as precisely as
the coarser of the two dates allows: never a number of days from a month.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal, NamedTuple

from briefing.document.model import Briefing, date_sort_key
from briefing.document.wording import plural

EntryKind = Literal["claim", "denial"]
BriefingDate = datetime.date | str
_DAYS_PER_MONTH = 30.44


class TimelineEntry(NamedTuple):
    """A claim made, or a denial of one, on a date (or undated)."""

    kind: EntryKind
    date: BriefingDate | None
    claim_id: str
    party: str
    """The claimant of a claim, or who made a denial."""
    text: str
    """The claim's text, or the denial's."""
    denial_index: int | None = None
    lag: str | None = None
    """For a denial: how long after the claim it came, when both dates allow."""


@dataclass(frozen=True)
class Timeline:
    """The dated entries in date order, and the undated ones in reading order."""

    dated: tuple[TimelineEntry, ...]
    undated: tuple[TimelineEntry, ...]


def build_timeline(briefing: Briefing) -> Timeline:
    """Return the claims and denials of `briefing` in date order, undated ones apart.

    Entries on the same date (or the same partial date) keep reading order, a claim
    before its own denials.
    """
    return _build(briefing)


def _build(briefing: Briefing) -> Timeline:
    entries: list[tuple[tuple[int, int], TimelineEntry]] = []
    # Who is shown by name: a party's, never its id (format 2).
    name = briefing.party_name
    for number, claim in enumerate(briefing.claims()):
        made = TimelineEntry("claim", claim.stated, claim.id, name(claim.claimant), claim.text)
        entries.append(((number, 0), made))
        for index, denial in enumerate(claim.denials):
            lag = None
            if claim.stated is not None and denial.date is not None:
                lag = lag_text(claim.stated, denial.date)
            entry = TimelineEntry(
                "denial", denial.date, claim.id, name(denial.by), denial.text, index, lag
            )
            entries.append(((number, index + 1), entry))
    dated = [item for item in entries if item[1].date is not None]
    dated.sort(key=lambda item: (date_sort_key(item[1].date), item[0]))
    undated = [entry for _, entry in entries if entry.date is None]
    return Timeline(tuple(entry for _, entry in dated), tuple(undated))


def _precision(value: BriefingDate) -> int:
    # 3: a full date; 2: a month; 1: a year.
    if isinstance(value, datetime.date):
        return 3
    return 2 if "-" in value else 1


def _year_month(value: BriefingDate) -> tuple[int, int]:
    if isinstance(value, datetime.date):
        return value.year, value.month
    year, _, month = value.partition("-")
    return int(year), int(month or 1)


def lag_text(claimed: BriefingDate, denied: BriefingDate) -> str:
    """Return how long after `claimed` the date `denied` is, as precisely as both allow.

    E.g. "3 days later", "the same day", "within the same month", "about 2 months later",
    "the following year", "5 days before the claim".
    """
    precision = min(_precision(claimed), _precision(denied))
    if precision == 3:
        assert isinstance(claimed, datetime.date) and isinstance(denied, datetime.date)
        days = (denied - claimed).days
        if days == 0:
            return "the same day"
        text = plural(abs(days), "day") + (" later" if days > 0 else " before the claim")
        if abs(days) >= 60:
            text += f" (about {round(abs(days) / _DAYS_PER_MONTH)} months)"
        return text
    (year1, month1), (year2, month2) = _year_month(claimed), _year_month(denied)
    if precision == 2:
        months = (year2 * 12 + month2) - (year1 * 12 + month1)
        if abs(months) < 24:
            return _relative(months, "month")
    return _relative(year2 - year1, "year")


def _relative(count: int, unit: str) -> str:
    if count == 0:
        return f"within the same {unit}"
    if count == 1:
        return f"the following {unit}"
    if count == -1:
        return f"the {unit} before the claim"
    if count > 0:
        return f"about {count} {unit}s later"
    return f"about {-count} {unit}s before the claim"
