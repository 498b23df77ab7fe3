"""Key mashing: random sequences of the reader's keys never crash it, and `q` still quits.

Hypothesis draws key sequences from every key the reader binds (and some it does
not), and presses them on the bundled briefing and on the hostile fixture at
several terminal sizes down to 40x10. Whatever screen or modal the sequence ends
on, a few escapes and `q` must end the program with status 0; an exception inside
the app fails the test (Textual's test harness re-raises it).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_pilot import settle

from briefing.app import create_app
from briefing.bundled import bundled_briefings
from briefing.screens.briefing import BriefingScreen

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.toml"
SIZES = [(120, 40), (80, 24), (60, 20), (40, 10)]
QUITS = {"q", "ctrl+c", "ctrl+q"}


def _bound_keys() -> list[str]:
    # Keys the briefing screen binds now (the analyst views add theirs), quits left out.
    keys: list[str] = []
    for binding in BriefingScreen.BINDINGS:
        key = binding if isinstance(binding, tuple) else binding.key  # type: ignore[union-attr]
        keys += [k.strip() for k in str(key).split(",") if k.strip()]
    return keys


KEYS = sorted(
    {
        "escape", "enter", "tab", "shift+tab", "j", "k", "g", "G", "e", "c", "d",
        "right_square_bracket", "left_square_bracket", "backspace", "alt+left", "alt+right",
        "slash", "n", "N", "f", "x", "r", "question_mark", "ctrl+p", "y", "space",
        "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
        "a", "V", "s", "1", "2", "h", "l",
        *_bound_keys(),
    }
    - QUITS
)  # fmt: skip

settings.register_profile(
    "keymash-ci", max_examples=4, deadline=None, derandomize=True, database=None
)
settings.register_profile("keymash-dev", max_examples=4, deadline=None)
# BRIEFING_HYPOTHESIS=thorough runs many more sequences.
settings.register_profile("keymash-thorough", max_examples=100, deadline=None)
PROFILE = {"thorough": "keymash-thorough"}.get(
    os.environ.get("BRIEFING_HYPOTHESIS", ""),
    "keymash-ci" if os.environ.get("CI") else "keymash-dev",
)


async def mash(target: Path, size: tuple[int, int], keys: list[str]) -> int | None:
    """Press `keys` on the reader, then escape out and quit; return the exit status."""
    app = create_app(target, watch_interval=None)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, f"the reader stopped after {key!r} in {keys!r}"
        await settle(pilot)
        assert app.return_code is None
        for _ in range(4):
            await pilot.press("escape")
            await pilot.pause(0.05)
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    return app.return_code


@pytest.fixture(autouse=True)
def _sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Exports land in a scratch folder; an editor key runs a no-op command.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VISUAL", "true")
    monkeypatch.setenv("EDITOR", "true")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("target", ["bundled", "hostile"])
def test_random_keys_never_crash_and_q_still_quits(target: str, size: tuple[int, int]) -> None:
    path = bundled_briefings()[0] if target == "bundled" else HOSTILE

    @settings(settings.get_profile(PROFILE), suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(KEYS), min_size=1, max_size=30))
    def check(keys: list[str]) -> None:
        status = asyncio.run(asyncio.wait_for(mash(path, size, keys), timeout=60))
        assert status == 0, f"q did not quit cleanly after {keys!r}"

    check()
