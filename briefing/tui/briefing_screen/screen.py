"""The briefing screen: the outline of sections and claims beside the detail of one."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.command import Provider
from textual.screen import Screen
from textual.widgets import Static, Tree

from briefing.document.cache import Unstored, load_file_unstored
from briefing.document.loader import LoadResult
from briefing.document.model import Briefing
from briefing.document.opening_store import Key, opening_key
from briefing.document.watch import FileWatcher, Signature, file_signature
from briefing.process import collector
from briefing.process.preload import FirstLoad
from briefing.query.search import LazyIndex
from briefing.query.session import OutlineItem, ReaderSession
from briefing.tui.briefing_screen.analyst import AnalystTools
from briefing.tui.briefing_screen.bindings import NEEDS_BRIEFING
from briefing.tui.briefing_screen.exporting import Exporter
from briefing.tui.briefing_screen.layout import ReaderLayout, title_text
from briefing.tui.briefing_screen.opening_rows import record_opening
from briefing.tui.briefing_screen.panes import Panes
from briefing.tui.briefing_screen.picture import keep_picture_then
from briefing.tui.briefing_screen.places import PlaceMemory
from briefing.tui.briefing_screen.searching import Searching
from briefing.tui.palettes.analyst import AnalystCommands
from briefing.tui.palettes.outline import BriefingCommands
from briefing.tui.reader_settings import ReaderSettings
from briefing.tui.ui_thread import from_worker, when_quiet
from briefing.tui.widgets.claim_detail import ClaimDetail, Group
from briefing.tui.widgets.outline import Outline
from briefing.tui.widgets.section_detail import SectionDetail
from briefing.tui.widgets.status_panel import DiagnosticsPanel

FIRST_DRAW = 0.3
"""Seconds a newly loaded briefing has to be drawn before the search index is built."""

STORE_QUIET = 2.0
"""Seconds without a key before a cache entry is stored: its child's fork slowed keys."""
_UNSET: Signature = (-1, -1, -1)


