"""What the commands that write a file share: parsing their options, and writing the result."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing.document.textsafe import visible
from briefing.export.atomic import write_atomic


def parse_options(parser: argparse.ArgumentParser, args: Sequence[str]) -> argparse.Namespace | int:
    """Return the parsed options, or the exit code when argparse has already answered."""
    try:
        return parser.parse_args(args)
    except SystemExit as stop:
        # argparse exits 2 for usage errors and 0 for --help; report, don't exit.
        return stop.code if isinstance(stop.code, int) else 2


def write_output(prog: str, path: Path, text: str, *, force: bool, exists: str) -> bool:
    """Write `text` to `path` atomically; return False after saying why it could not be.

    `exists` says what to do instead when `path` exists and `force` is not set.
    """
    name = visible(str(path), one_line=True)
    try:
        write_atomic(path, text, force=force)
    except FileExistsError:
        print(f"{prog}: {name} already exists; {exists}", file=sys.stderr)
        return False
    except IsADirectoryError:
        print(f"{prog}: cannot write {name}: it is a folder", file=sys.stderr)
        return False
    except OSError as error:
        reason = error.strerror or type(error).__name__
        print(f"{prog}: cannot write {name}: {reason}", file=sys.stderr)
        return False
    return True
