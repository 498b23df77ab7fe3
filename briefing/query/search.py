"""Searching a briefing: every claim text, claimant, evidence, caveat, denial and summary.

In format 2 also each relation's note, assumption (with what follows if it is wrong),
indicator and gap; a claimant or denier is searched by its party's name.

Matching is smart-case, like less and vim: a query in lower case matches any case,
a query with a capital letter matches case exactly.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from briefing.document.model import Briefing, Claim

FIELD_LABELS = {
    "section": "section title",
    "summary": "summary",
    "claim": "claim",
    "claimant": "claimant",
    "evidence": "evidence",
    "caveat": "caveat",
    "denial": "denial",
    "relation": "relation note",
    "assumption": "assumption",
    "indicator": "indicator",
    "gap": "gap",
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
# Characters past Latin-1 (a curly apostrophe is enough) would store a whole joined
# string at two or four bytes a character. In the narrow copy each becomes this one
# character, which only queries without such characters (nor this one) are run on:
# they cannot match across it, and every offset stays the same.
_STAND_IN = "\x1a"
_WIDE = re.compile(r"[^\x00-\xff]")
# How long a background build waits before it looks again whether the reader is busy.
_GIVE_WAY = 0.02


class _Abandoned(Exception):
    """A background build was given up: nobody will search this index."""


def _go_on() -> None:
    """Give way to nothing: the build's steps run straight through."""


# Hits whose place is found while counting: enough for the search box's list (200).
_KEEP = 256


def _narrow(text: str) -> str:
    return text if text.isascii() else _WIDE.sub(_STAND_IN, text)


def _fits_narrow(needle: str) -> bool:
    """Return True if `needle` can be searched for in the narrow copy of the entries."""
    return not needle or (max(needle) <= "\xff" and _STAND_IN not in needle)


@dataclass(slots=True)
class _Hits:
    """A chunk's number, how many of its entries hold a needle, and where (None: not yet)."""

    number: int
    count: int
    positions: list[int] | None


class _Haystack:
    """Entries joined into strings of a few thousand, searched with `str.find` at C speed."""

    def __init__(
        self, texts: list[str], *, fold: bool, narrow: bool, step: Callable[[], None] = _go_on
    ) -> None:
        self.chunks: list[tuple[int, str, list[int]]] = []
        for base in range(0, len(texts), _CHUNK):
            step()
            # Folded a chunk at a time: never a second copy of every string at once.
            part = [text.lower() if fold else text for text in texts[base : base + _CHUNK]]
            if narrow:
                part = [_narrow(text) for text in part]
            starts: list[int] = []
            offset = 0
            for text in part:
                starts.append(offset)
                offset += len(text) + 1
            # Ends with a separator too, so that every hit is followed by one.
            part.append("")
            self.chunks.append((base, _SEPARATOR.join(part), starts))

    def positions(self, number: int, needle: str) -> list[int]:
        """Return where each entry of chunk `number` holding `needle` first holds it."""
        find = self.chunks[number][1].find
        positions: list[int] = []
        add = positions.append
        position = find(needle)
        while position >= 0:
            add(position)
            # On past the entry's end: only the first hit in each entry counts.
            position = find(needle, find(_SEPARATOR, position) + 1)
        return positions

    def hits(self, needle: str, keep: int) -> list[_Hits]:
        """Return the chunks holding `needle`: how many entries hold it in each, and where.

        Where is kept only for the first `keep` or so hits (those listed): past them a
        common word's 60,000 hits are only counted, and found again, one chunk at a
        time, if the reader steps that far.
        """
        found: list[_Hits] = []
        kept = 0
        for number, (_base, text, _starts) in enumerate(self.chunks):
            if kept < keep:
                positions = self.positions(number, needle)
                if positions:
                    found.append(_Hits(number, len(positions), positions))
                    kept += len(positions)
                continue
            find = text.find
            position = find(needle)
            count = 0
            while position >= 0:
                count += 1
                position = find(needle, find(_SEPARATOR, position) + 1)
            if count:
                found.append(_Hits(number, count, None))
        return found


class Matches(Sequence[Match]):
    """Every entry holding a query, in reading order; a `Match` is made only when asked for.

    The count is exact from the start; only the matches the reader looks at become
    objects, and where a common word stands in the briefing's later entries is only
    worked out if the reader steps that far.
    """

    def __init__(
        self, entries: list[Entry], haystack: _Haystack | None, needle: str, hits: list[_Hits]
    ) -> None:
        self._entries = entries
        self._haystack = haystack
        self._needle = needle
        self._hits = hits
        # Matches before each chunk with hits, to find a match's chunk by bisection.
        self._before: list[int] = []
        total = 0
        for chunk in hits:
            self._before.append(total)
            total += chunk.count
        self._count = total

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> list[Match]: ...

    def __getitem__(self, index: int | slice) -> Match | list[Match]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("match index out of range")
        return self._make(index)

    def __iter__(self) -> Iterator[Match]:
        for i in range(self._count):
            yield self._make(i)

    def _make(self, index: int) -> Match:
        assert self._haystack is not None
        which = bisect_right(self._before, index) - 1
        chunk = self._hits[which]
        if chunk.positions is None:
            chunk.positions = self._haystack.positions(chunk.number, self._needle)
        position = chunk.positions[index - self._before[which]]
        base, _text, starts = self._haystack.chunks[chunk.number]
        entry = bisect_right(starts, position) - 1
        start = position - starts[entry]
        return Match(self._entries[base + entry], start, start + len(self._needle))


NO_MATCHES = Matches([], None, "", [])
"""What an empty query finds."""


