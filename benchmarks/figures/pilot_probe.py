"""Time the reader's expand, collapse and search headless, in one process, paired with a no-op key.

    python -m benchmarks.figures.pilot_probe FILE --repeats N    # prints JSON

Each timing runs from posting the key (or setting the query) until the change is
made and the screen is composed again; Pilot's own `press` is not used, because it
sleeps at least 20 ms twice to wait for idleness. The floor of each sample is a key
that nothing binds, sent to the same app in the same state just before: what Textual
costs to deliver a key and settle, whatever the key does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from briefing.tui.app import create_app
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.screens.search import SearchScreen
from briefing.tui.widgets.outline import Outline

NOOP_KEY = "f19"
# Two words that stand together in a few hundred strings of the 50k briefing, as a
# reader's query usually does; and single common words, each in some 60,000 strings.
QUERIES = {
    "search": ["satellite images", "drone plant", "spare parts", "power stations", "radio traffic"],
    "search_common": ["launchers", "gunpowder", "fertiliser", "envoys", "intercepted"],
}
TIMEOUT = 60.0


def post_key(pilot: Pilot[None], key: str, char: str | None = None) -> None:
    """Deliver a key to the app as the driver would, without Pilot's idle waits."""
    event = events.Key(key, char)
    event.set_sender(pilot.app)
    pilot.app.post_message(event)


async def composed(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Wait until `condition` holds, every message is handled and the screen is composed."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("the reader never reached the expected state")
        await asyncio.sleep(0.0002)
    for _ in range(50):
        # Twice: handling a message may post others (a key reaches the app, then the widget).
        await pilot._wait_for_screen()
        await pilot._wait_for_screen()
        screen = pilot.app.screen
        if not (
            screen._layout_required
            or screen._scroll_required
            or screen._repaint_required
            or screen._dirty_widgets
        ):
            return
        # What the 60 fps update timer would do next: lay out and render the changes.
        screen._on_timer_update()


async def timed(pilot: Pilot[None], act: Callable[[], None], done: Callable[[], bool]) -> float:
    """Return the seconds from `act` until `done` holds and the screen is composed."""
    start = time.perf_counter()
    act()
    await composed(pilot, done)
    return time.perf_counter() - start


async def noop(pilot: Pilot[None]) -> float:
    """Return the seconds a key that nothing binds takes to be delivered and settled."""
    return await timed(pilot, lambda: post_key(pilot, NOOP_KEY), lambda: True)


async def probe(path: Path, repeats: int) -> dict[str, Any]:
    """Open the reader on `path`; return paired samples for expand, collapse and search."""
    app = create_app(path, watch_interval=None)
    results: dict[str, Any] = {"expand": [], "collapse": [], "search": [], "search_common": []}
    results |= {"search_matches": [], "search_common_matches": []}
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await composed(pilot, lambda: isinstance(app.screen, BriefingScreen))
        screen = app.screen
        assert isinstance(screen, BriefingScreen)
        await composed(pilot, lambda: screen.briefing is not None)
        # The search index is built by a worker after loading: searches are timed after it.
        await app.workers.wait_for_complete()
        await pilot.pause()
        outline = screen.query_one(Outline)
        briefing = screen.briefing
        assert briefing is not None
        sections = [s.id for s in briefing.sections]
        # Sections spread over the outline, none opened before (the first one is open).
        picks = [sections[1 + (i * (len(sections) - 1)) // max(repeats, 1)] for i in range(repeats)]
        for section_id in picks:
            outline.select_section(section_id)
            await pilot.pause()
            node = outline.cursor_node
            assert node is not None and node.data is not None and node.data.id == section_id
            floor = await noop(pilot)
            took = await timed(
                pilot,
                lambda: post_key(pilot, "right"),
                lambda node=node: node.is_expanded and bool(node.children),  # type: ignore[misc]
            )
            results["expand"].append([took, floor])
            floor = await noop(pilot)
            took = await timed(
                pilot,
                lambda: post_key(pilot, "left"),
                lambda node=node: not node.is_expanded,  # type: ignore[misc]
            )
            results["collapse"].append([took, floor])

        post_key(pilot, "slash", "/")
        await composed(pilot, lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        assert isinstance(search, SearchScreen)
        box = search.query_one("#query", Input)
        await pilot.pause()
        for i in range(repeats):
            for kind, queries in QUERIES.items():
                query = queries[i % len(queries)]
                floor = await noop(pilot)

                def ask(query: str = query) -> None:
                    box.value = query

                took = await timed(pilot, ask, lambda query=query: search._query == query)  # type: ignore[misc]
                results[kind].append([took, floor])
                results[f"{kind}_matches"].append(len(search._matches))
                box.value = ""
                await composed(pilot, lambda: search._query == "")
                await pilot.pause()
        app.exit()
    return results


def main() -> int:
    """Print the samples as JSON; return 0."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.figures.pilot_probe")
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    print(json.dumps(asyncio.run(probe(options.path, options.repeats))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
