"""Located diagnostics: one line each, `FILE:LINE:COL: severity: KEYPATH: MESSAGE`."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from briefing.document.locate import KeyPath
from briefing.document.textsafe import visible

Severity = Literal["error", "warning"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a briefing file, and where it stands."""

    file: str
    severity: Severity
    message: str
    line: int | None = None
    col: int | None = None
    keypath: str = ""

    def __str__(self) -> str:
        where = visible(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        parts = [where, f" {self.severity}"]
        if self.keypath:
            parts.append(f" {self.keypath}")
        parts.append(f" {visible(self.message)}")
        return ":".join(parts)

    @property
    def is_error(self) -> bool:
        """Return True for an error (the file is refused), False for a warning."""
        return self.severity == "error"


def format_keypath(path: KeyPath) -> str:
    """Return a key path as an author reads it: `sections[1].claims[0].denials[0]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        key = part if _BARE_KEY.fullmatch(part) else visible(repr(part))
        out += f".{key}" if out else key
    return out


def sort_key(diagnostic: Diagnostic) -> tuple[int, int, int]:
    """Order diagnostics as they stand in the file, errors before warnings on a tie."""
    return (
        diagnostic.line or 0,
        diagnostic.col or 0,
        0 if diagnostic.is_error else 1,
    )


def type_name(value: object) -> str:
    """Return the TOML name of a parsed value's type, for messages.

    Here, not with the models, so that the key config reads it without pydantic.
    """
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime.datetime):
        return "a date-time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, datetime.time):
        return "a time"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