class BriefingScreen(ReaderLayout):
    """One briefing: outline and detail side by side, or one at a time when narrow.

    The screen lays the widgets out, loads and watches the file, and hands each key to
    the part that owns what it acts on:

    - `session`: where the reader stands, the filter, the history and the search
      matches (plain Python: briefing/query/session.py);
    - `panes`: what the outline and the detail pane show, and which the reader is in;
    - `searching`, `exporter`, `analyst`, `places`: the search box and n/N, `x`,
      the analyst views and tools, and the claim last viewed.

    Textual runs a key's action on the screen: each `action_*` here calls its part.

    Background work, one model (see also briefing/process/collector.py):

    - File reads, loads and the search index run in Textual thread workers, each
      kind in its own exclusive group, so that starting one cancels the one before.
    - A cancelled thread runs on to its end (Python cannot stop a thread), so every
      load carries a generation number (`_load` -> `_read_file(generation)` ->
      `_loaded_version`), and only the newest generation's result is applied.
    - A `FileWatcher` (its own thread: the kernel's notifications, or polling where
      there are none) tells the file's signature after each change; the UI thread
      compares it with the signature of the version on screen and reloads if it
      changed. The watcher stops when the screen closes.
    - An index build stops at its next step once its index is replaced or a reload
      starts (a new generation), and gives way while the reader presses keys
      (`settings.busy`) and while a new briefing is first drawn.
    - A worker hands its result to the UI thread with `from_worker` (or, as a
      message, `post_from_worker`), which queues it and returns: a worker never waits
      for the UI thread (which may be gone), nor the UI thread on a worker's lock.
    - A load stores a new cache entry once the reader has been still for STORE_QUIET
      seconds (`when_quiet`), in a child process, and not if cancelled meanwhile.
    - Workers never touch the garbage collector; the UI thread settles it once the
      first version is drawn (`collector.settle`), once a newer one replaced it
      (`collector.replaced`), and once an index is built.

    The parts' workers (search again, export, editor, place) follow the same model:
    each runs in its own group on this screen and hands back with `from_worker`.
    """

    # Its stylesheet is the app's (see BriefingApp.CSS_PATH); its layout and keys, ReaderLayout's.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        BriefingCommands,
        AnalystCommands,
    }

    def __init__(
        self,
        path: Path,
        result: LoadResult | None = None,
        *,
        settings: ReaderSettings,
        errors_screen: Callable[[Path, LoadResult], Screen[None]],
        from_library: bool = False,
        first_load: FirstLoad | None = None,
    ) -> None:
        """Show `path`, loaded already (`result`, `first_load`) or loaded on mounting.

        `errors_screen` makes the screen that takes this one's place when the file
        does not load at first.
        """
        super().__init__(path)
        self.from_library = from_library
        self._opened_at = time.monotonic()  # from the library: keys since then move it
        self.settings = settings
        self.session = ReaderSession()
        self.places = PlaceMemory(self, path)
        self.panes = Panes(self, self.session, on_claim_shown=self.places.viewed)
        self.searching = Searching(self, self.session, self.panes)
        self.exporter = Exporter(self, self.session)
        self.analyst = AnalystTools(self, self.session, self.panes, path=path, reload=self.reload)
        self._errors_screen = errors_screen
        self._initial = result
        self._first_load = first_load
        self._signature: Signature = _UNSET
        self._opening_key: Key | None = None
        """The key of the file as last loaded, to record its opening under (None: don't)."""
        self._watcher: FileWatcher | None = None
        self._generation = 0  # loads started: only the newest one's result is shown

    @property
    def briefing(self) -> Briefing | None:
        """Return the version of the briefing on screen (None while the first loads)."""
        return self.session.briefing

    @property
    def current(self) -> OutlineItem | None:
        """Return the section or claim the reader stands on."""
        return self.session.current

    def claim_pane(self) -> ClaimDetail:
        """Return the claim's pane: evidence, caveats, denials and the rest."""
        return ClaimDetail(id="claim-detail")

    def on_mount(self) -> None:
        """Start loading (unless the library already did) and watching the file."""
        self.lay_out()
        first_load, self._first_load = self._first_load, None
        if self._initial is not None:
            self._loaded(self._initial, reload=False)
            self._initial = None
        elif first_load is not None:
            # Loaded before the app started: the first frame shows the briefing.
            self._signature = first_load.signature
            self._opening_key = first_load.opening_key
            self._loaded(first_load.result, reload=False)
            if first_load.unstored is not None:
                self._store_when_quiet(first_load.unstored)
        else:
            self._show_loading(True)
            self._load(reload=False)
        # After the first frame: the watch's thread imports watchfiles (~50 ms of CPU),
        # which took turns with that frame. It reports the file at once when it starts.
        self.call_after_refresh(self._start_watching)

    def _start_watching(self) -> None:
        if self.settings.watch_interval and self._watcher is None and self.is_attached:
            self._watcher = FileWatcher(
                self.path, self._file_changed, poll_every=self.settings.watch_interval
            ).start()

    def on_unmount(self) -> None:
        """Remember where the reader was when the screen closes (or the app quits)."""
        if self._watcher is not None:
            self._watcher.stop()
        self.places.flush()

    def _show_loading(self, loading: bool) -> None:
        # Each widget's own display, not a class on the screen: changing the screen's
        # classes restyles every widget on it (~10 ms at start).
        self.query_one("#loading").display = loading
        self.query_one("#panes").display = not loading

    # Loading, reloading and watching (the background-work model: see the class docstring)

    def _load(self, reload: bool) -> None:
        self._generation += 1
        self._read_file(self._generation, reload)

    @work(thread=True, exclusive=True, group="load")
    def _read_file(self, generation: int, reload: bool) -> None:
        key = opening_key(self.path) if self.settings.use_cache else None
        signature = file_signature(self.path)
        result, unstored = load_file_unstored(self.path, use_cache=self.settings.use_cache)
        from_worker(self, self._loaded_version, generation, (signature, key), result, reload)
        if unstored is not None:
            when_quiet(self.settings.busy, unstored.store_in_child, quiet=STORE_QUIET)

    @work(thread=True, exclusive=True, group="load")
    def _store_when_quiet(self, unstored: Unstored) -> None:
        # A briefing parsed behind its opening (opening.py): stored as `_read_file`
        # stores, and not if a reload starts meanwhile (the same group).
        when_quiet(self.settings.busy, unstored.store_in_child, quiet=STORE_QUIET)

    def _loaded_version(
        self,
        generation: int,
        stamps: tuple[Signature, Key | None],
        result: LoadResult,
        reload: bool,
    ) -> None:
        if generation != self._generation:
            return  # a newer load was started meanwhile: its result is the one to show
        self._signature, self._opening_key = stamps
        self._loaded(result, reload)

    def _file_changed(self, signature: Signature) -> None:
        # In the watcher's thread (briefing/document/watch.py).
        from_worker(self, self._compare_signature, signature)

    def _compare_signature(self, signature: Signature) -> None:
        if self._signature == _UNSET:
            self._signature = signature
        elif signature != self._signature and signature is not None:
            self._signature = signature
            self._load(reload=True)

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self, index: LazyIndex) -> None:
        # Gives way while the reader presses keys, and while the briefing is first
        # drawn (started at once, it took turns with that frame: ~40 ms later at 10k);
        # a search makes it finish at once.
        app_busy = self.settings.busy
        drawn_by = time.monotonic() + FIRST_DRAW

        def busy() -> bool:
            return time.monotonic() < drawn_by or app_busy()

        # A reload replaces the index: the old one's build stops at its next step as soon
        # as the reload starts, rather than take turns with the load for an index about
        # to be thrown away. If the reload fails, a search builds it then, at full speed.
        generation = self._generation

        def abandoned() -> bool:
            return self.session.index is not index or self._generation != generation

        if index.build_in_background(busy, abandoned):
            from_worker(self, self._index_built, index)

    def _index_built(self, index: LazyIndex) -> None:
        if index is self.session.index:
            # Long-lived like the briefing: out of the collector's sight (its full
            # passes walked it again and again: ~200 ms pauses on keys at 50,000 claims).
            collector.settle()

    def _loaded(self, result: LoadResult, reload: bool) -> None:
        panel = self.query_one(DiagnosticsPanel)
        if result.briefing is None:
            if self.session.briefing is None:
                # Nothing good to keep showing: the error screen takes this screen's place.
                self.app.switch_screen(self._errors_screen(self.path, result))
                return
            panel.show_diagnostics(
                "Reload failed: still showing the last good version", result.errors
            )
            self.notify(
                f"Reload failed: {len(result.errors)} error(s); the last good version stays",
                severity="error",
                markup=False,
            )
            return
        panel.hide()
        # Where the reader was, in the old version: a removed claim falls back to its section.
        place = self.session.open(result.briefing)
        # Built once the briefing is on screen: started at once, the worker held the
        # GIL through the first frame's layout and render (~70 ms later at 10,000 claims).
        self.call_after_refresh(self._build_index, self.session.index)
        # Once drawn: the first version is frozen as it is; a newer one first lets the
        # collector free the version it replaced (see briefing/process/collector.py).
        self.call_after_refresh(collector.settle if place.first else collector.replaced)
        self._show_loading(False)
        self._show_title(result.briefing)
        if self._opening_key is not None:
            # Its first frame, for the next time it is opened unchanged (opening.py).
            self.call_after_refresh(self._record_opening, result.briefing, self._opening_key)
        self.panes.rebuild_outline(
            keep=place.item, keep_section=place.section_id, first=place.first
        )
        if place.first:
            # The keys that need a briefing (check_action) work now. A move of the focus
            # redraws the footer with them; the outline may hold it already (loading).
            outline = self.query_one(Outline)
            if outline.has_focus:
                self.refresh_bindings()
            else:
                outline.focus()
            # A picture of this first frame for the next open to draw (not opened from the
            # library, whose screens have keys of their own); then back to the last place.
            pictured = self.settings.keeps_pictures and not self.from_library
            key = self._opening_key if pictured else None
            then = None if self.settings.fresh else partial(self.places.restore, self._go_to_place)
            keep_picture_then(self, self.path, key, touched=self.settings.touched, then=then)
        if reload:
            self.notify("Reloaded", markup=False, timeout=2)

    def _go_to_place(self, claim_id: str) -> None:
        # Not if the reader has already moved (keys typed ahead of the load included).
        if not self.settings.acted_since(self._opened_at if self.from_library else 0.0):
            self.panes.go_to_claim(claim_id, step=False)

    def _record_opening(self, briefing: Briefing, key: Key) -> None:
        record = partial(record_opening, self.path, briefing, key)
        self.run_worker(record, name="opening", group="opening", exclusive=True, thread=True)

    def _show_title(self, briefing: Briefing) -> None:
        self.query_one("#title", Static).update(title_text(briefing))

    def reload(self) -> None:
        """Read the file again in a worker; a failure keeps what is on screen."""
        self._load(reload=True)

    # Choosing in the panes ----------------------------------------------------------

    def show_item(self, item: OutlineItem) -> None:
        """Show what the outline's cursor is on (the outline calls this as it moves)."""
        self.panes.show_item(item)

    @on(Tree.NodeSelected, "#outline")
    def _outline_chosen(self, event: Tree.NodeSelected[OutlineItem]) -> None:
        self.panes.chosen(event.node)

    @on(SectionDetail.ClaimChosen)
    def _section_claim_chosen(self, event: SectionDetail.ClaimChosen) -> None:
        self.panes.go_to_claim(event.claim_id, step=True)
        self.panes.go_in()

    @on(ClaimDetail.LinkFollowed)
    def _link_followed(self, event: ClaimDetail.LinkFollowed) -> None:
        self.panes.go_to_claim(event.claim_id, step=True)
        self.panes.go_in()

    def go_to_claim(self, claim_id: str, *, step: bool) -> bool:
        """Show a claim (from the palette); a step is recorded in the history."""
        return self.panes.go_to_claim(claim_id, step=step)

    def go_to_section(self, section_id: str) -> bool:
        """Show a section (from the palette)."""
        return self.panes.go_to_section(section_id)

    # The keys: each action hands over to the part that owns it ---------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Return False for keys that need a briefing while none is loaded yet."""
        return not (action in NEEDS_BRIEFING and self.session.briefing is None)

    def action_back_out(self) -> None:
        """Go back out: close the errors panel, leave the detail, or go up to the section."""
        if not self.panes.back_out() and self.from_library:
            self.app.pop_screen()

    def action_next_pane(self) -> None:
        """Move between the outline and the detail pane."""
        self.panes.switch()

    def action_jump(self, group: Group) -> None:
        """Go into the current claim's evidence, caveats or denials."""
        self.panes.jump(group)

    def action_step_claim(self, step: int) -> None:
        """Go to the next or previous claim, across sections."""
        self.panes.step_claim(step)

    def action_history_back(self) -> None:
        """Go back to the claim visited before."""
        self.panes.history_back()

    def action_history_forward(self) -> None:
        """Go forward to the claim left by going back."""
        self.panes.history_forward()

    def action_search(self) -> None:
        """Open the search box."""
        self.searching.open_box()

    def action_next_match(self) -> None:
        """Go to the next search match."""
        self.searching.step(1)

    def action_previous_match(self) -> None:
        """Go to the previous search match."""
        self.searching.step(-1)

    def action_filter(self) -> None:
        """Choose which claims the outline shows."""
        # Imported when first used: the filter menu is not needed to show the first frame.
        from briefing.tui.screens.filter_menu import FilterScreen

        briefing = self.session.briefing
        if briefing is not None:
            self.app.push_screen(FilterScreen(briefing, self.session.filter), self.panes.set_filter)

    def action_filter_by(self, value: str) -> None:
        """Show only the claims of the filter named `value` (from the palette)."""
        from briefing.query.filters import filter_for

        briefing = self.session.briefing
        if briefing is not None:
            self.panes.set_filter(filter_for(briefing, value))

    def action_reload(self) -> None:
        """Read the file again."""
        self.notify("Reloading …", markup=False, timeout=1)
        self.reload()

    def action_export(self) -> None:
        """Export the current section as text or an HTML page."""
        self.exporter.ask()

    def action_sources(self) -> None:
        """Show every source with what cites it."""
        self.analyst.sources()

    def action_who_says_what(self) -> None:
        """Show every party with what it claims and denies."""
        self.analyst.who_says_what()

    def action_timeline(self) -> None:
        """Show claims and denials in date order."""
        self.analyst.timeline()

    def action_claims_table(self) -> None:
        """Show every claim in a sortable, filterable table."""
        self.analyst.claims_table()

    def action_argument_map(self) -> None:
        """Show the claims bearing on the current claim, step by step."""
        self.analyst.argument_map()

    def action_assessment(self) -> None:
        """Show the briefing as an assessment: bottom line, judgements, scrutiny."""
        self.analyst.assessment()

    def action_copy_claim(self) -> None:
        """Copy the current claim with its claimant, evidence, caveats and denials."""
        self.analyst.copy_claim()

    def action_open_in_editor(self) -> None:
        """Open the briefing file in $VISUAL or $EDITOR at the current claim's line."""
        self.analyst.open_in_editor()
