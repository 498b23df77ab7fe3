"""Command palette entries (ctrl+p) for the analyst views and tools."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from briefing.query.filters import argument_filters
from briefing.tui.palettes.outline import ShowsBriefing

COMMANDS = (
    ("Sources: every source with what cites it", "sources"),
    ("Who says what: every party's claims and denials", "who_says_what"),
    ("Timeline: claims and denials in date order", "timeline"),
    ("Claims table: sort and filter every claim", "claims_table"),
    ("Argument map: the claims bearing on the current claim", "argument_map"),
    ("Assessment: bottom line, judgements by likelihood, scrutiny", "assessment"),
    ("Copy the current claim as text", "copy_claim"),
    ("Open the file in the editor at the current claim", "open_in_editor"),
)
"""Each entry's text and the briefing screen's action it runs."""


class AnalystCommands(Provider):
    """The analyst views and tools of the briefing on screen, as palette commands."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, ShowsBriefing) or screen.briefing is None:
            return
        for text, action in COMMANDS:
            # As its key would: the screen runs the action (`action_<name>`).
            yield text, partial(screen.run_action, action)
        # Format 2's filters, each by name (the filter menu, f, lists them with counts).
        for made in argument_filters(screen.briefing):
            action = f"filter_by({made.value!r})"
            yield f"Filter: {made.label}", partial(screen.run_action, action)

    async def discover(self) -> Hits:
        """List the views and tools before any typing."""
        for text, command in self._commands():
            yield DiscoveryHit(Text(text), command, text=text)

    async def search(self, query: str) -> Hits:
        """Return the views and tools whose text fuzzily matches `query`."""
        matcher = self.matcher(query)
        for text, command in self._commands():
            score = matcher.match(text)
            if score > 0:
                # Plain text in, so nothing typed is read as markup.
                display = Text(text)
                for offset in matcher.fuzzy_search.match(query, text)[1]:
                    display.stylize("bold underline", offset, offset + 1)
                yield Hit(score, display, command, text=text)
