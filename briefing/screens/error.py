"""The error screen: why a briefing could not be opened, one located line per problem."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from briefing.loader import LoadResult, load_file
from briefing.reader.watch import Signature, file_signature
from briefing.textsafe import visible
from briefing.widgets.detail_list import DetailList
from briefing.widgets.status_panel import diagnostics_text

_UNSET: Signature = (-1, -1, -1)


class ErrorScreen(Screen[None]):
    """The located diagnostics of a file that does not load; it reopens once fixed."""

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
        watch_interval: float | None = 1.0,
        from_library: bool = False,
    ) -> None:
        super().__init__()
        self.path = path
        self.result = result
        self.from_library = from_library
        self._watch_interval = watch_interval
        self._signature: Signature = _UNSET

    def compose(self) -> ComposeResult:
        """Lay out the heading, the diagnostics and the footer."""
        yield Static(id="error-title")
        yield DetailList(id="diagnostics")
        yield Static(id="error-hint")
        yield Footer()

    def on_mount(self) -> None:
        """Show the diagnostics and start watching the file for a fix."""
        self._show(self.result)
        self.query_one(DetailList).focus()
        if self._watch_interval:
            self.set_interval(self._watch_interval, self._check_changed)

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

    @work(thread=True, exclusive=True, group="watch")
    def _check_changed(self) -> None:
        signature = file_signature(self.path)
        if self._signature == _UNSET:
            self._signature = signature
        elif signature != self._signature:
            self._signature = signature
            self._retry()

    @work(thread=True, exclusive=True, group="load")
    def _retry(self) -> None:
        result = load_file(self.path)
        # the app is closing
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self._retried, result)

    def _retried(self, result: LoadResult) -> None:
        if result.briefing is None:
            self._show(result)
            self.notify("Still not loadable", severity="error", markup=False, timeout=2)
            return
        from briefing.screens.briefing import BriefingScreen

        self.app.switch_screen(
            BriefingScreen(
                self.path,
                result,
                watch_interval=self._watch_interval,
                from_library=self.from_library,
            )
        )

    def action_retry(self) -> None:
        """Try to load the file again."""
        self._retry()

    def action_back(self) -> None:
        """Go back to the library, when the file was opened from one."""
        if self.from_library:
            self.app.pop_screen()
