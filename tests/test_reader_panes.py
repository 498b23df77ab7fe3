"""The outline, section and claim panes when they lay out only what they show or make ahead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from briefings import FEATURES, load_briefing
from reader_pilot import (
    HOSTILE,
    SAMPLE,
    briefing_screen,
    current,
    press,
    reader,
    screen_text,
    settle,
    workers_done,
)
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.style import Style
from textual.visual import RenderOptions, RichVisual

from briefing.tui.widgets.claim_detail import ClaimDetail
from briefing.tui.widgets.claim_items import make_items
from briefing.tui.widgets.hanging import Hanging
from briefing.tui.widgets.outline import Outline
from briefing.tui.widgets.section_detail import SectionDetail

# In the slow layer: Pilot sessions paging through long sections.
pytestmark = pytest.mark.slow

CLAIMS = 250


@pytest.fixture(scope="module")
def long_section(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write a briefing whose first section holds 250 claims of uneven length."""
    lines = ["format = 1", "[briefing]", 'title = "One long section"']
    lines += ["[[sections]]", 'id = "long"', 'title = "A long section"']
    for number in range(CLAIMS):
        words = " ".join(f"word{n}" for n in range(number % 40))
        lines += [
            "[[sections.claims]]",
            f'id = "c{number:03d}"',
            f'text = "Claim {number:03d} says {words} and ends here {number:03d}."',
            f'claimant = "Claimant {number:03d}"',
        ]
    lines += ["[[sections]]", 'id = "short"', 'title = "A short section"']
    lines += ["[[sections.claims]]", 'id = "last"', 'text = "The only claim."', 'claimant = "X"']
    path = tmp_path_factory.mktemp("long") / "long.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_a_long_section_pane_reaches_its_last_claim_by_keyboard(long_section: Path) -> None:
    async with reader(long_section, size=(120, 40)) as pilot:
        app = pilot.app
        pane = briefing_screen(app).query_one(SectionDetail)
        assert current(app) == ("section", "long")
        # Only the rows on screen (and a little more) are laid out at first.
        assert len(pane._line_cache.heights) < CLAIMS
        await press(pilot, "tab")
        highlighted: list[int] = []
        for _ in range(CLAIMS):
            await press(pilot, "pagedown")
            assert pane.highlighted is not None
            highlighted.append(pane.highlighted)
            option = pane.highlighted_option
            assert option is not None and option.id is not None
            number = option.id.removeprefix("claim:c")
            # The highlighted claim is on screen.
            assert f"Claim {number} says" in screen_text(app)
            if option.id == f"claim:c{CLAIMS - 1:03d}":
                break
        assert highlighted == sorted(set(highlighted)) and len(highlighted) > 5
        assert pane.highlighted_option is not None
        assert pane.highlighted_option.id == f"claim:c{CLAIMS - 1:03d}"
        # Every row is laid out now, and the list is exactly as tall as its rows.
        assert pane.virtual_size.height == len(pane._lines)
        assert f"ends here {CLAIMS - 1:03d}. — Claimant {CLAIMS - 1:03d}" in screen_text(app)
        await press(pilot, "enter")
        assert current(app) == ("claim", f"c{CLAIMS - 1:03d}")
        assert f"(id: c{CLAIMS - 1:03d})" in screen_text(app)


async def test_end_and_home_in_a_long_section_pane(long_section: Path) -> None:
    async with reader(long_section, size=(100, 30)) as pilot:
        app = pilot.app
        pane = briefing_screen(app).query_one(SectionDetail)
        await press(pilot, "tab", "end")
        assert pane.highlighted_option is not None
        assert pane.highlighted_option.id == f"claim:c{CLAIMS - 1:03d}"
        assert f"Claimant {CLAIMS - 1:03d}" in screen_text(app)
        await press(pilot, "up", "up")
        assert pane.highlighted_option.id == f"claim:c{CLAIMS - 3:03d}"
        await press(pilot, "home")
        assert pane.highlighted_option.id == "claim:c000"
        assert "Claim 000 says" in screen_text(app)
        await press(pilot, "enter")
        assert current(app) == ("claim", "c000")


async def test_moving_onto_a_long_section_shows_its_first_rows(long_section: Path) -> None:
    async with reader(long_section, size=(120, 40)) as pilot:
        app = pilot.app
        await press(pilot, "end", "up")
        assert current(app) == ("claim", f"c{CLAIMS - 1:03d}")
        await press(pilot, "g")
        assert current(app) == ("section", "long")
        shown = screen_text(app)
        assert "Claims (250)" in shown and "Claim 000 says" in shown and "Claim 001 says" in shown


