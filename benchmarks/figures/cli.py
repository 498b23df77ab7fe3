"""Figures of the command line: `briefing check` and `export --section` against the export floor."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.figures.model import Context, Figure, middle_section
from benchmarks.measure import BENCHMARKS, BRIEFING, PYTHON, Run, Series, fresh_home, run

EXPORT_FLOOR = str(BENCHMARKS / "floors" / "export_floor.py")
FLOOR_LABEL = "export floor"


REOPEN_BUDGET = ("≤ 0.35 × export floor", 0.35)
"""Issue 17: a second export of a section of an unchanged 10k or 50k briefing."""


def time_budget(size: str) -> tuple[str, float]:
    """Return the budget of check and export on a size, as text and as a ratio."""
    return ("≤ 1.15 × export floor", 1.15) if size == "small" else ("≤ 1.2 × export floor", 1.2)


def cli_figures(ctx: Context, size_name: str) -> None:
    """Time check and export on one size, each paired with the export floor in the same round."""
    size = ctx.size(size_name)
    path = str(ctx.files[size.name])
    section = middle_section(size)
    commands = {
        "check": [BRIEFING, "check", path],
        "export --section": [BRIEFING, "export", path, "--section", section],
    }
    floor_argv = [PYTHON, EXPORT_FLOOR, path, section]
    text, limit = time_budget(size_name)
    times = {
        name: ctx.add(Figure(f"{name}, {size_name}", "ms", text, limit, floor_label=FLOOR_LABEL))
        for name in commands
    }
    # The same commands on a file they have read before: from the cache of validated
    # briefings (briefing/document/cache.py), kept between rounds in a folder of its own.
    # The cold runs above get a fresh, empty cache folder each time (measure.fresh_home).
    reopen_env, reopen_dir = _reopen_environment()
    reopen_budget = REOPEN_BUDGET if size_name != "small" else ("— (no budget)", None)
    for name, argv in list(commands.items()):
        reopened = f"{name} reopened"
        commands[reopened] = argv
        budget = reopen_budget if name.startswith("export") else ("— (no budget)", None)
        times[reopened] = ctx.add(
            Figure(f"{reopened}, {size_name}", "ms", budget[0], budget[1], floor_label=FLOOR_LABEL)
        )
    # CPU time (user + system) of the same runs: the machine is shared, and another
    # program's load lengthens wall times far more than it does CPU times.
    cpu = {
        name: ctx.add(
            Figure(
                f"{name}, {size_name}, CPU time",
                "ms",
                (text if "reopened" not in name else times[name].budget).replace(
                    "export floor", "floor's CPU"
                ),
                limit if "reopened" not in name else times[name].limit,
                floor_label="export floor",
            )
        )
        for name in commands
        if name != "check reopened"
    }
    memory: dict[str, Figure] = {}
    if size_name != "small":
        for name in ("check", "export --section"):
            label = name.split()[0]
            memory[name] = ctx.add(
                Figure(
                    f"{label} peak RSS, {size_name}",
                    "MB",
                    "≤ 1.1 × export floor's",
                    1.1,
                    floor_label=FLOOR_LABEL,
                )
            )
    ctx.log(f"{size_name}: warming up")
    warm = run(floor_argv)
    if warm.returncode != 0:
        raise RuntimeError(f"the export floor failed on {path}: {warm.stderr.strip()}")
    live = {}
    for name, argv in commands.items():
        problem = run(argv, env=reopen_env if "reopened" in name else None).failure()
        if not problem and "reopened" in name:
            problem = _warm(argv, reopen_env, reopen_dir)
        related = _related(name, times, cpu, memory)
        for figure in related:
            if problem:
                figure.note = problem
            else:
                figure.series = Series()
        if not problem:
            live[name] = argv
    # Small runs are short: more of them cost little and steady the medians.
    rounds = ctx.repeats * 3 if size.name == "small" else ctx.repeats
    for round_ in range(rounds):
        # Interleaved, and reversed every other round, so drift hits floor and subject alike.
        order = [("floor", floor_argv), *live.items()]
        if round_ % 2:
            order.reverse()
        runs: dict[str, Run] = {name: _measure(name, argv, reopen_env) for name, argv in order}
        floor = runs["floor"]
        if floor.returncode != 0:
            raise RuntimeError(f"the export floor failed on {path}: {floor.stderr.strip()}")
        for name in list(live):
            if problem := runs[name].failure():
                # A run that fails part-way (the code changed under us) makes no figure.
                for figure in _related(name, times, cpu, memory):
                    figure.series = None
                    figure.note = f"{problem} in round {round_ + 1}"
                del live[name]
        for name in live:
            got = runs[name]
            times[name].series.add(got.seconds, floor.seconds)  # type: ignore[union-attr]
            if name in cpu:
                cpu[name].series.add(got.cpu_seconds, floor.cpu_seconds)  # type: ignore[union-attr]
            if name in memory:
                memory[name].series.add(got.peak_kb, floor.peak_kb)  # type: ignore[union-attr]
        ctx.log(
            f"{size_name}: round {round_ + 1}/{rounds}: "
            + ", ".join(f"{name} {runs[name].seconds:.3f} s" for name, _ in order)
        )
    shutil.rmtree(reopen_dir, ignore_errors=True)


def _measure(name: str, argv: list[str], reopen_env: dict[str, str]) -> Run:
    """Run one step of a round: the floor, a cold command, or a reopened one."""
    if name == "floor":
        return run(argv)
    if "reopened" in name:
        return run(argv, env=reopen_env)
    return _run_alone(argv)


def _run_alone(argv: list[str]) -> Run:
    """Run `argv`, then wait for the child it may leave storing its file in the cache.

    A cold `check` or `export` stores the briefing in a forked child that its user does
    not wait for (briefing/document/cache.py); on this 2-core machine, that child (its
    work, then the end of a process as large as the command) would otherwise run beside
    the next command measured, floor or subject. The child has the command's own
    command line, and is looked for by it.
    """
    done = run(argv, env={**os.environ, **fresh_home()})
    deadline = time.perf_counter() + 30
    while done.returncode == 0 and time.perf_counter() < deadline and _running(argv):
        time.sleep(0.02)
    return done


def _running(argv: list[str]) -> bool:
    """Return True while a process with this command line (after the interpreter) runs."""
    wanted = "\0".join(argv).encode()
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/cmdline", "rb") as file:
                found = file.read().rstrip(b"\0")
        except OSError:
            continue
        if found.endswith(wanted) and entry.name != str(os.getpid()):
            return True
    return False


def _related(
    name: str, times: dict[str, Figure], cpu: dict[str, Figure], memory: dict[str, Figure]
) -> list[Figure]:
    """Return the figures one command's runs fill."""
    return [figure for group in (times, cpu, memory) if (figure := group.get(name))]


