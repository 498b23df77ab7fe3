"""The claims table's rows: one per claim, with sort keys and a word filter.

Built for briefings of 50,000 claims: a row holds only counts and references to
the model's strings, and its filter text is folded once, when it is first needed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from briefing.document.model import Briefing, date_sort_key, date_text
from briefing.query.parties import party_key

ColumnKey = Literal[
    "number", "section", "claimant", "stated", "evidence", "caveats", "denials",
    "confidence", "text",
]  # fmt: skip
COLUMNS: tuple[tuple[ColumnKey, str], ...] = (
    ("number", "#"),
    ("section", "Section"),
    ("claimant", "Claimant"),
    ("stated", "Stated"),
    ("evidence", "Evidence"),
    ("caveats", "Caveats"),
    ("denials", "Denials"),
    ("confidence", "Confidence"),
    ("text", "Claim"),
)
"""Every column: its key and its heading, in the order the table shows them."""
CONFIDENCE_RANK = {"low": 0, "moderate": 1, "high": 2}


@dataclass(slots=True)
class ClaimRow:
    """One claim as the table shows it."""

    number: int
    """Its place in reading order, from 1."""
    claim_id: str
    section: str
    claimant: str
    stated: datetime.date | str | None
    evidence: int
    caveats: int
    denials: int
    confidence: str | None
    text: str
    _folded: str | None = field(default=None, repr=False)

    @property
    def stated_text(self) -> str:
        """Return the stated date as written, or "" when there is none."""
        return date_text(self.stated)

    def folded(self) -> str:
        """Return the row's searchable text, case folded (computed once)."""
        if self._folded is None:
            parts = (self.claim_id, self.section, self.claimant, self.stated_text, self.text)
            self._folded = "\n".join((*parts, self.confidence or "")).casefold()
        return self._folded


def claim_rows(briefing: Briefing) -> list[ClaimRow]:
    """Return one row per claim of `briefing`, in reading order."""
    rows: list[ClaimRow] = []
    _fill(briefing, rows)
    return rows


def _fill(briefing: Briefing, rows: list[ClaimRow]) -> None:
    for section in briefing.sections:
        for claim in section.claims:
            rows.append(
                ClaimRow(
                    len(rows) + 1,
                    claim.id,
                    section.title,
                    # A party's name, never its id (format 2): shown, sorted and searched.
                    briefing.party_name(claim.claimant),
                    claim.stated,
                    len(claim.evidence),
                    len(claim.caveats),
                    len(claim.denials),
                    claim.confidence,
                    claim.text,
                )
            )


# Each returns None for a missing value, which sorts last whichever the direction.
_SORT_KEYS: dict[ColumnKey, Callable[[ClaimRow], Any]] = {
    "number": lambda row: row.number,
    "section": lambda row: row.section.casefold(),
    "claimant": lambda row: party_key(row.claimant),
    "stated": lambda row: None if row.stated is None else date_sort_key(row.stated),
    "evidence": lambda row: row.evidence,
    "caveats": lambda row: row.caveats,
    "denials": lambda row: row.denials,
    "confidence": lambda row: CONFIDENCE_RANK.get(row.confidence or ""),
    "text": lambda row: row.text.casefold(),
}


def sort_rows(
    rows: Sequence[ClaimRow], column: ColumnKey, descending: bool = False
) -> list[ClaimRow]:
    """Return `rows` sorted by `column`; ties keep reading order, missing values go last."""
    key = _SORT_KEYS[column]
    present: list[tuple[Any, ClaimRow]] = []
    missing: list[ClaimRow] = []
    for row in rows:
        value = key(row)
        if value is None:
            missing.append(row)
        else:
            present.append((value, row))
    # Two stable passes: reading order first, then the column, so that ties keep it.
    present.sort(key=lambda item: item[1].number)
    present.sort(key=lambda item: item[0], reverse=descending)
    missing.sort(key=lambda row: row.number)
    return [row for _, row in present] + missing


def filter_rows(rows: Sequence[ClaimRow], query: str) -> list[ClaimRow]:
    """Return the rows holding every word of `query` (any case) in any column's text."""
    words = query.casefold().split()
    if not words:
        return list(rows)
    return [row for row in rows if all(word in row.folded() for word in words)]
