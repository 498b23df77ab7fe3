"""Figures of the reader in a real terminal (tmux): first frame, memory, and the Down key."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import tmux
from benchmarks.figures.cli import EXPORT_FLOOR
from benchmarks.figures.model import Context, Figure, middle_section
from benchmarks.measure import BENCHMARKS, BRIEFING, PYTHON, Series, fresh_home, run
from benchmarks.tmux import Pane, Tmux, peak_rss_kb
from briefing.document.opening_store import PICTURE, record_file

TEXTUAL_FLOOR = str(BENCHMARKS / "floors" / "textual_floor.py")
LAYOUT_FLOOR = str(BENCHMARKS / "floors" / "layout_floor.py")
HEADLESS_OPEN = str(BENCHMARKS / "floors" / "headless_open.py")
FIRST_FRAME_TIMEOUT = 600.0
KEY_TIMEOUT = 10.0
# Memory is read once it has stopped growing for this long (the search index is built
# by a worker after the first frame).
SETTLED = 1.5
# Also set in tmux: a terminal program sees the same variables as a user's would.
ENV = {"TERM": "tmux-256color", "COLORTERM": "truecolor"}


def title_marker(path: str) -> str:
    """Return the start of a briefing's title as the reader shows it: the first-frame marker.

    Read in a child process: loaded here, a large briefing would make this process big,
    and a child's peak RSS counts its parent's memory from before its exec.
    """
    script = (
        "import sys; from briefing.document.loader import load_file; "
        "from briefing.document.textsafe import visible; "
        "b = load_file(sys.argv[1]).briefing; "
        "print(visible(b.briefing.title, one_line=True)[:30] if b else '')"
    )
    done = subprocess.run([PYTHON, "-c", script, path], capture_output=True, text=True)
    marker = done.stdout.rstrip("\n")
    if done.returncode != 0 or not marker:
        raise RuntimeError(f"{path} does not load: {done.stderr.strip()[-200:]}")
    return marker


def bundled_path() -> str:
    """Return the bundled briefing that `briefing` opens with no argument."""
    from briefing.document.bundled import bundled_briefings

    found = bundled_briefings()
    if len(found) != 1:
        raise RuntimeError(f"expected one bundled briefing, found {len(found)}")
    return str(found[0])


def first_frame(
    term: Tmux,
    argv: list[str],
    marker: str,
    *,
    keep: bool = False,
    extra_env: dict[str, str] | None = None,
) -> tuple[float, Pane]:
    """Start `argv` in a new window; return the seconds until `marker` shows, and the pane."""
    env = ENV | fresh_home() | (extra_env or {})
    start = time.perf_counter()
    pane = term.start(argv, env)
    seconds = term.wait_for(pane, marker, since=start, timeout=FIRST_FRAME_TIMEOUT)
    if not keep:
        term.stop(pane)
    return seconds, pane


def settled_peak(pane: Pane) -> int:
    """Return the pane's peak RSS (kB) once it has not grown for SETTLED seconds."""
    peak = peak_rss_kb(pane.pid)
    still = time.perf_counter()
    deadline = still + 60
    while time.perf_counter() - still < SETTLED and time.perf_counter() < deadline:
        time.sleep(0.1)
        now = peak_rss_kb(pane.pid)
        if now != peak:
            peak, still = now, time.perf_counter()
    return peak


