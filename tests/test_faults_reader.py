"""Faults while the reader is open: the file breaks or goes away, exports fail or overlap.

The reader keeps the last good briefing on screen and says why a reload failed,
naming the file and the reason; an export that fails leaves no partial file and
an existing file untouched; a reload during an export lets both finish.
Read-only and full disks are real (small tmpfs mounts) where the machine allows it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reader_pilot import SAMPLE, briefing_screen, current, notices, press, reader, screen_text
from textual.pilot import Pilot
from textual.widgets import Input

import briefing.export
from briefing.commands import export as export_command
from briefing.document.loader import load_file
from briefing.tui.screens.confirm import ConfirmScreen
from briefing.tui.widgets.status_panel import DiagnosticsPanel

# In the slow layer: Pilot sessions with injected faults (full disk, read-only folders, swaps).
pytestmark = pytest.mark.slow

GOOD_TEXT = "Both navies agreed to escort grain convoys."


def copy_sample(folder: Path) -> Path:
    """Return a copy of the sample briefing that a test may break."""
    target = folder / "briefing.toml"
    shutil.copyfile(SAMPLE, target)
    return target


async def reload_and_read_panel(pilot: Pilot[None]) -> str:
    """Press r; return the reload-errors panel's text, after checking the old version stays."""
    app = pilot.app
    await press(pilot, "r")
    screen = briefing_screen(app)
    assert screen.briefing is not None
    assert current(app) == ("claim", "escorts-agreed")
    text = screen_text(app)
    assert GOOD_TEXT in text
    assert "Reload failed: still showing the last good version" in text
    assert any(
        n.startswith("Reload failed: 1 error(s); the last good version stays") for n in notices(app)
    )
    panel = screen.query_one(DiagnosticsPanel)
    assert panel.shown
    return str(panel.content)


