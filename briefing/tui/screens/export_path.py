"""The export box: where to write the current section as text."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class ExportScreen(ModalScreen[Path | None]):
    """Ask for a file name; Enter exports, Escape cancels."""

    CSS_PATH = "dialog.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", key_display="esc"),
    ]

    def __init__(self, default: Path) -> None:
        super().__init__()
        self._default = default

    def compose(self) -> ComposeResult:
        """Lay out a prompt and the path box."""
        with Vertical(classes="dialog"):
            yield Static(Text("Export this section as text to:"))
            yield Input(value=str(self._default), id="export-path", select_on_focus=False)
            yield Static(Text("enter to write · esc to cancel", "dim"))

    def on_mount(self) -> None:
        """Put the cursor in the path box."""
        self.query_one(".dialog").border_title = "Export section"
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(Path(value).expanduser())

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
