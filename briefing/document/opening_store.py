"""Where the reader keeps what its first frame of each briefing showed: its opening.

Reopening a large briefing from the cache (cache.py) still imports pydantic and builds
every model before the first frame. What that frame shows is small — the title, the
section rows, the first section's claims — so the reader stores it, once a briefing has
loaded without errors, as plain rows of text (briefing/tui/briefing_screen/opening.py
makes and reads them). The next time the file provably has not changed, the reader
draws those rows at once and builds the briefing behind them. Once it has drawn them,
it also keeps a picture of that frame, cell by cell, for the terminal's size (a record
of its own kind, `PICTURE`: briefing/tui/briefing_screen/picture.py), drawn in its turn
on the next open at that size without even the briefing screen's widgets.

The key is the cache's: the resolved path, device, inode, size, `mtime_ns` and `ctime_ns`
(an edit that keeps size and mtime still moves the ctime), and besides the program's
version a stamp of its sources, since the rows are drawn by the program's code. A record
is `MAGIC`, its format's version, a checksum (sha256) and a JSON payload: it holds text,
never code, and reading it runs none. A corrupt, truncated, foreign or newer record, or
one for another key, is ignored; writes are atomic (temporary file, rename); a folder
that cannot be written costs speed only. Nothing here imports the models.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from briefing import __version__
from briefing.document.cache_folder import cache_dir, file_identity, write_whole

MAGIC = b"BRIEFING-OPENING\x00"
RECORD_VERSION = 1
"""Bump when the record's layout changes."""
_VERSION_BYTES = RECORD_VERSION.to_bytes(2, "big")
_DIGEST_SIZE = 32
_HEADER_SIZE = len(MAGIC) + len(_VERSION_BYTES) + _DIGEST_SIZE
SUFFIX = ".opening"
PICTURE = ".picture"
"""The suffix of a record that holds a picture of the opening's frame (picture.py)."""
MAX_RECORDS = 128
"""At most this many records of each kind are kept, the least recently used removed first."""
MAX_RECORD_BYTES = 4 * 1024 * 1024
"""A record larger than this is not read (one section of many thousands of claims)."""
RACY_NS = 2_000_000_000
"""A file changed less than this long ago is not recorded (see cache.RACY_NS)."""

Key = tuple[str, int, int, int, int, int, str, str]


def opening_key(path: str | os.PathLike[str]) -> Key | None:
    """Return what proves the file at `path` unchanged, or None when it cannot be read."""
    identity = file_identity(path)
    return None if identity is None else (*identity, __version__, _sources_stamp())


def read_opening(key: Key, kind: str = SUFFIX) -> object | None:
    """Return the opening recorded for the file `key` describes, as parsed JSON, or None.

    `kind` is the record's suffix: the opening's rows (`SUFFIX`) or its picture (`PICTURE`).
    """
    record = _record_path(key[0], kind)
    if record is None:
        return None
    try:
        with open(record, "rb") as file:
            data = file.read(MAX_RECORD_BYTES + 1)
    except (OSError, ValueError):
        return None
    stored = _payload(data)
    if not isinstance(stored, list) or len(stored) != 2 or stored[0] != list(key):
        return None
    with contextlib.suppress(OSError):
        os.utime(record)  # used records are the last to go
    found: object = stored[1]
    return found


def store_opening(
    path: str | os.PathLike[str], key: Key, opening: object, kind: str = SUFFIX
) -> bool:
    """Record `opening` (of `kind`) for the file at `path` if it is still the one `key` describes.

    `opening` is JSON data (lists, dicts, strings, integers, booleans). Returns True once
    written; False when the file changed, changed just now, or the folder is unwritable.
    """
    if opening_key(path) != key or time.time_ns() - key[5] < RACY_NS:
        return False
    record = _record_path(key[0], kind)
    if record is None:
        return False
    try:
        payload = json.dumps([list(key), opening], ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):
        return False
    if len(payload) > MAX_RECORD_BYTES - _HEADER_SIZE:
        return False
    data = MAGIC + _VERSION_BYTES + hashlib.sha256(payload).digest() + payload
    try:
        write_whole(record, [data])
        _evict(record.parent, keep=record, kind=kind)
    except (OSError, ValueError):
        return False
    return True


def record_file(
    path: str | os.PathLike[str], kind: str = SUFFIX, folder: Path | None = None
) -> Path | None:
    """Return where the record of `kind` for the file at `path` is kept, in `folder` or
    the cache folder (whether or not it is there); None when the file cannot be read.
    For tests and benchmarks."""
    identity = file_identity(path)
    if identity is None:
        return None
    record = _record_path(identity[0], kind)
    return None if record is None else (folder or record.parent) / record.name


def records(folder: Path | None = None, kind: str = SUFFIX) -> list[Path]:
    """Return the record files of `kind` (for tests)."""
    folder = folder or cache_dir()
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(kind))
    except OSError:
        return []


def _record_path(resolved: str, kind: str) -> Path | None:
    try:
        folder = cache_dir()
    except Exception:  # platformdirs failing to find a home: no record, no message
        return None
    digest = hashlib.blake2b(resolved.encode("utf-8", "surrogatepass"), digest_size=16)
    return folder / (digest.hexdigest() + kind)


def _payload(data: bytes) -> object | None:
    """Return a record's parsed payload if its magic, version and checksum are right."""
    if len(data) < _HEADER_SIZE or len(data) > MAX_RECORD_BYTES or not data.startswith(MAGIC):
        return None
    version_end = len(MAGIC) + len(_VERSION_BYTES)
    if data[len(MAGIC) : version_end] != _VERSION_BYTES:
        return None
    payload = data[_HEADER_SIZE:]
    if hashlib.sha256(payload).digest() != data[version_end:_HEADER_SIZE]:
        return None
    try:
        parsed: object = json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return parsed


def _evict(folder: Path, keep: Path, kind: str) -> None:
    found = []
    with os.scandir(folder) as listing:
        for item in listing:
            if item.name.endswith(kind) and item.path != str(keep):
                with contextlib.suppress(OSError):
                    found.append((item.stat(follow_symlinks=False).st_mtime_ns, item.path))
    found.sort()
    for _, item_path in found[: max(0, len(found) + 1 - MAX_RECORDS)]:
        with contextlib.suppress(OSError):
            os.unlink(item_path)


_STAMP: str | None = None


def _sources_stamp() -> str:
    """Return a digest of the name, size and mtime of every module of the program.

    The rows are drawn by the program's code, and a source checkout changes without a
    new version number: a record drawn by other code is never shown. Computed once.
    """
    global _STAMP
    if _STAMP is None:
        package = Path(__file__).parent.parent
        digest = hashlib.blake2b(digest_size=16)
        for folder, dirs, files in os.walk(package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")  # walked in this order
            for name in sorted(files):
                if name.endswith((".py", ".tcss")):
                    with contextlib.suppress(OSError):
                        info = os.stat(os.path.join(folder, name))
                        line = f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}\n"
                        digest.update(line.encode("utf-8", "surrogatepass"))
        _STAMP = digest.hexdigest()
    return _STAMP
