"""The commands scripts run never load the UI's libraries: checked on the real program.

`lint-imports` (pyproject.toml) checks the import graph statically, but it cannot see what
the entry point imports by name at run time, nor tell a function-level import from a
module-level one; this asks the running program what it actually loaded.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from briefings import BUNDLED, TESTS

UI_LIBRARIES = {"textual", "rich", "textual_serve", "aiohttp"}


def modules_loaded_by(args: list[str]) -> set[str]:
    """Run `briefing ARGS` (no terminal) and return the names of the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # -X importtime writes one line per module imported: "import time: self | cumulative | name".
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(TESTS / "fixtures" / "check" / "valid.toml")],
        ["export", str(BUNDLED)],
        ["schema"],
        ["upgrade", str(TESTS / "fixtures" / "check" / "valid.toml")],
        # Without a terminal the reader prints an outline: that path must stay light too.
        [str(BUNDLED)],
    ],
    ids=["check", "export", "schema", "upgrade", "read-into-a-pipe"],
)
def test_a_script_command_loads_no_ui_library(args: list[str]) -> None:
    loaded = modules_loaded_by(args)
    assert "briefing.cli" in loaded
    assert {name.split(".")[0] for name in loaded} & UI_LIBRARIES == set()


def test_check_loads_no_export_format() -> None:
    # `check` reports problems; the exports (and the wrapping library they load) would
    # only make it slower to start (its budget is 1.15 x a bare parse).
    loaded = modules_loaded_by(["check", str(BUNDLED)])
    assert "briefing.document.loader" in loaded
    assert {name for name in loaded if name.startswith(("briefing.export", "wcwidth"))} == set()


def test_only_upgrade_loads_the_style_preserving_toml_library() -> None:
    # tomlkit edits a file for `upgrade`; reading one is tomli's work, and faster.
    assert "tomlkit" not in modules_loaded_by(["check", str(BUNDLED)])
    assert "tomlkit" not in modules_loaded_by(["export", str(BUNDLED)])
    assert "tomlkit" in modules_loaded_by(["upgrade", str(TESTS / "fixtures" / "features.toml")])
