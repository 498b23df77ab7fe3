"""Which screen shows a briefing file: the briefing when it loads, its errors when it does not.

The briefing screen and the error screen take each other's place as a file breaks and
is fixed. Neither imports the other: each is handed the `Opener`'s method that makes
the other, so the one module that knows both is this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.screen import Screen

from briefing.document.loader import LoadResult
from briefing.process.preload import FirstLoad
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.reader_settings import ReaderSettings


@dataclass(frozen=True)
class Opener:
    """Makes the screens for briefing files opened with these settings."""

    settings: ReaderSettings
    from_library: bool = False
    """True when the files are opened from the library: esc goes back to it."""

    def briefing(
        self, path: Path, result: LoadResult | None = None, *, first_load: FirstLoad | None = None
    ) -> Screen[None]:
        """Return the briefing screen for `path`: loaded already (`result`), or to load."""
        return BriefingScreen(
            path,
            result,
            settings=self.settings,
            errors_screen=self.errors,
            from_library=self.from_library,
            first_load=first_load,
        )

    def errors(self, path: Path, result: LoadResult) -> Screen[None]:
        """Return the error screen for a file that does not load."""
        # Imported when a file does not load (a lazy import, not a cycle): a file that
        # loads shows its first frame without it (~1-3 ms of start-up).
        from briefing.tui.screens.error import ErrorScreen

        return ErrorScreen(
            path,
            result,
            watch_interval=self.settings.watch_interval,
            use_cache=self.settings.use_cache,
            from_library=self.from_library,
            briefing_screen=self.briefing,
        )

    def screen_for(self, result: LoadResult) -> Screen[None]:
        """Return the screen for a file as it loaded: its briefing, or why it does not load."""
        if result.briefing is None:
            return self.errors(result.path, result)
        return self.briefing(result.path, result)