async def test_the_detail_follows_the_cursor_before_the_next_frame() -> None:
    # The detail pane changes in the same call that moves the cursor, so that the
    # cursor and the detail are drawn in one frame (no message to wait for).
    async with reader(SAMPLE) as pilot:
        screen = briefing_screen(pilot.app)
        outline = screen.query_one(Outline)
        outline.action_cursor_down()
        node = outline.cursor_node
        assert node is not None and node.data is not None
        assert screen.current == node.data
        assert screen.query_one(ClaimDetail).claim is not None
        assert screen.query_one(ClaimDetail).claim.id == node.data.id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("size", "keys", "last", "shown"),
    [
        ((120, 40), ("g", "down"), "down", "escorts-started"),
        # At 24 rows the first claim needs a scrollbar and the second does not: the
        # second is made ahead at the narrower width, and must not be drawn at it.
        ((120, 24), ("g", "down"), "down", "escorts-started"),
        ((120, 24), ("g", "down", "down"), "up", "escorts-agreed"),
        ((80, 24), ("g", "down", "enter", "escape"), "down", "escorts-started"),
    ],
)
async def test_a_claim_made_ahead_shows_as_one_made_on_the_spot(
    size: tuple[int, int], keys: tuple[str, ...], last: str, shown: str
) -> None:
    async with reader(SAMPLE, size=size) as pilot:
        await press(pilot, *keys, last)
        assert current(pilot.app) == ("claim", shown)
        # Colours and styles too: the screenshot is the SVG of every cell.
        ahead = pilot.app.export_screenshot()
    async with reader(SAMPLE, size=size) as pilot:
        await press(pilot, *keys)
        briefing_screen(pilot.app).query_one(ClaimDetail)._ready.clear()
        await press(pilot, last)
        assert current(pilot.app) == ("claim", shown)
        assert pilot.app.export_screenshot() == ahead


async def test_a_claim_made_ahead_is_made_again_after_a_reload(tmp_path: Path) -> None:
    path = tmp_path / "briefing.toml"
    shutil.copyfile(SAMPLE, path)
    async with reader(path) as pilot:
        app = pilot.app
        await press(pilot, "g", "down")
        assert current(app) == ("claim", "escorts-agreed")
        # The next claim is made ahead; then the file changes and is read again.
        old = "Escorts began on the first of May."
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, "Escorts began later than said."), encoding="utf-8")
        await press(pilot, "r")
        await workers_done(app)
        await press(pilot, "down")
        assert current(app) == ("claim", "escorts-started")
        assert "Escorts began later than said." in screen_text(app)
        assert old not in screen_text(app)


async def test_rows_made_ahead_follow_the_filter() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        outline = briefing_screen(app).query_one(Outline)
        # Rest on the closed "Attacks on shipping" section: its rows are made ahead.
        await press(pilot, "g", "down", "down", "down")
        assert current(app) == ("section", "attacks")
        await press(pilot, "f", "down", "enter")  # denied claims only
        assert current(app) == ("section", "attacks")
        await press(pilot, "right")
        node = outline.cursor_node
        assert node is not None and node.is_expanded
        shown = [child.data.id for child in node.children if child.data is not None]
        assert shown == ["convoy-attacked"]


async def test_the_outline_scrollbar_follows_sections_opening_and_closing() -> None:
    async with reader(SAMPLE, size=(120, 12)) as pilot:
        app = pilot.app
        outline = briefing_screen(app).query_one(Outline)
        assert not outline.show_vertical_scrollbar
        outline.open_all_sections()
        await settle(pilot)
        assert outline.show_vertical_scrollbar
        await press(pilot, "end")
        assert "Outlook" in screen_text(app)
        await press(pilot, "home")
        for node in outline.root.children:
            node.collapse()
        await settle(pilot)
        assert not outline.show_vertical_scrollbar
        assert outline.scroll_y == 0


class Items(App[None]):
    """A claim pane alone, to lay items out in."""

    def compose(self) -> ComposeResult:
        yield ClaimDetail(id="claim-detail")


def cells(strips: list[list[Segment]]) -> list[list[tuple[str, object]]]:
    """Return each line as (character, style) pairs, however it is cut into segments."""
    return [[(char, segment.style) for segment in line for char in segment.text] for line in strips]


@pytest.mark.parametrize("path", [FEATURES, HOSTILE, SAMPLE], ids=lambda p: p.stem)
async def test_claim_items_read_as_the_grid_they_replace(path: Path) -> None:
    # Hanging lays out the number and the wrapped text beside it as rich's Table.grid
    # does; the pane must look the same, cell for cell and style for style.
    briefing = load_briefing(path)
    app = Items()
    async with app.run_test():
        detail = app.query_one(ClaimDetail)
        base = Style.parse("#e0e0e0 on #202830")
        options = RenderOptions(detail._get_style, detail.styles, None, None)
        compared = 0
        for claim in briefing.claims():
            items = make_items(detail, briefing, claim).options
            for option in items:
                if option is None or not isinstance(option.prompt, Hanging):
                    continue
                item = option.prompt
                for width in (4, 9, 17, 30, 41, 66, 97):
                    fresh = Hanging(detail, item.margin, item.parts)
                    grid = RichVisual(detail, item.table())
                    ours = fresh.render_strips(width, None, base, options)
                    theirs = grid.render_strips(width, None, base, options)
                    assert cells(ours) == cells(theirs), (claim.id, option.id, width)
                    assert fresh.get_height(detail.styles, width) == len(theirs)
                    compared += 1
        assert compared
