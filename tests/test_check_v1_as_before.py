"""Version 1 briefings check as they did before format version 2: nothing hard-coded.

Every fixture that declares `format = 1` is checked (new version 2 fixtures declare
`format = 2` and drop out by themselves). Two properties hold by the contract. A version 1
file gains no version 2 problem: no message about format 2, no error in a file that loaded
before (the fixtures meant to be broken are named `bad-*` or `*broken*`). And version 2
keeps every rule of version 1 and adds rules only for its own keys and for parties, so the
same file declared `format = 2` gets exactly the same diagnostics, line for line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from check_output import CheckRun, run_check

from briefing.commands import check

FIXTURES = Path(__file__).parent / "fixtures"
_FORMAT_1 = re.compile(r"^format\s*=\s*1[ \t]*(#.*)?$", re.MULTILINE)


def _declares_format_1(path: Path) -> bool:
    return _FORMAT_1.search(path.read_bytes().decode("utf-8", errors="replace")) is not None


V1 = sorted(
    path
    for path in FIXTURES.rglob("*.toml")
    if "check-v2" not in path.parts and _declares_format_1(path)
)
MEANT_BROKEN = [p for p in V1 if p.name.startswith("bad-") or "broken" in p.name]
LOADING = [p for p in V1 if p not in MEANT_BROKEN]


@pytest.fixture(scope="module")
def v1_run() -> CheckRun:
    return run_check(*V1)


def test_the_version_1_fixtures_are_found() -> None:
    assert len(LOADING) >= 8 and len(MEANT_BROKEN) >= 5


def test_no_version_1_file_is_told_about_format_2(v1_run: CheckRun) -> None:
    assert "Traceback" not in v1_run.stderr
    printed = [p.text for lines in v1_run.by_file.values() for p in lines]
    assert [text for text in printed if re.search(r"format\s*=?\s*2|needs format", text)] == []


def test_version_1_files_that_loaded_still_load(v1_run: CheckRun) -> None:
    errors = {
        path.name: [p.text for p in v1_run.of(path) if p.severity == "error"] for path in LOADING
    }
    assert {name: found for name, found in errors.items() if found} == {}


def test_version_1_files_meant_broken_are_still_refused(v1_run: CheckRun) -> None:
    for path in MEANT_BROKEN:
        assert any(p.severity == "error" for p in v1_run.of(path)), path


def test_loading_version_1_files_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main([str(p) for p in LOADING]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_version_1_file_declared_format_2_gets_the_same_diagnostics(
    v1_run: CheckRun, tmp_path: Path
) -> None:
    copies: dict[Path, Path] = {}
    for path in V1:
        copy = tmp_path / path.relative_to(FIXTURES)
        copy.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        # Only the declaration changes: every line keeps its number and column.
        copy.write_bytes(re.sub(rb"(?m)^(format\s*=\s*)1", rb"\g<1>2", data, count=1))
        copies[path] = copy
    v2_run = run_check(*copies.values())
    assert "Traceback" not in v2_run.stderr
    changed = {}
    for path, copy in copies.items():
        before = [p.text.removeprefix(str(path)) for p in v1_run.of(path)]
        after = [p.text.removeprefix(str(copy)) for p in v2_run.of(copy)]
        if after != before:
            changed[path.name] = {"format 1": before, "format 2": after}
    assert changed == {}
