"""`briefing new PATH`: write a commented starter briefing that passes `briefing check`."""

from __future__ import annotations

import argparse
import shlex
import sys
from importlib import resources
from pathlib import Path

DESCRIPTION = """Write a starter briefing to PATH: a small, complete example with a comment on
every key, that 'briefing check' passes without errors or warnings. Edit it into
your own briefing. An existing file is never overwritten."""

PLACEHOLDER = "THIS-FILE"


def starter_text(file_name: str | None = None) -> str:
    """Return the starter briefing, naming `file_name` in its comments when given."""
    text = resources.files("briefing").joinpath("starter.toml").read_text(encoding="utf-8")
    # A name that could end a TOML comment (a newline) or hide itself stays a placeholder.
    if file_name and file_name.isprintable():
        text = text.replace(PLACEHOLDER, shlex.quote(file_name))
    return text


def main(args: list[str]) -> int:
    """Run `briefing new`; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="briefing new",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", metavar="PATH", help="the file to write, e.g. my-briefing.toml")
    options = parser.parse_args(args)
    target = Path(options.path)
    text = starter_text(target.name)
    try:
        # Mode "x" creates the file only if it does not exist, in one step: no race
        # between a check and the write can overwrite someone's briefing.
        with target.open("x", encoding="utf-8", newline="") as file:
            file.write(text)
    except FileExistsError:
        print(f"briefing new: {target} already exists; not overwriting it", file=sys.stderr)
        return 1
    except FileNotFoundError:
        print(f"briefing new: cannot write {target}: no such folder", file=sys.stderr)
        return 1
    except IsADirectoryError:
        print(f"briefing new: {target} is a folder; give a file name", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"briefing new: cannot write {target}: {error.strerror or error}", file=sys.stderr)
        return 1
    shown = shlex.quote(str(target))
    print(f"wrote {target}: a starter briefing to edit into your own.")
    print(f"  check it:  briefing check {shown}")
    print(f"  read it:   briefing {shown}")
    if target.suffix != ".toml":
        print("note: 'briefing check FOLDER' and the reader's library find only *.toml files")
    return 0
