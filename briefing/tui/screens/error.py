"""The error screen: why a briefing could not be opened, one located line per problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefing.document.cache import load_file_cached
from briefing.document.loader import LoadResult
from briefing.document.textsafe import visible
from briefing.document.watch import FileWatcher, Signature
from briefing.tui.compat import FooterThatLetsOldKeysGo
from briefing.tui.ui_thread import post_from_worker
from briefing.tui.widgets.detail_list import DetailList
from briefing.tui.widgets.status_panel import diagnostics_text

_UNSET: Signature = (-1, -1, -1)


class FileChecked(Message, bubble=False):
    """The watch looked at the file (posted from the watch's thread)."""

    def __init__(self, signature: Signature) -> None:
        super().__init__()
        self.signature = signature


class Retried(Message, bubble=False):
    """A retry loaded the file again (posted from the retry's thread)."""

    def __init__(self, generation: int, result: LoadResult) -> None:
        super().__init__()
        self.generation = generation
        self.result = result


class ErrorScreen(Screen[None]):
    """The located diagnostics of a file that does not load; it reopens once fixed.

    Background work follows the library screen's model: thread workers in exclusive
    groups that check for cancellation, results posted as messages (never waiting for
    the UI thread), and a generation number on every retry so that only the newest
    one's result is applied.

    Once the file loads, the screen that `briefing_screen` makes takes this one's place.
    """

    CSS_PATH = "error.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Reload"),
        Binding("escape", "back", "Back", key_display="esc"),
    ]

    def __init__(
        self,
        path: Path,
        result: LoadResult,
        *,
        briefing_screen: Callable[[Path, LoadResult], Screen[None]],
        watch_interval: float | None = 1.0,
        use_cache: bool = True,
        from_library: bool = False,
    ) -> None:
        super().__init__()
        self.path = path
        self.result = result
        self.from_library = from_library
        self._briefing_screen = briefing_screen
        self._watch_interval = watch_interval
        self._use_cache = use_cache
        self._signature: Signature = _UNSET
        self._generation = 0
        self._loaded: LoadResult | None = None
        self._watcher: FileWatcher | None = None

    def compose(self) -> ComposeResult:
        """Lay out the heading, the diagnostics and the footer."""
        yield Static(id="error-title")
        yield DetailList(id="diagnostics")
        yield Static(id="error-hint")
        yield FooterThatLetsOldKeysGo()

    def on_mount(self) -> None:
        """Show the diagnostics and start watching the file for a fix."""
        self._show(self.result)
        self.query_one(DetailList).focus()
        if self._watch_interval:
            self._watcher = FileWatcher(
                self.path, self._file_changed, poll_every=self._watch_interval
            ).start()

    def on_unmount(self) -> None:
        """Stop watching the file: this screen has closed or given way to the briefing."""
        if self._watcher is not None:
            self._watcher.stop()

    def _show(self, result: LoadResult) -> None:
        self.result = result
        errors, warnings = len(result.errors), len(result.warnings)
        title = Text("✗ Cannot open ", "bold")
        title.append(visible(str(self.path), one_line=True), "bold")
        title.append(f" — {errors} error{'s' * (errors != 1)}")
        if warnings:
            title.append(f", {warnings} warning{'s' * (warnings != 1)}")
        self.query_one("#error-title", Static).update(title)
        listing = self.query_one(DetailList)
        listing.set_options(Option(diagnostics_text([d])) for d in result.diagnostics)
        listing.border_title = "Problems"
        hint = "Fix the file: it reopens by itself when it loads (r to try now)."
        if self.from_library:
            hint += " esc goes back to the library."
        self.query_one("#error-hint", Static).update(Text(hint, "dim"))

    def _file_changed(self, signature: Signature) -> None:
        # In the watcher's thread.
        post_from_worker(self, FileChecked(signature))

    @on(FileChecked)
    def _checked(self, message: FileChecked) -> None:
        if self._signature == _UNSET:
            self._signature = message.signature
        elif message.signature != self._signature:
            self._signature = message.signature
            self._start_retry()

    def _start_retry(self) -> None:
        # A new generation: the result of a retry already under way is dropped.
        self._generation += 1
        self._retry(self._generation)

    @work(thread=True, exclusive=True, group="load")
    def _retry(self, generation: int) -> None:
        result = load_file_cached(self.path, use_cache=self._use_cache, store_in_background=True)
        if not get_current_worker().is_cancelled:
            post_from_worker(self, Retried(generation, result))

    @on(Retried)
    def _retried(self, message: Retried) -> None:
        if message.generation != self._generation:
            return
        self._apply(message.result)

    def _apply(self, result: LoadResult) -> None:
        if result.briefing is None:
            self._show(result)
            self.notify("Still not loadable", severity="error", markup=False, timeout=2)
            return
        if self.app.screen is not self:
            # Help or the palette is open over this screen: switching now would put the
            # briefing in that box's place and leave this screen under it. (`is_current`
            # is also true under a box.)
            self._loaded = result
            return
        self.app.switch_screen(self._briefing_screen(self.path, result))

    def on_screen_resume(self) -> None:
        """Open the briefing that loaded while a box was open over this screen."""
        loaded, self._loaded = self._loaded, None
        if loaded is not None:
            self._apply(loaded)

    def action_retry(self) -> None:
        """Try to load the file again."""
        self._start_retry()

    def action_back(self) -> None:
        """Go back to the library, when the file was opened from one."""
        if self.from_library:
            self.app.pop_screen()
