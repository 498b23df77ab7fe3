"""A yes-or-no question, such as whether to overwrite a file."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask a question; `y` answers yes, `n` or Escape no."""

    CSS_PATH = "dialog.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        """Lay out the question and the keys that answer it."""
        with Vertical(classes="dialog"):
            yield Static(Text(self._question))
            yield Static(Text("y: yes · n or esc: no", "dim"))

    def on_mount(self) -> None:
        """Title the dialog."""
        self.query_one(".dialog").border_title = "Confirm"

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
