"""Reading a briefing file: decode, parse, validate, and report every problem located.

Nothing here imports Textual: `briefing check`, `briefing export` and other tools
use the loader headless, and it must stay fast to import.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli
from pydantic import ValidationError

from briefing.document.diagnostics import Diagnostic, format_keypath, sort_key
from briefing.document.locate import KeyPath, Locator
from briefing.document.model import Briefing, type_name
from briefing.document.rules import (
    Problem,
    cross_reference_problems,
    pydantic_problems,
    string_warnings,
    without_unknown_keys,
)
from briefing.document.rules_v2 import party_problems, relation_problems
from briefing.document.survey import survey

# Larger files are refused before reading: parsing them would take minutes and
# gigabytes. The largest briefings we know of (merged archives) are ~100 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024
# A file with more problems than this is not one an author fixes line by line; the
# rest are counted, not listed, so a huge broken file cannot flood a terminal.
MAX_DIAGNOSTICS = 200
_EMPTY_FILE = "the file is empty; a briefing starts with 'format = 1'"
_MISSING_FORMAT = "missing required key 'format' (write 'format = 1')"


@dataclass
class LoadResult:
    """What loading one file gave: the briefing if it has no errors, and every diagnostic."""

    path: Path
    briefing: Briefing | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Problems found beyond MAX_DIAGNOSTICS, counted but not listed.
    omitted_errors: int = 0
    omitted_warnings: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        """Return the diagnostics that refuse the file."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Return the diagnostics that let the file open."""
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def omitted_note(self) -> str | None:
        """Return a line saying how many problems were not listed, if any were not."""
        count = self.omitted_errors + self.omitted_warnings
        if not count:
            return None
        return (
            f"{self.path}: {count} more problems not listed "
            f"({self.omitted_errors} errors, {self.omitted_warnings} warnings); "
            f"only the first {MAX_DIAGNOSTICS} are shown"
        )

    @property
    def ok(self) -> bool:
        """Return True when the file loaded (it may still have warnings)."""
        return self.briefing is not None


class BriefingError(Exception):
    """A briefing could not be loaded; `result` holds the diagnostics."""

    def __init__(self, result: LoadResult) -> None:
        first = result.errors[0] if result.errors else None
        super().__init__(str(first) if first else f"{result.path}: could not load")
        self.result = result


