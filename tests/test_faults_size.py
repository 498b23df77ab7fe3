"""Size: a 50 MB briefing, a file over the size limit, and a claim of one 1 MB word.

Each opens, or is refused with a clear message, without hanging: every test runs
under a generous time guard rather than asserting a speed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from reader_pilot import briefing_screen, current, press, reader, screen_text
from rich.cells import cell_len

from briefing.commands import check
from briefing.document.loader import MAX_FILE_BYTES, load_file
from briefing.export import render
from briefing.tui.screens.error import ErrorScreen
from briefing.tui.widgets.outline import Outline

# In the slow layer: 50 MB and 1 MB briefings.
pytestmark = pytest.mark.slow

PARAGRAPH = (
    "Officials said the convoy reached port after talks; analysts questioned the figures. " * 12
)
BIG_WORD = "START" + "x" * 1_000_000 + "END"


@pytest.fixture(scope="module")
def fifty_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write a valid briefing of at least 50 MB: sections of 100 long claims each."""
    path = tmp_path_factory.mktemp("size") / "fifty.toml"
    head = 'format = 1\n[briefing]\ntitle = "Fifty megabytes"\n[[sources]]\nid = "s"\ntitle = "S"\n'
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        number = section = 0
        while out.tell() < 50 * 1024 * 1024:
            out.write(f'[[sections]]\nid = "s{section}"\ntitle = "Section {section}"\n')
            for _ in range(100):
                out.write(
                    f'[[sections.claims]]\nid = "c{number}"\ntext = "Claim {number}: {PARAGRAPH}"\n'
                    f'claimant = "Someone"\nevidence = [{{ text = "{PARAGRAPH}", source = "s" }}]\n'
                    f'caveats = ["{PARAGRAPH}"]\n'
                )
                number += 1
            section += 1
    return path


async def test_a_50_mb_briefing_opens_in_the_reader(fifty_megabytes: Path) -> None:
    assert fifty_megabytes.stat().st_size >= 50 * 1024 * 1024

    async def read() -> None:
        async with reader(fifty_megabytes) as pilot:
            app = pilot.app
            outline = briefing_screen(app).query_one(Outline)
            assert len(outline.root.children) >= 140
            await press(pilot, "down")
            assert current(app) == ("claim", "c0")
            assert "Claim 0: Officials said the convoy reached port" in screen_text(app)
            await press(pilot, "G", "enter", "G")
            last = len(outline.root.children) * 100 - 1
            assert current(app) == ("claim", f"c{last}")

    await asyncio.wait_for(read(), timeout=120)


async def test_a_file_over_the_size_limit_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a short path: the diagnostic fits on one row
    path = Path("huge.toml")
    with path.open("wb") as out:  # sparse: nothing is written, the size is what counts
        out.truncate(MAX_FILE_BYTES + 1024 * 1024)
    async with reader(path) as pilot:
        app = pilot.app
        assert isinstance(app.screen, ErrorScreen)
        text = screen_text(app)
        limit = MAX_FILE_BYTES // 1024 // 1024
        assert f"huge.toml: error: file is too large ({limit + 1} MB); the limit is {limit} MB" in (
            text
        )
    assert check.main([str(path)]) == 1


@pytest.fixture(scope="module")
def one_megabyte_word(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write a briefing whose one claim is a single word of a million characters."""
    path = tmp_path_factory.mktemp("word") / "word.toml"
    path.write_text(
        'format = 1\n[briefing]\ntitle = "One megabyte"\n'
        '[[sections]]\nid = "s"\ntitle = "The section"\n'
        f'[[sections.claims]]\nid = "c"\ntext = "{BIG_WORD}"\nclaimant = "Someone"\n'
        'evidence = ["The evidence."]\n',
        encoding="utf-8",
    )
    return path


async def test_a_claim_of_one_1_mb_word_opens_renders_and_exports(
    one_megabyte_word: Path,
) -> None:
    async def read() -> None:
        async with reader(one_megabyte_word, size=(100, 30)) as pilot:
            app = pilot.app
            await press(pilot, "down")
            assert current(app) == ("claim", "c")
            text = screen_text(app)
            assert "STARTxxxxxxxx" in text
            # The outline row is cut to its pane; nothing is wider than the terminal.
            assert "E1 C0 D0   STARTxxxx" in text
            assert all(cell_len(line) <= 100 for line in text.splitlines())
            await press(pilot, "enter", "G")
            text = screen_text(app)
            # The pane shows the first 20,000 characters and says how to read the rest.
            assert "xxxxEND" not in text and "The evidence." in text
            assert "980,008 more" in text and "not shown" in text
            await press(pilot, "slash", *"END", "enter")
            assert current(app) == ("claim", "c")

    await asyncio.wait_for(read(), timeout=120)
    briefing = load_file(one_megabyte_word).briefing
    assert briefing is not None
    text = render(briefing, fmt="text", width=80)
    assert BIG_WORD in "".join(line.strip() for line in text.splitlines())
