"""Soak figures: the reader's resident memory after many reloads, in a real terminal.

An author keeps the reader open beside an editor all day and saves every few minutes:
each save is a reload. Memory after 50 reloads must stay within 1.1 × what it was after
10 (the first reloads fill caches and malloc's heap, which then stay the same size). Two
ways to reload: `r`, and rewriting the watched file as an editor does (a new file renamed
over it).

Why 10 and not 5: by rewrites, the reader's memory rises over the first seven or so
(each new version is built while the old one is still shown, and malloc takes a few
rounds to find room for both) and then stays level. Read after each of 30 rewrites:
97, 102, 114, 120, 116, 116, 121, 119, 118, 121 MB, then 120-122 MB to the 30th. Against
the fifth, a program that keeps nothing read 1.02-1.31 × depending on where in that rise
the fifth fell; a version kept per reload (2-3 MB here) still reads ~1.8 × against the
tenth.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import tmux
from benchmarks.figures.model import Context, Figure
from benchmarks.figures.terminal import first_frame, title_marker
from benchmarks.generate import Size, ensure, generate
from benchmarks.measure import BRIEFING, Series
from benchmarks.tmux import Pane, Tmux, status_kb

SOAK_SIZE = Size("2k", 20, 100)
"""The soak's briefing: 2,000 claims, 4.5 MB."""
EARLY, LATE = 10, 50
QUICK_EARLY, QUICK_LATE = 2, 4
RELOAD_TIMEOUT = 120.0
STEADY = 1.5
"""Memory is read once it has not changed for this long (the search index is rebuilt
after each reload)."""


def steady_rss(pid: int) -> int:
    """Return the resident memory once it has stopped changing (within 1 MB)."""
    last = status_kb(pid, "VmRSS")
    still = time.perf_counter()
    deadline = still + 60
    while time.perf_counter() - still < STEADY and time.perf_counter() < deadline:
        time.sleep(0.1)
        now = status_kb(pid, "VmRSS")
        if abs(now - last) > 1024:
            last, still = now, time.perf_counter()
    return status_kb(pid, "VmRSS")


def soak_figures(ctx: Context) -> None:
    """Memory after EARLY and LATE reloads by `r`, and by rewrites of the watched file."""
    early, late = (QUICK_EARLY, QUICK_LATE) if ctx.quick else (EARLY, LATE)
    by_key = ctx.add(
        Figure(
            f"reader RSS after {LATE} reloads (r), 2k",
            "MB",
            f"≤ 1.1 × after {EARLY}",
            1.1,
            floor_label=f"after {EARLY} reloads",
        )
    )
    by_file = ctx.add(
        Figure(
            f"reader RSS after {LATE} rewrites of its file, 2k",
            "MB",
            f"≤ 1.1 × after {EARLY}",
            1.1,
            floor_label=f"after {EARLY} rewrites",
        )
    )
    if not tmux.available():
        for figure in (by_key, by_file):
            figure.note = "n/a (tmux not installed)"
        return
    size = ctx.size("small") if ctx.quick else SOAK_SIZE
    source = ensure(size)
    folder = Path(tempfile.mkdtemp(prefix="briefing-soak-"))
    try:
        path = folder / "soak.toml"
        shutil.copyfile(source, path)
        with Tmux() as term:
            try:
                by_key.series = _reloads_by_key(ctx, term, path, early, late)
                by_file.series = _rewrites(ctx, term, path, size, early, late)
            except (TimeoutError, tmux.TmuxError) as error:
                for figure in (by_key, by_file):
                    figure.note = f"n/a ({error})"
                return
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    note = f"{late} against {early}, one soak (not paired rounds)"
    by_key.note = by_file.note = note


def _open(term: Tmux, path: Path) -> Pane:
    _, pane = first_frame(term, [BRIEFING, str(path)], title_marker(str(path)), keep=True)
    return pane


def _reloads_by_key(ctx: Context, term: Tmux, path: Path, early: int, late: int) -> Series:
    def reload(pane: Pane, number: int) -> None:
        start = time.perf_counter()
        term.send(pane, "r")
        # Each reload says so for 2 s; waiting for it to go keeps the notes apart.
        term.wait_for(pane, "Reloaded", since=start, timeout=RELOAD_TIMEOUT)
        _wait_until_gone(term, pane, "Reloaded")

    return _soak(ctx, term, path, reload, "reloads (r)", early, late)


def _rewrites(ctx: Context, term: Tmux, path: Path, size: Size, early: int, late: int) -> Series:
    def rewrite(pane: Pane, number: int) -> None:
        label = f"rewrite {number}"
        saving = path.with_suffix(".saving")
        saving.write_text(generate(size.sections, size.claims, label=label), "utf-8")
        start = time.perf_counter()
        os.replace(saving, path)
        term.wait_for(pane, f"briefing {label}:", since=start, timeout=RELOAD_TIMEOUT)

    return _soak(ctx, term, path, rewrite, "rewrites", early, late)


def _soak(
    ctx: Context,
    term: Tmux,
    path: Path,
    reload: Callable[[Pane, int], None],
    what: str,
    early: int,
    late: int,
) -> Series:
    """Open the reader, reload it `late` times; return memory after `late` against `early`."""
    pane = _open(term, path)
    try:
        at_early = 0
        for number in range(1, late + 1):
            reload(pane, number)
            if number == early:
                at_early = steady_rss(pane.pid)
                ctx.log(f"soak: after {early} {what}: {at_early / 1024:.0f} MB")
        at_late = steady_rss(pane.pid)
        ctx.log(f"soak: after {late} {what}: {at_late / 1024:.0f} MB")
    finally:
        term.stop(pane)
    series = Series()
    series.add(at_late, at_early)
    return series


def _wait_until_gone(term: Tmux, pane: Pane, marker: str, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while marker in term.screen(pane):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{marker!r} still on screen after {timeout:.0f} s")
        time.sleep(0.05)
