"""`briefing schema`: print the JSON Schema of formats 1 and 2, for editors that complete keys."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """Print a JSON Schema (draft 2020-12) of briefing formats 1 and 2. Editors with TOML
schema support (taplo, Even Better TOML) use it to complete keys and flag mistakes
while you type: save it beside your briefings and put this line at the top of a file:

    #:schema ./briefing.schema.json

The schema helps while typing; 'briefing check' is the judge (it also checks ids
across the file, sources that exist, and more)."""


def main(args: list[str]) -> int:
    """Run `briefing schema`; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="briefing schema",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the schema to FILE (UTF-8) instead of standard output",
    )
    options = parser.parse_args(args)
    # Imported here: every run of `briefing` imports this module to find its commands.
    from briefing.document.schema import schema_text

    text = schema_text()
    if options.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(options.output)
    try:
        # newline="" keeps the text's \n line endings on every platform.
        with target.open("w", encoding="utf-8", newline="") as file:
            file.write(text)
    except OSError as error:
        print(
            f"briefing schema: cannot write {target}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 1
    print(f"wrote {target}", file=sys.stderr)
    return 0
