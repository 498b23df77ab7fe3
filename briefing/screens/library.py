"""The library screen: one row per briefing in a folder, and the files that fail to load."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from briefing.loader import LoadResult, iter_briefing_files, load_file
from briefing.model import date_text
from briefing.textsafe import visible

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


class LibraryScreen(Screen[None]):
    """Every briefing in a folder (or the bundled ones); Enter opens one."""

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
        self, title: str, source: Path | list[Path], *, watch_interval: float | None = 1.0
    ) -> None:
        super().__init__()
        self._title = title
        self._source = source
        self._watch_interval = watch_interval
        self.results: dict[str, LoadResult] = {}

    def compose(self) -> ComposeResult:
        """Lay out the heading, the table of briefings and the footer."""
        yield Static(Text(visible(self._title, one_line=True), "bold"), id="library-title")
        yield DataTable[Text](id="library", cursor_type="row", zebra_stripes=True)
        yield Static(Text("Loading …"), id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        """Start reading the briefings."""
        self.query_one(DataTable).focus()
        self._fit(self.app.size.width)
        self._scan()

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

    @work(thread=True, exclusive=True, group="library")
    def _scan(self) -> None:
        source = self._source
        paths = list(iter_briefing_files(source)) if isinstance(source, Path) else source
        self._call(self._clear)
        for path in paths:
            self._call(self._add, load_file(path))
        self._call(self._done, len(paths))

    def _call(self, callback: object, *args: object) -> None:
        # the app is closing
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(callback, *args)  # type: ignore[arg-type]

    def _clear(self) -> None:
        self.results.clear()
        self.query_one(DataTable).clear()
        self.query_one("#library-status", Static).update(Text("Loading …"))

    def _add(self, result: LoadResult) -> None:
        key = str(result.path)
        self.results[key] = result
        self.query_one(DataTable).add_row(*row_cells(result), key=key)

    def _done(self, count: int) -> None:
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
        from briefing.screens.briefing import BriefingScreen
        from briefing.screens.error import ErrorScreen

        if result.briefing is None:
            self.app.push_screen(
                ErrorScreen(
                    result.path, result, watch_interval=self._watch_interval, from_library=True
                )
            )
        else:
            self.app.push_screen(
                BriefingScreen(
                    result.path, result, watch_interval=self._watch_interval, from_library=True
                )
            )

    def action_rescan(self) -> None:
        """Read every briefing again."""
        self._scan()

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