def first_frame_figures(ctx: Context) -> None:
    """Reader's first frame (bundled, 10k) and memory at 10k, paired with the floors in turn."""
    bundled = ctx.add(
        Figure(
            "reader first frame in tmux, bundled",
            "ms",
            "≤ 1.5 × Textual floor",
            1.5,
            floor_label="Textual floor (tmux)",
        )
    )
    large = ctx.add(
        Figure(
            "reader first frame in tmux, 10k",
            "ms",
            "(time − export floor) ≤ 1.3 × Textual floor",
            1.3,
            floor_label="Textual floor (tmux) + export floor",
        )
    )
    memory = ctx.add(
        Figure(
            "reader peak RSS, 10k", "MB", "≤ 1.2 × export floor's", 1.2, floor_label="export floor"
        )
    )
    with_model = ctx.add(
        Figure(
            "Textual floor after importing the model, in tmux",
            "ms",
            "— (no budget; what importing pydantic and the model adds)",
            floor_label="Textual floor (tmux)",
        )
    )
    bundled_again = ctx.add(
        Figure(
            "reader first frame in tmux, bundled, reopened",
            "ms",
            "≤ 1.5 × Textual floor",
            1.5,
            floor_label="Textual floor (tmux)",
        )
    )
    large_again = ctx.add(
        Figure(
            "reader first frame in tmux, 10k, reopened",
            "ms",
            "≤ 2 × Textual floor",
            2.0,
            floor_label="Textual floor (tmux)",
        )
    )
    tiny_again = ctx.add(
        Figure(
            "reader first frame in tmux, 1 claim, reopened",
            "ms",
            "— (no budget; the reader's screen with next to nothing in it)",
            floor_label="Textual floor (tmux)",
        )
    )
    huge_again = ctx.add(
        Figure(
            "reader first frame in tmux, 50k, reopened",
            "ms",
            "— (no budget)",
            floor_label="Textual floor (tmux)",
        )
    )
    bundled_once = ctx.add(
        Figure(
            "reader first frame in tmux, bundled, reopened once (from its rows)",
            "ms",
            "— (no budget; the second open, which draws the stored rows and keeps the picture)",
            floor_label="Textual floor (tmux)",
        )
    )
    large_once = ctx.add(
        Figure(
            "reader first frame in tmux, 10k, reopened once (from its rows)",
            "ms",
            "— (no budget; as above)",
            floor_label="Textual floor (tmux)",
        )
    )
    layout = ctx.add(
        Figure(
            "Textual app with the reader's layout, in tmux",
            "ms",
            "— (no budget; Textual's own cost of the reader's widgets, with no briefing code)",
            floor_label="Textual floor (tmux)",
        )
    )
    figures = (
        bundled,
        large,
        memory,
        with_model,
        bundled_again,
        large_again,
        tiny_again,
        huge_again,
        layout,
        bundled_once,
        large_once,
    )
    if not tmux.available():
        for figure in figures:
            figure.note = "n/a (tmux not installed)"
        return
    from benchmarks.floors.layout_floor import MARKER as LAYOUT_MARKER
    from benchmarks.floors.textual_floor import MARKER

    size = ctx.size("10k")
    path = str(ctx.files[size.name])
    starts = {
        "floor": ([PYTHON, TEXTUAL_FLOOR], MARKER),
        "floor_model": ([PYTHON, TEXTUAL_FLOOR, "--model"], MARKER),
        "layout": ([PYTHON, LAYOUT_FLOOR], LAYOUT_MARKER),
        "bundled": ([BRIEFING], title_marker(bundled_path())),
        "large": ([BRIEFING, path], title_marker(path)),
    }
    export_floor = [PYTHON, EXPORT_FLOOR, path, middle_section(size)]
    # Reopened: the files checked once before, so that the cache of validated briefings
    # (a folder kept for these runs; every other run gets a fresh, empty one) holds them,
    # and opened in the warm-up until the reader has kept both its opening of each (its
    # first frame's rows) and a picture of that frame, which every later open draws.
    # "Reopened once" runs on a second folder that holds the openings but never a
    # picture: an open drawn from the rows.
    cache = tempfile.mkdtemp(prefix="briefing-bench-cache-")
    cached = {"BRIEFING_CACHE_DIR": cache}
    rows_cache = tempfile.mkdtemp(prefix="briefing-bench-rows-")
    # Named on the command line: the records waited for below are those of this copy
    # (run with no argument, an installed reader opens the copy installed with it).
    starts["bundled_again"] = ([BRIEFING, bundled_path()], starts["bundled"][1])
    starts["large_again"] = (starts["large"][0], starts["large"][1])
    starts["bundled_once"] = starts["bundled_again"]
    starts["large_once"] = (starts["large"][0], starts["large"][1])
    # One section of one claim: what the reader costs before any briefing's size counts.
    tiny = str(Path(cache) / "one-claim.toml")
    subprocess.run(
        [PYTHON, "-m", "benchmarks.generate", "1", "1", "-o", tiny],
        check=True,
        cwd=BENCHMARKS.parent,
        stdout=subprocess.DEVNULL,
    )
    starts["tiny_again"] = ([BRIEFING, tiny], title_marker(tiny))
    # A file changed in the last two seconds is not stored (cache.RACY_NS).
    time.sleep(max(0.0, os.stat(tiny).st_ctime + 2.2 - time.time()))
    huge = str(ctx.files[ctx.size("50k").name])
    starts["huge_again"] = ([BRIEFING, huge], title_marker(huge))
    # The file each reopened start opens (with --quick, the sizes are one small file).
    reopens = {
        "bundled_again": bundled_path(),
        "large_again": path,
        "tiny_again": tiny,
        "huge_again": huge,
    }
    files = sorted(set(reopens.values()))
    for folder, checked in ((cache, files), (rows_cache, sorted({bundled_path(), path}))):
        for file in checked:
            env = {**os.environ, **fresh_home(), "BRIEFING_CACHE_DIR": folder}
            run([BRIEFING, "check", file], env=env)
        # `check` stores its entries in a child: wait for every one.
        _wait_for_records(folder, ".entry", len(checked))
    with Tmux() as term:
        try:
            ctx.log("first frame: warming up")
            for name, (argv, marker) in starts.items():
                first_frame(term, argv, marker, extra_env=_cache_for(name, cached, rows_cache))
            # The first opens store each reopened file's opening; the second ones, kept
            # running until they have handed over to the briefing, keep its picture.
            _wait_for_records(cache, ".opening", len(files))
            _wait_for_records(rows_cache, ".opening", len({bundled_path(), path}))
            for name, file in reopens.items():
                picture = record_file(file, PICTURE, Path(cache))
                if picture is not None and not picture.exists():
                    argv, marker = starts[name]
                    _, pane = first_frame(term, argv, marker, keep=True, extra_env=cached)
                    _wait_for(picture.exists, f"no picture kept of {file}")
                    term.stop(pane)
            series = [Series() for _ in figures]
            for round_ in range(ctx.repeats):
                got = _first_frame_round(
                    term,
                    starts,
                    export_floor,
                    reverse=bool(round_ % 2),
                    cached=cached,
                    rows_cache=rows_cache,
                )
                series[0].add(got["bundled"], got["floor"])
                series[1].add(
                    got["large"], got["floor"], (got["large"] - got["export"]) / got["floor"]
                )
                series[2].add(got["large_kb"], got["export_kb"])
                series[3].add(got["floor_model"], got["floor"])
                series[4].add(got["bundled_again"], got["floor"])
                series[5].add(got["large_again"], got["floor"])
                series[6].add(got["tiny_again"], got["floor"])
                series[7].add(got["huge_again"], got["floor"])
                series[8].add(got["layout"], got["floor"])
                series[9].add(got["bundled_once"], got["floor"])
                series[10].add(got["large_once"], got["floor"])
                ctx.log(
                    f"first frame: round {round_ + 1}/{ctx.repeats}: "
                    + ", ".join(f"{k} {v:.3f}" for k, v in got.items() if not k.endswith("kb"))
                )
        except (TimeoutError, tmux.TmuxError) as error:
            for figure in figures:
                figure.note = f"n/a ({error})"
            return
        finally:
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(rows_cache, ignore_errors=True)
    for figure, samples in zip(figures, series, strict=True):
        figure.series = samples
    large.note = "ratio = (time − export floor) / Textual floor, per round"


