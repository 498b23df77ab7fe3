"""The cache folder, shared by the validated briefings (cache.py) and the reader's
openings (opening_store.py), and how a file is written into it whole."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path


def cache_dir() -> Path:
    """Return the cache folder ($BRIEFING_CACHE_DIR, or the platform's user cache folder)."""
    override = os.environ.get("BRIEFING_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing"))


FileIdentity = tuple[str, int, int, int, int, int]
"""The resolved path, device, inode, size, mtime_ns and ctime_ns of a file."""


def file_identity(path: str | os.PathLike[str]) -> FileIdentity | None:
    """Return what proves a file's bytes unchanged, or None when it cannot be read.

    A user can set the mtime back, never the ctime: an edit that keeps the size and the
    mtime still changes it (see cache.RACY_NS for the clock's granularity).
    """
    try:
        resolved = os.path.realpath(path)
        info = os.stat(resolved)
    except (OSError, ValueError):
        return None
    return (
        resolved,
        info.st_dev,
        info.st_ino,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
    )


def write_whole(target: Path, parts: Iterable[bytes]) -> None:
    """Write `parts` to `target` by way of a temporary file renamed over it.

    A concurrent reader sees the old file or the whole new one, never half of one. The
    folder is made if missing (private to the user); OSError says it cannot be written.
    No fsync: a file lost to a crash is only a slower next open, and a torn one fails
    its checksum.
    """
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = folder / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with open(fd, "wb") as file:
            file.writelines(parts)
        os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
