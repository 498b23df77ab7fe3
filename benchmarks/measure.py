"""Timing a child process and its own peak memory, and the statistics of paired runs."""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PYTHON = sys.executable
# The console script installed beside this interpreter: what a user runs.
BRIEFING = str(Path(PYTHON).with_name("briefing"))
BENCHMARKS = Path(__file__).resolve().parent


_HOME = Path(tempfile.gettempdir()) / f"briefing-bench-home-{os.getpid()}"


def fresh_home() -> dict[str, str]:
    """Return environment variables that give the reader an empty home of its own.

    The reader remembers where it was in each file; a run must not start where the
    last one stopped, nor touch the user's own state. The folder is wiped each time.
    """
    shutil.rmtree(_HOME, ignore_errors=True)
    # A command's forked child may still be storing its briefing in the cache under the
    # old home (briefing/document/cache.py), and may have made its folder again.
    _HOME.mkdir(parents=True, exist_ok=True)
    if not getattr(fresh_home, "registered", False):
        atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
        fresh_home.registered = True  # type: ignore[attr-defined]
    names = ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME")
    env = {name: str(_HOME / name.lower()) for name in names}
    env["BRIEFING_STATE_DIR"] = str(_HOME / "state")
    env["BRIEFING_CONFIG_DIR"] = str(_HOME / "config")
    # A cache folder no earlier run can have written to, however late its child: every
    # run through a fresh home reads its file cold.
    fresh_home.count = getattr(fresh_home, "count", 0) + 1  # type: ignore[attr-defined]
    env["BRIEFING_CACHE_DIR"] = str(_HOME / f"cache-{fresh_home.count}")  # type: ignore[attr-defined]
    return env


@dataclass(frozen=True)
class Run:
    """One finished child: wall time, CPU time, its own peak RSS, exit code and output."""

    seconds: float
    cpu_seconds: float  # user + system: barely moved by other programs on the machine
    peak_kb: int
    returncode: int
    stdout: str
    stderr: str

    def failure(self) -> str | None:
        """Return why the run counts as unavailable or failed, or None when it worked."""
        if self.returncode == 0:
            return None
        if "not available" in self.stderr:
            return "n/a (not available)"
        first = next((line for line in self.stderr.splitlines() if line.strip()), "")
        return f"n/a (exit {self.returncode}: {first[:80]})"


def own_rss_kb(field: str = "VmRSS") -> int:
    """Return this process's resident memory now (or, with "VmHWM", at most), in kilobytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    return 0


def run(argv: Sequence[str], *, env: dict[str, str] | None = None) -> Run:
    """Run `argv` to completion; return its wall time and the peak RSS of that child alone.

    `os.wait4` gives the resource usage of exactly this child (RUSAGE_CHILDREN would
    give the largest of all children so far). Output goes to files, not pipes, so that
    reading it costs the child nothing. A child's peak RSS also counts the memory it
    shared with this process before its exec: this process must stay smaller than
    anything it measures, so it never loads a briefing itself.
    """
    # The high-water mark, not the resident size now: a child started by vfork begins
    # its peak RSS from the runner's highest, even long after the memory was freed.
    if own_rss_kb("VmHWM") > 100_000:
        raise RuntimeError("the runner has held over 100 MB: children's peak RSS would be wrong")
    env = env if env is not None else {**os.environ, **fresh_home()}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss,  # kilobytes on Linux
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


@dataclass
class Series:
    """Paired samples of one figure: the subject's values and its floor's, run by run."""

    values: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)

    def add(self, value: float, floor: float, ratio: float | None = None) -> None:
        """Record one pair; the ratio defaults to value / floor."""
        self.values.append(value)
        self.floors.append(floor)
        self.ratios.append(value / floor if ratio is None else ratio)

    @property
    def median(self) -> float:
        """Return the median of the subject's values."""
        return statistics.median(self.values)

    @property
    def floor(self) -> float:
        """Return the median of the floor's values."""
        return statistics.median(self.floors)

    @property
    def ratio(self) -> float:
        """Return the median of the per-pair ratios (the pairs share the machine's state)."""
        return statistics.median(self.ratios)


def compile_bytecode() -> str:
    """Compile the program's modules (and the floors') to bytecode, as installing it does.

    `pip install .` writes every module's bytecode; a checkout installed for development
    has none until a module is imported with bytecode writing on. Where the environment
    sets PYTHONDONTWRITEBYTECODE (this machine does), every run would compile each of the
    program's modules again, while Textual, pydantic and tomli, which the floors import,
    are read from the bytecode pip wrote: a cost no user pays, on one side of each pair
    only. Returns the folders compiled.
    """
    found = subprocess.run(
        [PYTHON, "-c", "import briefing, os; print(os.path.dirname(briefing.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    )
    folders = [found.stdout.strip(), str(BENCHMARKS)]
    # compileall writes bytecode whatever PYTHONDONTWRITEBYTECODE says; a read-only
    # install (already compiled by pip) is left as it is.
    subprocess.run([PYTHON, "-m", "compileall", "-q", *folders], capture_output=True)
    return ", ".join(folders)
