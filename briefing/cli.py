"""The `briefing` command line: dispatch to a subcommand or open the reader.

This module and the subcommands it imports for `check` and `export` must not
import Textual: those commands run in scripts and CI and have to start fast.
The reader's modules are imported only when the reader is opened.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from briefing import __version__

PROG = "briefing"
DESCRIPTION = (
    "A terminal reader for claim-structured briefings: who says what, on what "
    "evidence, with which caveats, and who denies it."
)
EPILOG = """commands:
  briefing [PATH]                open the reader (the bundled briefing when PATH is omitted;
                                 a folder opens a library of its briefings)
  briefing check PATH...         report every problem in briefing files, located
  briefing export PATH [...]     write a section or the whole briefing as text, Markdown or JSON
  briefing new PATH              write a commented starter briefing to edit
  briefing schema                print the JSON Schema of the format, for editor completion
  briefing serve [PATH]          serve the reader to a web browser (trusted networks only)
  briefing upgrade PATH          turn a format 1 briefing into format 2, keeping its comments

Run 'briefing COMMAND --help' for a command's options."""


COMMANDS = ("check", "export", "new", "schema", "serve", "upgrade")


def _command(name: str) -> Callable[[list[str]], int]:
    # Only the command asked for is imported, so each starts as light as it can.
    module = importlib.import_module(f"briefing.commands.{name}")
    run: Callable[[list[str]], int] = module.main
    return run


def run() -> NoReturn:
    """Run the program as the `briefing` command, then end the process with its exit code.

    At once: Python's own exit would wait for threads still running (a worker loading a
    large file, or one waiting for a UI loop that has closed). Tests call `main`.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program with `argv` (default: the process's arguments); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return _command(args[0])(args[1:])
        return _read(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`briefing export x | head`): not an error.
        _silence_stdout()
        return 0
    except Exception as error:  # a last resort: never show a user a traceback
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(
            f"{PROG}: internal error: {type(error).__name__}: {error} "
            "(set BRIEFING_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return 3


def _read(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path",
        nargs="?",
        help="a briefing file, or a folder of briefings (default: the bundled briefing)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="open at the top, not at the claim last viewed in the briefing",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    options = parser.parse_args(args)
    from briefing.commands import read

    return read.main(options.path, fresh=options.fresh)


def _silence_stdout() -> None:
    # Point stdout at /dev/null so that Python's exit-time flush cannot raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
