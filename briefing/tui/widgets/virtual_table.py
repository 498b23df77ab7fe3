"""A table that draws only the rows on screen, for lists of 50,000 claims and more.

Textual's DataTable builds and measures every cell up front, which takes seconds
for 50,000 rows. This table asks its owner for a row's cells only when the row is
drawn, so filling it, sorting it or filtering it costs no more than the list itself.
Columns are as wide as their owner says (`fitted` sizes one to its content), and
one flexible column takes the rest; where that leaves the flexible column short,
the widest columns that may give way do, down to their least widths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowCells = Callable[[int], Sequence[Text]]
"""Returns the cells of row `index`, one Text per column (already made visible)."""


@dataclass(frozen=True)
class Column:
    """A column: its heading and width in cells (None: takes the width left over).

    `min_width`: for a sized column, the least it may give way to when the flexible
    column is short (None: it never gives way); for the flexible column, how wide it
    should be before the others give way.
    """

    title: str
    width: int | None = None
    justify: str = "left"
    min_width: int | None = None


def fitted(
    title: str, cells: Iterable[str], *, cap: int, least: int | None = None, justify: str = "left"
) -> Column:
    """Return a column as wide as its widest cell or its heading, at most `cap` columns.

    The heading gets a column to spare, for the sort arrow. `least`: the width it may
    give way to (None: none, it keeps its width). Pass the distinct cells only: a
    50,000-row table has few distinct names.
    """
    widest = max((cell_len(cell) for cell in cells), default=0)
    width = min(cap, max(widest, cell_len(title) + 1))
    return Column(title, width, justify, None if least is None else min(least, width))


def _no_rows(index: int) -> Sequence[Text]:
    return ()


class VirtualTable(ScrollView, can_focus=True):
    """Rows drawn on demand under a fixed header; Enter chooses the row under the cursor."""

    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-table--header", "virtual-table--cursor"}
    HELP_GROUP = "Table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G,shift+g", "last", "Last row", show=False),
        Binding("enter", "choose", "Go to the claim", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class _TableMessage(Message):
        """A message from a table, about a row or a column (its `index`)."""

        def __init__(self, table: VirtualTable, index: int) -> None:
            self.table = table
            self.index = index
            super().__init__()

        @property
        def control(self) -> VirtualTable:
            """Return the table the message is from."""
            return self.table

    class RowHighlighted(_TableMessage):
        """The cursor moved to another row."""

    class RowChosen(_TableMessage):
        """The reader chose a row (Enter, or a click on the row under the cursor)."""

    class HeaderChosen(_TableMessage):
        """The reader clicked a column's heading (`index` is the column)."""

        @property
        def column(self) -> int:
            """Return the column whose heading was clicked."""
            return self.index

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.row_count = 0
        self._cells: RowCells = _no_rows
        self._titles = [Text(column.title) for column in self.columns]
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(512)
        self._widths_at: dict[int, list[int]] = {}

    # Data ------------------------------------------------------------------------------

    def set_rows(self, count: int, cells: RowCells, cursor: int = 0) -> None:
        """Show `count` rows whose cells `cells(index)` gives; put the cursor on `cursor`."""
        self.row_count = count
        self._cells = cells
        self._cache.clear()
        self.virtual_size = Size(self.size.width, count + 1)
        self.cursor_row = max(0, min(cursor, count - 1))
        self.refresh()

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Change the columns (sized to what the rows hold, once they are known)."""
        self.columns = list(columns)
        self._titles = [Text(column.title) for column in self.columns]
        self._widths_at.clear()
        self._cache.clear()
        self.refresh()

    def set_titles(self, titles: Sequence[str]) -> None:
        """Change the column headings (to show which column sorts the rows)."""
        self._titles = [Text(title) for title in titles]
        self.refresh()

    # Drawing ---------------------------------------------------------------------------

    def _widths(self, width: int) -> list[int]:
        # Asked for every line drawn: worked out once per width.
        found = self._widths_at.get(width)
        if found is None:
            found = self._widths_at[width] = column_widths(self.columns, width)
        return found

    def _line(self, cells: Sequence[Text], width: int, base: Style) -> Strip:
        line = Text(" ", end="")
        for column, cell, cell_width in zip(self.columns, cells, self._widths(width), strict=False):
            text = cell.copy()
            text.no_wrap = True
            if text.cell_len > cell_width:
                text.truncate(cell_width, overflow="ellipsis")
            elif column.justify == "right":
                text.pad_left(cell_width - text.cell_len)
            else:
                text.pad_right(cell_width - text.cell_len)
            line.append_text(text)
            line.append(" ")
        segments = list(line.render(self.app.console))
        return Strip(segments).apply_style(base).crop_extend(0, width, base)

    def render_line(self, y: int) -> Strip:
        """Draw the header on the first line and row `scroll_y + y - 1` below it."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("virtual-table--header")
            return self._line(self._titles, width, base + header)
        index = self.scroll_offset.y + y - 1
        if index >= self.row_count:
            return Strip.blank(width, base)
        key = (index, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._line(self._cells(index), width, base)
            self._cache[key] = strip
        if index == self.cursor_row:
            cursor = self.get_component_rich_style("virtual-table--cursor")
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        return strip

    def on_resize(self, event: events.Resize) -> None:
        """Redraw at the new width."""
        self._cache.clear()
        self.virtual_size = Size(event.size.width, self.row_count + 1)

    # The cursor ------------------------------------------------------------------------

    @property
    def page_rows(self) -> int:
        """Return how many rows fit under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Keep the cursor on screen and say where it went."""
        top = round(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + self.page_rows:
            self.scroll_to(y=new - self.page_rows + 1, animate=False)
        self.refresh()
        if self.row_count:
            self.post_message(self.RowHighlighted(self, new))

    def _move(self, to: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(to, self.row_count - 1))

    def action_cursor_down(self) -> None:
        """Move to the next row."""
        self._move(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        """Move to the row above."""
        self._move(self.cursor_row - 1)

    def action_page_down(self) -> None:
        """Move down a screenful."""
        self._move(self.cursor_row + self.page_rows)

    def action_page_up(self) -> None:
        """Move up a screenful."""
        self._move(self.cursor_row - self.page_rows)

    def action_first(self) -> None:
        """Go to the first row."""
        self._move(0)

    def action_last(self) -> None:
        """Go to the last row."""
        self._move(self.row_count - 1)

    def action_choose(self) -> None:
        """Choose the row under the cursor."""
        if self.row_count:
            self.post_message(self.RowChosen(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        """A click on a heading sorts; on a row, moves there; on the cursor's row, chooses it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = offset.x - 1
            for number, width in enumerate(self._widths(self.scrollable_content_region.width)):
                if x < width + 1:
                    self.post_message(self.HeaderChosen(self, number))
                    return
                x -= width + 1
            return
        index = self.scroll_offset.y + offset.y - 1
        if 0 <= index < self.row_count:
            if index == self.cursor_row:
                self.action_choose()
            else:
                self.cursor_row = index


def column_widths(columns: Sequence[Column], width: int) -> list[int]:
    """Return each column's width in a table `width` cells wide (a space before each cell).

    The flexible column takes what the sized ones leave; while that is less than its
    `min_width`, the sized column with the most room to give gives one cell, down to
    its own `min_width`.
    """
    sized = [c.width or 0 for c in columns]
    room = [
        (c.width - c.min_width) if c.width is not None and c.min_width is not None else 0
        for c in columns
    ]
    wanted = max((c.min_width or 0 for c in columns if c.width is None), default=0)

    def left() -> int:
        return width - sum(sized) - len(columns) - 1

    while left() < wanted and max(room, default=0) > 0:
        widest = max(range(len(columns)), key=lambda n: (room[n] > 0, sized[n]))
        sized[widest] -= 1
        room[widest] -= 1
    flexible = max(8, left())
    return [flexible if c.width is None else sized[n] for n, c in enumerate(columns)]
