"""A scrolling list of text blocks, some headings the cursor skips, with vim-style keys."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class DetailList(OptionList):
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
