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
from briefing.process.preload import load_if_small
from briefing.tui.app import create_app

from briefing.tui.briefing_screen.opening_rows import stored_opening

path = Path(sys.argv[1])
# As `briefing FILE` does: the stored opening if the cache is used and holds one.
opening = stored_opening(path) if sys.argv[2] == "cache" else None
first_load = None if opening else load_if_small(path, use_cache=sys.argv[2] == "cache")
app = create_app(path, first_load=first_load, opening=opening)

def ready():
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


def modules_at_first_frame(path: Path, home: Path, *, cache: bool = False) -> set[str]:
    """Return the modules a fresh reader on `path` has imported when its first frame shows."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), "cache" if cache else "no-cache"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "BRIEFING_CACHE_DIR": str(home)},
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_first_frame_imports_only_what_it_draws(tmp_path: Path) -> None:
    loaded = modules_at_first_frame(BUNDLED, tmp_path)
    # It did draw the briefing (the screen and the claim walk behind its panes) ...
    assert {"briefing.tui.briefing_screen.screen", "briefing.export.walk"} <= loaded
    # ... without what only later keys need.
    early = {
        name
        for name in loaded
        for unwanted in NOT_BEFORE_THE_FIRST_FRAME
        if name == unwanted or name.startswith(unwanted + ".")
    }
    assert early == set()


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
    stored = subprocess.run(
        [sys.executable, "-c", STORE, str(BUNDLED)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "BRIEFING_CACHE_DIR": str(tmp_path)},
    )
    assert stored.returncode == 0, stored.stderr
    loaded = modules_at_first_frame(BUNDLED, tmp_path, cache=True)
    assert "briefing.tui.briefing_screen.opening" in loaded
    early = {
        name
        for name in loaded
        for unwanted in NOT_BEFORE_THE_FIRST_FRAME + NOT_BEFORE_AN_OPENING
        if name == unwanted or name.startswith(unwanted + ".")
    }
    assert early == set()
