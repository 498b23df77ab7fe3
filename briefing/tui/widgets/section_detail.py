"""The detail of one section: its title, summary, and its claims with their badges."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual, visualize
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.document.textsafe import visible
from briefing.query.badges import badge, is_denied, marker, relation_count
from briefing.tui.compat import (
    has_divider,
    left_gutter_width,
    measured_lines,
    option_visual,
    update_scrollbars,
)
from briefing.tui.widgets.detail_list import DetailList

if TYPE_CHECKING:
    from briefing.document.model import Briefing, Claim, Section

AHEAD = 2
"""The list lays out its rows this many screens past the top of what it shows."""


def section_header(briefing: Briefing, section: Section) -> Text:
    """Return the section's own block: its title and summary."""
    out = Text()
    out.append(visible(section.title), "bold")
    position = briefing.sections.index(section) + 1
    out.append(f"\nSection {position} of {len(briefing.sections)}", "dim")
    if section.summary:
        out.append("\n\n")
        out.append(visible(section.summary.strip()))
    return out


def claim_row(briefing: Briefing, claim: Claim) -> Text:
    """Return a claim's row: denial mark, badge, the claim's text, then who says it."""
    denied = is_denied(claim)
    row = Text()
    row.append(marker(claim), "bold red" if denied else "")
    row.append(badge(claim, relation_count(briefing, claim)), "bold reverse" if denied else "dim")
    row.append(" ")
    row.append(visible(claim.text), "bold" if denied else "")
    row.append(" — ", "dim")
    # A party's name, never its id (format 2); the free text as written in format 1.
    row.append(visible(briefing.party_name(claim.claimant), one_line=True), "italic")
    return row


def claim_row_size(briefing: Briefing, claim: Claim) -> tuple[int, int]:
    """Return a claim row's length unwrapped and its line breaks, to guess its height."""
    claimant = briefing.party_name(claim.claimant)
    length = len(marker(claim)) + len(badge(claim)) + len(claim.text) + len(claimant) + 4
    return length, claim.text.count("\n")


class ClaimRow(Visual):
    """A claim's row, made the first time the list measures or draws it.

    `make` returns the row's Text (see `claim_row`); `size` its length and line breaks
    (see `claim_row_size`), from which the list guesses the height of rows not laid out.
    """

    def __init__(
        self, widget: Widget, make: Callable[[], Text], size: Callable[[], tuple[int, int]]
    ) -> None:
        self._widget = widget
        self._make = make
        self._size = size
        self._made: Visual | None = None

    def _row(self) -> Visual:
        if self._made is None:
            # As the option list would make it from the row's Text.
            self._made = visualize(self._widget, self._make(), markup=False)
        return self._made

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Render the row."""
        return self._row().render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """Return the row's width unwrapped."""
        return self._row().get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        """Return the row's narrowest width."""
        return self._row().get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Return how many lines the row takes at `width`."""
        return self._row().get_height(rules, width)

    def guess_height(self, width: int) -> int:
        """Guess the row's height at `width` from its length, without laying it out."""
        length, newlines = self._size()
        return -(-length // max(width, 1)) + newlines


class SectionDetail(DetailList):
    """A section and its claims; Enter on a claim opens it.

    A section may hold hundreds of claims. Laying out every row (wrapping its text to
    learn its height) took ~45 ms at 250 claims, on every move onto a section; the
    list lays out only the rows up to a little past what it shows (and the highlighted
    one), estimates the height of the rest for its scrollbar, and lays out more as the
    reader scrolls or moves down.
    """

    class ClaimChosen(Message):
        """The reader chose a claim of the section."""

        def __init__(self, claim_id: str) -> None:
            self.claim_id = claim_id
            super().__init__()

    BORDER_TITLE = "Section"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section: Section | None = None
        self._guess: tuple[int, int, int] | None = None

    def show_section(self, briefing: Briefing, section: Section) -> None:
        """Show `section`, with the cursor at the top."""
        self.section = section
        rows = [
            (
                claim.id,
                ClaimRow(
                    self,
                    partial(claim_row, briefing, claim),
                    partial(claim_row_size, briefing, claim),
                ),
            )
            for claim in section.claims
        ]
        self.show_rows(section_header(briefing, section), rows)

    def show_rows(self, header: Text, rows: list[tuple[str, ClaimRow]]) -> None:
        """Show a section's block and its claims' rows (by claim id), with the cursor at the top.

        For `show_section`, and for a frame drawn before the briefing is built (its
        rows stored with the cache: briefing/tui/briefing_screen/opening.py).
        """
        options: list[Option | None] = [Option(header, disabled=True), None]
        options.append(Option(Text(f"Claims ({len(rows)})", "bold underline"), disabled=True))
        if not rows:
            options.append(
                Option(Text("  No claims in this section.", "dim italic"), disabled=True)
            )
        options.extend(Option(row, id=f"claim:{claim_id}") for claim_id, row in rows)
        self._guess = None
        self.set_options(options)
        self.highlighted = None
        self.scroll_home_now()

    def measure_options(self) -> None:
        """Measure options in order as far as the screen (and AHEAD more) and the cursor.

        OptionList measures every option whenever options are added; this measures
        them in order only as far as the lines on screen (and AHEAD screens more, so
        that page down finds its place) and the highlighted option. Every reader of
        the measured lines (drawing, scrolling to the cursor, paging) calls this first.
        """
        region = self.scrollable_content_region
        if not region:
            return
        cache = measured_lines(self)
        lines = cache.lines
        options = self.options
        width = region.width - left_gutter_width(self)
        measured = lines[-1][0] + 1 if lines else 0
        wanted_lines = self.scroll_offset.y + region.height * AHEAD
        highlighted = self.highlighted
        wanted_index = -1 if highlighted is None else highlighted
        if measured < len(options) and (len(lines) < wanted_lines or measured <= wanted_index):
            padding = self.get_component_styles("option-list--option").padding
            rules = cast(RulesMap, self.styles)
            for index in range(measured, len(options)):
                option = options[index]
                cache.index_to_line[index] = len(lines)
                height = option_visual(self, option).get_height(rules, width - padding.width)
                height += has_divider(option)
                cache.heights[index] = height
                lines.extend((index, line) for line in range(height))
                measured = index + 1
                if len(lines) >= wanted_lines and index >= wanted_index:
                    break
        if measured < len(options):
            height = len(lines) + self._guess_rest(measured, width)
        else:
            height = len(lines) - (1 if options and has_divider(options[-1]) else 0)
        virtual_size = Size(width, height)
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            update_scrollbars(self, virtual_size)

    def _guess_rest(self, measured: int, width: int) -> int:
        # The height of the rows not laid out yet, for the scrollbar: guessed from their
        # length, then scaled by how such guesses fared on the rows laid out so far
        # (word wrap leaves the ends of lines empty).
        if self._guess is not None and self._guess[:2] == (measured, width):
            return self._guess[2]
        options = self.options
        heights = measured_lines(self).heights

        def guess(index: int) -> int:
            row = options[index].prompt
            return row.guess_height(width) if isinstance(row, ClaimRow) else 1

        rest = sum(guess(index) for index in range(measured, len(options)))
        laid_out = [i for i in range(measured) if isinstance(options[i].prompt, ClaimRow)]
        guessed = sum(guess(index) for index in laid_out)
        if guessed:
            rest = round(rest * sum(heights[index] for index in laid_out) / guessed)
        self._guess = (measured, width, rest)
        return rest

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("claim:"):
            event.stop()
            self.post_message(self.ClaimChosen(option_id.removeprefix("claim:")))