def _reopen_environment() -> tuple[dict[str, str], Path]:
    """Return the environment of the reopened runs: a fresh home, and a cache that stays."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-cache-"))
    return {**os.environ, **fresh_home(), "BRIEFING_CACHE_DIR": str(folder)}, folder


def _warm(argv: list[str], env: dict[str, str], folder: Path) -> str | None:
    """Fill the cache for `argv`'s file; return why the runs would not reopen, or None.

    A file changed in the last 2 s is not stored (cache.RACY_NS): a briefing generated
    just now is stored on a later run.
    """
    for _ in range(3):
        if any(folder.glob("*.entry")):
            return None
        time.sleep(2.1)
        if problem := run(argv, env=env).failure():
            return problem
    return "n/a (the cache stored nothing)"


def import_figure(ctx: Context) -> None:
    """Count the Textual modules that `check` and `export` import (`python -X importtime`)."""
    size = ctx.size("small")
    path = str(ctx.files[size.name])
    figure = ctx.add(
        Figure(
            "Textual modules imported by check/export",
            "modules",
            "never (0)",
            0,
            on_ratio=False,
            floor_label="—",
        )
    )
    found: set[str] = set()
    for argv in (["check", path], ["export", path, "--section", middle_section(size)]):
        result = run([PYTHON, "-X", "importtime", "-m", "briefing", *argv])
        if result.returncode != 0 and (problem := result.failure()):
            figure.note = problem
            return
        for line in result.stderr.splitlines():
            if line.startswith("import time:"):
                module = line.rsplit("|", 1)[-1].strip()
                if module == "textual" or module.startswith("textual."):
                    found.add(module)
    figure.count = len(found)
    if found:
        figure.note = "imports " + ", ".join(sorted(found)[:5])
