"""The reader application and the one function that builds it, for the CLI and the tests."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from briefing.process.preload import FirstLoad
from briefing.settings.keys import KeyConfig
from briefing.tui.compat import AppWithErrorHook, bindings_in_force, replace_exit_messages
from briefing.tui.keymap import apply_key_config, read_key_config

if TYPE_CHECKING:
    from briefing.tui.briefing_screen.opening_rows import Opening
    from briefing.tui.briefing_screen.picture import Picture
    from briefing.tui.reader_settings import ReaderSettings

BUSY_FOR = 0.3
"""Seconds after a key press or a mouse event during which the reader counts as busy."""


class BriefingApp(AppWithErrorHook[None]):
    """Opens a briefing, or a library of briefings, on its first screen."""

    TITLE = "briefing"
    # The briefing screen's stylesheet, read with the app's rather than as the screen's
    # CSS_PATH: Textual parses every stylesheet again, and restyles the app, when a screen
    # brings one of its own, which cost the first frame ~10 ms. Its rules name only the
    # briefing screen's own widgets and ids.
    CSS_PATH = "briefing_screen/briefing.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            tooltip="Jump to any section or claim by typing part of it",
            show=False,
            priority=True,
            id="command_palette",
        ),
        # Textual only tells a user who presses ctrl+c to press ctrl+q; a reader just quits.
        # (Screens and inputs still copy a selection with it first.)
        Binding("ctrl+c", "quit", show=False, system=True),
    ]
    # Names a reader knows, instead of symbols some terminals' fonts lack.
    KEY_NAMES: ClassVar[dict[str, str]] = {"backspace": "backspace", "enter": "enter"}
    key_config: KeyConfig | None = None
    """The user's key config, read before the app runs; applied when it starts."""
    when_ready: Callable[[], object] | None = None
    """Called once the first frame is on screen (the reader's command arms its exit then)."""
    held_keys: list[events.Key] | None = None
    """While a briefing's opening shows (briefing_screen/opening.py), the keys pressed,
    to be pressed again on the briefing screen (`take_over`); None the rest of the time."""

    def __init__(
        self, first_screen: Callable[[], Screen[None]], *, theme: str | None = None
    ) -> None:
        super().__init__()
        self._first_screen = first_screen
        self._saved_theme = theme
        self._last_input = 0.0
        self._last_act = 0.0
        """When the reader last pressed a key or clicked (moving the mouse is no act)."""

    async def on_event(self, event: events.Event) -> None:
        """Note when the reader last pressed a key or used the mouse, then handle the event.

        While an opening shows, a key is held (one that quits is not) and the mouse is
        ignored: the rows on screen are not the briefing's yet.
        """
        if isinstance(event, events.Key | events.MouseEvent):
            self._last_input = time.monotonic()
            if isinstance(event, events.Key | events.MouseDown) and not event.is_forwarded:
                self._last_act = self._last_input
            if self.held_keys is not None and not event.is_forwarded:
                if isinstance(event, events.Key) and not self._quits(event.key):
                    self.held_keys.append(event)
                    return
                if isinstance(event, events.MouseEvent):
                    return
        await super().on_event(event)

    def _quits(self, key: str) -> bool:
        # The app's own bindings, as the key config left them: a screen's binding of the
        # same key (ctrl+c copies first) would hide the app's quit in `active_bindings`.
        bound = bindings_in_force(self, self).key_to_bindings.get(key, [])
        return any(binding.action == "quit" for binding in bound)

    def shows_pictures(self, look: str | None = None) -> bool:
        """Return True if the app can draw a stored picture of a first frame (in `look`).

        Not with a key config that rebinds keys (a picture's footer shows the keys it was
        drawn with) or has problems (shown in a toast). The look's theme is the one the
        app starts in (on_mount applies the remembered one).
        """
        config = self.key_config
        if config is not None and (config.keymap or config.diagnostics):
            return False
        if look is None:
            return True
        from briefing.tui.briefing_screen.picture import look_of

        saved = self._saved_theme
        return look == look_of(self, saved if saved in self.available_themes else None)

    def take_over(self, screen: Screen[None]) -> None:
        """Put `screen` in the opening's place, then press the keys held meanwhile."""
        self.switch_screen(screen)
        self.call_after_refresh(self._press_held_keys)

    async def _press_held_keys(self) -> None:
        # Handled here one after another, not posted: a key pressed since waits in the
        # app's queue behind this call, so the keys arrive in the order they were pressed.
        # They arrive together, as keys typed while any program is busy do: one that
        # moves the focus (enter into a claim) may not have moved it yet for the next.
        held, self.held_keys = self.held_keys or [], None
        for key in held:
            await super().on_event(key)

    def touched(self) -> bool:
        """Return True once the reader has pressed a key or used the mouse in this run."""
        return self._last_input > 0.0

    def acted_since(self, moment: float) -> bool:
        """Return True if the reader has pressed a key or clicked since `moment` (monotonic)."""
        return self._last_act > 0.0 and self._last_act >= moment

    def busy(self) -> bool:
        """Return True if the reader pressed a key or used the mouse a moment ago.

        Safe to call from any thread: background work asks it, to give way.
        """
        return time.monotonic() - self._last_input < BUSY_FOR

    def on_mount(self) -> None:
        """Apply the remembered theme, start remembering changes, show the first screen."""
        if self._saved_theme in self.available_themes:
            self.theme = self._saved_theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.key_config is not None:
            apply_key_config(self, self.key_config)
        # SIGTERM, SIGHUP and a closed terminal end the app through briefing.process.lifecycle,
        # set up by the reader's command before Textual is imported.
        self.push_screen(self._first_screen())

    def on_ready(self) -> None:
        """Tell the reader's command that the first frame is on screen."""
        if self.when_ready is not None:
            self.when_ready()

    def after_unhandled_error(self, error: Exception) -> None:
        """Exit after an unexpected error with one clear line; the traceback goes to a log."""
        if os.environ.get("BRIEFING_DEBUG"):
            return
        from rich.text import Text

        from briefing.process.crash import crash_line, write_crash_log

        # Replaces Textual's traceback, which would be printed when the app has closed.
        # One line, however narrow the terminal: the terminal wraps it, not Rich.
        self.error_console.soft_wrap = True
        replace_exit_messages(self, Text(crash_line(error, write_crash_log(error))))

    def _remember_theme(self, theme: Theme) -> None:
        from briefing.settings.theme import save_theme

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
        from briefing.tui.screens.help import HelpScreen, binding_rows

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(binding_rows(self.screen)))


