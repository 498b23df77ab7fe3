"""A cache of validated briefings, so that reopening an unchanged file skips parsing and validating.

Reading a 10,000-claim briefing costs over a second, nearly all of it tomli and pydantic;
people reopen the same files again and again. Once a file has loaded without errors, its
briefing and warnings are stored here as plain data; the next time, if the file provably
has not changed, the models are built straight from that data.

What proves the bytes unchanged is the key: the resolved path, the device, inode, size,
`mtime_ns` and `ctime_ns` (a user can set the mtime back, never the ctime, so an edit that
keeps size and mtime still changes the key), the program's version, the format versions
it reads, the cache format's version and the models' shape (their classes and fields), so
that a model that gains a field never reads an entry written before it.

An entry is `MAGIC`, the cache format's version, a checksum (sha256) and a payload of
`marshal` data: the key and the warnings, then the briefing as dicts of strings, integers
and None (a date is its ordinal; see `cache_rows`). Every value is checked against its
field's type before use: anything else (a code object, a float, a set, an integer where a
string belongs ...) refuses the entry. Nothing goes through pickle or eval: reading an
entry never runs code. A corrupt, truncated, foreign or newer entry is ignored and
rewritten; a cache folder that cannot be written costs speed only, without a word.
Entries are written to a temporary file and renamed, so a concurrent process sees the old
entry or the whole new one. At most `MAX_ENTRIES` or `MAX_BYTES`, oldest used first out.

Building models without validating them again uses pydantic's private instance slots
(`__pydantic_fields_set__` and the others), kept to `cache_rows`; tests/test_cache.py
fails if pydantic changes them.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.document.cache_folder import cache_dir, file_identity, write_whole
from briefing.document.cache_rows import layout
from briefing.document.detached import run_detached
from briefing.document.diagnostics import Diagnostic
from briefing.document.loader import SUPPORTED_VERSIONS, LoadResult, load_file

NO_CACHE_HELP = "read the file itself, not the cache of briefings already validated"
"""The help of every command's `--no-cache` option."""

MAGIC = b"BRIEFING-CACHE\x00"
CACHE_VERSION = 1
"""Bump when the entry layout or the payload's encoding changes."""
_VERSION_BYTES = CACHE_VERSION.to_bytes(2, "big")
_DIGEST_SIZE = 32
_HEADER_SIZE = len(MAGIC) + len(_VERSION_BYTES) + _DIGEST_SIZE
MAX_ENTRIES = 64
MAX_BYTES = 512 * 1024 * 1024
_SUFFIX = ".entry"
# What the key and the diagnostics may hold once loaded; anything else refuses the entry.
_PLAIN = frozenset({str, int, type(None), tuple})
_STALE_TEMP_NS = 3600 * 10**9
"""A temporary file this old was left by a writer that died: it is removed."""


def load_file_cached(
    path: str | os.PathLike[str],
    *,
    use_cache: bool = True,
    diagnostics_only: bool = False,
    store_in_background: bool = False,
) -> LoadResult:
    """Return what `loader.load_file` returns for `path`, from the cache when the file is unchanged.

    A file that loads without errors is stored for next time. Any trouble with the cache
    (missing, corrupt, unwritable) falls back to loading the file; it never raises for it.
    With `diagnostics_only` (`briefing check`), a result from the cache holds the
    diagnostics and no briefing: the models are not built at all. With
    `store_in_background`, a new entry is written by a forked child, which the caller
    does not wait for (see `_write_in_child`).
    """
    result, unstored = load_file_unstored(
        path, use_cache=use_cache, diagnostics_only=diagnostics_only
    )
    if unstored is not None:
        unstored.store(in_child=store_in_background)
    return result


def load_file_unstored(
    path: str | os.PathLike[str], *, use_cache: bool = True, diagnostics_only: bool = False
) -> tuple[LoadResult, Unstored | None]:
    """Return what `load_file_cached` returns, and the entry it would store, not yet stored.

    For the reader: a briefing is shown first and stored after (~0.15 s at 10,000
    claims). The second is None when there is nothing to store: the result came from the
    cache, has errors, or the file changed while it was read or just before.
    """
    if not use_cache:
        return load_file(path), None
    name = str(path)
    key = _key(path)
    if key is None:
        return load_file(path), None
    entry = _entry_path(key)
    if entry is not None:
        cached = _read(entry, key, name, diagnostics_only=diagnostics_only)
        if cached is not None:
            return cached, None
    result = load_file(path)
    # Only if the file is still the one that was read (an edit during the load would
    # otherwise be stored under the old file's key), and has not just changed.
    loaded = result.briefing is not None and not result.errors
    if entry is not None and loaded and _key(path) == key and not _racy(key):
        return result, Unstored(path, entry, key, result)
    return result, None


