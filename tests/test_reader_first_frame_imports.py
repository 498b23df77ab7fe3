"""What the reader imports before its first frame: only what that frame draws.

Every module imported before the first frame delays it (each costs milliseconds against
a budget measured in tens of them: benchmarks/RESULTS.md). This runs the reader as its
command does, in a fresh interpreter, and lists the modules loaded once the first frame
is on screen.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefings import BUNDLED

# Runs headless, as `briefing.commands.read` would in a terminal: the briefing loaded
# before the app starts, then the app; `when_ready` is called once the first frame is
# drawn.
SCRIPT = """
import sys
from pathlib import Path
from briefing.commands.read import first_frame_sources
from briefing.tui import ui_thread
from briefing.tui.app import create_app

# What a first frame drawn before the briefing imports, not what its worker imports in
# the meantime: here nothing is built behind it.
ui_thread.build_behind = lambda *args: None

path = Path(sys.argv[1])
# As `briefing FILE` does in a 120 x 40 terminal: with the cache, a picture of the first
# frame or its rows when stored; else the briefing, loaded first.
picture, opening, first_load = first_frame_sources(
    path, use_cache=sys.argv[2] == "cache", size=(120, 40)
)
app = create_app(path, first_load=first_load, opening=opening, picture=picture)

def ready():
    print(type(app.screen).__name__)
    print("\\n".join(sorted(sys.modules)))
    app.exit()

app.when_ready = ready
app.run(headless=True, size=(120, 40))
"""

NOT_BEFORE_THE_FIRST_FRAME = (
    "wcwidth",  # display widths: search results, the palette, exports
    "briefing.tui.screens.library",  # a folder of briefings only
    "briefing.tui.views",  # the analysis views, opened by a key
    "briefing.export.text",
    "briefing.export.markdown",
    "briefing.export.jsonexport",
    "briefing.export.html",
    "tomlkit",  # `briefing upgrade` only
)


def modules_at_first_frame(path: Path, home: Path, *, cache: bool = False) -> tuple[str, set[str]]:
    """Return the screen a fresh reader on `path` first shows, and the modules it has
    imported once that screen's first frame is drawn."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), "cache" if cache else "no-cache"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "BRIEFING_CACHE_DIR": str(home)},
    )
    assert done.returncode == 0, done.stderr
    screen, *modules = done.stdout.split()
    return screen, set(modules)


def test_the_first_frame_imports_only_what_it_draws(tmp_path: Path) -> None:
    screen, loaded = modules_at_first_frame(BUNDLED, tmp_path)
    assert screen == "BriefingScreen"
    # It did draw the briefing (the screen and the claim walk behind its panes) ...
    assert {"briefing.tui.briefing_screen.screen", "briefing.export.walk"} <= loaded
    # ... without what only later keys need.
    assert among(loaded, NOT_BEFORE_THE_FIRST_FRAME) == set()


# What a briefing's stored opening is drawn without (briefing/tui/briefing_screen/
# opening.py): the models, pydantic, the loader, the cache and the briefing screen are
# imported by the opening's worker, once the first frame is on screen.
NOT_BEFORE_AN_OPENING = (
    "pydantic",
    "pydantic_core",
    "briefing.document.model",
    "briefing.document.loader",
    "briefing.document.cache",
    "briefing.tui.briefing_screen.screen",
    "briefing.tui.opening",
)


# Stores the opening a first open of the file stores (test_opening_store.py), in a
# process that imports the program as the reader's does: the opening's key holds a stamp
# of the program's sources, and the test's own process may import them from elsewhere.
STORE = """
import sys
from briefing.document import opening_store
from briefing.document.loader import load_file
from briefing.tui.briefing_screen.opening_rows import make_opening

opening_store.RACY_NS = 0  # a fresh clone's file may be seconds old
path = sys.argv[1]
key = opening_store.opening_key(path)
assert opening_store.store_opening(path, key, make_opening(load_file(path).briefing))
"""


def test_a_reopened_briefings_first_frame_imports_neither_pydantic_nor_the_models(
    tmp_path: Path,
) -> None:
    run_on_bundled(STORE, tmp_path)
    screen, loaded = modules_at_first_frame(BUNDLED, tmp_path, cache=True)
    assert screen == "OpeningScreen"
    assert among(loaded, NOT_BEFORE_THE_FIRST_FRAME + NOT_BEFORE_AN_OPENING) == set()


def run_on_bundled(script: str, home: Path) -> None:
    """Run `script` on the bundled briefing in a fresh interpreter, with `home` for cache."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(BUNDLED)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "BRIEFING_CACHE_DIR": str(home)},
    )
    assert done.returncode == 0, done.stderr


def among(loaded: set[str], unwanted: tuple[str, ...]) -> set[str]:
    """Return the modules of `loaded` that are, or are inside, one of `unwanted`."""
    return {
        name
        for name in loaded
        for package in unwanted
        if name == package or name.startswith(package + ".")
    }


# What a picture of the first frame is drawn without (briefing/tui/briefing_screen/
# picture.py): besides what an opening is drawn without, the briefing screen's widgets
# and the opening's rows, imported by its worker once the picture is on screen.
NOT_BEFORE_A_PICTURE = (
    "briefing.tui.briefing_screen.layout",
    "briefing.tui.briefing_screen.opening",
    "briefing.tui.briefing_screen.opening_rows",
    "briefing.tui.widgets",
    "briefing.query",
)

# Keeps the picture a second open keeps (test_reader_picture.py): the reader on the
# stored opening, headless at 120 x 40, until the briefing has taken the opening's place.
KEEP = """
import sys
from pathlib import Path
from briefing.document import opening_store
from briefing.tui.app import create_app
from briefing.tui.briefing_screen.opening_rows import stored_opening

opening_store.RACY_NS = 0
path = Path(sys.argv[1])
app = create_app(path, watch_interval=None, opening=stored_opening(path))

async def until_kept(pilot):
    for _ in range(3000):
        if opening_store.records(kind=opening_store.PICTURE):
            break
        await pilot.pause(0.01)
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=until_kept)
assert opening_store.records(kind=opening_store.PICTURE), "no picture kept"
"""


def test_a_pictured_first_frame_imports_none_of_the_reader_s_widgets(tmp_path: Path) -> None:
    run_on_bundled(STORE, tmp_path)
    run_on_bundled(KEEP, tmp_path)
    screen, loaded = modules_at_first_frame(BUNDLED, tmp_path, cache=True)
    assert screen == "PictureScreen"
    unwanted = NOT_BEFORE_THE_FIRST_FRAME + NOT_BEFORE_AN_OPENING + NOT_BEFORE_A_PICTURE
    assert among(loaded, unwanted) == set()
