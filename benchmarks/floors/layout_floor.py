"""The reader's layout in plain Textual: its widgets and footer keys, and no briefing code.

    python benchmarks/floors/layout_floor.py     # shows MARKER until killed (tmux)

Not a floor to hold the reader to but a reference: what Textual itself costs to draw
the reader's screen (a title, an outline tree, two option lists in a content switcher,
a footer of eight keys), beside the one-line floor. The reader adds to this only its
own modules, pydantic, the briefing, and the text in the panes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, OptionList, Static, Tree

MARKER = "Layout floor ready"

CSS = """
#title { height: auto; max-height: 2; padding: 0 1; background: $panel; text-style: bold; }
#panes { height: 1fr; }
#outline-pane { width: 42%; min-width: 30; max-width: 70; }
#filter-status { height: 1; padding: 0 1; color: $text-muted; }
Tree { height: 1fr; border: tall $border-blurred; padding: 0; }
Tree:focus { border: tall $border; }
#details { width: 1fr; height: 1fr; }
OptionList { height: 1fr; max-height: 100%; }
"""


class LayoutScreen(Screen[None]):
    """The reader's widgets, laid out as the briefing screen lays them out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, key, description)
        for key, description in (
            ("question_mark", "Help"),
            ("slash", "Search"),
            ("f", "Filter"),
            ("escape", "Back"),
            ("q", "Quit"),
            ("x", "Export"),
            ("r", "Reload"),
        )
    ]

    def compose(self) -> ComposeResult:
        """Lay out the title, the outline beside the details, and the footer."""
        yield Static(Text(MARKER), id="title")
        with Horizontal(id="panes"):
            with Vertical(id="outline-pane"):
                yield Static(Text("All claims"), id="filter-status")
                tree: Tree[None] = Tree("outline")
                tree.show_root = False
                for number in range(8):
                    tree.root.add(Text(f"Section {number + 1}"), expand=number == 0)
                yield tree
            with ContentSwitcher(id="details", initial="section"):
                yield OptionList(*(Text(f"Claim {n}") for n in range(4)), id="section")
                yield OptionList(id="claim")
        yield Footer()


class LayoutApp(App[None]):
    """Shows the layout screen."""

    CSS = CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+p", "command_palette", "Palette")]

    def on_mount(self) -> None:
        """Show the reader's layout."""
        self.push_screen(LayoutScreen())


if __name__ == "__main__":
    LayoutApp().run()
