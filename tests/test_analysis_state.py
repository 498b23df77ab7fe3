"""Where I was: the last claim per briefing, kept atomically, bad state ignored quietly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefing.settings import places as state
from briefing.settings.places import PlaceStore


def test_remembers_the_last_claim_per_briefing(tmp_path: Path) -> None:
    store = PlaceStore(tmp_path / "state")
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    assert store.last_claim(a) is None
    assert store.remember(a, "first") and store.remember(b, "other") and store.remember(a, "second")
    fresh = PlaceStore(tmp_path / "state")  # a new run reads what the last one wrote
    assert fresh.last_claim(a) == "second" and fresh.last_claim(b) == "other"


def test_keyed_by_resolved_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = PlaceStore(tmp_path / "state")
    (tmp_path / "sub").mkdir()
    store.remember(tmp_path / "sub" / ".." / "x.toml", "c1")
    monkeypatch.chdir(tmp_path)
    assert store.last_claim(Path("x.toml")) == "c1"


def test_uses_the_env_override_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_STATE_DIR", str(tmp_path / "elsewhere"))
    PlaceStore().remember(tmp_path / "x.toml", "c1")
    saved = json.loads((tmp_path / "elsewhere" / "places.json").read_text())
    assert saved["last_claim"] == {str((tmp_path / "x.toml").resolve()): "c1"}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"version": 99, "last_claim": {}}',
        b'{"version": 1, "last_claim": 3}',
        b"\xff\xfe",
        b'{"version": 1, "last_claim": {"/x.toml": 5}}',
    ],
)
def test_corrupt_state_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "places.json").write_bytes(content)
    store = PlaceStore(tmp_path)
    assert store.last_claim(Path("/x.toml")) is None
    assert store.remember(Path("/y.toml"), "c2")
    assert PlaceStore(tmp_path).last_claim(Path("/y.toml")) == "c2"


def test_unwritable_state_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = PlaceStore(blocker / "state")
    assert store.remember(tmp_path / "x.toml", "c1") is False
    assert store.last_claim(tmp_path / "x.toml") is None


def test_write_is_atomic_and_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PlaceStore(tmp_path)
    store.remember(Path("/a.toml"), "c1")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    assert store.remember(Path("/a.toml"), "c2") is False
    assert PlaceStore(tmp_path).last_claim(Path("/a.toml")) == "c1"  # the old file stands
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.json"]


def test_the_places_file_is_private(tmp_path: Path) -> None:
    # It lists the briefings this person reads: only they may read it, whatever the umask.
    old = os.umask(0o022)
    try:
        PlaceStore(tmp_path).remember(Path("/a.toml"), "c1")
    finally:
        os.umask(old)
    assert (tmp_path / "places.json").stat().st_mode & 0o777 == 0o600


def test_forgets_the_least_recently_viewed_beyond_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "MAX_PLACES", 3)
    store = PlaceStore(tmp_path)
    for name in ("a", "b", "c"):
        store.remember(Path(f"/{name}.toml"), name)
    store.remember(Path("/a.toml"), "a2")  # a is now the most recent
    store.remember(Path("/d.toml"), "d")
    assert store.last_claim(Path("/b.toml")) is None
    assert [store.last_claim(Path(f"/{n}.toml")) for n in "acd"] == ["a2", "c", "d"]
