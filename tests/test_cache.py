"""The cache of validated briefings: what comes back is what the file gives, or nothing.

Every test reads through the cache twice and asserts that the second read really came
from it (the loader is made to fail), so that a cache which silently never hits cannot
pass. Nothing about the cache may change an output: each command's output is compared
byte for byte with `--no-cache`.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from briefings import BUNDLED, TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from test_loader_properties import briefings

from briefing import cli
from briefing.document import cache, cache_rows
from briefing.document.loader import LoadResult, load_file
from briefing.document.model import Briefing
from briefing.process.preload import PRELOAD_MAX_BYTES, load_if_small

STARTER = Path(str(resources.files("briefing").joinpath("starter.toml")))


def loadable_fixtures() -> list[Path]:
    """Return every fixture that loads (warnings allowed), the bundled briefing and the starter."""
    found = [
        path
        for path in sorted((TESTS / "fixtures").rglob("*.toml"))
        if load_file(path).briefing is not None
    ]
    return [*found, BUNDLED, STARTER]


FIXTURES = loadable_fixtures()
FIXTURE_IDS = [str(p.relative_to(p.parents[1])) for p in FIXTURES]


@pytest.fixture(autouse=True)
def _no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files written by a test are seconds old at most: without this, none would be stored.
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    return folder


def copy_of(path: Path, folder: Path) -> Path:
    """Return a copy of `path` in `folder` (a file of its own: its own inode and times)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    target.write_bytes(path.read_bytes())
    return target


class LoaderCalled(AssertionError):
    """The file was parsed although the cache should have answered."""


def from_cache_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next reads fail unless they come from the cache."""

    def refuse(path: Any) -> LoadResult:
        raise LoaderCalled(f"{path} was parsed, not read from the cache")

    monkeypatch.setattr(cache, "load_file", refuse)


def every_model(value: Any) -> Iterator[BaseModel]:
    """Yield every model in a briefing, depth first."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from every_model(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from every_model(item)


def assert_same_briefing(cached: Briefing, loaded: Briefing) -> None:
    """Assert that a briefing built from the cache is the loaded one, in every respect."""
    assert cached == loaded
    assert repr(cached) == repr(loaded)  # the fields in the same order, dates as dates
    pairs = list(zip(every_model(cached), every_model(loaded), strict=True))
    for built, validated in pairs:
        assert type(built) is type(validated)
        assert built.model_fields_set == validated.model_fields_set
        assert list(built.__dict__) == list(validated.__dict__)
        for slot in cache_rows.PYDANTIC_SLOTS[2:]:
            assert getattr(built, slot) == getattr(validated, slot)
    # The indexes model_post_init fills: every look-up answers as on the loaded briefing.
    for claim in loaded.claims():
        assert cached.claim(claim.id) == claim
        assert cached.section_of(claim.id) == loaded.section_of(claim.id)
        assert cached.relations_to(claim.id) == loaded.relations_to(claim.id)
        assert cached.party_name(claim.claimant) == loaded.party_name(claim.claimant)
    for source in loaded.sources:
        assert cached.source(source.id) == loaded.source(source.id)
    for party in loaded.parties:
        assert cached.party(party.id) == party


def round_trip(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadResult, LoadResult]:
    """Return the file loaded (which stores it) and read back from the cache."""
    first = cache.load_file_cached(path)
    assert cache.entries(), "nothing was stored"
    with monkeypatch.context() as patch:
        from_cache_only(patch)
        second = cache.load_file_cached(path)
    return first, second


