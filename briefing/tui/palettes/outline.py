"""Command palette entries (ctrl+p): jump to any section or claim by fuzzy text."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import Protocol, runtime_checkable

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from briefing.document.model import Briefing
from briefing.document.textsafe import visible

DISCOVER_LIMIT = 2000
"""With no query typed, list every section, and claims too when there are at most this many."""


def _subsequence(needle: str, haystack: str) -> bool:
    # A cheap test that the fuzzy matcher could match at all, so that tens of
    # thousands of claims do not each go through the (slower) fuzzy scorer.
    position = 0
    for char in needle:
        position = haystack.find(char, position) + 1
        if not position:
            return False
    return True


@runtime_checkable
class ShowsBriefing(Protocol):
    """A screen showing a briefing, that can go to its sections and claims.

    What the palette needs of the briefing screen, said here so that the palette
    does not import the screen (which lists the palette's providers).
    """

    @property
    def briefing(self) -> Briefing | None:
        """Return the briefing on screen, or None while it loads."""

    def go_to_section(self, section_id: str) -> bool:
        """Show a section."""

    def go_to_claim(self, claim_id: str, *, step: bool) -> bool:
        """Show a claim; a step is recorded in the history."""


class BriefingCommands(Provider):
    """Every section and claim of the briefing on screen, as palette commands."""

    def _targets(self) -> Iterator[tuple[str, Callable[[], object]]]:
        # Imported when the palette opens: wcwidth (~10 ms) is not needed for the first frame.
        from briefing.export.wrap import shorten

        screen = self.screen
        if not isinstance(screen, ShowsBriefing) or screen.briefing is None:
            return
        for section in screen.briefing.sections:
            yield (
                f"Go to section: {shorten(visible(section.title, one_line=True), 90)}",
                partial(screen.go_to_section, section.id),
            )
            for claim in section.claims:
                text = shorten(visible(claim.text, one_line=True), 90)
                yield (f"Go to claim: {text}", partial(screen.go_to_claim, claim.id, step=True))

    async def discover(self) -> Hits:
        """List the sections (and claims, for a briefing of modest size) before any typing."""
        targets = list(self._targets())
        small = len(targets) <= DISCOVER_LIMIT
        for number, (text, command) in enumerate(targets):
            if small or text.startswith("Go to section"):
                yield DiscoveryHit(Text(text), command, text=text)
            if number % 500 == 499:
                await asyncio.sleep(0)

    async def search(self, query: str) -> Hits:
        """Return the sections and claims whose text fuzzily matches `query`."""
        matcher = self.matcher(query)
        folded = query.lower()
        for number, (text, command) in enumerate(self._targets()):
            if number % 500 == 499:
                await asyncio.sleep(0)
            if not _subsequence(folded, text.lower()):
                continue
            score, offsets = matcher.fuzzy_search.match(query, text)
            if score <= 0:
                continue
            # Build the highlight ourselves: Matcher.highlight would read the text as markup.
            display = Text(text)
            for offset in offsets:
                display.stylize("bold underline", offset, offset + 1)
            yield Hit(score, display, command, text=text)
