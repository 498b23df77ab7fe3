"""How long the reader takes to go after SIGTERM, SIGHUP or its terminal closing, in each state.

Each try starts the installed `briefing` in its own tmux window, waits for a moment of
its life (starting, loading 10,000 claims, loading 100 MB, first frame, quitting), then
stops it one way and polls /proc until no process of that try is left. The numbers are
reported, not judged: the budget is 2 s.

    python -m benchmarks.exit_latency              # 3 tries of every state and way
    python -m benchmarks.exit_latency -n 5 --only loading-10k
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import SIZES, ensure
from benchmarks.measure import BRIEFING, fresh_home
from benchmarks.tmux import Pane, Tmux

GIVE_UP_AFTER = 20.0
"""Seconds after which a reader still running counts as hung (and is killed)."""


@dataclass(frozen=True)
class State:
    """A moment of the reader's life: which file it opens, and how to wait for the moment."""

    name: str
    size: str
    reach: Callable[[Tmux, Pane], None]


def _after(seconds: float) -> Callable[[Tmux, Pane], None]:
    return lambda tmux, pane: time.sleep(seconds)


def _shown(marker: str, then: float = 0.0) -> Callable[[Tmux, Pane], None]:
    def reach(tmux: Tmux, pane: Pane) -> None:
        tmux.wait_for(pane, marker, since=time.perf_counter(), timeout=60, poll=0.005)
        time.sleep(then)

    return reach


def _quitting(tmux: Tmux, pane: Pane) -> None:
    tmux.wait_for(pane, "Synthetic briefing", since=time.perf_counter(), timeout=60)
    time.sleep(0.5)
    tmux.send(pane, "q")


STATES = [
    State("starting", "small", _after(0.05)),
    State("importing", "small", _after(0.25)),
    State("loading-10k", "10k", _shown("Loading", 0.3)),
    State("loading-100MB", "50k", _shown("Loading", 1.5)),
    State("first-frame-10k", "10k", _shown("Synthetic briefing")),
    State("quitting", "small", _quitting),
]
WAYS = ("SIGTERM", "SIGHUP", "close")


def processes_of(marker: str) -> list[int]:
    """Return the live (not zombie) processes whose command line holds `marker`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if marker.encode() not in cmdline.read():
                    continue
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    continue
        except OSError:
            continue
        found.append(int(entry))
    return found


def one_try(tmux: Tmux, state: State, way: str, folder: Path, serial: int) -> tuple[float, str]:
    """Stop one reader in `state`; return the seconds until it was gone, and its exit status."""
    link = folder / f"exit-try-{os.getpid()}-{serial}.toml"
    link.symlink_to(ensure(SIZES[state.size]))
    pane = tmux.start([BRIEFING, str(link)], env={**fresh_home(), "TERM": "xterm-256color"})
    try:
        state.reach(tmux, pane)
        sent = time.perf_counter()
        if way == "close":
            tmux.command(f"kill-pane -t {pane.pane}")
        else:
            os.kill(pane.pid, getattr(signal, way))
        while processes_of(link.name):
            if time.perf_counter() - sent > GIVE_UP_AFTER:
                for pid in processes_of(link.name):
                    os.kill(pid, signal.SIGKILL)
                return float("inf"), "hung"
            time.sleep(0.005)
        gone = time.perf_counter() - sent
        return gone, "-" if way == "close" else _exit_status(tmux, pane)
    finally:
        tmux.stop(pane)
        link.unlink()


def _exit_status(tmux: Tmux, pane: Pane) -> str:
    # tmux learns of the end a moment after /proc does.
    fields = "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}"
    query = f"display-message -p -t {pane.pane} '{fields}'"
    for _ in range(500):
        dead, code, killer = tmux.command(query)[0].split("|")
        if dead == "1":
            # tmux 3.3a sometimes records neither (when the pty closes before the reaping).
            return f"killed-by-{killer}" if killer not in ("", "0") else code or "?"
        time.sleep(0.01)
    return "?"


def main(argv: list[str] | None = None) -> int:
    """Print the seconds from the stop to the last process gone, per state and way; return 0."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.exit_latency")
    parser.add_argument("-n", "--tries", type=int, default=3)
    parser.add_argument("--only", help="one state: " + ", ".join(s.name for s in STATES))
    options = parser.parse_args(argv)
    states = [s for s in STATES if options.only in (None, s.name)]
    for state in states:
        ensure(SIZES[state.size])
    serial = 0
    print(f"{'state':<18}{'way':<9}{'median s':>9}{'max s':>8}  exit statuses")
    with tempfile.TemporaryDirectory() as scratch, Tmux() as tmux:
        # A window stays after its program ends, so that its exit status can be read.
        tmux.command("set-option -g remain-on-exit on")
        for state in states:
            for way in WAYS:
                times, statuses = [], []
                for _ in range(options.tries):
                    serial += 1
                    seconds, status = one_try(tmux, state, way, Path(scratch), serial)
                    times.append(seconds)
                    statuses.append(status)
                print(
                    f"{state.name:<18}{way:<9}{statistics.median(times):>9.2f}{max(times):>8.2f}"
                    f"  {' '.join(statuses)}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