@dataclass(frozen=True, slots=True)
class Unstored:
    """A briefing just loaded that the cache may hold: `store()` writes its entry."""

    path: str | os.PathLike[str]
    entry: Path
    key: tuple[Any, ...]
    result: LoadResult

    def store(self, *, in_child: bool = False) -> None:
        """Write the entry if the file is still the one read (`in_child`: by a forked child)."""
        if _key(self.path) != self.key:
            return  # changed since: the next load stores the new file
        (_write_in_child if in_child else _write)(self.entry, self.key, self.result)

    def store_in_child(self) -> None:
        """Write the entry from a forked child (see `_write_in_child`)."""
        self.store(in_child=True)


def cached_result(path: str | os.PathLike[str]) -> LoadResult | None:
    """Return the briefing at `path` from the cache if it holds the file unchanged, else None.

    Never loads the file: the reader builds a large briefing from the cache before its
    first frame, but parses one in the background."""
    key = _key(path)
    entry = _entry_path(key) if key is not None else None
    if key is None or entry is None:
        return None
    return _read(entry, key, str(path), diagnostics_only=False)


# ---------------------------------------------------------------------------------------
# The key and where its entry lives

RACY_NS = 2_000_000_000
"""A file changed less than this long ago (its ctime) is not stored.

The kernel stamps ctime from a clock that ticks every few milliseconds: a second edit
within the tick of the first, of the same size and with its mtime set back, would keep
the whole key. Once the tick has passed, any edit moves the ctime. (Git's index calls
such entries "racily clean" and deals with them the same way.)"""


def _key(path: str | os.PathLike[str]) -> tuple[Any, ...] | None:
    identity = file_identity(path)
    if identity is None:
        return None
    try:
        shape = _shape()
    except TypeError:
        return None  # a model the plain encoding cannot hold: nothing is cached
    return (*identity, __version__, SUPPORTED_VERSIONS, CACHE_VERSION, shape)


def _racy(key: tuple[Any, ...]) -> bool:
    ctime_ns: int = key[5]
    return time.time_ns() - ctime_ns < RACY_NS


def _entry_path(key: tuple[Any, ...]) -> Path | None:
    # One entry per file (named by its resolved path): a changed file's entry is replaced,
    # not left beside the new one.
    try:
        folder = cache_dir()
    except Exception:  # platformdirs failing to find a home: no cache, no message
        return None
    digest = hashlib.blake2b(str(key[0]).encode("utf-8", "surrogatepass"), digest_size=16)
    return folder / (digest.hexdigest() + _SUFFIX)


# ---------------------------------------------------------------------------------------
# Reading and writing entries


def _read(
    entry: Path, key: tuple[Any, ...], name: str, *, diagnostics_only: bool
) -> LoadResult | None:
    try:
        with open(entry, "rb") as file:
            data = file.read()
    except (OSError, ValueError):
        return None
    payload = _checked_payload(data)
    if payload is None:
        return None
    try:
        head, body = _split(payload)
        result = _decode_result(head, body, key, name, diagnostics_only=diagnostics_only)
    except Exception:  # whatever is wrong with an entry, it is only ignored
        return None
    if result is not None:
        # Used entries are the last to be evicted.
        with contextlib.suppress(OSError):
            os.utime(entry)
    return result


