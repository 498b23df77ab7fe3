"""`briefing export PATH`: write a section or the whole briefing as text, Markdown, JSON or HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.commands.output import parse_options, write_output
from briefing.document.cache import NO_CACHE_HELP, load_file_cached
from briefing.document.textsafe import visible
from briefing.export import DEFAULT_WIDTH, FORMATS, MIN_WIDTH, UnknownSectionError, render
from briefing.process import oneshot
from briefing.process.collector import paused_while_building

PROG = "briefing export"
DESCRIPTION = f"""Export a briefing, or some of its sections, as plain text, Markdown, JSON
or HTML.

Claims are numbered across the whole briefing, so claim 7 is the same claim in every
export; sources are cited as [S1], [S2] ... and listed at the end of each section.
A briefing with errors is refused with its problems, located as 'briefing check'
reports them; warnings are printed too and do not stop the export.

exit status: 0 when exported, 1 for a briefing with errors, an unknown section or a
file that cannot be written, 2 for a usage error.

The text format is wrapped at --width columns ({DEFAULT_WIDTH} by default, 0 for no
wrapping); Markdown, JSON and HTML are not wrapped. HTML is one self-contained page:
no script, nothing fetched, light and dark, printable."""


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if width != 0 and width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(
            f"must be 0 (no wrapping) or at least {MIN_WIDTH}, not {width}"
        )
    return width


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", metavar="PATH", help="the briefing file")
    parser.add_argument(
        "--section",
        dest="sections",
        metavar="ID",
        action="append",
        help="a section id to export; repeat the option or separate ids by commas "
        "for several (default: the whole briefing)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="the output format (default: text)"
    )
    parser.add_argument(
        "--width",
        type=_width,
        default=DEFAULT_WIDTH,
        metavar="N",
        help=f"text line width in columns, 0 for no wrapping (default: {DEFAULT_WIDTH})",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE, atomically (default: stdout)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    return parser


def main(args: list[str]) -> int:
    """Run `briefing export`; return the exit code (0 ok, 1 errors, 2 usage)."""
    options = parse_options(_parser(), args)
    if isinstance(options, int):
        return options

    sections = None
    if options.sections is not None:
        # Ids cannot hold commas, so "a,b" can only mean two ids.
        sections = [part for item in options.sections for part in item.split(",") if part]
        if not sections:
            print(f"{PROG}: --section needs a section id", file=sys.stderr)
            return 2

    with paused_while_building():
        result = load_file_cached(
            options.path,
            use_cache=not options.no_cache,
            store_in_background=oneshot.declared(),
        )
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if result.briefing is None:
        count = len(result.errors)
        noun = "error" if count == 1 else "errors"
        print(
            f"{PROG}: not exported: {count} {noun} in {visible(options.path, one_line=True)}",
            file=sys.stderr,
        )
        return 1

    try:
        text = render(result.briefing, sections, options.format, options.width)
    except UnknownSectionError as error:
        print(f"{PROG}: {visible(str(error), one_line=True)}", file=sys.stderr)
        return 1

    if options.output is None:
        sys.stdout.flush()
        # Bytes, so the export is UTF-8 whatever the locale says.
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    written = write_output(
        PROG, Path(options.output), text, force=options.force, exists="use --force to overwrite it"
    )
    return 0 if written else 1