async def test_a_deleted_file_keeps_the_last_good_version_and_says_so(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with reader(path) as pilot:
        await press(pilot, "down")
        path.unlink()
        assert await reload_and_read_panel(pilot) == f"{path}: error: no such file"
        # The reader goes on working on what it has.
        await press(pilot, "escape", "j")
        assert current(pilot.app) == ("claim", "escorts-started")


async def test_a_truncated_file_shows_located_errors_and_keeps_the_last_good(
    tmp_path: Path,
) -> None:
    path = copy_sample(tmp_path)
    data = path.read_bytes()
    async with reader(path) as pilot:
        await press(pilot, "down")
        path.write_bytes(data[: len(data) // 2])
        panel = await reload_and_read_panel(pilot)
        assert panel.startswith(f"{path}:")
        line, col = panel.split(":")[1:3]
        assert int(line) >= 1 and int(col) >= 1 and ": error: " in panel


async def test_an_unreadable_file_is_reported_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, whom chmod 000 does not stop: refuse the read as the OS would.
    path = copy_sample(tmp_path)
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read(self)

    async with reader(path) as pilot:
        await press(pilot, "down")
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        assert (
            await reload_and_read_panel(pilot) == f"{path}: error: cannot read: permission denied"
        )


async def test_a_file_replaced_by_a_folder_or_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with reader(path) as pilot:
        await press(pilot, "down")
        path.unlink()
        path.mkdir()
        panel = await reload_and_read_panel(pilot)
        assert panel == f"{path}: error: is a directory, not a briefing file"
        await press(pilot, "escape")
        path.rmdir()
        # A pipe with no writer would block a read for ever.
        os.mkfifo(path)
        panel = await reload_and_read_panel(pilot)
        assert panel == f"{path}: error: not a regular file (a pipe, device or socket)"


async def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    data = path.read_bytes()
    async with reader(path) as pilot:
        await press(pilot, "down")
        path.write_bytes(data.replace(b"Coast guard", b"Coast \xff\xfe guard", 1))
        panel = await reload_and_read_panel(pilot)
        assert panel.startswith(f"{path}:") and "UTF-8" in panel


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 20) -> None:
    """Let the app run until `condition()` holds (without waiting for every worker)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def test_a_reload_during_an_export_lets_both_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = copy_sample(tmp_path)
    old = load_file(path).briefing
    assert old is not None
    rendering, release = threading.Event(), threading.Event()
    real_render = briefing.export.render

    def slow_render(*args: object, **kwargs: object) -> str:
        rendering.set()
        assert release.wait(20)
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(briefing.export, "render", slow_render)
    async with reader(path) as pilot:
        app = pilot.app
        await press(pilot, "down", "x")
        await pilot.press("enter")
        await until(pilot, rendering.is_set)
        # The export is under way (in its thread); the author saves a new version.
        text = path.read_text(encoding="utf-8").replace(GOOD_TEXT, "Both navies agreed, again.")
        path.write_text(text, encoding="utf-8")
        await pilot.press("r")
        await until(pilot, lambda: "Both navies agreed, again." in screen_text(app))
        assert not (tmp_path / "escorts.txt").exists()
        release.set()
        await until(pilot, lambda: "Wrote section 'escorts' to escorts.txt" in notices(app))
        # The export is of the version it started from, whole.
        written = (tmp_path / "escorts.txt").read_text(encoding="utf-8")
        assert written == real_render(old, section_ids=["escorts"], fmt="text", width=80)
        assert current(app) == ("claim", "escorts-agreed")


def leftovers(folder: Path) -> list[str]:
    """Return the names of temporary files an export left in `folder`."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@contextlib.contextmanager
def tmpfs(where: Path, size_kb: int) -> Iterator[Path]:
    """Mount a small tmpfs at `where` (root only); skip where mounting is not allowed."""
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def remount_read_only(where: Path) -> None:
    """Make a mounted tmpfs read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def fill(where: Path) -> None:
    """Fill a file system until it has no space left."""
    with contextlib.suppress(OSError), (where / "filler").open("wb") as out:
        while True:
            out.write(b"x" * 65536)
            out.flush()


async def export_from_reader(pilot: Pilot[None], target: Path, *, overwrite: bool) -> None:
    """Export the current section to `target` with x, confirming an overwrite if asked."""
    await press(pilot, "x")
    pilot.app.screen.query_one(Input).value = str(target)
    await press(pilot, "enter")
    if overwrite:
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await press(pilot, "y")


async def test_export_to_a_read_only_folder_fails_cleanly(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", 256) as folder:
        (folder / "old.txt").write_text("keep me", encoding="utf-8")
        remount_read_only(folder)
        async with reader(SAMPLE) as pilot:
            await export_from_reader(pilot, folder / "new.txt", overwrite=False)
            await export_from_reader(pilot, folder / "old.txt", overwrite=True)
            messages = notices(pilot.app)
            assert f"Could not write {folder}/new.txt: Read-only file system" in messages
            assert f"Could not write {folder}/old.txt: Read-only file system" in messages
            assert pilot.app.is_running
        assert sorted(p.name for p in folder.iterdir()) == ["old.txt"]
        assert (folder / "old.txt").read_text(encoding="utf-8") == "keep me"


async def test_export_to_a_full_disk_leaves_no_partial_file_and_the_old_one_whole(
    tmp_path: Path,
) -> None:
    with tmpfs(tmp_path / "full", 64) as folder:
        (folder / "old.txt").write_text("keep me", encoding="utf-8")
        fill(folder)
        async with reader(SAMPLE) as pilot:
            await export_from_reader(pilot, folder / "new.txt", overwrite=False)
            await export_from_reader(pilot, folder / "old.txt", overwrite=True)
            messages = notices(pilot.app)
            assert f"Could not write {folder}/new.txt: No space left on device" in messages
            assert f"Could not write {folder}/old.txt: No space left on device" in messages
        assert sorted(p.name for p in folder.iterdir()) == ["filler", "old.txt"]
        assert (folder / "old.txt").read_text(encoding="utf-8") == "keep me"


async def test_export_to_a_path_that_is_a_folder_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    async with reader(SAMPLE) as pilot:
        await export_from_reader(pilot, tmp_path / "out", overwrite=False)
        assert f"Could not write {tmp_path}/out: is a directory" in notices(pilot.app)
    assert list((tmp_path / "out").iterdir()) == [] and leftovers(tmp_path) == []


@pytest.mark.parametrize("fault", ["read-only", "full"])
def test_export_command_on_a_real_read_only_or_full_disk(
    tmp_path: Path, fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "disk", 64) as folder:
        target = folder / "out.txt"
        target.write_text("keep me", encoding="utf-8")
        if fault == "full":
            fill(folder)
        else:
            remount_read_only(folder)
        code = export_command.main([str(SAMPLE), "-o", str(target), "--force"])
        err = capsys.readouterr().err
        reason = "No space left on device" if fault == "full" else "Read-only file system"
        assert code != 0
        # The sample's warnings, then one line for the failure.
        assert err.splitlines()[-1] == f"briefing export: cannot write {target}: {reason}"
        assert "Traceback" not in err
        assert target.read_text(encoding="utf-8") == "keep me"
        assert leftovers(folder) == []
