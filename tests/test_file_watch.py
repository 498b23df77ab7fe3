"""The file watch: the kernel's notifications, a symbolic link's target, polling as a fallback."""

from __future__ import annotations

import os
import queue
import shutil
from pathlib import Path

from briefing.document.watch import FileWatcher, Signature, file_signature

HOUR = 3600.0
"""A polling interval no test waits for: a change seen sooner came from the kernel."""
PATIENCE = 30.0
"""How long a test waits for a change to be told (a wait, not a measurement)."""


class Told:
    """What a watcher told, one signature at a time."""

    def __init__(self) -> None:
        self.signatures: queue.Queue[Signature] = queue.Queue()

    def __call__(self, signature: Signature) -> None:
        self.signatures.put(signature)

    def until(self, wanted: Signature) -> None:
        while True:
            try:
                told = self.signatures.get(timeout=PATIENCE)
            except queue.Empty:
                raise AssertionError(f"never told {wanted}") from None
            if told == wanted:
                return


def rewrite(path: Path, text: str) -> None:
    """Save as an editor does: a new file renamed over the old one."""
    saving = path.with_name(path.name + ".saving")
    saving.write_text(text, encoding="utf-8")
    os.replace(saving, path)


def test_a_rewrite_is_told_by_the_kernel_long_before_any_poll(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    path.write_text("one", encoding="utf-8")
    told = Told()
    watcher = FileWatcher(path, told, poll_every=HOUR).start()
    try:
        told.until(file_signature(path))  # what the file is when the watch begins
        for text in ("two", "three!", "four"):
            rewrite(path, text)
            told.until(file_signature(path))
    finally:
        watcher.stop()


def test_a_file_removed_is_told_as_none_and_its_return_as_its_signature(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    path.write_text("one", encoding="utf-8")
    told = Told()
    watcher = FileWatcher(path, told, poll_every=HOUR).start()
    try:
        told.until(file_signature(path))
        path.unlink()
        told.until(None)
        path.write_text("back", encoding="utf-8")
        told.until(file_signature(path))
    finally:
        watcher.stop()


def test_where_the_kernel_cannot_watch_the_file_is_polled(tmp_path: Path) -> None:
    # The folder does not exist yet: there is nothing for the kernel to watch.
    folder = tmp_path / "later"
    path = folder / "b.toml"
    told = Told()
    watcher = FileWatcher(path, told, poll_every=0.05).start()
    try:
        told.until(None)
        folder.mkdir()
        path.write_text("one", encoding="utf-8")
        told.until(file_signature(path))
    finally:
        watcher.stop()


def test_a_removed_folder_leaves_the_file_polled(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "b.toml"
    path.write_text("one", encoding="utf-8")
    told = Told()
    watcher = FileWatcher(path, told, poll_every=0.05).start()
    try:
        told.until(file_signature(path))
        shutil.rmtree(folder)
        told.until(None)
        folder.mkdir()
        path.write_text("two", encoding="utf-8")
        told.until(file_signature(path))
    finally:
        watcher.stop()


def test_a_change_through_a_symbolic_link_is_told(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir()
    target = real / "b.toml"
    target.write_text("one", encoding="utf-8")
    link_folder = tmp_path / "links"
    link_folder.mkdir()
    link = link_folder / "b.toml"
    link.symlink_to(target)
    told = Told()
    watcher = FileWatcher(link, told, poll_every=HOUR).start()
    try:
        told.until(file_signature(link))
        target.write_text("changed at the target", encoding="utf-8")
        told.until(file_signature(link))
    finally:
        watcher.stop()


def test_stop_ends_the_watchers_thread(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    path.write_text("one", encoding="utf-8")
    told = Told()
    watcher = FileWatcher(path, told, poll_every=HOUR).start()
    told.until(file_signature(path))
    watcher.stop()
    watcher.join(PATIENCE)
    assert not watcher.alive
