"""`briefing upgrade PATH [-o FILE | --in-place]`: turn a format 1 briefing into format 2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from briefing.commands.output import parse_options, write_output
from briefing.document.diagnostics import Diagnostic
from briefing.document.loader import decode, load_file
from briefing.document.textsafe import visible
from briefing.document.upgrade import Upgraded, UpgradeError, upgrade_text
from briefing.document.wording import plural
from briefing.process.collector import paused_while_building

PROG = "briefing upgrade"
DESCRIPTION = """Upgrade a format 1 briefing to format 2. Each distinct claimant and denial 'by'
name becomes a party ([[parties]], with an id made from the name), every claimant and
'by' is rewritten to its party's id, and 'format' becomes 2. Comments, blank lines and
the layout of the file are kept. Names that differ only by a qualifier in brackets or
an attribution ("US officials" and "US officials (as reported by Reuters)") are listed
for you to merge by hand: only identical names are merged.

The upgraded briefing goes to standard output (the report to standard error), to a new
FILE with -o, or replaces PATH with --in-place. A format 2 file is left as it is; a file
with errors is refused with its problems, as 'briefing check' reports them.

exit status: 0 when upgraded or already format 2, 1 for a file with errors or an
output that cannot be written, 2 for a usage error."""

_BOM = b"\xef\xbb\xbf"
_EXISTS = "not overwriting it (name a new file, or use --in-place to replace the briefing itself)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", metavar="PATH", help="the format 1 briefing file")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the upgraded briefing to FILE, which must not exist yet",
    )
    where.add_argument(
        "--in-place",
        action="store_true",
        help="replace PATH with the upgraded briefing, atomically, keeping its permissions",
    )
    return parser


def main(args: list[str]) -> int:
    """Run `briefing upgrade`; return the exit code (0 ok, 1 refused or not written, 2 usage)."""
    options = parse_options(_parser(), args)
    if isinstance(options, int):
        return options
    path = Path(options.path)
    name = visible(options.path, one_line=True)
    # The report goes where the briefing does not: standard error when the briefing is
    # written to standard output, so that `briefing upgrade a.toml > b.toml` holds TOML only.
    report = sys.stdout if options.output or options.in_place else sys.stderr

    with paused_while_building():
        result = load_file(path)
    if result.briefing is None:
        return _refuse(name, result.diagnostics, result.omitted_note, result.omitted_errors)
    if result.briefing.format != 1:
        print(
            f"{name} is already format 2: nothing to upgrade, the file is left as it is",
            file=report,
        )
        return 0
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"{PROG}: cannot read {name}: {error.strerror or error}", file=sys.stderr)
        return 1
    text, problem = decode(data, str(path))
    try:
        if problem is not None:
            raise UpgradeError("not readable", [problem])
        with paused_while_building():
            upgraded = upgrade_text(text, str(path))
    except UpgradeError as error:
        # The file changed since it was checked, or (never, we trust) the upgrade failed.
        return _refuse(name, error.diagnostics, reason=str(error))
    # A byte-order mark the author's editor wrote stays, like the rest of the layout.
    new_text = ("\ufeff" if data.startswith(_BOM) else "") + upgraded.text

    if options.in_place:
        # The file a link points to is replaced, not the link.
        if not write_output(PROG, Path(os.path.realpath(path)), new_text, force=True, exists=""):
            return 1
        print(f"upgraded {name} to format 2 in place", file=report)
    elif options.output:
        output = Path(options.output)
        if not write_output(PROG, output, new_text, force=False, exists=_EXISTS):
            return 1
        print(
            f"upgraded {name} to format 2: wrote {visible(str(output), one_line=True)}", file=report
        )
    else:
        sys.stdout.flush()
        # Bytes, so the briefing is UTF-8 whatever the locale says.
        sys.stdout.buffer.write(new_text.encode("utf-8"))
        sys.stdout.buffer.flush()
        print(f"upgraded {name} to format 2", file=report)
    _report(upgraded, report)
    return 0


def _refuse(
    name: str,
    diagnostics: Sequence[Diagnostic],
    omitted_note: str | None = None,
    omitted_errors: int = 0,
    reason: str | None = None,
) -> int:
    # The problems as `briefing check` prints them, so that editors can jump to each.
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    if omitted_note:
        print(visible(omitted_note), file=sys.stderr)
    if reason is None:
        if all(d.line is None for d in diagnostics):
            return 1  # a file that could not be read at all: its one line says why
        errors = sum(d.is_error for d in diagnostics) + omitted_errors
        reason = f"{plural(errors, 'error')} in {name}; fix them first"
    else:
        reason = f"{visible(reason, one_line=True)} in {name}"
    print(f"{PROG}: not upgraded: {reason}", file=sys.stderr)
    return 1


def _report(upgraded: Upgraded, out: TextIO) -> None:
    if not upgraded.layout_kept:
        print(
            "note: some tables stood in an unusual order (an array of tables split by "
            "another table) and were put together; the content is the same, but compare "
            "the layout with the original",
            file=out,
        )
    if not upgraded.parties:
        print("no claimant or 'by' names, so no parties were made", file=out)
        return
    print(
        f"made {plural(len(upgraded.parties), 'party', 'parties')}, "
        "one for each distinct claimant or 'by' name:",
        file=out,
    )
    for party in upgraded.parties:
        shown = visible(party.name, one_line=True)
        print(f'  party "{party.id}" named "{shown}": {party.summary()}', file=out)
    if upgraded.similar:
        print(
            "these names may be one party; to merge two by hand, keep one party, give it "
            "the other's name as an alias, and use its id in the other's claims:",
            file=out,
        )
        for first, second in upgraded.similar:
            print(
                f'  "{visible(first.name, one_line=True)}" ({first.id}) and '
                f'"{visible(second.name, one_line=True)}" ({second.id})',
                file=out,
            )
