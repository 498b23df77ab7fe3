"""Searching a briefing: every claim text, claimant, evidence, caveat, denial and summary.

Matching is smart-case, like less and vim: a query in lower case matches any case,
a query with a capital letter matches case exactly.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass

from briefing.model import Briefing

FIELD_LABELS = {
    "section": "section title",
    "summary": "summary",
    "claim": "claim",
    "claimant": "claimant",
    "evidence": "evidence",
    "caveat": "caveat",
    "denial": "denial",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable string and where it stands in the briefing."""

    section_id: str
    claim_id: str | None
    field: str
    item: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Match:
    """Where a query was found: the entry, and the offsets of the first occurrence."""

    entry: Entry
    start: int
    end: int


def is_case_sensitive(query: str) -> bool:
    """Return True when the query has a capital letter (smart case)."""
    return any(char.isupper() for char in query)


# Joins entries into one string; a query never holds it, so no match spans two.
_SEPARATOR = "\x00"
# Entries per joined string. One string for everything would be stored at the width
# of its widest character: a single non-ASCII letter would double or quadruple it.
_CHUNK = 2000


class _Haystack:
    """Entries joined into strings of a few thousand, searched with `str.find` at C speed."""

    def __init__(self, texts: list[str], *, fold: bool) -> None:
        self.chunks: list[tuple[int, str, list[int]]] = []
        for base in range(0, len(texts), _CHUNK):
            # Folded a chunk at a time: never a second copy of every string at once.
            part = [text.lower() if fold else text for text in texts[base : base + _CHUNK]]
            starts: list[int] = []
            offset = 0
            for text in part:
                starts.append(offset)
                offset += len(text) + 1
            self.chunks.append((base, _SEPARATOR.join(part), starts))

    def first_hits(self, needle: str) -> list[tuple[int, int]]:
        """Return (entry index, offset in the entry) of the first hit in each entry."""
        hits: list[tuple[int, int]] = []
        add = hits.append
        for base, text, starts in self.chunks:
            find = text.find
            last = len(starts) - 1
            position = find(needle)
            while position >= 0:
                index = bisect_right(starts, position) - 1
                add((base + index, position - starts[index]))
                if index == last:
                    break
                position = find(needle, starts[index + 1])
        return hits


class SearchIndex:
    """Every searchable string of a briefing, in reading order."""

    def __init__(self, briefing: Briefing) -> None:
        self._build(list(_entries(briefing)))

    def _build(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._folded = _Haystack([entry.text for entry in entries], fold=True)
        # Built on the first case-sensitive query: most readers never type a capital.
        self._exact: _Haystack | None = None

    def search(self, query: str) -> list[Match]:
        """Return every entry holding `query` (smart case), in reading order."""
        if not query or _SEPARATOR in query:
            return []
        if is_case_sensitive(query):
            if self._exact is None:
                self._exact = _Haystack([entry.text for entry in self.entries], fold=False)
            haystack, needle = self._exact, query
        else:
            haystack, needle = self._folded, query.lower()
        size = len(needle)
        entries = self.entries
        return [
            Match(entries[index], start, start + size)
            for index, start in haystack.first_hits(needle)
        ]


class LazyIndex:
    """A search index built once, on first use, by whichever thread needs it first."""

    def __init__(self, briefing: Briefing) -> None:
        self._briefing = briefing
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> SearchIndex:
        """Return the index, building it if nobody has yet."""
        with self._lock:
            if self._index is None:
                self._index = SearchIndex(self._briefing)
            return self._index


def where(briefing: Briefing, match: Match, *, width: int = 40) -> str:
    """Return where a match stands, e.g. `Section › Claim text… › evidence 2`."""
    entry = match.entry
    claim = briefing.claim(entry.claim_id) if entry.claim_id is not None else None
    section = briefing.section_of(claim.id) if claim is not None else None
    if section is None:
        section = next(s for s in briefing.sections if s.id == entry.section_id)
    parts = [shorten(section.title, width)]
    if claim is not None:
        parts.append(shorten(claim.text, width))
    label = FIELD_LABELS[entry.field]
    if entry.item is not None:
        label += f" {entry.item + 1}"
    parts.append(label)
    return " › ".join(parts)


def shorten(text: str, width: int) -> str:
    """Return `text` on one line, cut to `width` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _entries(briefing: Briefing) -> list[Entry]:
    entries: list[Entry] = []
    add = entries.append
    for section in briefing.sections:
        add(Entry(section.id, None, "section", None, section.title))
        if section.summary:
            add(Entry(section.id, None, "summary", None, section.summary))
        for claim in section.claims:
            add(Entry(section.id, claim.id, "claim", None, claim.text))
            add(Entry(section.id, claim.id, "claimant", None, claim.claimant))
            for index, evidence in enumerate(claim.evidence):
                text = evidence.text if not evidence.quote else f"{evidence.text}\n{evidence.quote}"
                add(Entry(section.id, claim.id, "evidence", index, text))
            for index, caveat in enumerate(claim.caveats):
                add(Entry(section.id, claim.id, "caveat", index, caveat.text))
            for index, denial in enumerate(claim.denials):
                add(Entry(section.id, claim.id, "denial", index, f"{denial.by}: {denial.text}"))
    return entries