class SearchIndex:
    """Every searchable string of a briefing, in reading order."""

    def __init__(self, briefing: Briefing, step: Callable[[], None] = _go_on) -> None:
        """`step` is called between steps of the build (a few ms each), to let it wait."""
        self._build(_entries(briefing, step), step)

    def _build(self, entries: list[Entry], step: Callable[[], None] = _go_on) -> None:
        self.entries = entries
        # (folded, narrow) -> haystack. Most queries are in lower case and Latin-1: only
        # the folded narrow copy is made up front; the others on the first query needing one.
        self._haystacks: dict[tuple[bool, bool], _Haystack] = {}
        self._haystack(fold=True, narrow=True, step=step)

    def _haystack(
        self, *, fold: bool, narrow: bool, step: Callable[[], None] = _go_on
    ) -> _Haystack:
        haystack = self._haystacks.get((fold, narrow))
        if haystack is None:
            texts = [entry.text for entry in self.entries]
            haystack = _Haystack(texts, fold=fold, narrow=narrow, step=step)
            self._haystacks[fold, narrow] = haystack
        return haystack

    def find(self, query: str) -> Matches:
        """Return every entry holding `query` (smart case), in reading order, made lazily."""
        if not query or _SEPARATOR in query:
            return NO_MATCHES
        fold = not is_case_sensitive(query)
        needle = query.lower() if fold else query
        haystack = self._haystack(fold=fold, narrow=_fits_narrow(needle))
        return Matches(self.entries, haystack, needle, haystack.hits(needle, _KEEP))

    def search(self, query: str) -> list[Match]:
        """Return every entry holding `query` (smart case), in reading order."""
        return list(self.find(query))


class LazyIndex:
    """A search index built once, on first use, by whichever thread needs it first."""

    def __init__(self, briefing: Briefing) -> None:
        self._briefing = briefing
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._wanted = threading.Event()

    @property
    def ready(self) -> bool:
        """Return True once the index is built: `get` then returns at once."""
        return self._index is not None

    def get(self) -> SearchIndex:
        """Return the index, building it (at full speed) if nobody has yet."""
        # A build in the background stops giving way: somebody is waiting for it.
        self._wanted.set()
        return self._get(_go_on)

    def build_in_background(
        self, busy: Callable[[], bool], abandoned: Callable[[], bool] = lambda: False
    ) -> bool:
        """Build the index, giving way between steps for as long as `busy()` is True.

        Python runs one thread at a time: a build of a few seconds (50,000 claims)
        would otherwise take turns with every key the reader presses, and make each
        one late. It waits while the reader is at work, and goes on in the pauses
        or as soon as a search needs the index. It stops, unbuilt, as soon as
        `abandoned()` is True (the briefing was reloaded); returns True if built.
        """

        def step() -> None:
            while busy() and not self._wanted.is_set():
                if abandoned():
                    raise _Abandoned
                time.sleep(_GIVE_WAY)
            if abandoned() and not self._wanted.is_set():
                raise _Abandoned

        try:
            self._get(step)
        except _Abandoned:
            return False
        return True

    def _get(self, step: Callable[[], None]) -> SearchIndex:
        with self._lock:
            if self._index is None:
                self._index = SearchIndex(self._briefing, step)
            return self._index


def where(briefing: Briefing, match: Match, *, width: int = 40) -> str:
    """Return where a match stands, e.g. `Section › Claim text… › evidence 2`."""
    # Imported here, not at the top: the reader's first frame imports this module, and
    # `wrap` brings wcwidth (~10 ms) that only a search's results need.
    from briefing.export.wrap import shorten

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


def _entries(briefing: Briefing, step: Callable[[], None] = _go_on) -> list[Entry]:
    entries: list[Entry] = []
    add = entries.append
    # Parties are searched by the name the reader sees, never by their id (format 2).
    name = briefing.party_name
    for section in briefing.sections:
        step()
        add(Entry(section.id, None, "section", None, section.title))
        if section.summary:
            add(Entry(section.id, None, "summary", None, section.summary))
        for claim in section.claims:
            add(Entry(section.id, claim.id, "claim", None, claim.text))
            add(Entry(section.id, claim.id, "claimant", None, name(claim.claimant)))
            for index, evidence in enumerate(claim.evidence):
                text = evidence.text if not evidence.quote else f"{evidence.text}\n{evidence.quote}"
                add(Entry(section.id, claim.id, "evidence", index, text))
            for index, caveat in enumerate(claim.caveats):
                add(Entry(section.id, claim.id, "caveat", index, caveat.text))
            for index, denial in enumerate(claim.denials):
                by = name(denial.by)
                add(Entry(section.id, claim.id, "denial", index, f"{by}: {denial.text}"))
            if claim.relations or claim.assumptions or claim.indicators or claim.gaps:
                _add_version_2(entries, section.id, claim)
    return entries


def _add_version_2(entries: list[Entry], section_id: str, claim: Claim) -> None:
    """Add the strings format 2 gives a claim, numbered as the claim pane lists them."""
    add = entries.append
    # A claim's own relations come first in its pane, in the order written.
    for index, relation in enumerate(claim.relations):
        if relation.note:
            add(Entry(section_id, claim.id, "relation", index, relation.note))
    for index, assumption in enumerate(claim.assumptions):
        text = assumption.text
        if assumption.if_wrong:
            text = f"{text}\n{assumption.if_wrong}"
        add(Entry(section_id, claim.id, "assumption", index, text))
    for index, indicator in enumerate(claim.indicators):
        add(Entry(section_id, claim.id, "indicator", index, indicator.text))
    for index, gap in enumerate(claim.gaps):
        add(Entry(section_id, claim.id, "gap", index, gap))
