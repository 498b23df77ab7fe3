"""Run every benchmark figure as paired rounds and print (and record) the results table.

python -m benchmarks                 # everything, 5 rounds; writes benchmarks/RESULTS.md
python -m benchmarks --quick -r 1    # the small briefing everywhere: proves the harness
python -m benchmarks --only cli      # one group: cli, imports, first-frame, headless-open,
                                     # keys, pilot, soak
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.figures.cli import cli_figures, import_figure
from benchmarks.figures.headless import pilot_figures
from benchmarks.figures.model import Context
from benchmarks.figures.soak import soak_figures
from benchmarks.figures.terminal import first_frame_figures, headless_figure, key_figure
from benchmarks.generate import SIZES, ensure
from benchmarks.measure import BENCHMARKS, compile_bytecode
from benchmarks.report import section, table, write


def all_cli_figures(ctx: Context) -> None:
    """Check and export at every size."""
    for size in SIZES:
        cli_figures(ctx, size)


GROUPS: dict[str, Callable[[Context], None]] = {
    "cli": all_cli_figures,
    "imports": import_figure,
    "first-frame": first_frame_figures,
    "headless-open": headless_figure,
    "keys": key_figure,
    "pilot": pilot_figures,
    "soak": soak_figures,
}

# Every figure, in the order of the table: the test checks the table holds them all.
FIGURE_NAMES = [
    "check, small",
    "export --section, small",
    "check, small, CPU time",
    "export --section, small, CPU time",
    "check reopened, small",
    "export --section reopened, small",
    "export --section reopened, small, CPU time",
    "check, 10k",
    "export --section, 10k",
    "check, 10k, CPU time",
    "export --section, 10k, CPU time",
    "check reopened, 10k",
    "export --section reopened, 10k",
    "export --section reopened, 10k, CPU time",
    "check peak RSS, 10k",
    "export peak RSS, 10k",
    "check, 50k",
    "export --section, 50k",
    "check, 50k, CPU time",
    "export --section, 50k, CPU time",
    "check reopened, 50k",
    "export --section reopened, 50k",
    "export --section reopened, 50k, CPU time",
    "check peak RSS, 50k",
    "export peak RSS, 50k",
    "Textual modules imported by check/export",
    "reader first frame in tmux, bundled",
    "reader first frame in tmux, 10k",
    "reader first frame in tmux, bundled, reopened",
    "reader first frame in tmux, 10k, reopened",
    "reader first frame in tmux, 1 claim, reopened",
    "reader first frame in tmux, 50k, reopened",
    "reader first frame in tmux, bundled, reopened once (from its rows)",
    "reader first frame in tmux, 10k, reopened once (from its rows)",
    "reader peak RSS, 10k",
    "Textual floor after importing the model, in tmux",
    "Textual app with the reader's layout, in tmux",
    "reader first frame headless, bundled",
    "Down key in tmux, 50k",
    "expand a section, 50k",
    "collapse a section, 50k",
    "search results, 50k",
    "search results, 50k, one common word",
    "reader RSS after 50 reloads (r), 2k",
    "reader RSS after 50 rewrites of its file, 2k",
]


def main(argv: list[str] | None = None) -> int:
    """Run the chosen groups, print the table, write RESULTS.md; return 0."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawTextHelpFormatter,
    )
    parser.add_argument("-r", "--repeats", type=int, default=5, help="paired rounds (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="use the small briefing for every size (CI)"
    )
    parser.add_argument("--only", action="append", choices=list(GROUPS), help="run only these")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write the results here (default: benchmarks/RESULTS.md, none with --quick)",
    )
    options = parser.parse_args(argv)
    command = "python -m benchmarks " + shlex.join(sys.argv[1:] if argv is None else argv)

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    log(f"bytecode compiled: {compile_bytecode()}")
    sizes = ["small"] if options.quick else list(SIZES)
    files = {}
    for size in sizes:
        log(f"briefing {size}: {ensure(SIZES[size])}")
        files[size] = ensure(SIZES[size])
    ctx = Context(files, options.repeats, options.quick, log)
    for name in options.only or list(GROUPS):
        log(f"group {name}")
        GROUPS[name](ctx)
    figures = [ctx.figures[n] for n in FIGURE_NAMES if n in ctx.figures]
    print(table(figures))
    output = options.output or (None if options.quick else BENCHMARKS / "RESULTS.md")
    if output is not None:
        write(output, section(figures, command, options.repeats, options.quick))
        log(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