def create_app(
    target: Path | Sequence[Path],
    *,
    watch_interval: float | None = 1.0,
    fresh: bool = False,
    first_load: FirstLoad | None = None,
    opening: Opening | None = None,
    picture: Picture | None = None,
    use_cache: bool = True,
) -> BriefingApp:
    """Return the reader for a briefing file, a folder of briefings, or a list of files.

    A folder, or more than one file, opens the library; `watch_interval` is None to
    never watch an open file for changes, else how often (in seconds) to look at it
    where the kernel cannot tell of changes (briefing/document/watch.py); `fresh` opens a
    briefing at the top instead of at the claim last viewed; `first_load` is the file,
    loaded before the app started; `opening`, the first frame stored for the file, to
    draw while the briefing is built from the cache, and `picture`, that frame as drawn
    at this terminal's size, drawn instead when the app's look is the picture's (when it
    is not, the opening is read here); `use_cache` False reads every file itself, never
    the cache of validated briefings (--no-cache).
    """
    from briefing.tui.reader_settings import ReaderSettings

    # Decided before the app runs, so that the UI thread does no file I/O.
    folder = isinstance(target, Path) and target.is_dir()
    paths = [target] if isinstance(target, Path) else list(target)

    def first_screen() -> Screen[None]:
        settings = ReaderSettings(
            watch_interval=watch_interval,
            fresh=fresh,
            busy=app.busy,
            use_cache=use_cache,
            keeps_pictures=use_cache and app.shows_pictures(),
            touched=app.touched,
            acted_since=app.acted_since,
        )
        if len(paths) == 1 and not folder and picture is not None:
            return _picture_screen(app, paths[0], picture, settings)
        if len(paths) == 1 and not folder and opening is not None:
            return _opening_screen(app, paths[0], opening, settings)
        # Imported here: an opening's first frame does not wait for the briefing screen's
        # modules (nor the models they import).
        from briefing.tui.opening import Opener

        if len(paths) == 1 and not folder:
            return Opener(settings).briefing(paths[0], first_load=first_load)
        # Imported only for a library: a single file's first frame does not wait for it.
        from briefing.tui.screens.library import LibraryScreen

        screen_for = Opener(settings, from_library=True).screen_for
        title = f"Library: {paths[0]}" if folder else "Bundled briefings"
        source = paths[0] if folder else paths
        return LibraryScreen(title, source, screen_for=screen_for, use_cache=use_cache)

    from briefing.process import collector
    from briefing.settings.theme import load_theme

    collector.for_reader()
    app = BriefingApp(first_screen, theme=load_theme())
    app.key_config = read_key_config(BriefingApp)
    if picture is not None and not app.shows_pictures(picture.look):
        from briefing.tui.briefing_screen.opening_rows import stored_opening

        picture, opening = None, opening or stored_opening(paths[0])
    return app


def _opening_screen(
    app: BriefingApp, path: Path, opening: Opening, settings: ReaderSettings
) -> Screen[None]:
    """Return the screen that draws `opening`, builds the briefing, then hands over.

    Unless the app's look rules it out, the screen keeps a picture of the opening as it
    drew it, for the next open at this size (briefing_screen/picture.py).
    """
    from briefing.tui.briefing_screen.opening import OpeningScreen

    key = opening.key

    def keep_picture(screen: Screen[None]) -> None:
        from briefing.tui.briefing_screen.picture import keep_picture

        if key is not None:
            keep_picture(screen, path, key)

    load, hand_over = _build_and_hand_over(app, path, settings)
    keeps = settings.keeps_pictures
    return OpeningScreen(
        path, opening, load=load, hand_over=hand_over, keep_picture=keep_picture if keeps else None
    )


def _picture_screen(
    app: BriefingApp, path: Path, picture: Picture, settings: ReaderSettings
) -> Screen[None]:
    """Return the screen that draws `picture`, builds the briefing, then hands over."""
    from briefing.tui.briefing_screen.picture import PictureScreen

    load, hand_over = _build_and_hand_over(app, path, settings)
    return PictureScreen(picture, load=load, hand_over=hand_over)


def _build_and_hand_over(
    app: BriefingApp, path: Path, settings: ReaderSettings
) -> tuple[Callable[[], FirstLoad], Callable[[FirstLoad], None]]:
    """Return how a first frame drawn before the briefing builds it, then hands over.

    The app holds the keys pressed until then (`BriefingApp.held_keys`).
    """
    from briefing.process.preload import load_behind_opening

    def load() -> FirstLoad:
        # In the first frame's worker: the briefing screen's modules, and the models with
        # them, are imported here, off the UI thread.
        import briefing.tui.opening  # noqa: F401

        return load_behind_opening(path)

    def hand_over(first_load: FirstLoad) -> None:
        from briefing.tui.opening import Opener

        app.take_over(Opener(settings).briefing(path, first_load=first_load))

    app.held_keys = []
    return load, hand_over
