"""The library screen: one row per briefing in a folder, and the files that fail to load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from briefing.document.cache import load_file_cached
from briefing.document.loader import LoadResult, iter_briefing_files
from briefing.document.model import date_text
from briefing.document.textsafe import visible
from briefing.tui.compat import FooterThatLetsOldKeysGo
from briefing.tui.ui_thread import post_from_worker

COLUMNS = ("Title", "Publisher", "Date", "Sections", "Claims", "Denied")
FIXED_WIDTHS = (None, 14, 10, 8, 6, 6)
"""Column widths; the title takes what the terminal has left (cells are cut with …)."""


def column_widths(terminal_width: int) -> list[int]:
    """Return the width of each column for a terminal this wide."""
    fixed = sum(w for w in FIXED_WIDTHS if w) + 2 * len(COLUMNS) + 2
    return [w or max(20, terminal_width - fixed) for w in FIXED_WIDTHS]


def row_cells(result: LoadResult) -> tuple[Text, ...]:
    """Return a library row: the briefing's facts, or the file name and its first error."""
    name = visible(result.path.name, one_line=True)
    briefing = result.briefing
    if briefing is None:
        first = result.errors[0] if result.errors else None
        problem = f"{first.line}:{first.col or 1}: {first.message}" if first and first.line else ""
        if first and not problem:
            problem = first.message
        cell = Text("✗ ", "bold red", no_wrap=True, overflow="ellipsis")
        cell.append(name, "bold")
        cell.append(" — ")
        cell.append(visible(problem, one_line=True))
        return (cell, Text(""), Text(""), Text(""), Text(""), Text(""))
    info = briefing.briefing
    claims = briefing.claims()
    denied = sum(1 for claim in claims if claim.denials)
    return (
        Text(visible(info.title, one_line=True), no_wrap=True, overflow="ellipsis"),
        Text(visible(info.publisher or "", one_line=True), no_wrap=True, overflow="ellipsis"),
        Text(date_text(info.published)),
        Text(str(len(briefing.sections)), justify="right"),
        Text(str(len(claims)), justify="right"),
        Text(str(denied), justify="right"),
    )


class FileScanned(Message, bubble=False):
    """A scan read one file (posted from the scan's thread)."""

    def __init__(self, generation: int, result: LoadResult) -> None:
        super().__init__()
        self.generation = generation
        self.result = result


class ScanFinished(Message, bubble=False):
    """A scan read its last file (posted from the scan's thread)."""

    def __init__(self, generation: int, count: int) -> None:
        super().__init__()
        self.generation = generation
        self.count = count


class LibraryScreen(Screen[None]):
    """Every briefing in a folder (or the bundled ones); Enter opens one.

    Background work, as everywhere in the reader: files are read in a Textual thread
    worker of an exclusive group, so a new scan cancels the one under way. Cancelling
    only sets a flag: the old thread keeps running until it checks
    `get_current_worker().is_cancelled`, which it does between files. Every scan has a
    generation number, and what a thread finds reaches the UI thread as a message
    (`post_message` is thread-safe and never waits for the UI thread; a screen that
    is gone takes no more messages); the UI thread applies it only if it comes from the
    newest scan, so a late message from a cancelled scan is dropped. The UI thread
    never waits on a thread or a lock.
    """

    CSS_PATH = "library.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("r", "rescan", "Reload"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
        Binding("g", "first", "First row", show=False),
        Binding("G,shift+g", "last", "Last row", show=False),
    ]

    def __init__(
        self,
        title: str,
        source: Path | list[Path],
        *,
        screen_for: Callable[[LoadResult], Screen[None]],
        use_cache: bool = True,
    ) -> None:
        super().__init__()
        self._title = title
        self._source = source
        self._screen_for = screen_for
        """Makes the screen for a file as it loaded: its briefing, or why it does not load."""
        self._use_cache = use_cache
        """False (--no-cache): every file is read itself, and none is stored."""
        self.results: dict[str, LoadResult] = {}
        self._generation = 0

    def compose(self) -> ComposeResult:
        """Lay out the heading, the table of briefings and the footer."""
        yield Static(Text(visible(self._title, one_line=True), "bold"), id="library-title")
        yield DataTable[Text](id="library", cursor_type="row", zebra_stripes=True)
        yield Static(Text("Loading …"), id="library-status")
        yield FooterThatLetsOldKeysGo()

    def on_mount(self) -> None:
        """Start reading the briefings."""
        self.query_one(DataTable).focus()
        self._fit(self.app.size.width)
        self._start_scan()

    def on_resize(self, event: Resize) -> None:
        """Give the title column what the new width leaves."""
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        widths = column_widths(width)
        if [column.width for column in table.columns.values()] == widths:
            return
        row = table.cursor_row
        table.clear(columns=True)
        for name, column_width in zip(COLUMNS, widths, strict=True):
            table.add_column(name, width=column_width)
        for key, result in self.results.items():
            table.add_row(*row_cells(result), key=key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _start_scan(self) -> None:
        # A new generation: whatever an older scan still posts is dropped on arrival.
        self._generation += 1
        self.results.clear()
        self.query_one(DataTable).clear()
        self.query_one("#library-status", Static).update(Text("Loading …"))
        self._scan(self._generation)

    @work(thread=True, exclusive=True, group="library")
    def _scan(self, generation: int) -> None:
        worker = get_current_worker()
        source = self._source
        paths = list(iter_briefing_files(source)) if isinstance(source, Path) else source
        for path in paths:
            if worker.is_cancelled:
                return
            result = load_file_cached(path, use_cache=self._use_cache, store_in_background=True)
            if worker.is_cancelled:
                return
            post_from_worker(self, FileScanned(generation, result))
        post_from_worker(self, ScanFinished(generation, len(paths)))

    @on(FileScanned)
    def _add(self, message: FileScanned) -> None:
        if message.generation != self._generation:
            return
        result = message.result
        key = str(result.path)
        self.results[key] = result
        self.query_one(DataTable).add_row(*row_cells(result), key=key)

    @on(ScanFinished)
    def _done(self, message: ScanFinished) -> None:
        if message.generation != self._generation:
            return
        count = message.count
        failed = sum(1 for result in self.results.values() if result.briefing is None)
        text = f"{count} file{'s' * (count != 1)}"
        if failed:
            text += f", {failed} that cannot be opened (✗)"
        if not count:
            text = "No *.toml briefings here"
        self.query_one("#library-status", Static).update(Text(text + " · enter to open"))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(event.row_key.value)

    def action_open(self) -> None:
        """Open the briefing under the cursor."""
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self._open(key)

    def _open(self, key: str | None) -> None:
        result = self.results.get(key or "")
        if result is None:
            return
        self.app.push_screen(self._screen_for(result))

    def action_rescan(self) -> None:
        """Read every briefing again."""
        self._start_scan()

    def action_down(self) -> None:
        """Move down a row."""
        self.query_one(DataTable).action_cursor_down()

    def action_up(self) -> None:
        """Move up a row."""
        self.query_one(DataTable).action_cursor_up()

    def action_first(self) -> None:
        """Go to the first row."""
        self.query_one(DataTable).move_cursor(row=0)

    def action_last(self) -> None:
        """Go to the last row."""
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.row_count - 1))
