"""The hostile fixture in the reader: every pane shows each string as written, nothing acts.

What a user sees is read from the rendered screen (the compositor's strips), with
notifications on, so that toasts are checked too. A string is safe when its markup
shows as brackets, its control and bidi characters show as `\\x1b`-style escapes,
no rendered cell carries a link or a click action, and clicking it does nothing.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from reader_pilot import FIXTURES, briefing_screen, current, notices, press, settle
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input

from briefing.document.loader import load_file
from briefing.tui.app import BriefingApp, create_app
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.screens.error import ErrorScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.library import LibraryScreen
from briefing.tui.screens.search import SearchScreen

# In the slow layer: Pilot sessions on the hostile fixture, every screen.
pytestmark = pytest.mark.slow

HOSTILE = FIXTURES / "hostile.toml"
# What a terminal would act on: C0 controls but tab and newline, DEL, C1, bidi controls.
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LONG_WORD = "abcdefghij" * 500


@asynccontextmanager
async def hostile_reader(
    target: Path | list[Path] = HOSTILE, size: tuple[int, int] = (200, 50)
) -> AsyncIterator[Pilot[None]]:
    """Run the reader on `target` with notifications shown, as a user's terminal has them."""
    app = create_app(target, watch_interval=None)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        yield pilot


def rendered(app: BriefingApp) -> str:
    """Return the screen as the terminal would show it, after checking that nothing on it acts.

    Fails if a raw control or bidi character is on screen, or if any cell carries a
    hyperlink or a click action (markup that was interpreted would give one).
    """
    strips = app.screen._compositor.render_strips()
    for y, strip in enumerate(strips):
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            assert not style.link, f"a link on row {y}: {style.link!r} over {segment.text!r}"
            actions = [key for key in (style.meta or {}) if key.startswith("@click")]
            assert not actions, f"a click action on row {y} over {segment.text!r}"
    text = "\n".join(strip.text for strip in strips)
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} on screen:\n{text}" if found else ""
    return text


def cell_of(app: BriefingApp, needle: str, right_of: int = 0) -> tuple[int, int]:
    """Return the screen cell (x, y) where `needle` starts on screen, at `right_of` or beyond."""
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        index = strip.text.find(needle)
        while index >= 0:
            x = cell_len(strip.text[:index])
            if x >= right_of:
                return x, y
            index = strip.text.find(needle, index + 1)
    raise AssertionError(f"{needle!r} is not on screen")


def test_the_fixture_has_every_hostile_string_and_loads_with_warnings_only() -> None:
    result = load_file(HOSTILE)
    assert result.briefing is not None and result.errors == []
    text = HOSTILE.read_text(encoding="utf-8")
    for written in (
        "[bold]x[/]", "[@click=app.quit]click[/]", "[link=file:///etc/passwd]x[/link]",
        "\\u001b[31m", "\\u001b]52;c;aGVsbG8=\\u0007", "\\u0007", "\\u0000", "\\u009b",
        "\\u202e", "\\u200b", "\\u0308", "中文", "العربية", "🚢", LONG_WORD,
    ):  # fmt: skip
        assert written in text
    # Each control or bidi string is reported where it stands, as a warning.
    assert len(result.warnings) >= 15
    assert all(d.line is not None for d in result.warnings)


async def test_title_outline_and_section_show_markup_as_written_and_controls_escaped() -> None:
    async with hostile_reader() as pilot:
        app = pilot.app
        text = rendered(app)
        assert (
            "Hostile [bold]x[/] [@click=app.quit]click[/] title — "
            "[link=file:///etc/passwd]x[/link] and red \\x1b[31mRED\\x1b[0m subtitle"
        ) in text
        assert "Markup [bold]x[/] [@click=app.quit]click[/] (1)" in text
        assert "Escapes \\x1b[31mred\\x1b[0m \\x07 section (1)" in text
        assert "Bidi \\u202eevil\\u202c section (1)" in text
        assert "Wide 中文標題 🚢 section (2)" in text
        summary = "Section summary [link=file:///etc/passwd]x[/link] and [@click=app.bell]bell[/]."
        assert summary in text
        # The bidi section's summary: isolates and embeddings, every one escaped.
        await press(pilot, "G", "up")
        assert current(app) == ("section", "bidi")
        assert (
            "Isolates \\u2066LRI\\u2069 \\u2067RLI\\u2069 \\u2068FSI\\u2069 and embeddings "
            "\\u202aLRE\\u202c \\u202bRLE\\u202c \\u202dLRO\\u202c."
        ) in rendered(app)


