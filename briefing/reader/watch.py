"""Noticing that a file changed on disk, without reading it."""

from __future__ import annotations

import os
from pathlib import Path

Signature = tuple[int, int, int] | None
"""What identifies a version of a file: inode, modification time and size; None if missing."""


def file_signature(path: Path) -> Signature:
    """Return the file's signature, or None when it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)
