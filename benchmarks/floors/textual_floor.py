"""The Textual floor: the smallest Textual app that shows one line, the bound of any reader.

    python benchmarks/floors/textual_floor.py           # shows MARKER until killed (tmux)
    python benchmarks/floors/textual_floor.py --keys    # Down adds one to a count on screen
    python benchmarks/floors/textual_floor.py --model   # imports briefing.document.model first

`--model` is not a floor but a reference: the same app after importing the reader's
model (pydantic and the model classes), which any reader that validates a briefing
with pydantic before its first frame pays.

The headless floor runs the same app through `benchmarks/floors/headless_open.py`.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

MARKER = "Textual floor ready"


def count_marker(count: int) -> str:
    """Return the line the --keys app shows after `count` Down keys."""
    return f"count: {count:05d}"


class FloorApp(App[None]):
    """One line of text; with `keys`, Down updates it, for the floor of a key's latency."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "more", show=False)]

    def __init__(self, *, keys: bool = False) -> None:
        super().__init__()
        self.keys = keys
        self.count = 0

    def compose(self) -> ComposeResult:
        """Show the marker, or the count."""
        yield Static(Text(count_marker(0) if self.keys else MARKER), id="line")

    def action_more(self) -> None:
        """Count one more Down key, on screen."""
        self.count += 1
        self.query_one("#line", Static).update(Text(count_marker(self.count)))


if __name__ == "__main__":
    if "--model" in sys.argv[1:]:
        import briefing.document.model  # noqa: F401
    FloorApp(keys="--keys" in sys.argv[1:]).run()