async def test_claim_with_markup_every_part_literal() -> None:
    async with hostile_reader() as pilot:
        app = pilot.app
        await press(pilot, "down")
        assert current(app) == ("claim", "markup-claim")
        text = rendered(app)
        for shown in (
            "✗ DENIED by [i]Denier[/i] [@click=app.quit]q[/]",
            "Claim [bold]x[/] then [@click=app.quit]click[/] then "
            "[link=file:///etc/passwd]x[/link] done",
            "Claimant:   [b]Claimant[/b] [@click=app.quit]quit[/]",
            "1. Evidence [reverse]rev[/reverse] and [@click=app.quit]click[/]",
            "“Quote [link=file:///etc/passwd]x[/link]”",
            "Source: Source \\x1b]52;c;aGVsbG8=\\x07 clipboard — [@click=app.quit]Publisher[/], "
            "\\x9b31m C1 CSI kind, 2025",
            "https://example.org/src?[link=file:///etc/passwd]x[/link]",
            "1. Caveat [blink]blink[/blink] [@click=screen.dismiss]dismiss[/]",
            "Denied by [i]Denier[/i] [@click=app.quit]q[/] (2025-05):",
            "Denial [bold red]loud[/] text",
            "ANSI \\x1b[31mRED\\x1b[0m OSC \\x1b]52;c;aGVsbG8=\\x07 BEL \\x07 C1 \\x9b1m done",
        ):  # fmt: skip
            assert shown in text, shown


async def test_claim_with_escapes_every_control_made_visible() -> None:
    async with hostile_reader() as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert current(app) == ("claim", "escape-claim")
        text = rendered(app)
        for shown in (
            "✗ DENIED by Denier \\x1b[8mhidden\\x1b[0m",
            "Claimant:   Claimant \\x1b]0;title\\x07 sets title",
            "1. Evidence \\x1b]8;;file:///etc/passwd\\x1b\\hyperlink\\x1b]8;;\\x1b\\ end",
            "1. Caveat with NUL \\x00 BS \\x08 CR \\x0d DEL \\x7f NEL \\x85 end",
            "Denial OSC \\x9d52;c;aGVsbG8=\\x9c C1 end",
            "→ E1 C1 D1!  Claim [bold]x[/] then [@click=app.quit]click[/]",
        ):
            assert shown in text, shown


async def test_bidi_rtl_combining_and_zero_width_text_is_kept_and_overrides_escaped() -> None:
    async with hostile_reader() as pilot:
        app = pilot.app
        await press(pilot, *["right_square_bracket"] * 3)
        assert current(app) == ("claim", "bidi-claim")
        text = rendered(app)
        # Overrides and isolates are escaped; letters, marks and zero-width characters stay.
        assert "Override \\u202eevil\\u202c and RTL العربية עברית with Zoe\u0308" in text
        assert "a\u0301b\u0302c\u0303 and zero\u200bwidth" in text
        assert "Claimant:   \\u202eCLAIMANT\\u202c \\u2067isolated\\u2069" in text
        assert "Arabic evidence: قال المتحدث إن القافلة وصلت" in text
        assert "“Hebrew quote: אמר הדובר”" in text
        assert "Caveat \\u202dforced LTR\\u202c and \u200fRLM\u200e LRM" in text
        assert "Denied by \\u202eDENIER\\u202c:" in text
        assert "Denial \\u2066isolated\\u2069 text" in text


async def test_cjk_and_emoji_and_the_5000_character_word_fit_the_screen() -> None:
    async with hostile_reader(size=(120, 40)) as pilot:
        app = pilot.app
        await press(pilot, *["right_square_bracket"] * 4)
        assert current(app) == ("claim", "cjk-claim")
        text = rendered(app)
        assert "CJK 中国と日本の代表団は協議を続けた 한국어 문장" in text
        assert "and emoji 🚢🌊⚓" in text and "family 👨\u200d👩\u200d👧 flag 🇺🇦" in text
        assert "外務省報道官 🗣️" in text
        await press(pilot, "right_square_bracket")
        assert current(app) == ("claim", "long-claim")
        lines = rendered(app).splitlines()
        # The word is cut into rows of the pane's width, none wider than the terminal.
        assert any("Long word:" in line for line in lines)
        word_rows = [line for line in lines if "abcdefghijabcdefghij" in line]
        assert len(word_rows) >= 20
        assert all(cell_len(line) <= 120 for line in lines)
        # The end of the word and the rest of the sentence are there below it.
        await press(pilot, "enter", "G")
        text = rendered(app)
        assert "ends here." in text and "Evidence follows the long word." in text
        # At 40x10 it still fits.
        await pilot.resize_terminal(40, 10)
        await settle(pilot)
        assert all(cell_len(line) <= 40 for line in rendered(app).splitlines())


