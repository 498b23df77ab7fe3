"""A scrolling list of text blocks, some headings the cursor skips, with vim-style keys."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import Reactive

from briefing.tui.compat import OptionListWithMeasureHook


class DetailList(OptionListWithMeasureHook):
    """An OptionList that shows briefing text literally and moves like less and vim."""

    DEFAULT_CSS = """
    DetailList {
        height: 1fr;
        max-height: 100%;
        & > .option-list--option-disabled {
            color: $foreground;
        }
    }
    """

    HELP_GROUP = "Detail pane"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First item", show=False),
        Binding("end,G,shift+g", "last", "Last item", show=False),
        Binding("enter", "select", "Open claim or follow link", show=False),
    ]

    # Each new claim or section changes the list's virtual height. Textual's own
    # `virtual_size` lays out the whole screen on every change, and a layout repaints
    # every pane (some 15 ms a key at 50,000 claims). This list's height comes from its
    # container, so a new virtual height needs only a repaint; a scrollbar appearing or
    # going is a layout reactive of its own and still lays the screen out.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self) -> None:
        """Lay the screen out for a new virtual height only when the list is sized to fit."""
        if self.styles.auto_dimensions:
            self.refresh(layout=True)

    def __init__(self, *, id: str | None = None) -> None:
        # markup=False: every prompt is a Text built from briefing strings.
        super().__init__(id=id, markup=False)

    def highlight_first(self) -> None:
        """Put the cursor on the first item it can stop on, if it has none yet."""
        if self.highlighted is None:
            self.action_first()

    def scroll_home_now(self) -> None:
        """Show the top of the list."""
        self.scroll_to(y=0, animate=False)
