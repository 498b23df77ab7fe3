"""What `x` does on the briefing screen: ask for a path and a format, export, confirm overwrites."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.screen import Screen

from briefing.document.model import Briefing
from briefing.document.textsafe import visible
from briefing.query.session import ReaderSession
from briefing.tui.ui_thread import from_worker


class Exporter:
    """Exporting the section the reader is in, as text or an HTML page, off the UI thread."""

    def __init__(self, screen: Screen[None], session: ReaderSession) -> None:
        self._screen = screen
        self._session = session

    def ask(self) -> None:
        """Ask where to export the current section and as what, then export it."""
        # Imported when first used: the path box is not needed to show the first frame.
        from briefing.tui.screens.export_path import ExportChoice, ExportScreen

        section = self._session.current_section_id()
        briefing = self._session.briefing
        if section is None or briefing is None:
            return

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._start(briefing, section, choice.path, choice.fmt, force=False)

        self._screen.app.push_screen(ExportScreen(section), chosen)

    def _start(
        self, briefing: Briefing, section_id: str, path: Path, fmt: str, force: bool
    ) -> None:
        self._screen.run_worker(
            partial(self._export, briefing, section_id, path, fmt, force),
            name="export",
            group="export",
            thread=True,
        )

    def _export(
        self, briefing: Briefing, section_id: str, path: Path, fmt: str, force: bool
    ) -> None:
        # In a worker thread; what it has to say goes to the UI thread.
        screen = self._screen
        try:
            # Imported here, in the worker: the exporters are not needed to read.
            from briefing.export import render, write_atomic
        except ImportError:
            from_worker(
                screen,
                screen.notify,
                "Export is not available in this build",
                severity="error",
                markup=False,
            )
            return
        try:
            text = render(briefing, section_ids=[section_id], fmt=fmt, width=80)
            write_atomic(path, text, force=force)
        except FileExistsError:
            from_worker(screen, self._confirm_overwrite, briefing, section_id, path, fmt)
        except OSError as error:
            from_worker(
                screen,
                screen.notify,
                f"Could not write {_shown(path)}: {error.strerror or error}",
                severity="error",
                markup=False,
            )
        except Exception as error:  # a bug in an exporter must not close the reader
            from_worker(
                screen,
                screen.notify,
                f"Export failed: {type(error).__name__}: {error}",
                severity="error",
                markup=False,
            )
        else:
            from_worker(
                screen,
                screen.notify,
                f"Wrote section '{section_id}' to {_shown(path)}",
                markup=False,
            )

    def _confirm_overwrite(self, briefing: Briefing, section_id: str, path: Path, fmt: str) -> None:
        # Imported when first used, like the path box.
        from briefing.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(briefing, section_id, path, fmt, force=True)

        self._screen.app.push_screen(
            ConfirmScreen(f"{_shown(path)} exists. Overwrite it?"), answered
        )


def _shown(path: Path) -> str:
    # A typed or pasted path may hold control characters: shown, they must not act.
    return visible(str(path), one_line=True)
