"""An item whose wrapped lines keep clear of its margin (a number, an arrow, "Source:").

Rich's `Table.grid` lays this out, but it measures and renders every cell several
times, and an option list measures each item and then renders it again with its style:
a claim's dozen items cost ~10 ms a key at 50,000 claims (issue 9). `Hanging` lays out
the same lines once per width, keeps them, and gives the option list the same cells
and styles the grid gives (see `table`, which it falls back to when the text is
unusual or the pane too narrow for the simple layout).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.console import Group as Stack
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, Visual
from textual.widget import Widget

# Text that rich measures and wraps differently (tabs; line breaks other than "\n"),
# or that is blank: the grid itself lays such items out.
_UNUSUAL = re.compile(r"[\t\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
Line = list[Segment]


def _cell_lines(console: Console, text: Text, width: int, *, no_wrap: bool) -> list[Line]:
    """Return `text` as a grid cell of `width` renders it: wrapped, then padded to width."""
    # As Text.__rich_console__ does it, with the options a grid column gives: joining
    # the lines turns each line's own style into a span, which styles its padding.
    lines = text.wrap(
        console, width, justify="left", overflow="ellipsis", tab_size=8, no_wrap=no_wrap
    )
    segments = Text("\n").join(lines).render(console)
    return [Segment.adjust_line_length(line, width) for line in Segment.split_lines(segments)]


class Hanging(Visual):
    """A margin, then parts (text, or another `Hanging`) stacked in the column beside it."""

    def __init__(self, widget: Widget, margin: Text, parts: Sequence[Text | Hanging]) -> None:
        self._widget = widget
        self.margin = margin
        self.parts = tuple(parts)
        self._usual: bool = all(
            part._usual
            if isinstance(part, Hanging)
            else bool(part.plain.strip()) and not _UNUSUAL.search(part.plain)
            for part in self.parts
        ) and bool(margin.plain.strip())
        self._widest = self.margin.cell_len + 1 + max(self._part_widest(p) for p in self.parts)
        self._width = -1
        self._lines: list[Line] | None = None
        self._fallback: RichVisual | None = None

    @staticmethod
    def _part_widest(part: Text | Hanging) -> int:
        if isinstance(part, Hanging):
            return part._widest
        lines = part.plain.splitlines()
        return max(cell_len(line) for line in lines) if lines else 0

    def table(self) -> Table:
        """Return the rich grid this item stands for: the margin, then the parts."""
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=self.margin.cell_len, no_wrap=True)
        grid.add_column(ratio=1)
        parts = [part.table() if isinstance(part, Hanging) else part for part in self.parts]
        grid.add_row(self.margin, parts[0] if len(parts) == 1 else Stack(*parts))
        return grid

    def _layout(self, console: Console, width: int) -> list[Line] | None:
        """Return the item's lines at `width`, unstyled; None when the grid must do it."""
        margin = self.margin.cell_len
        # The grid's column: as wide as the widest line, or what is left beside the margin.
        column = min(self._widest - margin - 1, width - margin - 1)
        if not self._usual or column < 2:
            return None
        body: list[Line] = []
        for part in self.parts:
            if isinstance(part, Hanging):
                inner = part._layout(console, column)
                if inner is None:
                    return None
                body.extend(Segment.adjust_line_length(line, column) for line in inner)
            else:
                body.extend(_cell_lines(console, part, column, no_wrap=False))
        first = [*_cell_lines(console, self.margin, margin, no_wrap=True)[0], Segment(" ")]
        under: Line = [Segment(" " * (margin + 1))]
        return [[*(under if n else first), *line] for n, line in enumerate(body)]

    def _lines_at(self, width: int) -> list[Line] | None:
        if width != self._width:
            self._width = width
            self._lines = self._layout(self._widget.app.console, width)
        return self._lines

    def _grid(self) -> RichVisual:
        if self._fallback is None:
            self._fallback = RichVisual(self._widget, self.table())
        return self._fallback

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Return the item's lines at `width` over the option's style."""
        lines = self._lines_at(width)
        if lines is None:
            return self._grid().render_strips(width, height, style, options)
        base = style.rich_style
        return [
            Strip([Segment(text, base + line_style) for text, line_style, _ in line])
            for line in lines[:height]
        ]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """Return the width of the widest line, unwrapped, up to the container's."""
        return min(self._widest, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Return how many lines the item takes at `width`."""
        lines = self._lines_at(width)
        if lines is None:
            return self._grid().get_height(rules, width)
        return len(lines)
