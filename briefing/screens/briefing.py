"""The briefing screen: the outline of sections and claims beside the detail of one."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import ContentSwitcher, Footer, Static, Tree

from briefing import collector
from briefing.loader import LoadResult, load_file
from briefing.model import Briefing
from briefing.reader.filters import ClaimFilter, hidden_count, status_line
from briefing.reader.history import History
from briefing.reader.preload import FirstLoad
from briefing.reader.search import LazyIndex, Match
from briefing.reader.watch import Signature, file_signature
from briefing.screens.analyst_actions import ANALYST_BINDINGS, AnalystActions
from briefing.screens.analyst_palette import AnalystCommands
from briefing.screens.palette import BriefingCommands
from briefing.screens.reading import ReadingActions
from briefing.screens.ui_thread import from_worker
from briefing.textsafe import visible
from briefing.widgets.claim_detail import ClaimDetail
from briefing.widgets.outline import Outline, OutlineItem
from briefing.widgets.section_detail import SectionDetail
from briefing.widgets.status_panel import DiagnosticsPanel

NARROW_BELOW = 100
"""Terminals narrower than this show one pane at a time."""

OPEN_FILTERED_UP_TO = 1000
"""A filter that keeps at most this many claims opens every section."""

FIRST_DRAW = 0.3
"""Seconds a newly loaded briefing has to be drawn before the search index is built."""

_UNSET: Signature = (-1, -1, -1)


class BriefingScreen(ReadingActions, AnalystActions):
    """One briefing: outline and detail side by side, or one at a time when narrow."""

    CSS_PATH = "briefing.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        BriefingCommands,
        AnalystCommands,
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        # The footer shows these in this order: the most needed first, for narrow terminals.
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("slash", "search", "Search", id="search"),
        Binding("f", "filter", "Filter", id="filter"),
        Binding("escape", "back_out", "Back", key_display="esc", id="back"),
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("x", "export", "Export", id="export"),
        Binding("r", "reload", "Reload", id="reload"),
        Binding("n", "next_match", "Next match", show=False, id="next_match"),
        Binding("N,shift+n", "previous_match", "Previous match", show=False, id="previous_match"),
        Binding("right_square_bracket", "step_claim(1)", "Next claim", show=False, id="next_claim"),
        Binding(
            "left_square_bracket",
            "step_claim(-1)",
            "Previous claim",
            show=False,
            id="previous_claim",
        ),
        Binding(
            "backspace,alt+left", "history_back", "Back in history", show=False, id="history_back"
        ),
        Binding(
            "alt+right", "history_forward", "Forward in history", show=False, id="history_forward"
        ),
        Binding("tab,shift+tab", "next_pane", "Switch pane", show=False, id="next_pane"),
        Binding("e", "jump('evidence')", "Go to evidence", show=False, id="go_to_evidence"),
        Binding("c", "jump('caveats')", "Go to caveats", show=False, id="go_to_caveats"),
        Binding("d", "jump('denials')", "Go to denials", show=False, id="go_to_denials"),
        # The analyst views and tools: s, w, t, T, y, o.
        *ANALYST_BINDINGS,
    ]

    def __init__(
        self,
        path: Path,
        result: LoadResult | None = None,
        *,
        watch_interval: float | None = 1.0,
        from_library: bool = False,
        first_load: FirstLoad | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.briefing: Briefing | None = None
        self.index: LazyIndex | None = None
        self.filter = ClaimFilter.ALL
        self.history = History()
        self.current: OutlineItem | None = None
        self.query_text = ""
        self.matches: list[Match] = []
        self.match_position = -1
        self.from_library = from_library
        self._initial = result
        self._first_load = first_load
        self._watch_interval = watch_interval
        self._signature: Signature = _UNSET
        self._generation = 0
        """Counts loads started; only the newest one's result is shown."""

    def compose(self) -> ComposeResult:
        """Lay out the title, the two panes, the reload-errors panel and the footer."""
        yield Static(Text(visible(self.path.name, one_line=True)), id="title")
        yield Static(Text(f"Loading {visible(self.path.name, one_line=True)} …"), id="loading")
        with Horizontal(id="panes"):
            with Vertical(id="outline-pane"):
                yield Static(id="filter-status")
                yield Outline(id="outline")
            with ContentSwitcher(id="details", initial="section-detail"):
                yield SectionDetail(id="section-detail")
                yield ClaimDetail(id="claim-detail")
        yield DiagnosticsPanel(id="reload-errors")
        yield Footer()

    def on_mount(self) -> None:
        """Start loading (unless the library already did) and watching the file."""
        self.query_one(Outline).border_title = "Outline"
        self._fit(self.app.size.width)
        first_load, self._first_load = self._first_load, None
        if self._initial is not None:
            self._loaded(self._initial, reload=False)
            self._initial = None
        elif first_load is not None:
            # Loaded before the app started: the first frame shows the briefing.
            self._signature = first_load.signature
            self._loaded(first_load.result, reload=False)
        else:
            self._show_loading(True)
            self._load(reload=False)
        if self._watch_interval:
            self.set_interval(self._watch_interval, self._check_changed)

    def _show_loading(self, loading: bool) -> None:
        # Each widget's own display, not a class on the screen: changing the screen's
        # classes restyles every widget on it (~10 ms at start).
        self.query_one("#loading").display = loading
        self.query_one("#panes").display = not loading

    def on_resize(self, event: Resize) -> None:
        """Switch between two panes and one pane as the terminal's width crosses the line."""
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "-narrow")

    @property
    def narrow(self) -> bool:
        """Return True when only one pane shows at a time."""
        return self.has_class("-narrow")

    # Loading, reloading and watching ------------------------------------------------
    #
    # Background work, one model (see also briefing/collector.py):
    # - File reads, loads and the search index run in Textual thread workers, each
    #   kind in its own exclusive group, so that starting one cancels the one before.
    # - A cancelled thread runs on to its end (Python cannot stop a thread), so every
    #   load carries a generation number, and only the newest generation's result is
    #   applied; an index build stops at its next step once its index is replaced.
    # - A worker hands its result to the UI thread with `from_worker`, which queues it
    #   and returns: a worker never waits for the UI thread (which may be gone), and
    #   the UI thread never waits on a worker's lock.
    # - Workers never touch the garbage collector; the UI thread settles it.

    def _load(self, reload: bool) -> None:
        self._generation += 1
        self._read_file(self._generation, reload)

    @work(thread=True, exclusive=True, group="load")
    def _read_file(self, generation: int, reload: bool) -> None:
        signature = file_signature(self.path)
        result = load_file(self.path)
        from_worker(self, self._loaded_version, generation, signature, result, reload)

    def _loaded_version(
        self, generation: int, signature: Signature, result: LoadResult, reload: bool
    ) -> None:
        if generation != self._generation:
            return  # a newer load was started meanwhile: its result is the one to show
        self._signature = signature
        self._loaded(result, reload)

    @work(thread=True, exclusive=True, group="watch")
    def _check_changed(self) -> None:
        from_worker(self, self._compare_signature, file_signature(self.path))

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
        app_busy: Callable[[], bool] = getattr(self.app, "busy", lambda: False)
        drawn_by = time.monotonic() + FIRST_DRAW

        def busy() -> bool:
            return time.monotonic() < drawn_by or app_busy()

        # A reload replaces the index: the old one's build stops at its next step as soon
        # as the reload starts, rather than take turns with the load for an index about
        # to be thrown away. If the reload fails, a search builds it then, at full speed.
        generation = self._generation

        def abandoned() -> bool:
            return self.index is not index or self._generation != generation

        if index.build_in_background(busy, abandoned):
            from_worker(self, self._index_built, index)

    def _index_built(self, index: LazyIndex) -> None:
        if index is self.index:
            # Long-lived like the briefing: out of the collector's sight (its full
            # passes walked it again and again: ~200 ms pauses on keys at 50,000 claims).
            collector.settle()

    def _loaded(self, result: LoadResult, reload: bool) -> None:
        panel = self.query_one(DiagnosticsPanel)
        if result.briefing is None:
            if self.briefing is None:
                # Nothing good to keep showing: the error screen takes this screen's place.
                from briefing.screens.error import ErrorScreen

                self.app.switch_screen(
                    ErrorScreen(self.path, result, watch_interval=self._watch_interval)
                )
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
        first = self.briefing is None
        # Where the reader was, in the old version: a removed claim falls back to its section.
        keep_section = self.current_section_id()
        self.briefing = result.briefing
        self.index = LazyIndex(result.briefing)
        # Built once the briefing is on screen: started at once, the worker held the
        # GIL through the first frame's layout and render (~70 ms later at 10,000 claims).
        self.call_after_refresh(self._build_index, self.index)
        # Once drawn: the first version is frozen as it is; a newer one first lets the
        # collector free the version it replaced (see briefing/collector.py).
        self.call_after_refresh(collector.settle if first else collector.replaced)
        self.matches = []
        self.match_position = -1
        self.history.forget_missing({claim.id for claim in result.briefing.claims()})
        self._show_loading(False)
        self._show_title(result.briefing)
        self._rebuild_outline(keep=self.current, keep_section=keep_section, first=first)
        if first:
            self.query_one(Outline).focus()
            self.restore_place()
        if reload:
            self.notify("Reloaded", markup=False, timeout=2)

    def _show_title(self, briefing: Briefing) -> None:
        info = briefing.briefing
        title = Text(visible(info.title, one_line=True), "bold")
        if info.subtitle:
            title.append(" — " + visible(info.subtitle, one_line=True), "not bold")
        self.query_one("#title", Static).update(title)

    def _rebuild_outline(
        self, *, keep: OutlineItem | None, keep_section: str | None = None, first: bool = False
    ) -> None:
        briefing = self.briefing
        assert briefing is not None
        outline = self.query_one(Outline)
        outline.show_briefing(briefing, self.filter)
        if (
            self.filter is not ClaimFilter.ALL
            and hidden_count(briefing, self.filter) >= len(briefing.claims()) - OPEN_FILTERED_UP_TO
        ):
            # A filter is for seeing the claims it keeps: show them all when they are few.
            outline.open_all_sections()
        status = self.query_one("#filter-status", Static)
        status.update(Text(status_line(briefing, self.filter)))
        status.set_class(self.filter is not ClaimFilter.ALL, "-filtered")
        placed = False
        if keep is not None and keep.kind == "claim" and briefing.claim(keep.id) is not None:
            placed = outline.select_claim(keep.id)
        if not placed and keep is not None:
            section = keep_section or self.current_section_id()
            placed = section is not None and outline.select_section(section)
        if not placed:
            if first:
                outline.open_first_section()
            outline.select_first()
        self.current = None
        item = outline.current()
        if item is not None:
            self.show_item(item)

    def rebuild_outline(self) -> None:
        """Rebuild the outline for the current filter, keeping the reader's place."""
        self._rebuild_outline(keep=self.current)

    def reload(self) -> None:
        """Read the file again in a worker; a failure keeps what is on screen."""
        self._load(reload=True)

    # Showing what the cursor is on ---------------------------------------------------

    def show_item(self, item: OutlineItem) -> None:
        """Show a section or a claim in the detail pane."""
        briefing = self.briefing
        if briefing is None or item == self.current:
            return
        switcher = self.query_one(ContentSwitcher)
        if item.kind == "claim":
            claim = briefing.claim(item.id)
            if claim is None:
                return
            detail = self.query_one(ClaimDetail)
            detail.show_claim(briefing, claim)
            switcher.current = "claim-detail"
            self.history.visit(claim.id)
            self.place_viewed(claim.id)

            def prepare_neighbours() -> None:
                # Once this claim is drawn: ready the claims the next key most likely shows.
                for near in self.query_one(Outline).neighbours():
                    found = briefing.claim(near.id) if near.kind == "claim" else None
                    if found is not None and self.briefing is briefing:
                        detail.prepare(briefing, found)

            self.call_after_refresh(prepare_neighbours)
        else:
            section = next((s for s in briefing.sections if s.id == item.id), None)
            if section is None:
                return
            self.query_one(SectionDetail).show_section(briefing, section)
            switcher.current = "section-detail"
        self.current = item

    @on(Tree.NodeSelected, "#outline")
    def _outline_chosen(self, event: Tree.NodeSelected[OutlineItem]) -> None:
        item = event.node.data
        if item is None:
            return
        self.show_item(item)
        outline = self.query_one(Outline)
        if item.kind == "section" and not self.narrow:
            outline.toggle_section(event.node)
            return
        if item.kind == "section":
            outline.action_open_section()
        self.go_in()

    @on(SectionDetail.ClaimChosen)
    def _section_claim_chosen(self, event: SectionDetail.ClaimChosen) -> None:
        self.go_to_claim(event.claim_id, step=True)
        self.go_in()

    @on(ClaimDetail.LinkFollowed)
    def _link_followed(self, event: ClaimDetail.LinkFollowed) -> None:
        self.go_to_claim(event.claim_id, step=True)
        self.go_in()

    # Moving between the panes ----------------------------------------------------------

    def details_focused(self) -> bool:
        """Return True when the reader is in the detail pane."""
        focused = self.focused
        return focused is not None and focused.id in ("claim-detail", "section-detail")

    def go_in(self) -> None:
        """Enter the detail pane (in narrow mode, in place of the outline)."""
        self.add_class("-detail")
        switcher = self.query_one(ContentSwitcher)
        target = self.query_one(
            ClaimDetail if switcher.current == "claim-detail" else SectionDetail
        )
        target.focus()
        target.highlight_first()

    def come_out(self) -> None:
        """Return to the outline pane."""
        self.remove_class("-detail")
        self.query_one(Outline).focus()
