"""`briefing check PATH...`: report every problem in briefing files, located."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.document.diagnostics import Diagnostic
from briefing.document.loader import iter_briefing_files, load_file
from briefing.document.textsafe import visible
from briefing.document.wording import plural
from briefing.process.collector import paused_while_building

DESCRIPTION = """Check briefing files (format 1 or 2) and report every problem, one line each:
FILE:LINE:COL: error|warning: KEYPATH: MESSAGE. A folder means every *.toml file in it.

exit status: 0 when no file has errors (warnings allowed), 1 when any file has errors,
2 for a usage error."""


_NO_BRIEFINGS = "no *.toml briefing files in this folder"


def main(args: list[str]) -> int:
    """Run `briefing check`; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="briefing check",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="briefing files or folders")
    parser.add_argument(
        "--strict", action="store_true", help="also exit 1 when there are only warnings"
    )
    options = parser.parse_args(args)

    files, problems = expand_paths([Path(p) for p in options.paths])
    errors = warnings = 0
    for problem in problems:
        print(problem, file=sys.stderr)
        errors += 1
    for file in files:
        with paused_while_building():
            result = load_file(file)
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
            if diagnostic.is_error:
                errors += 1
            else:
                warnings += 1
        if result.omitted_note:
            print(visible(result.omitted_note), file=sys.stderr)
            errors += result.omitted_errors
            warnings += result.omitted_warnings
    print(
        f"checked {plural(len(files), 'file')}: "
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}",
        file=sys.stderr,
    )
    if errors or (options.strict and warnings):
        return 1
    return 0


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Return the briefing files named by `paths` (folders expanded), and paths that fail."""
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            found = list(iter_briefing_files(path))
            if not found:
                problems.append(
                    Diagnostic(str(path), "error", "no *.toml briefing files in this folder")
                )
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Diagnostic(str(path), "error", "no such file or folder"))
    return files, problems
