"""What `x` does on the briefing screen: ask for a path, export the section, confirm overwrites."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.screen import Screen

from briefing.model import Briefing
from briefing.screens.ui_thread import from_worker
from briefing.textsafe import visible


class ExportActions(Screen[None]):
    """Exporting the section the reader is in, as text, off the UI thread."""

    briefing: Briefing | None

    def action_export(self) -> None:
        """Export the current section as text."""
        from briefing.screens.export_path import ExportScreen

        section = self.current_section_id()
        if section is None or self.briefing is None:
            return
        briefing = self.briefing

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._export(briefing, section, path, force=False)

        self.app.push_screen(ExportScreen(Path(f"{section}.txt")), chosen)

    @work(thread=True, group="export")
    def _export(self, briefing: Briefing, section_id: str, path: Path, force: bool) -> None:
        try:
            from briefing.export import render, write_atomic
        except ImportError:
            from_worker(
                self,
                self.notify,
                "Export is not available in this build",
                severity="error",
                markup=False,
            )
            return
        try:
            text = render(briefing, section_ids=[section_id], fmt="text", width=80)
            write_atomic(path, text, force=force)
        except FileExistsError:
            from_worker(self, self._confirm_overwrite, briefing, section_id, path)
        except OSError as error:
            from_worker(
                self,
                self.notify,
                f"Could not write {_shown(path)}: {error.strerror or error}",
                severity="error",
                markup=False,
            )
        except Exception as error:  # a bug in an exporter must not close the reader
            from_worker(
                self,
                self.notify,
                f"Export failed: {type(error).__name__}: {error}",
                severity="error",
                markup=False,
            )
        else:
            from_worker(
                self, self.notify, f"Wrote section '{section_id}' to {_shown(path)}", markup=False
            )

    def _confirm_overwrite(self, briefing: Briefing, section_id: str, path: Path) -> None:
        from briefing.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._export(briefing, section_id, path, force=True)

        self.app.push_screen(ConfirmScreen(f"{_shown(path)} exists. Overwrite it?"), answered)

    def current_section_id(self) -> str | None:
        """Return the id of the section the reader is in (filled in by the reading actions)."""
        raise NotImplementedError


def _shown(path: Path) -> str:
    # A typed or pasted path may hold control characters: shown, they must not act.
    return visible(str(path), one_line=True)