async def test_clicking_an_action_written_as_markup_does_nothing() -> None:
    async with hostile_reader() as pilot:
        app = pilot.app
        screen = briefing_screen(app)
        await press(pilot, "down")
        assert current(app) == ("claim", "markup-claim")
        pane = screen.query_one("#claim-detail").region.x
        # Each click lands on the word between the tags, where a real action would be.
        for needle, word in (
            ("[@click=app.quit]click[/]", "click"),
            ("[@click=app.quit]quit[/]", "quit"),
            ("[@click=app.quit]Publisher[/]", "Publisher"),
            ("[@click=screen.dismiss]dismiss[/]", "dismiss"),
            ("[@click=app.quit]q[/]", "q"),
        ):
            x, y = cell_of(app, needle, right_of=pane)
            await pilot.click(offset=(x + needle.index(word) + 1, y))
            await settle(pilot)
            assert app.is_running and app.return_code is None, needle
            assert app.screen is screen and current(app) == ("claim", "markup-claim"), needle
        # The outline row's own click opens or closes its section, and nothing else.
        x, y = cell_of(app, "Markup [bold]x[/] [@click=app.quit]click[/] (1)")
        await pilot.click(offset=(x + 30, y))
        await settle(pilot)
        assert app.is_running and app.screen is screen
        rendered(app)


async def test_search_results_and_the_match_notice_are_literal() -> None:
    async with hostile_reader() as pilot:
        app = pilot.app
        await press(pilot, "slash", *"aGVsbG8")
        assert isinstance(app.screen, SearchScreen)
        text = rendered(app)
        assert "OSC \\x1b]52;c;aGVsbG8=\\x07 BEL" in text
        assert "Denial OSC \\x9d52;c;aGVsbG8=\\x9c C1 end" in text
        # Typed markup stays text in the box and in the results.
        query = app.screen.query_one(Input)
        query.value = ""
        await press(pilot, *"[@click=app.quit]")
        text = rendered(app)
        assert "[@click=app.quit]" in query.value
        assert "Claim [bold]x[/] then [@click=app.quit]click[/]" in text
        await press(pilot, "enter")
        assert isinstance(app.screen, BriefingScreen) and app.is_running
        assert "Match 1 of 5: Markup [bold]x[/]… ›" in rendered(app)
        # The notice names where a match stands: titles and claims with escapes in them.
        await press(pilot, "slash")
        app.screen.query_one(Input).value = "aGVsbG8"
        await settle(pilot)
        await press(pilot, "enter")
        shown = "Match 1 of 2: Escapes \\x1b[31mred\\x1b[0m \\x07 section › ANSI \\x1b[31mRED"
        assert any(n.startswith(shown) for n in notices(app))
        assert shown[:46] in rendered(app)  # the toast wraps its text


async def test_command_palette_lists_hostile_titles_escaped() -> None:
    async with hostile_reader() as pilot:
        app = pilot.app
        await press(pilot, "ctrl+p", *"evil")
        await pilot.pause(0.3)
        await settle(pilot)
        text = rendered(app)
        assert "\\u202eevil\\u202c" in text
        await press(pilot, "escape")
        assert app.is_running


async def test_help_screen_over_the_hostile_briefing() -> None:
    async with hostile_reader() as pilot:
        app = pilot.app
        await press(pilot, "down", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app)
        assert "Keys" in text and "Quit" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, BriefingScreen)


async def test_export_notices_and_questions_show_a_hostile_path_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "[bold]x\x1b[31m\u202e.txt"
    async with hostile_reader() as pilot:
        app = pilot.app
        for expected_notice in ("Wrote section 'markup' to [bold]x\\x1b[31m\\u202e.txt",):
            await press(pilot, "x")
            app.screen.query_one(Input).value = name  # as if pasted
            await press(pilot, "enter")
            assert (tmp_path / name).is_file()
            assert expected_notice in notices(app)
            assert expected_notice in rendered(app)
        # Again: the file exists, and the question names it escaped.
        await press(pilot, "x")
        app.screen.query_one(Input).value = name
        await press(pilot, "enter")
        assert "[bold]x\\x1b[31m\\u202e.txt exists. Overwrite it?" in rendered(app)
        await press(pilot, "n")
        assert app.is_running


