"""The export box: where to write the current section, and as what (text or an HTML page)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static


class ExportFormat(NamedTuple):
    """A format the reader offers: its name for `render`, its label and its file suffix."""

    name: str
    label: str
    suffix: str


EXPORT_FORMATS = (
    ExportFormat("text", "Text", ".txt"),
    ExportFormat("html", "HTML: one page to open in any browser", ".html"),
)
# Names that already say which format they are; typing one picks that format.
_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}


class ExportChoice(NamedTuple):
    """Where to write, and in which format."""

    path: Path
    fmt: str


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Ask for a file name and a format; Enter exports, Escape cancels."""

    CSS_PATH = "dialog.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", key_display="esc"),
    ]

    def __init__(self, stem: str) -> None:
        super().__init__()
        self._stem = stem
        self._fmt = EXPORT_FORMATS[0]

    def compose(self) -> ComposeResult:
        """Lay out a prompt, the path box and the formats."""
        with Vertical(classes="dialog"):
            yield Static(Text("Export this section to:"))
            yield Input(
                value=self._stem + self._fmt.suffix, id="export-path", select_on_focus=False
            )
            with RadioSet(id="export-format"):
                for fmt in EXPORT_FORMATS:
                    yield RadioButton(fmt.label, value=fmt is self._fmt, id=f"format-{fmt.name}")
            yield Static(
                Text("enter writes · tab, ↑↓, enter picks the format · esc cancels", "dim")
            )

    def on_mount(self) -> None:
        """Put the cursor in the path box."""
        self.query_one(".dialog").border_title = "Export section"
        self.query_one(Input).focus()

    @property
    def fmt(self) -> str:
        """The format chosen: "text" or "html"."""
        return self._fmt.name

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        chosen = EXPORT_FORMATS[event.index]
        box = self.query_one(Input)
        path = Path(box.value.strip())
        # The name follows the format while it still ends as the other format's did.
        if box.value.strip() and _SUFFIXES.get(path.suffix.lower()) == self._fmt.name:
            box.value = str(path.with_suffix(chosen.suffix))
        self._fmt = chosen
        # Back to the path box, where enter writes.
        box.focus()

    @on(Input.Changed)
    def _path_changed(self, event: Input.Changed) -> None:
        named = _SUFFIXES.get(Path(event.value.strip()).suffix.lower())
        if named is not None and named != self._fmt.name:
            self.query_one(f"#format-{named}", RadioButton).value = True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(ExportChoice(Path(value).expanduser(), self._fmt.name))

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
