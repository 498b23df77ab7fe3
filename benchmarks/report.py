"""The results table, the machine it ran on, and writing both into RESULTS.md."""

from __future__ import annotations

import datetime
import os
import platform
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from benchmarks.figures.model import Figure, scale

HEADER = "| figure | median | min | max | floor | ratio | budget | met? |"
START = "<!-- results:start -->"
END = "<!-- results:end -->"


def _number(value: float, unit: str) -> str:
    shown = value * scale(unit)
    if unit == "modules":
        return f"{shown:.0f}"
    digits = 1 if shown < 100 else 0
    return f"{shown:.{digits}f} {unit}"


def _ratio(value: float, limit: float | None) -> str:
    # Two decimals, or three where two would round onto the budget's own number.
    shown = f"{value:.2f}"
    if limit is not None and float(shown) == limit and value != limit:
        shown = f"{value:.3f}"
    return shown


def row(figure: Figure) -> str:
    """Return the table row of one figure."""
    met = {True: "yes", False: "**no**", None: "—"}[figure.met]
    series = figure.series
    if figure.count is not None:
        cells = [str(figure.count), "", "", figure.floor_label, "—"]
    elif series is None or not series.values:
        cells = [figure.note or "n/a", "", "", figure.floor_label, "—"]
    else:
        unit = figure.unit
        cells = [
            _number(series.median, unit),
            _number(min(series.values), unit),
            _number(max(series.values), unit),
            f"{_number(series.floor, unit)} ({figure.floor_label})",
            _ratio(series.ratio, figure.limit if figure.on_ratio else None),
        ]
    return "| " + " | ".join([figure.name, *cells, figure.budget, met]) + " |"


def table(figures: Iterable[Figure]) -> str:
    """Return the Markdown table of the figures, and their notes below it."""
    figures = list(figures)
    lines = [HEADER, "|" + "---|" * 8]
    lines += [row(figure) for figure in figures]
    notes = [
        f"- {f.name}: {f.note}"
        for f in figures
        if f.note and not (f.series is None and f.count is None)
    ]
    if notes:
        lines += ["", "Notes:", *notes]
    return "\n".join(lines)


def machine() -> str:
    """Return a description of this machine and of the software measured."""
    cpu = "unknown CPU"
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        found = re.search(r"^model name\s*:\s*(.+)$", info, re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    memory = ""
    try:
        meminfo = Path("/proc/meminfo").read_text(encoding="ascii", errors="replace")
        total = re.search(r"^MemTotal:\s*(\d+)", meminfo, re.MULTILINE)
        memory = f"{int(total.group(1)) / 1024 / 1024:.1f} GiB RAM" if total else ""
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("textual", "pydantic", "pydantic-core", "tomli")
    )
    load = ""
    if hasattr(os, "getloadavg"):
        one, five, fifteen = os.getloadavg()
        load = f"load average at the end: {one:.2f} {five:.2f} {fifteen:.2f}"
    return (
        f"- CPU: {cpu}, {os.cpu_count()} cores; {memory}; {platform.system()} "
        f"{platform.release()}\n"
        f"- Python {platform.python_version()} ({platform.python_implementation()}); {versions}\n"
        f"- {load}"
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def section(figures: Iterable[Figure], command: str, repeats: int, quick: bool) -> str:
    """Return the generated part of RESULTS.md: when, where, how, and the table."""
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    kind = (
        "**Quick run: every briefing is the small one. This proves the harness works; "
        "it is not a measurement.**\n\n"
        if quick
        else ""
    )
    return (
        f"{START}\n{kind}Run {now} with `{command}` ({repeats} paired rounds per figure, "
        f"{3 * repeats} for check and export on the small briefing).\n\n"
        f"{machine()}\n\n{table(figures)}\n{END}"
    )


def write(path: Path, generated: str) -> None:
    """Put the generated part into `path`, keeping whatever is written around it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        before, rest = old.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + generated + after
    else:
        text = (old.rstrip() + "\n\n" if old.strip() else "# Benchmark results\n\n") + generated
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