def broken_hostile(folder: Path) -> Path:
    """Write a broken copy of the fixture under a file name that is itself hostile."""
    path = folder / "evil[bold]\x1b[31m\u202e.toml"
    text = HOSTILE.read_text(encoding="utf-8")
    text = text.replace(
        'id         = "markup-claim"',
        'id         = "markup-claim"\n  "[@click=app.quit]\\u001b[31m\\u202e" = 1',
    )
    path.write_text(text, encoding="utf-8")
    return path


async def test_error_screen_of_a_broken_hostile_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a short path: each diagnostic fits on one row
    path = broken_hostile(tmp_path)
    async with hostile_reader(Path(path.name)) as pilot:
        app = pilot.app
        assert isinstance(app.screen, ErrorScreen)
        text = rendered(app)
        assert "✗ Cannot open " in text and "evil[bold]\\x1b[31m\\u202e.toml" in text
        assert (
            "42:3: error: sections[0].claims[0].'[@click=app.quit]\\x1b[31m\\u202e': "
            "unknown key '[@click=app.quit]\\x1b[31m\\u202e'"
        ) in text
        assert "warning: briefing.subtitle: string holds control characters" in text
        await press(pilot, "r")
        assert isinstance(app.screen, ErrorScreen)
        assert "Still not loadable" in rendered(app)


async def test_library_rows_show_titles_and_broken_file_names_escaped(tmp_path: Path) -> None:
    shutil.copyfile(HOSTILE, tmp_path / "hostile.toml")
    broken_hostile(tmp_path)
    async with hostile_reader(tmp_path, size=(160, 20)) as pilot:
        app = pilot.app
        assert isinstance(app.screen, LibraryScreen)
        text = rendered(app)
        assert "Hostile [bold]x[/] [@click=app.quit]click[/] title" in text
        assert "Publisher \\x1" in text  # the start of "Publisher \\x1b[2J…", cut to fit
        assert (
            "✗ evil[bold]\\x1b[31m\\u202e.toml — 42:3: unknown key '[@click=app.quit]\\x1b[31m"
        ) in text
        await press(pilot, "enter")
        assert app.is_running
        rendered(app)


HOSTILE_V2 = FIXTURES / "reader-hostile-v2.toml"


async def test_version_2_parts_and_party_names_are_literal_in_the_claim_pane() -> None:
    assert load_file(HOSTILE_V2).errors == []
    async with hostile_reader(HOSTILE_V2, size=(160, 50)) as pilot:
        app = pilot.app
        await press(pilot, "down")
        assert current(app) == ("claim", "target")
        text = rendered(app)
        for shown in (
            "✗ DENIED by Denier \\x1b[31mRED\\x1b[0m \\u202eevil\\u202c",
            "Claimant:   [b]Party[/b] [@click=app.quit]quit[/]",
            "Denied by Denier \\x1b[31mRED\\x1b[0m \\u202eevil\\u202c:",
            "← undercut by The claim that holds the relation.",
            "note: Note [@click=app.quit]quit[/] and \\x1b[2J cleared",
            "1. Assumption [@click=app.quit]click[/] here",
            "if wrong: Then [link=file:///etc/passwd]x[/link] and \\x07 bell",
            "1. Indicator [reverse]rev[/reverse] \\x9b31m C1",
            "if seen, weakens the claim",
            "1. Gap [bold]x[/] and \\x1b]52;c;aGVsbG8=\\x07 clipboard",
        ):
            assert shown in text, shown
        # A click on a word written as an action does nothing (the relation's own
        # click follows it: its note is clicked last).
        pane = briefing_screen(app).query_one("#claim-detail").region.x
        for needle, word, lands_on in (
            ("Assumption [@click=app.quit]click[/]", "click", "target"),
            ("Note [@click=app.quit]quit[/]", "quit", "holder"),
        ):
            x, y = cell_of(app, needle, right_of=pane)
            await pilot.click(offset=(x + needle.index(word) + 1, y))
            await settle(pilot)
            assert app.is_running and app.return_code is None, needle
            assert current(app) == ("claim", lands_on), needle


async def test_version_2_party_names_and_aliases_are_literal_in_who_says_what() -> None:
    async with hostile_reader(HOSTILE_V2, size=(160, 30)) as pilot:
        app = pilot.app
        await press(pilot, "w")
        text = rendered(app)
        assert "[b]Party[/b] [@click=app.quit]quit[/]  claims 1" in text
        assert "Denier \\x1b[31mRED\\x1b[0m \\u202eevil\\u202c  claims 1 · denies 1" in text
        assert "(also written: [link=file:///etc/passwd]alias[/link])" in text
        assert "markup-party" not in text and "escape-party" not in text