def _first_frame_round(
    term: Tmux,
    starts: dict[str, tuple[list[str], str]],
    export_floor: list[str],
    *,
    reverse: bool,
    cached: dict[str, str],
    rows_cache: str,
) -> dict[str, float]:
    """Run the floors and the reader once each, in turn; return seconds and peak kB."""
    # Each reopened run beside its cold one, so that both follow the same kind of run.
    steps = [
        "floor",
        "floor_model",
        "layout",
        "tiny_again",
        "bundled",
        "bundled_once",
        "bundled_again",
        "export",
        "large",
        "large_once",
        "large_again",
        "huge_again",
    ]
    got: dict[str, float] = {}
    for step in reversed(steps) if reverse else steps:
        if step.endswith(("again", "once")):
            for picture in _records(rows_cache, ".picture"):
                os.unlink(picture)  # "once": from the rows, never a picture
            argv, marker = starts[step]
            got[step], _ = first_frame(
                term, argv, marker, extra_env=_cache_for(step, cached, rows_cache)
            )
            continue
        if step == "export":
            done = run(export_floor)
            if done.returncode != 0:
                raise RuntimeError(f"the export floor failed: {done.stderr.strip()}")
            got["export"], got["export_kb"] = done.seconds, done.peak_kb
        elif step == "large":
            argv, marker = starts[step]
            got[step], pane = first_frame(term, argv, marker, keep=True)
            got["large_kb"] = settled_peak(pane)
            term.stop(pane)
        else:
            argv, marker = starts[step]
            got[step], _ = first_frame(term, argv, marker)
    return got


