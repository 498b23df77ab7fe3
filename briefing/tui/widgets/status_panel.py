"""A panel of located diagnostics, shown when a reload fails or a file cannot be opened."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from briefing.document.diagnostics import Diagnostic


def diagnostics_text(diagnostics: Sequence[Diagnostic]) -> Text:
    """Return the diagnostics one per line, errors marked so they read without colour."""
    out = Text()
    for number, diagnostic in enumerate(diagnostics):
        if number:
            out.append("\n")
        style = "bold red" if diagnostic.is_error else "yellow"
        # str(diagnostic) already makes the file name and message visible.
        out.append(str(diagnostic), style)
    return out


class DiagnosticsPanel(Static):
    """The located errors of a reload that failed, over the last good briefing."""

    DEFAULT_CSS = """
    DiagnosticsPanel {
        display: none;
        height: auto;
        max-height: 10;
        overflow-y: auto;
        border: heavy $error;
        padding: 0 1;
        &.-shown {
            display: block;
        }
    }
    """

    def show_diagnostics(self, title: str, diagnostics: Sequence[Diagnostic]) -> None:
        """Show the panel with `diagnostics` under a fixed title."""
        self.border_title = title
        self.border_subtitle = "esc to dismiss"
        self.update(diagnostics_text(diagnostics))
        self.add_class("-shown")

    def hide(self) -> None:
        """Hide the panel."""
        self.remove_class("-shown")

    @property
    def shown(self) -> bool:
        """Return True while the panel is on screen."""
        return self.has_class("-shown")
