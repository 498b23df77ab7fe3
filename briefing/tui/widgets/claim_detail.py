"""The detail of one claim: its text and who says it, then evidence to relations and links."""

from __future__ import annotations

from typing import cast

from rich.segment import Segment
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.visual import Padding, Visual
from textual.widgets import OptionList

from briefing.document.model import Briefing, Claim
from briefing.tui.compat import left_gutter_width, option_visual, store_drawn_option
from briefing.tui.widgets.claim_items import (
    GROUP_TITLES,
    RELATION_PREFIX,
    SHOWN_CHARACTERS,
    Group,
    Items,
    claim_header,
    make_items,
    shown,
    source_details,
    source_text,
)
from briefing.tui.widgets.detail_list import DetailList

# Kept importable from here, where the reader's screens have always found them.
__all__ = [
    "GROUP_TITLES",
    "SHOWN_CHARACTERS",
    "ClaimDetail",
    "Group",
    "claim_header",
    "shown",
    "source_details",
    "source_text",
]

KEEP_READY = 4
"""How many claims' items the pane keeps made: the one shown and those next to it."""


class ClaimDetail(DetailList):
    """One claim and three lists the reader moves through: evidence, caveats, denials."""

    class LinkFollowed(Message):
        """The reader chose a link to another claim: a relation, or a `see_also` either way."""

        def __init__(self, claim_id: str) -> None:
            self.claim_id = claim_id
            super().__init__()

    BORDER_TITLE = "Claim"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claim: Claim | None = None
        self._group_start: dict[Group, int] = {}
        self._counts: dict[Group, int] = {}
        self._ready: dict[str, Items] = {}

    def show_claim(self, briefing: Briefing, claim: Claim) -> None:
        """Show `claim`, with the cursor at the top."""
        items = self._ready.pop(claim.id, None)
        if items is None or items.briefing is not briefing or items.claim is not claim:
            items = make_items(self, briefing, claim)
        self._keep(items)
        self.claim = claim
        self._group_start = items.group_start
        self._counts = items.counts
        self.set_options(items.options)
        # The option list keys its drawn options by option, style and padding, not by
        # width: those drawn ahead (see `prepare`) are used only at the width they were
        # drawn at (a scrollbar coming or going changes it) and with the same style.
        if items.drawn_width == [self._option_width()]:
            for (option, style, padding), strips in items.drawn.items():
                store_drawn_option(self, option, style, padding, strips)
        self.highlighted = None
        self.scroll_home_now()

    def prepare(self, briefing: Briefing, claim: Claim) -> None:
        """Make `claim`'s items and lay them out now, so that showing it later is quick.

        The screen calls this for the rows next to the cursor once a move is drawn:
        reading claim after claim, the next one is then ready before its key is pressed.
        """
        ready = self._ready.get(claim.id)
        if ready is not None and ready.briefing is briefing and ready.claim is claim:
            return
        items = make_items(self, briefing, claim)
        region = self.scrollable_content_region
        if region:
            # The width the option list measures its options at (see `measure_options`).
            padding = self.get_component_styles("option-list--option").padding
            width = region.width - left_gutter_width(self) - padding.width
            rules = cast(RulesMap, self.styles)
            for option in items.options:
                if option is not None:
                    option_visual(self, option).get_height(rules, width)
            self._draw_ahead(items, region.height)
        self._keep(items)

    def _draw_ahead(self, items: Items, lines: int) -> None:
        # The options of the claim's first screen, drawn as OptionList draws them when
        # the claim is shown scrolled to the top with no cursor: an option's place in
        # the list goes in its lines' meta, a divider under it.
        padding = self.get_component_styles("option-list--option").padding
        width = self._option_width()
        items.drawn_width[:] = [width]
        separator = self.get_visual_style("option-list--separator").rich_style
        shown = [option for option in items.options if option is not None]
        options = items.options
        drawn = 0
        for index, option in enumerate(shown):
            if drawn >= lines:
                break
            classes = ["option-list--option"]
            if option.disabled:
                classes.append("option-list--option-disabled")
            style = self.get_visual_style(*classes)
            visual: Visual = option_visual(self, option)
            if padding:
                visual = Padding(visual, padding)
            strips = [
                strip.extend_cell_length(width, style.rich_style).apply_meta({"option": index})
                for strip in visual.to_strips(self, visual, width, None, style)
            ]
            position = options.index(option)
            if position + 1 < len(options) and options[position + 1] is None:
                strips.append(Strip([Segment("─" * width, separator)], width))
            items.drawn[(option, style, padding)] = strips
            drawn += len(strips)

    def _option_width(self) -> int:
        # The width OptionList draws options at.
        return self.scrollable_content_region.width - left_gutter_width(self)

    def _keep(self, items: Items) -> None:
        self._ready.pop(items.claim.id, None)
        self._ready[items.claim.id] = items
        while len(self._ready) > KEEP_READY:
            del self._ready[next(iter(self._ready))]

    def group_count(self, group: Group) -> int:
        """Return how many items the shown claim has in `group`."""
        if self.claim is None:
            return 0
        return self._counts.get(group, 0)

    def jump_to(self, group: Group, item: int = 0) -> bool:
        """Put the cursor on an item of a group; return False when there is no such item."""
        if item >= self.group_count(group) or group not in self._group_start:
            return False
        self.highlighted = self._group_start[group] + item
        self.scroll_to_highlight(top=True)
        return True

    def highlighted_group(self) -> Group | None:
        """Return the group the cursor is in, or None."""
        if self.highlighted is None:
            return None
        found: Group | None = None
        for group, start in self._group_start.items():
            if self.highlighted >= start:
                found = group
        return found

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith(("see:", "from:", RELATION_PREFIX)):
            event.stop()
            self.post_message(self.LinkFollowed(option_id.partition(":")[2]))
