"""The benchmark harness works: a quick run at the small size gives every figure a number.

Timings are never asserted: the machine is shared and noisy. What is asserted is
what a developer running the harness gets: a table with every figure, each with a
numeric ratio (or a count), and generated briefings that are valid.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ sits beside the package and is not installed with it (CI installs a wheel).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.__main__ import FIGURE_NAMES  # noqa: E402
from benchmarks.generate import SIZES, generate  # noqa: E402
from benchmarks.tmux import available  # noqa: E402

# In the slow layer: the benchmark harness, its tmux figures included.
pytestmark = pytest.mark.slow

BRIEFING = str(Path(sys.executable).with_name("briefing"))
TMUX_FIGURES = {
    "reader first frame in tmux, bundled",
    "reader first frame in tmux, 10k",
    "reader first frame in tmux, bundled, reopened",
    "reader first frame in tmux, 10k, reopened",
    "reader first frame in tmux, 1 claim, reopened",
    "reader first frame in tmux, 50k, reopened",
    "reader first frame in tmux, bundled, reopened once (from its rows)",
    "reader first frame in tmux, 10k, reopened once (from its rows)",
    "Textual app with the reader's layout, in tmux",
    "reader peak RSS, 10k",
    "Down key in tmux, 50k",
    "reader RSS after 50 reloads (r), 2k",
    "reader RSS after 50 rewrites of its file, 2k",
}


def test_generator_is_deterministic_and_the_briefing_checks_clean(tmp_path: Path) -> None:
    size = SIZES["small"]
    text = generate(size.sections, size.claims, seed=7)
    assert text == generate(size.sections, size.claims, seed=7)
    assert text != generate(size.sections, size.claims, seed=8)
    path = tmp_path / "small.toml"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([BRIEFING, "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "0 errors, 0 warnings" in done.stderr

    from briefing.document.loader import load_file

    briefing = load_file(path).briefing
    assert briefing is not None
    assert [len(s.claims) for s in briefing.sections] == [4] * 5
    claim = briefing.sections[2].claims[1]
    assert (len(claim.evidence), len(claim.caveats), len(claim.denials)) == (3, 2, 1)
    assert len(briefing.sources) == 50
    for string in (
        claim.text,
        claim.evidence[0].text,
        claim.caveats[1].text,
        claim.denials[0].text,
    ):
        assert 150 <= len(string) <= 300


def test_quick_run_prints_every_figure_with_a_numeric_ratio(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--repeats", "1", "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={"BENCHMARKS_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = {}
    for line in done.stdout.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[0] not in ("figure", "---"):
            rows[cells[0]] = cells
    assert list(rows) == FIGURE_NAMES
    for name, cells in rows.items():
        ratio, met = cells[5], cells[7]
        if name in TMUX_FIGURES and not available():
            assert "tmux not installed" in cells[1]
        elif name.startswith("Textual modules"):
            assert re.fullmatch(r"\d+", cells[1]), cells
        else:
            assert re.fullmatch(r"\d+\.\d\d\d?", ratio), cells
            assert re.fullmatch(r"[\d.]+ (ms|MB)", cells[1]), cells
        assert met in ("yes", "**no**", "—"), cells
    # The table is also written, with the machine it ran on and the command.
    written = output.read_text(encoding="utf-8")
    assert "Quick run" in written and "CPU:" in written and "--quick" in written
    assert all(name in written for name in FIGURE_NAMES)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_tmux_control_client_reads_a_program_screen() -> None:
    import time

    from benchmarks.tmux import Tmux

    with Tmux() as term:
        pane = term.start(["sh", "-c", "echo ready-marker; sleep 30"])
        seconds = term.wait_for(pane, "ready-marker", since=time.perf_counter(), timeout=30)
        assert seconds >= 0
        assert "ready-marker" in term.screen(pane)
        term.stop(pane)
