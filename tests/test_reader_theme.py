"""The reader follows Textual's themes and remembers the reader's choice between runs."""

from __future__ import annotations

from pathlib import Path

from reader_pilot import workers_done

from briefing.settings.theme import load_theme, theme_file
from briefing.tui.app import create_app

FIXTURE = Path(__file__).parent / "fixtures" / "reader-sample.toml"


async def test_a_changed_theme_is_remembered_and_used_next_time() -> None:
    assert load_theme() is None
    app = create_app(FIXTURE, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "textual-dark"
        app.theme = "nord"
        await pilot.pause()
        await workers_done(app)
    assert theme_file().read_text(encoding="utf-8") == "nord\n"

    again = create_app(FIXTURE, watch_interval=None)
    async with again.run_test(size=(120, 40)):
        assert again.theme == "nord"


async def test_an_unknown_remembered_theme_falls_back_to_the_default() -> None:
    theme_file().parent.mkdir(parents=True, exist_ok=True)
    theme_file().write_text("no-such-theme\n", encoding="utf-8")
    app = create_app(FIXTURE, watch_interval=None)
    async with app.run_test(size=(120, 40)):
        assert app.theme == "textual-dark"


async def test_the_palette_offers_themes() -> None:
    app = create_app(FIXTURE, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        from textual.command import CommandPalette

        palette = app.screen
        assert isinstance(palette, CommandPalette)
        shown = " ".join(str(option.prompt) for option in palette.query_one("CommandList").options)
        assert "theme" in shown.lower()