def load_file(path: str | os.PathLike[str]) -> LoadResult:
    """Read, parse and validate the briefing at `path`; never raises for bad input."""
    path = Path(path)
    name = str(path)
    try:
        info = path.stat()
        size = info.st_size
        if path.is_dir():
            return _failed(path, "is a directory, not a briefing file")
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO with no writer blocks for ever, and /dev/zero never ends.
            return _failed(path, "not a regular file (a pipe, device or socket)")
        if size > MAX_FILE_BYTES:
            return _failed(
                path,
                f"file is too large ({size / 1024 / 1024:.0f} MB); "
                f"the limit is {MAX_FILE_BYTES // 1024 // 1024} MB",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return _failed(path, "no such file")
    except PermissionError:
        return _failed(path, "cannot read: permission denied")
    except OSError as error:
        return _failed(path, f"cannot read: {error.strerror or error}")
    text, problem = decode(data, name)
    # The bytes are not needed once decoded: kept, they would add the file's size to
    # the peak memory of parsing it (100 MB for a large briefing).
    del data
    if problem is not None:
        return LoadResult(path, None, [problem])
    return load_text(text, name)


def load_bytes(data: bytes, name: str) -> LoadResult:
    """Decode, parse and validate a briefing held in memory; `name` labels diagnostics."""
    path = Path(name)
    text, problem = decode(data, name)
    if problem is not None:
        return LoadResult(path, None, [problem])
    return load_text(text, name)


def load_text(text: str, name: str) -> LoadResult:
    """Parse and validate briefing text (already decoded, BOM removed)."""
    path = Path(name)
    # Not `text.strip()`: that copies the whole text, 200 MB for a large briefing.
    if not text or text.isspace():
        return LoadResult(
            path,
            None,
            [
                Diagnostic(
                    name, "error", "the file is empty; a briefing starts with 'format = 1'", 1, 1
                )
            ],
        )
    # The collector is left alone here: the loader runs in the reader's worker threads
    # too, and the process's policy for it is in briefing/process/collector.py.
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        return LoadResult(path, None, [_syntax_error(error, name)])
    briefing, problems = validate(data)
    if not problems:
        return LoadResult(path, briefing, [])
    # Each pass finds its problems in document order (TOML tables keep their keys in
    # order), so the first ones found are near the top and the scan can stop early.
    shown, omitted = problems[:MAX_DIAGNOSTICS], problems[MAX_DIAGNOSTICS:]
    wanted = {_target(p) for p in shown} | {p.first for p in shown if p.first}
    locator = Locator(text, wanted=wanted)
    diagnostics = sorted((_locate(p, locator, name) for p in shown), key=sort_key)
    if any(p.severity == "error" for p in problems):
        briefing = None
    omitted_errors = sum(p.severity == "error" for p in omitted)
    return LoadResult(path, briefing, diagnostics, omitted_errors, len(omitted) - omitted_errors)


SUPPORTED_VERSIONS = (1, 2)


def validate(data: dict[str, Any]) -> tuple[Briefing | None, list[Problem]]:
    """Validate parsed TOML against its format version; return the model (if valid) and problems."""
    problems: list[Problem] = []
    version = data.get("format")
    if "format" not in data:
        problems.append(
            Problem(
                ("format",), "error", "missing required key 'format' (write 'format = 1')", True
            )
        )
    elif type(version) is not int:
        problems.append(
            Problem(
                ("format",),
                "error",
                f"expected the integer 1, found {type_name(version)}; "
                "this program reads formats 1 and 2",
            )
        )
    elif version not in SUPPORTED_VERSIONS:
        # Another version may mean other keys: checking them against ours would only mislead.
        return None, [
            Problem(
                ("format",),
                "error",
                f"unsupported format version {version}; this program reads formats 1 and 2",
            )
        ]
    # Without a usable `format`, the rest is checked as version 2, which allows every key:
    # one error for the version, not one more for each version 2 key.
    checked_version = version if type(version) is int and version in SUPPORTED_VERSIONS else 2
    found = survey(data, checked_version)
    checked: dict[str, Any] = dict(data, format=checked_version)
    unknown: list[Problem] = []
    if not found.only_known_keys:
        checked, unknown = without_unknown_keys(checked, checked_version)
    briefing: Briefing | None = None
    try:
        briefing = Briefing.model_validate(checked)
    except ValidationError as error:
        problems.extend(pydantic_problems(error, checked))
    except RecursionError:
        problems.append(Problem(None, "error", "the file is nested too deeply to read"))
    problems.extend(cross_reference_problems(checked))
    if checked_version == 2:
        problems.extend(party_problems(checked))
        problems.extend(relation_problems(checked))
    # After the rest: when only the first problems are listed, a flood of stray keys
    # must not hide a missing table or a broken reference.
    problems.extend(unknown)
    if not found.strings_safe:
        problems.extend(string_warnings(checked))
    if any(p.severity == "error" for p in problems):
        briefing = None
    return briefing, problems


def decode(data: bytes, name: str) -> tuple[str, Diagnostic | None]:
    """Return the text of a UTF-8 file without its BOM, or a diagnostic saying why not."""
    nul = data.find(b"\x00")
    if nul >= 0:
        # Binary: reported where the first byte that text would not hold stands (in a
        # PNG, its first byte), which may come well before the first NUL.
        line, col = _byte_position(data, _first_binary_byte(data, nul))
        return "", Diagnostic(
            name,
            "error",
            "not a text file (it holds NUL bytes); a briefing is UTF-8 TOML",
            line,
            col,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line, col = _byte_position(data, error.start)
        byte = data[error.start]
        return "", Diagnostic(
            name,
            "error",
            f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
            line,
            col,
        )


# C0 controls that no text file holds: all but tab, line feed, form feed and return.
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


def _first_binary_byte(data: bytes, nul: int) -> int:
    """Return the offset of the first byte before `nul` that is a control or breaks UTF-8."""
    head = data[:nul]
    control = _BINARY_CONTROL.search(head)
    first = control.start() if control else nul
    try:
        head[:first].decode("utf-8")
    except UnicodeDecodeError as error:
        first = error.start
    return first


def iter_briefing_files(directory: Path) -> Iterator[Path]:
    """Yield the `*.toml` files under `directory`, sorted, skipping hidden folders."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(files):
            if file_name.endswith(".toml") and not file_name.startswith("."):
                yield Path(root) / file_name


def _failed(path: Path, message: str) -> LoadResult:
    return LoadResult(path, None, [Diagnostic(str(path), "error", message)])


def _syntax_error(error: tomli.TOMLDecodeError, name: str) -> Diagnostic:
    message = getattr(error, "msg", None) or str(error).split(" (at ")[0]
    line = getattr(error, "lineno", None)
    col = getattr(error, "colno", None)
    return Diagnostic(name, "error", f"TOML syntax: {message}", line, col)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def _target(problem: Problem) -> KeyPath:
    if problem.path is None:
        return ()
    return problem.path[:-1] if problem.at_parent else problem.path


def _locate(problem: Problem, locator: Locator, name: str) -> Diagnostic:
    if problem.path is None:
        return Diagnostic(name, problem.severity, problem.message, 1, 1)
    target = problem.path[:-1] if problem.at_parent else problem.path
    line, col = locator.position(problem.path if not problem.at_parent else target)
    if problem.at_parent and not target:
        line, col = 1, 1
    keypath = format_keypath(target) if target else format_keypath(problem.path)
    message = problem.message
    if problem.first is not None:
        first_line, _ = locator.position(problem.first)
        message += f" (first used at line {first_line})"
    return Diagnostic(name, problem.severity, message, line, col, keypath)
