"""What the analyst keys do on the briefing screen: the views, copy, the editor.

`BriefingScreen` lists `ANALYST_BINDINGS` (bindings.py) with its own keys and hands their actions
to `AnalystTools`. Each view is pushed over the screen and returns the claim the
reader chose, which the screen goes to as a step in its history.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.screen import Screen

from briefing.document.model import Briefing
from briefing.query.session import ReaderSession
from briefing.tui.briefing_screen.bindings import ANALYST_BINDINGS
from briefing.tui.briefing_screen.panes import Panes
from briefing.tui.ui_thread import from_worker

if TYPE_CHECKING:
    from briefing.tui.views.base import AnalysisScreen

# Kept importable from here, where they were first listed.
__all__ = ["ANALYST_BINDINGS", "AnalystTools"]

"""The analyst keys; their ids are the names the key config file uses."""


class AnalystTools:
    """The analyst views and tools over the briefing on screen."""

    def __init__(
        self,
        screen: Screen[None],
        session: ReaderSession,
        panes: Panes,
        *,
        path: Path,
        reload: Callable[[], object],
    ) -> None:
        self._screen = screen
        self._session = session
        self._panes = panes
        self._path = path
        self._reload = reload
        """Reads the file again (after the editor closes)."""

    # The views and tools --------------------------------------------------------------
    # Each module is imported when first used: none is needed to show the first frame.

    def open_view(self, view: type[AnalysisScreen]) -> None:
        """Push an analyst view; the claim chosen there becomes a step in the history."""
        briefing = self._session.briefing
        if briefing is None:
            return

        def chosen(claim_id: str | None) -> None:
            if claim_id is not None and self._panes.go_to_claim(claim_id, step=True):
                self._panes.go_in()

        self._screen.app.push_screen(view(briefing, self._session.current_claim_id()), chosen)

    def sources(self) -> None:
        """Show every source with what cites it."""
        from briefing.tui.views.sources import SourcesScreen

        self.open_view(SourcesScreen)

    def who_says_what(self) -> None:
        """Show every party with what it claims and denies."""
        from briefing.tui.views.parties import PartiesScreen

        self.open_view(PartiesScreen)

    def timeline(self) -> None:
        """Show claims and denials in date order."""
        from briefing.tui.views.timeline import TimelineScreen

        self.open_view(TimelineScreen)

    def claims_table(self) -> None:
        """Show every claim in a sortable, filterable table."""
        from briefing.tui.views.claims_table import ClaimsTableScreen

        self.open_view(ClaimsTableScreen)

    def argument_map(self) -> None:
        """Show the claims bearing on the current claim (format 2 has relations)."""
        from briefing.query.argument import NEEDS_VERSION_2
        from briefing.tui.views.argument_map import ArgumentMapScreen

        briefing = self._session.briefing
        if briefing is None:
            return
        if briefing.format < 2:
            self._screen.notify(NEEDS_VERSION_2, markup=False, timeout=5)
        elif self._session.current_claim_id() is None:
            self._screen.notify("Choose a claim first", markup=False, timeout=2)
        else:
            self.open_view(ArgumentMapScreen)

    def assessment(self) -> None:
        """Show the briefing as an assessment: bottom line, judgements, scrutiny."""
        from briefing.tui.views.assessment import AssessmentScreen

        self.open_view(AssessmentScreen)

    # Copy ---------------------------------------------------------------------------

    def copy_claim(self) -> None:
        """Copy the current claim with its claimant, evidence, caveats and denials."""
        from briefing.export.clipboard import claim_text

        screen = self._screen
        claim = self._session.current_claim()
        briefing = self._session.briefing
        if claim is None or briefing is None:
            screen.notify("Choose a claim first", markup=False, timeout=2)
            return
        text = claim_text(briefing, claim)
        screen.app.copy_to_clipboard(text)
        lines = text.count("\n")
        screen.notify(f"Copied the claim to the clipboard ({lines} lines)", markup=False, timeout=3)

    # Open in the editor -----------------------------------------------------------

    def open_in_editor(self) -> None:
        """Open the briefing file in $VISUAL or $EDITOR at the current claim's line."""
        briefing = self._session.briefing
        if briefing is None:
            return
        current = self._session.current
        self._screen.run_worker(
            partial(
                self._find_line_then_edit,
                briefing,
                current.kind if current else None,
                current.id if current else None,
            ),
            name="editor",
            group="editor",
            exclusive=True,
            thread=True,
        )

    def _find_line_then_edit(self, briefing: Briefing, kind: str | None, item: str | None) -> None:
        # In a worker thread: locating means reading and scanning the file.
        from briefing.settings.editor import claim_keypath, keypath_line, section_keypath

        keypath = None
        if kind == "claim" and item is not None:
            keypath = claim_keypath(briefing, item)
        elif kind == "section" and item is not None:
            keypath = section_keypath(briefing, item)
        line = keypath_line(self._path, keypath) if keypath else None
        from_worker(self._screen, self._edit, line)

    def _edit(self, line: int | None) -> None:
        from briefing.settings.editor import editor_command

        screen = self._screen
        command = editor_command(self._path, line, os.environ)
        if command is None:
            screen.notify(
                "No editor set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano)",
                severity="warning",
                markup=False,
            )
            return
        try:
            with screen.app.suspend():
                status, problem = _run(command, interactive=True)
        except SuspendNotSupported:
            if not screen.app.is_headless:
                screen.notify(
                    "An editor cannot be opened here (the reader is not in a terminal)",
                    severity="warning",
                    markup=False,
                )
                return
            # Under test there is no terminal to hand over: the editor runs unattended.
            status, problem = _run(command, interactive=False)
        if problem is not None:
            screen.notify(f"Could not start the editor: {problem}", severity="error", markup=False)
            return
        if status:
            screen.notify(
                f"The editor exited with status {status}", severity="warning", markup=False
            )
        # Re-read and re-check: a broken file shows its errors over the last good version.
        self._reload()


def _run(command: list[str], *, interactive: bool) -> tuple[int | None, str | None]:
    """Run the editor; return its exit status, or why it could not start."""
    try:
        if interactive:
            return subprocess.run(command, check=False).returncode, None
        done = subprocess.run(
            command, check=False, stdin=subprocess.DEVNULL, capture_output=True, timeout=60
        )
        return done.returncode, None
    except subprocess.TimeoutExpired:
        return None, "it did not finish within 60 seconds"
    except OSError as error:
        # Raised inside the suspended block, this must not escape it: the app would stay suspended.
        return None, f"{command[0]}: {error.strerror or error}"