@pytest.mark.parametrize("fixture", FIXTURES, ids=FIXTURE_IDS)
def test_a_briefing_from_the_cache_is_the_loaded_one(
    fixture: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(fixture, tmp_path / "files")
    first, second = round_trip(path, monkeypatch)
    loaded = load_file(path)
    assert loaded.briefing is not None and first.briefing is not None
    assert second.briefing is not None
    assert_same_briefing(second.briefing, loaded.briefing)
    assert second.diagnostics == loaded.diagnostics == first.diagnostics
    assert (second.omitted_errors, second.omitted_warnings) == (0, 0)
    assert second.path == loaded.path


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.one_of(briefings(version=2), briefings(version=1)))
def test_random_briefings_come_back_equal(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    check_random_round_trip(data, tmp_path_factory)


def check_random_round_trip(data: dict[str, Any], factory: pytest.TempPathFactory) -> None:
    folder = factory.mktemp("random")
    path = folder / "briefing.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(folder / "cache"))
        patch.setattr(cache, "RACY_NS", 0)
        loaded, second = round_trip(path, patch)
    assert loaded.briefing is not None and second.briefing is not None
    assert_same_briefing(second.briefing, loaded.briefing)
    assert second.diagnostics == loaded.diagnostics
    assert [str(d) for d in second.warnings] == [str(d) for d in loaded.warnings]


# ---------------------------------------------------------------------------------------
# What proves a file unchanged


def test_an_edit_that_keeps_size_and_mtime_is_seen(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(TESTS / "fixtures" / "check" / "valid.toml", tmp_path / "files")
    old = path.read_text(encoding="utf-8")
    assert cache.load_file_cached(path).briefing is not None
    assert cache.entries()
    before = os.stat(path)
    first_claim = cache.load_file_cached(path).briefing.claims()[0]  # type: ignore[union-attr]
    # The same number of bytes, one letter changed in the first claim's text.
    new = old.replace(first_claim.text, first_claim.text.swapcase(), 1)
    assert new != old and len(new.encode()) == len(old.encode())
    # ctime comes from a clock that ticks every few ms: edit again until it has moved.
    for _ in range(200):
        path.write_text(new, encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = os.stat(path)
        if after.st_ctime_ns != before.st_ctime_ns:
            break
        time.sleep(0.01)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert after.st_ctime_ns != before.st_ctime_ns
    result = cache.load_file_cached(path)
    assert result.briefing is not None
    assert result.briefing.claims()[0].text == first_claim.text.swapcase()
    assert result.briefing == load_file(path).briefing


def test_a_file_changed_just_now_is_not_stored(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 3600 * 10**9)
    path = copy_of(TESTS / "fixtures" / "check" / "valid.toml", tmp_path / "files")
    assert cache.load_file_cached(path).briefing is not None
    assert cache.entries() == []


def test_an_entry_held_back_is_written_when_stored_and_only_for_the_file_read(
    cache_dir: Path, tmp_path: Path
) -> None:
    # The reader shows a briefing first and stores it after (load_file_unstored).
    path = copy_of(BUNDLED, tmp_path / "files")
    result, unstored = cache.load_file_unstored(path)
    assert unstored is not None and cache.entries() == []
    unstored.store()
    stored = cache.cached_result(path)
    assert stored is not None and stored.briefing == result.briefing
    again, nothing_to_store = cache.load_file_unstored(path)
    assert nothing_to_store is None and again.briefing == result.briefing
    # Edited between the load and the store: the edited file is not the one read.
    cache.entries()[0].unlink()
    result, unstored = cache.load_file_unstored(path)
    assert unstored is not None
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    unstored.store()
    assert cache.entries() == []


def test_a_file_with_errors_is_not_stored(cache_dir: Path) -> None:
    result = cache.load_file_cached(TESTS / "fixtures" / "check" / "bad-confidence.toml")
    assert result.errors
    assert cache.entries() == []


def test_no_cache_neither_reads_nor_writes_it(cache_dir: Path, tmp_path: Path) -> None:
    path = copy_of(BUNDLED, tmp_path / "files")
    assert run(["check", "--no-cache", str(path)])[0] == 0
    assert run(["export", "--no-cache", str(path)])[0] == 0
    assert not cache_dir.exists()


def test_another_model_shape_is_another_key(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(BUNDLED, tmp_path / "files")
    cache.load_file_cached(path)
    key = cache._key(path)
    assert key is not None
    # A new field in a model (as format 2 added them) changes the shape in the key.
    monkeypatch.setattr(cache, "_shape", lambda: (*key[-1], ("a new field",)))
    assert cache._key(path) != key
    assert cache._read(cache.entries()[0], cache._key(path), "x", diagnostics_only=False) is None


# ---------------------------------------------------------------------------------------
# The commands: byte for byte the same output with and without the cache


def run(args: list[str], capsys: pytest.CaptureFixture[bytes] | None = None) -> tuple[int, bytes]:
    code = cli.main(args)
    if capsys is None:
        return code, b""
    captured = capsys.readouterr()
    return code, captured.out + b"\0" + captured.err


EXPORTS = [
    (fixture, fmt)
    for fixture in [
        BUNDLED,
        TESTS / "fixtures" / "features-v2.toml",
        TESTS / "fixtures" / "hostile.toml",
    ]
    for fmt in ("text", "markdown", "json")
]


@pytest.mark.parametrize(("fixture", "fmt"), EXPORTS, ids=[f"{p.stem}-{f}" for p, f in EXPORTS])
def test_export_is_byte_identical_from_the_cache(
    fixture: Path,
    fmt: str,
    cache_dir: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = copy_of(fixture, tmp_path / "files")
    args = ["export", str(path), "--format", fmt]
    uncached = run([*args, "--no-cache"], capsysbinary)
    stored = run(args, capsysbinary)
    assert cache.entries()
    from_cache_only(monkeypatch)
    cached = run(args, capsysbinary)
    assert cached == stored == uncached
    assert uncached[1].split(b"\0")[0]  # something was exported


def test_export_of_a_section_is_byte_identical_from_the_cache(
    cache_dir: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = copy_of(BUNDLED, tmp_path / "files")
    section = load_file(path).briefing.sections[-1].id  # type: ignore[union-attr]
    args = ["export", str(path), "--section", section, "--width", "40"]
    uncached = run([*args, "--no-cache"], capsysbinary)
    run(args, capsysbinary)
    from_cache_only(monkeypatch)
    assert run(args, capsysbinary) == uncached


@pytest.mark.parametrize(
    "fixture",
    [TESTS / "fixtures" / "hostile.toml", TESTS / "fixtures" / "features.toml", BUNDLED],
    ids=["hostile", "features", "bundled"],
)
def test_check_prints_the_same_lines_from_the_cache(
    fixture: Path,
    cache_dir: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = copy_of(fixture, tmp_path / "files")
    uncached = run(["check", "--no-cache", str(path)], capsysbinary)
    run(["check", str(path)], capsysbinary)
    from_cache_only(monkeypatch)
    assert run(["check", str(path)], capsysbinary) == uncached


def test_check_names_the_file_as_given_not_as_stored(
    cache_dir: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = copy_of(TESTS / "fixtures" / "hostile.toml", tmp_path / "files")
    run(["check", str(path)], capsysbinary)  # stored under the absolute name
    monkeypatch.chdir(path.parent)
    uncached = run(["check", "--no-cache", path.name], capsysbinary)
    from_cache_only(monkeypatch)
    cached = run(["check", path.name], capsysbinary)
    assert cached == uncached
    assert b"\0" + path.name.encode() + b":" in cached[1]
    assert str(path.parent).encode() not in cached[1]


# ---------------------------------------------------------------------------------------
# A broken cache costs speed only


def damaged(entry: bytes, how: str) -> bytes:
    """Return an entry damaged one way."""
    header = len(cache.MAGIC) + 2 + 32
    if how == "flipped":
        middle = len(entry) // 2
        return entry[:middle] + bytes([entry[middle] ^ 0xFF]) + entry[middle + 1 :]
    if how == "truncated":
        return entry[: len(entry) * 2 // 3]
    if how == "header only":
        return entry[:header]
    if how == "empty":
        return b""
    if how == "foreign":
        return b"\x89PNG\r\n\x1a\n" + entry[8:]
    if how == "newer":
        newer = (cache.CACHE_VERSION + 1).to_bytes(2, "big")
        return cache.MAGIC + newer + entry[len(cache.MAGIC) + 2 :]
    raise AssertionError(how)


DAMAGES = ["flipped", "truncated", "header only", "empty", "foreign", "newer"]


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("command", ["check", "export"])
def test_a_damaged_entry_changes_nothing_but_speed(
    how: str,
    command: str,
    cache_dir: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    path = copy_of(TESTS / "fixtures" / "hostile.toml", tmp_path / "files")
    uncached = run([command, "--no-cache", str(path)], capsysbinary)
    run([command, str(path)], capsysbinary)
    (entry,) = cache.entries()
    good = entry.read_bytes()
    entry.write_bytes(damaged(good, how))
    assert run([command, str(path)], capsysbinary) == uncached
    # Ignored, then rewritten: the entry is whole again.
    assert entry.read_bytes() == good


@pytest.mark.parametrize("command", ["check", "export"])
def test_an_unwritable_cache_folder_changes_nothing_but_speed(
    command: str,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Under a regular file: no one, root included, can create that folder.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    path = copy_of(TESTS / "fixtures" / "hostile.toml", tmp_path / "files")
    uncached = run([command, "--no-cache", str(path)], capsysbinary)
    assert run([command, str(path)], capsysbinary) == uncached
    assert run([command, str(path)], capsysbinary) == uncached
    assert blocker.read_text() == "not a folder"


def test_writes_leave_no_temporary_files(cache_dir: Path, tmp_path: Path) -> None:
    for fixture in FIXTURES[:5]:
        cache.load_file_cached(copy_of(fixture, tmp_path / fixture.stem))
    assert sorted(p.name for p in cache_dir.iterdir()) == [p.name for p in cache.entries()]
    assert len(cache.entries()) == 5


def test_the_cache_is_bounded_oldest_first(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    paths = [copy_of(BUNDLED, tmp_path / str(n)) for n in range(5)]
    for path in paths:
        cache.load_file_cached(path)
        # Each entry older than the next, whatever the clock's resolution.
        for number, entry in enumerate(sorted(cache.entries(), key=os.path.getmtime)):
            os.utime(entry, ns=(number * 10**9, number * 10**9))
    assert len(cache.entries()) == 3
    # The last three files are the ones still stored.
    from_cache_only(monkeypatch)
    for path in paths[2:]:
        assert cache.load_file_cached(path).briefing is not None
    with pytest.raises(LoaderCalled):
        cache.load_file_cached(paths[0])


def test_the_cache_folder_defaults_to_the_users_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("briefing"))


# ---------------------------------------------------------------------------------------
# Reading an entry never runs what it holds


MARKER = "briefing-cache-test-ran"


def crafted_entry(path: Path, body: object) -> bytes:
    """Return an entry for `path` with a valid header and checksum around `body`."""
    key = cache._key(path)
    return cache._entry_bytes((key, (), 0, 0), marshal.dumps(body, 4))


def stored_body(entry: Path) -> Any:
    payload = memoryview(entry.read_bytes())[len(cache.MAGIC) + 2 + 32 :]
    return marshal.loads(cache._split(payload)[1])


def with_value(body: Any, slot_path: str, field: str, value: object) -> Any:
    """Return `body` with one stored field of the first model at a slot replaced."""
    layout = cache_rows.layout()
    index = next(i for i, s in enumerate(layout.slots) if ".".join(s.path) == slot_path)
    count, masks, rows, strings = body[index]
    first = dict(rows[0], **{field: value})
    parts = list(body)
    parts[index] = (count, masks, (first, *rows[1:]), strings)
    return tuple(parts)


@pytest.mark.parametrize(
    "payload",
    ["code object", "code in a claim", "set", "float", "bytes", "pickle", "tuple for a text"],
)
def test_an_entry_that_holds_anything_but_plain_data_is_refused(
    payload: str, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(BUNDLED, tmp_path / "files")
    marker = tmp_path / MARKER
    code = compile(f"open({str(marker)!r}, 'w').close()", "<crafted>", "exec")
    loaded = cache.load_file_cached(path)
    (entry,) = cache.entries()
    body = stored_body(entry)
    crafted: bytes
    if payload == "code object":
        crafted = crafted_entry(path, code)
    elif payload == "code in a claim":
        crafted = crafted_entry(path, with_value(body, "sections.claims", "text", code))
    elif payload == "set":
        crafted = crafted_entry(path, with_value(body, "sections.claims", "text", {"a"}))
    elif payload == "float":
        crafted = crafted_entry(path, with_value(body, "sections.claims.evidence", "quote", 1.5))
    elif payload == "bytes":
        crafted = crafted_entry(path, with_value(body, "sources", "title", b"bytes"))
    elif payload == "tuple for a text":
        crafted = crafted_entry(path, with_value(body, "sections.claims", "text", ("a", "b")))
    else:
        # A pickle that would run code if anything unpickled it, checksum and all.
        evil = pickle.dumps(Exploit(str(marker)))
        crafted = cache.MAGIC + cache._VERSION_BYTES + hashlib.sha256(evil).digest() + evil
    entry.write_bytes(crafted)
    key = cache._key(path)
    assert key is not None
    # Refused when read, whether the briefing or only its diagnostics are wanted ...
    assert cache._read(entry, key, str(path), diagnostics_only=False) is None
    # ... and the loader answers instead, as if there were no cache.
    again = cache.load_file_cached(path)
    assert again.briefing == loaded.briefing
    assert not marker.exists()


class Exploit:
    """What a malicious pickle holds: unpickling it would create the marker file."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.marker, "w"))


def test_a_crafted_entry_with_a_plain_but_wrong_shape_is_refused(
    cache_dir: Path, tmp_path: Path
) -> None:
    path = copy_of(BUNDLED, tmp_path / "files")
    loaded = cache.load_file_cached(path)
    (entry,) = cache.entries()
    body = stored_body(entry)
    count, masks, rows, strings = body[-1]
    for broken in (
        body[:-1],  # a slot missing
        (*body[:-1], (count + 1, masks, rows, strings)),  # counts that do not add up
        with_value(body, "sections.claims", "evidence", -1),  # a negative count
        with_value(body, "sections.claims", "unknown", "x"),  # a field the model lacks
    ):
        entry.write_bytes(crafted_entry(path, broken))
        assert cache._read(entry, cache._key(path), str(path), diagnostics_only=False) is None
    assert cache.load_file_cached(path).briefing == loaded.briefing


@pytest.mark.parametrize(
    ("slot", "field", "value"),
    [
        ("sections.claims", "text", 7),  # an integer where a string belongs
        ("sections", "title", None),  # nothing where a title is required
        ("sections.claims.evidence", "credibility", "2"),  # a string for a number
        ("sections.claims", "confidence", "certain"),  # a word outside the field's own
        ("", "format", 3),  # a format this program does not read
    ],
    ids=["int-for-text", "none-for-title", "str-for-int", "unknown-word", "format-3"],
)
def test_a_crafted_entry_with_a_value_of_the_wrong_type_is_refused(
    slot: str, field: str, value: object, cache_dir: Path, tmp_path: Path
) -> None:
    # Plain data with a valid checksum, but not what the field holds: built into models,
    # it stopped the reader or an export with an internal error where it was drawn.
    from briefing.export import render

    path = copy_of(TESTS / "fixtures" / "features-v2.toml", tmp_path / "files")
    loaded = cache.load_file_cached(path)
    assert loaded.briefing is not None
    (entry,) = cache.entries()
    entry.write_bytes(crafted_entry(path, with_value(stored_body(entry), slot, field, value)))
    assert cache._read(entry, cache._key(path), str(path), diagnostics_only=False) is None
    again = cache.load_file_cached(path)
    assert again.briefing is not None
    assert render(again.briefing) == render(loaded.briefing)
    # ... and the entry is written again, good.
    assert cache.load_file_cached(path).briefing == loaded.briefing


# ---------------------------------------------------------------------------------------
# pydantic's private API, used in briefing/document/cache.py only


def test_pydantic_instances_still_have_the_slots_the_cache_sets() -> None:
    assert set(BaseModel.__slots__) == set(cache_rows.PYDANTIC_SLOTS), (
        "pydantic's BaseModel slots changed: briefing.document.cache_rows.build needs updating"
    )
    for name in cache_rows.PYDANTIC_SLOTS:
        assert hasattr(BaseModel.__dict__.get(name), "__set__"), (
            f"pydantic's BaseModel.{name} is no longer a settable slot: "
            "briefing.document.cache_rows.slot_setter needs updating"
        )
    validated = load_file(BUNDLED).briefing
    assert validated is not None
    for model in every_model(validated):
        if type(model).__private_attributes__:
            continue
        # What validation leaves in the slots the cache fills by hand.
        assert model.__pydantic_extra__ is None
        assert model.__pydantic_private__ is None
        assert isinstance(model.__pydantic_fields_set__, set)


# ---------------------------------------------------------------------------------------
# The console commands store in a child process; the reader reads before its first frame


def test_the_console_command_stores_its_entry_in_a_child_and_reads_it_next_time(
    cache_dir: Path,
) -> None:
    # A file of the repository, not a copy: a file changed in the last 2 s is not stored.
    path = TESTS / "fixtures" / "hostile.toml"
    command = [sys.executable, "-m", "briefing", "export", str(path), "--format", "markdown"]
    uncached = subprocess.run([*command, "--no-cache"], capture_output=True, timeout=60)
    first = subprocess.run(command, capture_output=True, timeout=60)
    # The child that writes the entry is nobody's to wait for: look until it is there.
    for _ in range(600):
        if cache.entries():
            break
        time.sleep(0.05)
    (entry,) = cache.entries()
    before = entry.stat()
    os.utime(entry, ns=(0, 0))
    second = subprocess.run(command, capture_output=True, timeout=60)
    assert (first.returncode, first.stdout, first.stderr) == (
        uncached.returncode,
        uncached.stdout,
        uncached.stderr,
    )
    assert (second.returncode, second.stdout, second.stderr) == (
        uncached.returncode,
        uncached.stdout,
        uncached.stderr,
    )
    # Read from the cache (a hit marks the entry used), not parsed and stored again.
    after = entry.stat()
    assert after.st_ino == before.st_ino
    assert after.st_mtime_ns != 0


def test_the_reader_builds_a_large_cached_briefing_before_its_first_frame(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "large.toml"
    text = BUNDLED.read_text(encoding="utf-8")
    path.write_text(text + "\n" + "#" * PRELOAD_MAX_BYTES + "\n", encoding="utf-8")
    assert load_if_small(path) is None  # not cached yet: the reader loads it in a worker
    stored = cache.load_file_cached(path)
    from_cache_only(monkeypatch)
    first = load_if_small(path)
    assert first is not None and first.result.briefing is not None
    assert_same_briefing(first.result.briefing, stored.briefing)  # type: ignore[arg-type]
    assert load_if_small(path, use_cache=False) is None


def test_a_temporary_file_left_by_a_dead_writer_is_removed_but_not_a_live_one(
    cache_dir: Path, tmp_path: Path
) -> None:
    cache_dir.mkdir()
    dead = cache_dir / ".x.entry.1.dead.tmp"
    live = cache_dir / ".x.entry.2.live.tmp"
    dead.write_bytes(b"half an entry")
    live.write_bytes(b"half an entry")
    os.utime(dead, ns=(0, 0))
    cache.load_file_cached(copy_of(BUNDLED, tmp_path / "files"))
    assert not dead.exists()
    assert live.exists()
