"""What the analyst keys do on the briefing screen: the views, copy, the editor, where I was.

`BriefingScreen` mixes this in and lists `ANALYST_BINDINGS` with its own keys.
Each view is pushed over the screen and returns the claim the reader chose, which
the screen goes to as a step in its history.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from textual import work
from textual.app import SuspendNotSupported
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from briefing.analysis.state import PlaceStore
from briefing.model import Briefing
from briefing.reader.history import History
from briefing.screens.analysis_view import AnalysisScreen
from briefing.screens.ui_thread import from_worker
from briefing.widgets.claim_detail import Group
from briefing.widgets.outline import OutlineItem

ANALYST_BINDINGS = [
    Binding("s", "sources", "Sources: what cites each source", show=False, id="sources"),
    Binding("w", "who_says_what", "Who says what: parties", show=False, id="who_says_what"),
    Binding("t", "timeline", "Timeline of claims and denials", show=False, id="timeline"),
    Binding("T,shift+t", "claims_table", "Claims table", show=False, id="claims_table"),
    Binding("y", "copy_claim", "Copy the claim as text", show=False, id="copy_claim"),
    Binding(
        "o",
        "open_in_editor",
        "Edit the file at this claim ($EDITOR)",
        show=False,
        id="open_in_editor",
    ),
]
"""The analyst keys; their ids are the names the key config file uses."""

SAVE_PLACE_AFTER = 0.5
"""Seconds after the reader stops on a claim before it is remembered (not on every move)."""


class AnalystActions(Screen[None]):
    """The analyst views and tools over a loaded briefing."""

    briefing: Briefing | None
    path: Path
    current: OutlineItem | None
    history: History

    # Where the reader is, until it is written to the state file.
    _place_pending: str | None = None
    _place_timer: Timer | None = None

    # The views --------------------------------------------------------------------

    def current_claim_id(self) -> str | None:
        """Return the id of the claim the reader is on, or None."""
        current = self.current
        return current.id if current is not None and current.kind == "claim" else None

    def open_view(self, view: type[AnalysisScreen]) -> None:
        """Push an analyst view; the claim chosen there becomes a step in the history."""
        if self.briefing is None:
            return

        def chosen(claim_id: str | None) -> None:
            if claim_id is not None and self.go_to_claim(claim_id, step=True):
                self.go_in()

        self.app.push_screen(view(self.briefing, self.current_claim_id()), chosen)

    def action_sources(self) -> None:
        """Show every source with what cites it."""
        from briefing.screens.sources import SourcesScreen

        self.open_view(SourcesScreen)

    def action_who_says_what(self) -> None:
        """Show every party with what it claims and denies."""
        from briefing.screens.parties import PartiesScreen

        self.open_view(PartiesScreen)

    def action_timeline(self) -> None:
        """Show claims and denials in date order."""
        from briefing.screens.timeline import TimelineScreen

        self.open_view(TimelineScreen)

    def action_claims_table(self) -> None:
        """Show every claim in a sortable, filterable table."""
        from briefing.screens.claims_table import ClaimsTableScreen

        self.open_view(ClaimsTableScreen)

    # Copy ---------------------------------------------------------------------------

    def action_copy_claim(self) -> None:
        """Copy the current claim with its claimant, evidence, caveats and denials."""
        from briefing.analysis.copytext import claim_text

        claim_id = self.current_claim_id()
        claim = self.briefing.claim(claim_id) if self.briefing and claim_id else None
        if claim is None or self.briefing is None:
            self.notify("Choose a claim first", markup=False, timeout=2)
            return
        text = claim_text(self.briefing, claim)
        self.app.copy_to_clipboard(text)
        lines = text.count("\n")
        self.notify(f"Copied the claim to the clipboard ({lines} lines)", markup=False, timeout=3)

    # Open in the editor -----------------------------------------------------------

    def action_open_in_editor(self) -> None:
        """Open the briefing file in $VISUAL or $EDITOR at the current claim's line."""
        if self.briefing is None:
            return
        current = self.current
        self._find_line_then_edit(
            self.briefing, current.kind if current else None, current.id if current else None
        )

    @work(thread=True, exclusive=True, group="editor")
    def _find_line_then_edit(self, briefing: Briefing, kind: str | None, item: str | None) -> None:
        from briefing.analysis.editor import claim_keypath, keypath_line, section_keypath

        # Locating means reading and scanning the file: not on the UI thread.
        keypath = None
        if kind == "claim" and item is not None:
            keypath = claim_keypath(briefing, item)
        elif kind == "section" and item is not None:
            keypath = section_keypath(briefing, item)
        line = keypath_line(self.path, keypath) if keypath else None
        from_worker(self, self._edit, line)

    def _edit(self, line: int | None) -> None:
        from briefing.analysis.editor import editor_command

        command = editor_command(self.path, line, os.environ)
        if command is None:
            self.notify(
                "No editor set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano)",
                severity="warning",
                markup=False,
            )
            return
        try:
            with self.app.suspend():
                status, problem = _run(command, interactive=True)
        except SuspendNotSupported:
            if not self.app.is_headless:
                self.notify(
                    "An editor cannot be opened here (the reader is not in a terminal)",
                    severity="warning",
                    markup=False,
                )
                return
            # Under test there is no terminal to hand over: the editor runs unattended.
            status, problem = _run(command, interactive=False)
        if problem is not None:
            self.notify(f"Could not start the editor: {problem}", severity="error", markup=False)
            return
        if status:
            self.notify(f"The editor exited with status {status}", severity="warning", markup=False)
        # Re-read and re-check: a broken file shows its errors over the last good version.
        self.reload()

    # Where I was --------------------------------------------------------------------

    def restore_place(self) -> None:
        """Go to the claim last viewed in this briefing, unless the reader asked for --fresh."""
        if getattr(self.app, "fresh", False):
            return
        self._read_place(self.path)

    @work(thread=True, exclusive=True, group="place")
    def _read_place(self, path: Path) -> None:
        claim_id = PlaceStore().last_claim(path)
        if claim_id is not None:
            from_worker(self, self._go_to_place, claim_id)

    def _go_to_place(self, claim_id: str) -> None:
        # The claim may have gone since (an edit): then the reader starts at the top.
        if self.briefing is not None and self.briefing.claim(claim_id) is not None:
            self.go_to_claim(claim_id, step=False)

    def place_viewed(self, claim_id: str) -> None:
        """Remember `claim_id` as where the reader is, once they have stopped on it."""
        self._place_pending = claim_id
        if self._place_timer is not None:
            self._place_timer.stop()
        self._place_timer = self.set_timer(SAVE_PLACE_AFTER, self._save_place)

    def _save_place(self) -> None:
        claim_id, self._place_pending = self._place_pending, None
        if claim_id is not None:
            self._write_place(self.path, claim_id)

    @work(thread=True, group="place-write")
    def _write_place(self, path: Path, claim_id: str) -> None:
        PlaceStore().remember(path, claim_id)

    def on_unmount(self) -> None:
        """Remember where the reader was when the screen closes (or the app quits)."""
        claim_id, self._place_pending = self._place_pending, None
        if claim_id is not None:
            PlaceStore().remember(self.path, claim_id)

    # Filled in by BriefingScreen ------------------------------------------------------

    def go_to_claim(
        self, claim_id: str, *, step: bool, group: Group | None = None, item: int = 0
    ) -> bool:
        """Show a claim; return False when it does not exist."""
        raise NotImplementedError

    def go_in(self) -> None:
        """Enter the detail pane."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the file again in a worker."""
        raise NotImplementedError


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
