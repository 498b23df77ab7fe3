"""What a figure is: its name, budget, paired samples or the reason it has none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import SIZES, Size
from benchmarks.measure import Series


@dataclass
class Figure:
    """One row of the results table."""

    name: str
    unit: str  # "ms", "MB" or "modules"
    budget: str  # as the issue states it
    limit: float | None = None  # the number the budget compares with (None: no budget)
    on_ratio: bool = True  # the limit bounds the ratio (True) or the median itself
    floor_label: str = ""
    series: Series | None = None
    count: int | None = None  # for a figure that counts (modules imported)
    note: str = ""  # why there is no measurement ("n/a (not available)"), or a remark

    @property
    def met(self) -> bool | None:
        """Return whether the budget is met, or None when there is no budget or no data."""
        if self.limit is None:
            return None
        if self.count is not None:
            return self.count <= self.limit
        if self.series is None or not self.series.values:
            return None
        value = self.series.ratio if self.on_ratio else self.series.median * _SCALE[self.unit]
        return value <= self.limit


_SCALE = {"ms": 1000.0, "MB": 1 / 1024, "modules": 1.0}


def scale(unit: str) -> float:
    """Return the factor from stored units (seconds, kilobytes) to shown units."""
    return _SCALE[unit]


@dataclass
class Context:
    """What every figure group needs: briefings by size, repeats, and a progress log."""

    files: dict[str, Path]
    repeats: int
    quick: bool
    log: Callable[[str], None]
    figures: dict[str, Figure] = field(default_factory=dict)

    def size(self, name: str) -> Size:
        """Return the size whose briefing stands in for `name` (small in a quick run)."""
        return SIZES["small" if self.quick else name]

    def add(self, figure: Figure) -> Figure:
        """Register a figure under its name and return it."""
        self.figures[figure.name] = figure
        return figure


def middle_section(size: Size) -> str:
    """Return the id of the section in the middle of a generated briefing."""
    return f"s{(size.sections + 1) // 2:03d}"
