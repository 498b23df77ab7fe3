"""The reader application and the one function that builds it, for the CLI and the tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme


class BriefingApp(App[None]):
    """Opens a briefing, or a library of briefings, on its first screen."""

    TITLE = "briefing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            tooltip="Jump to any section or claim by typing part of it",
            show=False,
            priority=True,
        ),
    ]
    # Names a reader knows, instead of symbols some terminals' fonts lack.
    KEY_NAMES: ClassVar[dict[str, str]] = {"backspace": "backspace", "enter": "enter"}

    def __init__(
        self, first_screen: Callable[[], Screen[None]], *, theme: str | None = None
    ) -> None:
        super().__init__()
        self._first_screen = first_screen
        self._saved_theme = theme

    def on_mount(self) -> None:
        """Apply the remembered theme, start remembering changes, show the first screen."""
        if self._saved_theme in self.available_themes:
            self.theme = self._saved_theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(self._first_screen())

    def _remember_theme(self, theme: Theme) -> None:
        from briefing.analysis.theme import save_theme

        # A file write: off the UI thread.
        self.run_worker(lambda: save_theme(theme.name), thread=True, group="theme")

    def get_key_display(self, binding: Binding) -> str:
        """Return how a key is written in the footer and on the help screen."""
        modifiers, key = binding.parse_key()
        if key in self.KEY_NAMES and not binding.key_display:
            return "+".join([*modifiers, self.KEY_NAMES[key]])
        return super().get_key_display(binding)

    def action_help(self) -> None:
        """Show every key in force on the current screen."""
        from briefing.screens.help import HelpScreen, binding_rows

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(binding_rows(self.screen)))


def create_app(target: Path | Sequence[Path], *, watch_interval: float | None = 1.0) -> BriefingApp:
    """Return the reader for a briefing file, a folder of briefings, or a list of files.

    A folder, or more than one file, opens the library; `watch_interval` is how often
    (in seconds) an open file is checked for changes, None for never.
    """
    from briefing.screens.briefing import BriefingScreen
    from briefing.screens.library import LibraryScreen

    # Decided before the app runs, so that the UI thread does no file I/O.
    folder = isinstance(target, Path) and target.is_dir()
    paths = [target] if isinstance(target, Path) else list(target)

    def first_screen() -> Screen[None]:
        if folder:
            return LibraryScreen(f"Library: {paths[0]}", paths[0], watch_interval=watch_interval)
        if len(paths) == 1:
            return BriefingScreen(paths[0], watch_interval=watch_interval)
        return LibraryScreen("Bundled briefings", paths, watch_interval=watch_interval)

    from briefing.analysis.theme import load_theme

    return BriefingApp(first_screen, theme=load_theme())
