"""Writing a file atomically (an export, the reader's state): a reader sees the old or the new one.

The text goes to a temporary file in the target's folder (same file system, so the
final rename is atomic), is flushed to disk, then takes the target's name. Without
`force` the final step is a hard link, which fails if the name was taken meanwhile,
so an existing file is never overwritten by a race either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path


def write_atomic(path: Path | str, text: str, *, force: bool = False, mode: int = 0o666) -> None:
    """Write `text` as UTF-8 to `path` atomically; return None.

    A new file gets `mode` less the process umask (0o600 keeps it private); a
    replaced file keeps its permissions.

    Raises FileExistsError when `path` exists and `force` is not set,
    IsADirectoryError when it is a folder, and any other OSError from writing.
    On failure the temporary file is removed and an existing file is left as it was.
    With `force`, a symbolic link at `path` is replaced by the file, not followed.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    existing_mode = _existing_mode(path)
    if existing_mode is not None and not force:
        raise FileExistsError(errno.EEXIST, "file exists", str(path))
    data = text.encode("utf-8")
    fd, temp = _create_temp(path, mode)
    try:
        with open(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if existing_mode is not None:
            # Replacing a file keeps its permissions, as an editor's save would.
            os.chmod(temp, existing_mode)
        if force:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _existing_mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return None


def _create_temp(path: Path, mode: int) -> tuple[int, Path]:
    # Created with `mode` so the process umask applies, as for any new file; the
    # name is cut so that a long target name still leaves room for the suffix.
    for _ in range(100):
        temp = path.with_name(f".{path.name[:200]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "cannot create a temporary file", str(path.parent))


def _link_new(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: check again, then rename.
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
        os.replace(temp, path)
