"""Open an app headless and exit as soon as a marker is on its screen: the headless first frame.

    python benchmarks/floors/headless_open.py --floor        # the Textual floor app
    python benchmarks/floors/headless_open.py FILE MARKER    # the reader on a briefing

Both go through the same polling loop, so the loop's cost is in the floor too.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

POLL = 0.002
TIMEOUT = 300.0


def screen_text(app: App[object]) -> str:
    """Return what the app's screen shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def main() -> int:
    """Run the app until the marker shows; return 0, or 1 when it never does."""
    args = sys.argv[1:]
    app: App[Any]
    if args == ["--floor"]:
        # Run as a script, this folder is on the path.
        from textual_floor import MARKER, FloorApp  # type: ignore[import-not-found]

        app, marker = FloorApp(), MARKER
    else:
        from briefing.tui.app import create_app

        app, marker = create_app(Path(args[0]), watch_interval=None), args[1]
    seen = False

    async def until_marker(pilot: Pilot[object]) -> None:
        nonlocal seen
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TIMEOUT
        while loop.time() < deadline:
            if marker in screen_text(pilot.app):
                seen = True
                break
            await asyncio.sleep(POLL)
        pilot.app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=until_marker)
    return 0 if seen else 1


if __name__ == "__main__":
    sys.exit(main())
