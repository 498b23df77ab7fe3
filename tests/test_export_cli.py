"""`briefing export` on the command line: options, output, errors and exit codes."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing.commands import check
from briefing.commands.export import main
from briefing.document.loader import load_file
from briefing.export import render

TESTS = Path(__file__).parent
BUNDLED = TESTS.parent / "content" / "china-russia-ukraine.toml"
FEATURES = TESTS / "fixtures" / "features.toml"

BAD = """format = 1
[briefing]
title = "T"
[[sections]]
id = "s"
title = "S"
[[sections.claims]]
id = "c"
text = "x"
claimant = "y"
confidence = "High"
see_also = ["missing"]
"""


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "export", *args],
        capture_output=True,
        env=env,
        cwd=TESTS.parent,
        timeout=60,
    )


def expected(
    path: Path, sections: list[str] | None = None, fmt: str = "text", width: int = 80
) -> str:
    briefing = load_file(path).briefing
    assert briefing is not None
    return render(briefing, sections, fmt, width)


# --- end to end, in a subprocess ----------------------------------------------------


def test_default_is_the_whole_briefing_as_text_at_80_columns_on_stdout() -> None:
    done = run(str(BUNDLED))
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected(BUNDLED).encode("utf-8")
    assert done.stderr == b""


def test_stdout_is_utf8_whatever_the_locale() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    env.update(LANG="C", LC_ALL="C", PYTHONUTF8="0")
    done = run(str(FEATURES), "--section", "wide-and-long", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected(FEATURES, ["wide-and-long"]).encode("utf-8")
    assert "中文標題 🚢".encode() in done.stdout


def test_usage_error_exits_2() -> None:
    done = run(str(BUNDLED), "--width", "10")
    assert done.returncode == 2
    assert b"--width: must be 0 (no wrapping) or at least 20, not 10" in done.stderr
    assert done.stdout == b""


def test_unknown_section_in_a_subprocess() -> None:
    done = run(str(BUNDLED), "--section", "nope")
    assert done.returncode == 1
    assert done.stderr.decode().startswith(
        "briefing export: unknown section 'nope'; valid sections: context, "
    )
    assert done.stdout == b""


# --- in process ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_format_option(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(BUNDLED), "--format", fmt]) == 0
    assert capsys.readouterr().out == expected(BUNDLED, None, fmt)


@pytest.mark.parametrize("width", ["0", "20", "57", "200"])
def test_width_option(width: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(BUNDLED), "--width", width]) == 0
    out = capsys.readouterr().out
    assert out == expected(BUNDLED, None, "text", int(width))
    if width == "0":
        # Unwrapped: the longest paragraph of the summary is one line.
        assert max(len(line) for line in out.splitlines()) > 500


@pytest.mark.parametrize("width", ["-1", "1", "19", "wide", ""])
def test_bad_width_is_a_usage_error(width: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(BUNDLED), "--width", width]) == 2
    captured = capsys.readouterr()
    assert "--width" in captured.err and captured.out == ""


def test_several_sections_by_repeating_or_commas(capsys: pytest.CaptureFixture[str]) -> None:
    want = expected(FEATURES, ["escorts", "hostile"])
    assert main([str(FEATURES), "--section", "hostile", "--section", "escorts"]) == 0
    assert capsys.readouterr().out == want
    assert main(["--section", "escorts,hostile", str(FEATURES)]) == 0
    assert capsys.readouterr().out == want


@pytest.mark.parametrize("value", ["", ","])
def test_an_empty_section_option_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(FEATURES), "--section", value]) == 2
    captured = capsys.readouterr()
    assert captured.err == "briefing export: --section needs a section id\n"
    assert captured.out == ""


def test_warnings_go_to_stderr_and_do_not_stop_the_export(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(FEATURES), "--section", "escorts"]) == 0
    captured = capsys.readouterr()
    assert captured.out == expected(FEATURES, ["escorts"])
    assert "warning: sources[3]: source 'never-cited' is not cited" in captured.err


def test_unknown_sections_are_listed_with_the_valid_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = [str(FEATURES), "--section", "escorts", "--section", "nope", "--format", "json"]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1] == (
        "briefing export: unknown section 'nope'; valid sections: escorts, wide-and-long, hostile"
    )


def test_a_briefing_with_errors_is_refused_with_its_located_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    assert check.main([str(bad)]) == 1
    check_lines = capsys.readouterr().err.splitlines()[:-1]  # without its summary line
    assert [line.split(": ")[1] for line in check_lines] == ["warning", "error", "error"]
    assert main([str(bad), "--output", str(tmp_path / "out.txt")]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[:-1] == check_lines
    assert lines[-1] == f"briefing export: not exported: 2 errors in {bad}"
    assert captured.out == ""
    assert not (tmp_path / "out.txt").exists()


def test_a_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.toml")]) == 1
    assert "no such file" in capsys.readouterr().err


# --- --output -----------------------------------------------------------------------


def test_output_writes_the_file_and_nothing_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.md"
    assert main([str(BUNDLED), "--format", "markdown", "--output", str(target)]) == 0
    assert target.read_bytes() == expected(BUNDLED, None, "markdown").encode("utf-8")
    assert capsys.readouterr().out == ""


def test_output_refuses_an_existing_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me")
    assert main([str(BUNDLED), "-o", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"briefing export: {target} already exists; use --force to overwrite it\n"
    )
    assert target.read_text() == "keep me"
    assert main([str(BUNDLED), "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == expected(BUNDLED)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_output_to_a_folder_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(BUNDLED), "-o", str(tmp_path), "--force"]) == 1
    assert capsys.readouterr().err == f"briefing export: cannot write {tmp_path}: it is a folder\n"
    assert list(tmp_path.iterdir()) == []


def test_output_in_a_read_only_folder_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # We run as root, where chmod cannot make a folder read-only: refuse the create instead.
    real_open = os.open

    def read_only(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if flags & os.O_CREAT and Path(path).parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    target = tmp_path / "out.txt"
    assert main([str(BUNDLED), "-o", str(target)]) == 1
    assert capsys.readouterr().err == f"briefing export: cannot write {target}: Permission denied\n"
    assert list(tmp_path.iterdir()) == []


def test_disk_full_is_one_clear_line_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main([str(BUNDLED), "-o", str(target), "--force"]) == 1
    assert capsys.readouterr().err == (
        f"briefing export: cannot write {target}: No space left on device\n"
    )
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--section ID" in out and "--force" in out and "exit status" in out
