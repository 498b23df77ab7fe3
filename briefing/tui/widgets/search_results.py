"""The search box's result list: an OptionList that measures and redraws no more than it must.

Textual's OptionList wraps the whole text of every option to measure it, on each
layout and at each width it is tried at, and drops every measured line whenever
its size changes. With two hundred results at 50,000 claims that cost more than
the search itself. Here a row's height is worked out from its lines' lengths
(a line too long for the list is broken where Textual would break it, a line
at a time), a row becomes Textual content only when it is drawn, the scrollbar
goes up before the first layout when the rows are sure to need it, and a change
of height alone (the list growing from empty) keeps what was measured. Rows look
and behave exactly as in a plain OptionList.
"""

from __future__ import annotations

import re
from typing import cast

from rich.cells import cell_len, get_character_cell_size
from rich.text import Span, Text
from textual import events
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets.option_list import Option

from briefing.tui.compat import OptionListWithMeasureHook, forget_measured_options, rich_line_starts

_NOT_SPACE = re.compile(r"[^ ]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def wrapped_height(line: str, width: int) -> int:
    """Return how many lines `line` (no newline in it) takes when wrapped to `width`.

    The count of `rich_line_starts(line, width)` (plus one),
    which is how Textual wraps content, found a line at a time rather than a word
    at a time. Rich breaks before the first word whose last letter would pass the
    width (the spaces after a word may run past it). Text whose characters are
    not all one cell wide, or with any space but " ", and a word longer than a
    line (Rich folds it) are left to Rich.
    """
    if width < 1:
        return _rich_height(line, width)
    if not line.isprintable():
        # Controls and odd spaces never reach a row (the search box makes them visible
        # first), and Rich and Textual measure them differently: ask Textual.
        return Content(line).get_height({}, width)
    if not _one_cell_each(line):
        return _rich_height(line, width)
    length = len(line)
    # The first word of the first line takes the spaces before it.
    first_word = length - len(line.lstrip(" "))
    lines = 1
    start = 0
    while start + width < length:
        limit = start + width
        word = first_word if start == 0 else start
        if line[limit] == " ":
            # Every word that ends by the limit fits; the next line starts at the next word.
            following = _NOT_SPACE.search(line, limit)
            if following is None:
                break
            if word >= limit:
                return _rich_height(line, width)
            start = following.start()
        else:
            # The word across the limit starts the next line, unless it starts this one.
            space = line.rfind(" ", start, limit)
            end = line.find(" ", limit)
            if space < word or (length if end < 0 else end) - (space + 1) > width:
                return _rich_height(line, width)
            start = space + 1
        lines += 1
    return lines


def _one_cell_each(line: str) -> bool:
    # Printable rules out control characters and every space but " ".
    if not line.isprintable():
        return False
    return line.isascii() or all(
        get_character_cell_size(char) == 1 for char in _NOT_ASCII.findall(line)
    )


def _rich_height(line: str, width: int) -> int:
    if cell_len(line) <= width:
        return 1
    return len(rich_line_starts(line, width)) + 1


class ResultRow(Visual):
    """A result's text, styled, and made into rich `Text` and Textual content only when drawn.

    `plain` is shown as it is (no markup); `style` applies to all of it and each
    span to its part, as in `rich.text.Text(plain, style, spans=spans)`.
    """

    def __init__(self, plain: str, style: str = "", spans: list[Span] | None = None) -> None:
        self._plain = plain
        self._style = style
        self._spans = spans or []
        self._content: Content | None = None
        # By width: a layout measures at the list's width without, then with, its scrollbar.
        self._heights: dict[int, int] = {}

    def __str__(self) -> str:
        return self._plain

    @property
    def text(self) -> Text:
        """Return the row as rich text."""
        return Text(self._plain, self._style, spans=list(self._spans))

    @property
    def content(self) -> Content:
        """Return the row as Textual content, converting it on first use (on the UI thread)."""
        if self._content is None:
            self._content = Content.from_rich_text(self.text)
        return self._content

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Return the row's height at `width`, as `Content.get_height` would."""
        # Asked for several times a layout, for each of two hundred rows: a cached
        # height is returned before the rules are read (the list's never change).
        height = self._heights.get(width)
        if height is not None:
            return height
        get_rule = rules.get
        plain_wrap = (
            get_rule("line_pad", 0) == 0
            and get_rule("text_overflow", "fold") == "fold"
            and get_rule("text_wrap", "wrap") == "wrap"
            and "\t" not in self._plain
        )
        if not plain_wrap:
            return self.content.get_height(rules, width)
        height = sum(wrapped_height(line, width) for line in self._plain.split("\n"))
        self._heights[width] = height
        return height

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """Return the width the row needs unwrapped."""
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        """Return the width of the row's longest word."""
        return self.content.get_minimal_width(rules)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Draw the row (only rows on screen are drawn)."""
        return self.content.render_strips(width, height, style, options)


class ResultList(OptionListWithMeasureHook):
    """The results, laid out once when they arrive rather than two or three times.

    Measures its options with OptionList's own code, but keeps what it measured
    longer (see `measure_options` and `on_resize`);
    tests/test_reader_search_results.py checks it draws what an OptionList draws.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        # The width the measured lines and drawn rows were made at.
        self._lines_width = -1

    def show_results(self, options: list[Option]) -> None:
        """Replace the results with `options` and highlight the first."""
        self.set_options(options)
        self._expect_scrollbar()
        self.highlighted = 0 if options else None

    def _expect_scrollbar(self) -> None:
        """Put the scrollbar up now if the rows are taller than the screen even beside it.

        Textual would first lay the rows out without a scrollbar, find they overflow,
        then measure and draw them all again beside one.
        """
        if not self.is_mounted or not self.region.width:
            return
        padding = self.get_component_styles("option-list--option").padding.width
        width = self.region.shrink(self.styles.gutter).width - self.styles.scrollbar_size_vertical
        if width - padding < 1:
            return
        rules = cast(RulesMap, self.styles)
        height = 0
        for option in self.options:
            prompt = option.prompt
            if not isinstance(prompt, Visual):
                return
            height += prompt.get_height(rules, width - padding)
        if height > self.screen.size.height:
            self.show_vertical_scrollbar = True
            # What OptionList would work out once it has measured every row.
            self.virtual_size = Size(width, height)

    def measure_options(self) -> None:
        """Measure the options not yet measured, after forgetting all if the width changed.

        OptionList keeps measured lines until its size changes; here they are kept
        until the width changes (the scrollbar came or went), the one thing they hang on.
        """
        width = self.scrollable_content_region.width
        if width != self._lines_width:
            self._lines_width = width
            forget_measured_options(self)
        super().measure_options()

    def on_resize(self, event: events.Resize) -> None:
        """Repaint if the width changed; keep what was measured (a new width is caught above).

        OptionList drops every measured line and drawn row on any resize, so the list
        was measured and drawn twice as it grew from empty: its handler is skipped.
        """
        event.prevent_default()
        if self.scrollable_content_region.width != self._lines_width:
            self.refresh()
