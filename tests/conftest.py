"""Shared test setup: no test reads or writes the real user's state or config folders."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from briefings import BUNDLED, FEATURES, load_briefing
from textual.app import App

from briefing.document.model import Briefing


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Property tests run hundreds of examples each: every one is in the slow layer, found by
    # what it is (before `-m` deselects), so a new one cannot be left out of the marker.
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader remembers where it was and reads a key config; tests get empty folders.
    base = tmp_path_factory.mktemp("user-dirs")
    monkeypatch.setenv("BRIEFING_STATE_DIR", str(base / "state"))
    monkeypatch.setenv("BRIEFING_CONFIG_DIR", str(base / "config"))
    # Nor its cache of validated briefings (briefing/document/cache.py).
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(base / "cache"))
    # `o` opens $VISUAL or $EDITOR: no test may start the developer's own editor.
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the cache and the reader's openings store files written a moment ago.

    Files a test writes are seconds old at most: a file changed in the last two seconds
    is never stored (cache.RACY_NS), so without this none would be.
    """
    from briefing.document import cache, opening_store

    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(opening_store, "RACY_NS", 0)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the build of a briefing behind its first frame until the event is set.

    A reopened briefing's first frame (its opening or picture) is drawn before the
    briefing is built (briefing/process/preload.load_behind_opening): held, what the
    reader shows and does meanwhile can be looked at. Set again when the test ends.
    """
    from briefing.process import preload

    event = threading.Event()
    real = preload.load_behind_opening

    def held(path: Path) -> preload.FirstLoad:
        assert event.wait(10), "the test never opened the gate"
        return real(path)

    monkeypatch.setattr(preload, "load_behind_opening", held)
    yield event
    event.set()


@pytest.fixture(autouse=True)
def _notices_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    # A notification leaves the screen after its timeout by the clock: on a busy machine
    # a test could look after it has gone. Every app records what it was told to show
    # (reader_pilot.notices reads it), so that what a test sees does not depend on time.
    notify = App.notify

    def recording(app: App[Any], message: str, *args: Any, **kwargs: Any) -> None:
        app.__dict__.setdefault("notified", []).append(message)
        notify(app, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", recording)


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    """The bundled briefing, loaded."""
    return load_briefing(BUNDLED)


@pytest.fixture(scope="module")
def features() -> Briefing:
    """The fixture with every feature of the format and hostile strings, loaded."""
    return load_briefing(FEATURES)