def headless_figure(ctx: Context) -> None:
    """Reader's first frame headless on the bundled briefing, against the headless floor."""
    figure = ctx.add(
        Figure(
            "reader first frame headless, bundled",
            "ms",
            "— (no budget; for comparison)",
            None,
            floor_label="Textual floor (headless)",
        )
    )
    path = bundled_path()
    subject = [PYTHON, HEADLESS_OPEN, path, title_marker(path)]
    floor = [PYTHON, HEADLESS_OPEN, "--floor"]
    run(floor)
    if problem := run(subject).failure():
        figure.note = problem
        return
    figure.series = Series()
    for round_ in range(ctx.repeats):
        pair = [floor, subject] if round_ % 2 == 0 else [subject, floor]
        a, b = (run(argv) for argv in pair)
        floor_run, subject_run = (a, b) if round_ % 2 == 0 else (b, a)
        figure.series.add(subject_run.seconds, floor_run.seconds)


def key_figure(ctx: Context) -> None:
    """Down in the outline at 50k, until the detail pane shows the next claim, in tmux."""
    figure = ctx.add(
        Figure(
            "Down key in tmux, 50k",
            "ms",
            "≤ 25 ms",
            25,
            on_ratio=False,
            floor_label="Textual floor (tmux, Down updates a line)",
        )
    )
    if not tmux.available():
        figure.note = "n/a (tmux not installed)"
        return
    size = ctx.size("50k")
    path = str(ctx.files[size.name])
    from benchmarks.floors.textual_floor import count_marker

    wanted = max(5, 4 * ctx.repeats)
    with Tmux() as term:
        ctx.log("Down key: opening the reader (this loads the whole briefing)")
        floor_pane = term.start([PYTHON, TEXTUAL_FLOOR, "--keys"], ENV)
        term.wait_for(floor_pane, count_marker(0), since=time.perf_counter(), timeout=60)
        _, pane = first_frame(term, [BRIEFING, path], title_marker(path), keep=True)
        time.sleep(1.0)
        # The reader opens on the first section's row with that section open, or on a
        # claim of it: each Down moves to the next claim, whose id the claim pane shows.
        shown = re.search(r"\(id: s001-c(\d{3})\)", term.screen(pane))
        first = int(shown.group(1)) + 1 if shown else 1
        presses = min(wanted, size.claims - first + 1)
        series = Series()
        try:
            for press in range(1, presses + 1):
                claim_marker = f"(id: s001-c{first + press - 1:03d})"
                steps = [("floor", floor_pane), ("reader", pane)]
                if press % 2:
                    steps.reverse()
                got: dict[str, float] = {}
                for name, target in steps:
                    marker = count_marker(press) if name == "floor" else claim_marker
                    start = time.perf_counter()
                    term.send(target, "Down")
                    got[name] = term.wait_for(target, marker, since=start, timeout=KEY_TIMEOUT)
                    time.sleep(0.05)
                series.add(got["reader"], got["floor"])
        except (TimeoutError, tmux.TmuxError) as error:
            figure.note = f"n/a ({error})"
            return
        finally:
            term.stop(pane)
            term.stop(floor_pane)
    figure.series = series
    figure.note = f"{presses} presses"


def _cache_for(name: str, cached: dict[str, str], rows_cache: str) -> dict[str, str] | None:
    """Return the cache folder a start runs with: None (a fresh one) unless reopened."""
    if name.endswith("again"):
        return cached
    if name.endswith("once"):
        return {"BRIEFING_CACHE_DIR": rows_cache}
    return None


def _records(folder: str, suffix: str) -> list[str]:
    """Return the files of `folder` whose names end in `suffix`."""
    return [entry.path for entry in os.scandir(folder) if entry.name.endswith(suffix)]


def _wait_for_records(folder: str, suffix: str, count: int) -> None:
    """Wait until `folder` holds `count` files ending in `suffix` (written by a child)."""
    _wait_for(
        lambda: len(_records(folder, suffix)) >= count,
        f"fewer than {count} {suffix} files in {folder}",
    )


def _wait_for(done: Callable[[], bool], failure: str, timeout: float = 30.0) -> None:
    """Wait until `done()`; raise TimeoutError with `failure` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(failure)
        time.sleep(0.1)
