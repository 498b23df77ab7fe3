"""Figures of the reader headless at 50k: expand, collapse and search, from the Pilot probe."""

from __future__ import annotations

import json
import os
import subprocess

from benchmarks.figures.model import Context, Figure
from benchmarks.measure import BENCHMARKS, PYTHON, Series, fresh_home

FLOOR = "a key nothing binds, same app"


def pilot_figures(ctx: Context) -> None:
    """Run the probe in its own process on the 50k briefing; add its three figures."""
    expand = ctx.add(Figure("expand a section, 50k", "ms", "≤ 30 ms", 30, False, FLOOR))
    collapse = ctx.add(Figure("collapse a section, 50k", "ms", "≤ 30 ms", 30, False, FLOOR))
    search = ctx.add(Figure("search results, 50k", "ms", "≤ 100 ms", 100, False, FLOOR))
    common = ctx.add(
        Figure("search results, 50k, one common word", "ms", "≤ 100 ms", 100, False, FLOOR)
    )
    figures = {"expand": expand, "collapse": collapse, "search": search, "search_common": common}
    size = ctx.size("50k")
    ctx.log("headless: opening the reader in the Pilot probe (this loads the whole briefing)")
    done = subprocess.run(
        [
            PYTHON,
            *("-m", "benchmarks.figures.pilot_probe", str(ctx.files[size.name])),
            *("--repeats", str(ctx.repeats)),
        ],
        cwd=BENCHMARKS.parent,
        env={**os.environ, **fresh_home()},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        for figure in figures.values():
            figure.note = f"n/a (probe failed: {last[:100]})"
        return
    samples = json.loads(done.stdout)
    for key, figure in figures.items():
        figure.series = Series()
        for took, floor in samples[key]:
            figure.series.add(took, floor)
    for key, words in (("search", "two-word"), ("search_common", "one-word")):
        matches = samples[f"{key}_matches"]
        figures[key].note = f"{words} queries, {min(matches)}–{max(matches)} matches each"
