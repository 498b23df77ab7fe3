"""`briefing check` as a user runs it: exit codes, located lines, summary, bad paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.commands import check

FIXTURES = Path(__file__).parent / "fixtures" / "check"
BAD_SAMPLES = sorted(FIXTURES.glob("bad-*.toml"))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real program in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def check_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = check.main(list(args))
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err.splitlines()


def test_valid_sample_exits_zero_with_a_summary() -> None:
    done = run("check", str(FIXTURES / "valid.toml"))
    assert done.returncode == 0
    assert done.stdout == ""
    assert done.stderr == "checked 1 file: 0 errors, 0 warnings\n"


@pytest.mark.parametrize("sample", BAD_SAMPLES, ids=lambda p: p.stem)
def test_each_bad_sample_exits_one_with_the_right_line(sample: Path) -> None:
    expected = sample.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    done = run("check", str(sample))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert any(line.startswith(f"{sample}:{expected}") for line in lines), lines
    assert lines[-1].startswith("checked 1 file: ")
    assert "Traceback" not in done.stderr


def test_a_folder_checks_every_briefing_in_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check_in_process(capsys, str(FIXTURES))
    assert code == 1
    files = len(BAD_SAMPLES) + 1
    assert lines[-1].startswith(f"checked {files} files: ")
    for sample in BAD_SAMPLES:
        assert any(line.startswith(f"{sample}:") for line in lines)


def test_warnings_alone_exit_zero_unless_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FIXTURES / "valid.toml").read_text(encoding="utf-8")
    path = tmp_path / "warn.toml"
    path.write_text(text.replace("Both navies agreed", "Both navies\\u001b agreed"), "utf-8")
    code, lines = check_in_process(capsys, str(path))
    assert code == 0
    assert lines[-1] == "checked 1 file: 0 errors, 1 warning"
    assert "warning" in lines[0] and "U+001B" in lines[0]
    assert "\x1b" not in "".join(lines)  # the escape is named, never sent to the terminal
    code, _ = check_in_process(capsys, "--strict", str(path))
    assert code == 1


def test_bom_and_crlf_are_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (FIXTURES / "valid.toml").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, lines = check_in_process(capsys, str(path))
    assert (code, lines) == (0, ["checked 1 file: 0 errors, 0 warnings"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "1:1: error: the file is empty; a briefing starts with 'format = 1'"),
        (b'format = 1\ntitle = "caf\xe9"\n', "2:13: error: not valid UTF-8 (byte 0xe9)"),
        # A PNG's first byte is already not text, though its first NUL is on line 3.
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "1:1: error: not a text file"),
        (b'format = 1\ntitle = "x"\n\x00\x00', "3:1: error: not a text file"),
        (b"format = 1\n# \xc3\xa9t\xc3\xa9\x07\x00", "2:6: error: not a text file"),
    ],
    ids=["empty", "latin-1", "png", "nul-after-text", "control-before-nul"],
)
def test_bad_files_get_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    done = run("check", str(path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:{message}")
    assert lines[1] == "checked 1 file: 1 error, 0 warnings"


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run("check", str(tmp_path / "nope.toml"), str(empty))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{tmp_path / 'nope.toml'}: error: no such file or folder",
        f"{empty}: error: no *.toml briefing files in this folder",
        "checked 0 files: 2 errors, 0 warnings",
    ]


def test_permission_error_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, where chmod cannot deny a read: make the read itself fail.
    path = tmp_path / "locked.toml"
    path.write_text("format = 1\n", "utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    code, lines = check_in_process(capsys, str(path))
    assert code == 1
    assert lines == [
        f"{path}: error: cannot read: permission denied",
        "checked 1 file: 1 error, 0 warnings",
    ]


@pytest.mark.slow  # writes a 50 MB file
def test_a_50_mb_file_gets_a_clear_answer(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    filler = "# " + "x" * 98 + "\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("format = 1\n")
        out.write(filler * (50 * 1024 * 1024 // len(filler)))
        out.write("[briefing]\ntitle = 5\n")
    done = run("check", str(path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"{path}:1:1: error: sections: no sections")
    assert lines[1].endswith(": error: briefing.title: expected a string, found an integer")
    assert lines[-1] == "checked 1 file: 2 errors, 0 warnings"


def test_a_file_with_a_flood_of_problems_lists_only_the_first(tmp_path: Path) -> None:
    path = tmp_path / "flood.toml"
    keys = "".join(f"stray{i} = {i}\n" for i in range(5000))
    path.write_text('format = 1\n[briefing]\ntitle = "T"\n' + keys, "utf-8")
    done = run("check", str(path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 200 + 2
    assert lines[0].startswith(f"{path}:1:1: error: sections: no sections: ")
    assert lines[-2].startswith(f"{path}: 4801 more problems not listed")
    assert lines[-1] == "checked 1 file: 5001 errors, 0 warnings"


def test_usage_errors_exit_two() -> None:
    done = run("check")
    assert done.returncode == 2
    assert "usage: briefing check" in done.stderr


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["export", "--help"]])
def test_every_command_has_help(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: briefing")