def _checked_payload(data: bytes) -> memoryview | None:
    """Return an entry's payload if its magic, version and checksum are right, else None."""
    if len(data) < _HEADER_SIZE or not data.startswith(MAGIC):
        return None
    version = data[len(MAGIC) : len(MAGIC) + len(_VERSION_BYTES)]
    if version != _VERSION_BYTES:
        return None
    digest = data[len(MAGIC) + len(_VERSION_BYTES) : _HEADER_SIZE]
    # A view, not a copy of the 20 MB of a large briefing's entry.
    payload = memoryview(data)[_HEADER_SIZE:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def _split(payload: memoryview) -> tuple[object, memoryview]:
    """Return a payload's head, loaded, and its body, not yet loaded (not even copied).

    The payload is the head's length (4 bytes), the head (marshal data: the key and the
    diagnostics) and the body (marshal data: the briefing), so that `check` never loads
    the briefing, and `export` does not copy its 20 MB before loading it.
    """
    length = int.from_bytes(payload[:4], "big")
    if len(payload) < 4 + length:
        raise ValueError("a truncated entry")
    return marshal.loads(payload[4 : 4 + length]), payload[4 + length :]


def _entry_parts(head: tuple[Any, ...], body: bytes) -> tuple[bytes, ...]:
    """Return an entry's pieces in order: magic, version, checksum, then the payload.

    The payload (see `_split`): the head's length, the head, the body. Joined, they made
    two more copies of a 10,000-claim entry's ~20 MB, at the reader's peak memory.
    """
    head_bytes = marshal.dumps(head, 4)
    payload = (len(head_bytes).to_bytes(4, "big"), head_bytes, body)
    # sha256 over blake2b: 2-3x as fast here (the CPU's SHA instructions), 10 ms at 19 MB.
    digest = hashlib.sha256()
    for piece in payload:
        digest.update(piece)
    return (MAGIC, _VERSION_BYTES, digest.digest(), *payload)


def _entry_bytes(head: tuple[Any, ...], body: bytes) -> bytes:
    return b"".join(_entry_parts(head, body))  # one string: for tests that craft entries


def _write(entry: Path, key: tuple[Any, ...], result: LoadResult) -> None:
    try:
        parts = _entry_parts(*_encode_result(key, result))
    except (ValueError, TypeError):
        return  # a value the plain encoding cannot hold: not cached
    try:
        write_whole(entry, parts)
        _evict(entry.parent, keep=entry)
    except (OSError, ValueError):
        return  # an unwritable cache costs speed only


def _write_in_child(entry: Path, key: tuple[Any, ...], result: LoadResult) -> None:
    """Write the entry in a forked child, so that neither a command nor the reader waits.

    Encoding takes ~0.15 s at 10,000 claims, which `check` would add to its ~1.1 s; in
    the reader, marshal holds the interpreter lock (0.1 s at 10,000 claims, 0.5 s at
    50,000), which keys would wait for (see briefing/document/detached.py)."""
    if not hasattr(os, "fork"):
        _write(entry, key, result)
        return
    with contextlib.suppress(OSError):  # no process to spare: the next open stores it
        run_detached(lambda: _write(entry, key, result))


def _evict(folder: Path, keep: Path) -> None:
    entries = []
    total = 0
    now = time.time_ns()
    with os.scandir(folder) as found:
        for item in found:
            with contextlib.suppress(OSError):
                info = item.stat(follow_symlinks=False)
                if item.name.endswith(_SUFFIX):
                    entries.append((info.st_mtime_ns, info.st_size, item.path))
                    total += info.st_size
                elif item.name.endswith(".tmp") and now - info.st_mtime_ns > _STALE_TEMP_NS:
                    os.unlink(item.path)
    entries.sort()
    count = len(entries)
    for _, size, item_path in entries:
        if count <= MAX_ENTRIES and total <= MAX_BYTES:
            break
        if item_path == str(keep):
            continue
        with contextlib.suppress(OSError):
            os.unlink(item_path)
            count -= 1
            total -= size


# ---------------------------------------------------------------------------------------
# The payload's head (key, diagnostics, omitted errors and warnings) and body (the briefing)


def _encode_result(key: tuple[Any, ...], result: LoadResult) -> tuple[tuple[Any, ...], bytes]:
    """Return an entry's head (the key and the diagnostics) and its body (the briefing)."""
    assert result.briefing is not None
    diagnostics = tuple(
        (d.severity, d.message, d.line, d.col, d.keypath) for d in result.diagnostics
    )
    head = (key, diagnostics, result.omitted_errors, result.omitted_warnings)
    return head, marshal.dumps(layout().encode(result.briefing), 4)


def _decode_result(
    head: object, body: memoryview, key: tuple[Any, ...], name: str, *, diagnostics_only: bool
) -> LoadResult | None:
    if type(head) is not tuple or len(head) != 4:
        return None
    stored_key, diagnostics, omitted_errors, omitted_warnings = head
    # The key first, walked: it is small, and a foreign entry ends here.
    if not _plain(stored_key) or stored_key != key:
        return None
    if not _plain(diagnostics) or type(omitted_errors) is not int:
        return None
    if type(omitted_warnings) is not int:
        return None
    found = []
    for severity, message, line, col, keypath in diagnostics:
        if severity not in ("error", "warning") or type(message) is not str:
            return None
        if type(keypath) is not str or not _int_or_none(line) or not _int_or_none(col):
            return None
        found.append(Diagnostic(name, severity, message, line, col, keypath))
    if diagnostics_only:
        return LoadResult(Path(name), None, found, omitted_errors, omitted_warnings)
    briefing = layout().decode(marshal.loads(body))
    return LoadResult(Path(name), briefing, found, omitted_errors, omitted_warnings)


def _int_or_none(value: object) -> bool:
    return value is None or type(value) is int


def _plain(value: object) -> bool:
    """Return True if `value` is a tuple built of tuples, strings, integers and None only."""
    if type(value) is not tuple:
        return False
    stack = [value]
    while stack:
        item = stack.pop()
        kinds = set(map(type, item))
        if not kinds <= _PLAIN:
            return False
        if tuple in kinds:
            stack.extend(child for child in item if type(child) is tuple)
    return True


def _shape() -> tuple[Any, ...]:
    """Return the models' slots and fields and the loader's stamp, so an entry of other models
    or other rules is never read."""
    return (layout().shape(), _sources_stamp())


def _sources_stamp() -> tuple[tuple[str, int, int], ...]:
    """Return the size and mtime of the loader's modules: a changed rule is a changed key.

    The program's version does not change with every edit of a source checkout, and an
    entry validated by older rules must not pass for one validated by the new ones.
    """
    folder = Path(__file__).parent
    stamp = []
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for item in found:
            if item.name.endswith(".py"):
                info = item.stat()
                stamp.append((item.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(stamp))


def entries(folder: Path | None = None) -> list[Path]:
    """Return the cache's entry files (for tests and for clearing the cache)."""
    folder = folder or cache_dir()
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(_SUFFIX))
    except OSError:
        return []
