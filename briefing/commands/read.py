"""Open the reader on a briefing, a folder of briefings, or the bundled briefing."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.document.bundled import bundled_briefings
from briefing.document.textsafe import visible
from briefing.process.preload import load_if_small

if TYPE_CHECKING:
    from briefing.process.lifecycle import ExitGuard
    from briefing.process.preload import FirstLoad
    from briefing.tui.app import BriefingApp
    from briefing.tui.briefing_screen.opening_rows import Opening
    from briefing.tui.briefing_screen.picture import Picture


def main(path: str | None, *, fresh: bool = False, use_cache: bool = True) -> int:
    """Run the reader on `path` (default: the bundled briefings); return the exit code.

    `fresh` opens a briefing at the top rather than at the claim last viewed in it;
    `use_cache` lets a briefing come from the cache of validated briefings when unchanged.
    """
    if path is None:
        targets = bundled_briefings()
        if not targets:
            print("briefing: no bundled briefing found", file=sys.stderr)
            return 1
    else:
        target = Path(path)
        if not target.exists():
            print(
                f"briefing: {visible(path, one_line=True)}: no such file or folder", file=sys.stderr
            )
            return 1
        targets = [target]
    # `briefing serve` runs the reader with pipes for a browser: Textual's web driver draws there.
    served = os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver")
    if not served and not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _print_outline(targets, use_cache=use_cache)
    if not served:
        _size_from_the_terminal()
    from briefing.process import collector

    # Before any thread starts (the exit guard starts one): a thread that allocates
    # before the arena limit is set gets an arena of its own.
    collector.for_reader()
    with _exit_guard(terminal=not served) as guard:
        single = targets[0] if len(targets) == 1 else None
        # Textual is imported only here: `briefing check` and `export` never pay for it.
        from briefing.tui.app import create_app

        size = None if served else _terminal_size()
        picture, opening, first_load = first_frame_sources(single, use_cache=use_cache, size=size)
        app = create_app(
            single or targets,
            fresh=fresh,
            first_load=first_load,
            opening=opening,
            picture=picture,
            use_cache=use_cache,
        )
        # What App.run does (Textual 8.2.8), and the guard's hold on the app besides.
        asyncio.run(_run(app, guard))
        return app.return_code or 0


def _size_from_the_terminal() -> None:
    """Have the reader draw at its terminal's size, whatever COLUMNS and LINES say.

    Textual sizes the screen with shutil.get_terminal_size, which takes these variables
    before the terminal's own size, at start and on every resize: exported (by a shell's
    rc file, a script, pytest-xdist), they pinned the reader at a size that was not its
    terminal's, and it never followed a resize. Programs it starts (an editor) then
    find their size from the terminal too.
    """
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)


def first_frame_sources(
    path: Path | None, *, use_cache: bool, size: tuple[int, int] | None
) -> tuple[Picture | None, Opening | None, FirstLoad | None]:
    """Return what the reader's first frame of the file at `path` is drawn from.

    If the file is unchanged since the reader last drew it: a picture of that frame
    kept at `size` (columns, lines; None: no picture), drawn at once and the briefing
    built behind it (briefing_screen/picture.py), else the frame's rows
    (briefing_screen/opening.py); with the picture, the rows' widgets are not even
    imported before it shows. Otherwise the briefing itself, loaded here when small or
    cached (None: the briefing screen loads it). None of the three for a library.
    """
    if path is None:
        return None, None, None
    if use_cache and size is not None:
        from briefing.tui.briefing_screen.picture import stored_picture

        picture = stored_picture(path, size)
        if picture is not None:
            return picture, None, None
    if use_cache:
        from briefing.tui.briefing_screen.opening_rows import stored_opening

        opening = stored_opening(path)
        if opening is not None:
            return None, opening, None
    return None, None, load_if_small(path, use_cache=use_cache)


def _terminal_size() -> tuple[int, int]:
    """Return the terminal's columns and lines, as Textual will find them when it starts."""
    columns, lines = shutil.get_terminal_size()
    return columns, lines


def _exit_guard(*, terminal: bool) -> contextlib.AbstractContextManager[ExitGuard | None]:
    """Return the guard that ends the reader on SIGTERM, SIGHUP or a closed terminal."""
    if os.name != "posix":
        return contextlib.nullcontext()
    from briefing.process.lifecycle import ExitGuard

    return ExitGuard(terminal=terminal)


async def _run(app: BriefingApp, guard: ExitGuard | None) -> None:
    loop = asyncio.get_running_loop()

    def stop(code: int) -> None:
        loop.call_soon_threadsafe(app.exit, None, code)

    if guard is not None:
        # Not before the first frame: an exit while the first screen mounts fails in its
        # on_mount. Until then the guard ends the process itself (nothing to save yet).
        app.when_ready = lambda: guard.on_stop(stop)
        guard.screen_taken(True)
    try:
        await app.run_async()
    finally:
        if guard is not None:
            guard.screen_taken(False)
            guard.on_stop(None)
        # asyncio.run waits for the default executor's threads before it returns, and
        # Textual's thread workers run there: a load of a 100 MB file, or a worker waiting
        # for the closed UI loop, would keep the reader running after it has closed.
        # A fresh executor has no threads to wait for; the console entry does not wait
        # for the old one's either (briefing.cli.run).
        loop.set_default_executor(ThreadPoolExecutor())


def _print_outline(targets: list[Path], *, use_cache: bool) -> int:
    """Print a plain outline when there is no terminal to draw on (a pipe, a script)."""
    from briefing.document.cache import load_file_cached
    from briefing.document.loader import iter_briefing_files
    from briefing.process.collector import paused_while_building

    files = [f for t in targets for f in (iter_briefing_files(t) if t.is_dir() else [t])]
    status = 0
    for file in files:
        with paused_while_building():
            result = load_file_cached(file, use_cache=use_cache)
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
        if result.briefing is None:
            status = 1
            continue
        briefing = result.briefing
        print(visible(briefing.briefing.title, one_line=True))
        for section in briefing.sections:
            print(f"  {visible(section.title, one_line=True)}")
            for claim in section.claims:
                mark = "✗" if claim.denials else "-"
                # A party's name, never its id (format 2).
                claimant = visible(briefing.party_name(claim.claimant), one_line=True)
                print(f"    {mark} {claimant}: {visible(claim.text, one_line=True)}")
    return status
