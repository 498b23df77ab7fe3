"""`briefing check` run as a user runs it, and its output read back file by file."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# FILE:LINE[:COL]: error|warning: REST, where REST is `KEYPATH: MESSAGE` or a bare MESSAGE.
_LOCATED = re.compile(
    r"^(?P<file>.+?\.toml):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<severity>error|warning): "
    r"(?P<rest>.*)$"
)


@dataclass(frozen=True, slots=True)
class Printed:
    """One located diagnostic line as `briefing check` printed it."""

    line: int
    col: int | None
    severity: str
    rest: str
    text: str


@dataclass(frozen=True, slots=True)
class CheckRun:
    """What one run of `briefing check` printed: the exit code and the lines by file."""

    code: int
    stdout: str
    stderr: str
    by_file: dict[str, list[Printed]]

    def of(self, path: Path) -> list[Printed]:
        """Return the located diagnostics printed for `path` (as it was passed)."""
        return self.by_file.get(str(path), [])


def run_check(*paths: Path) -> CheckRun:
    """Run the real program over `paths` in one subprocess and split its output by file."""
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "check", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    by_file: dict[str, list[Printed]] = defaultdict(list)
    for text in done.stderr.splitlines():
        found = _LOCATED.match(text)
        if found:
            col = found["col"]
            by_file[found["file"]].append(
                Printed(
                    int(found["line"]),
                    int(col) if col else None,
                    found["severity"],
                    found["rest"],
                    text,
                )
            )
    return CheckRun(done.returncode, done.stdout, done.stderr, dict(by_file))
