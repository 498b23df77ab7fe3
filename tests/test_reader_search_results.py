"""The search results list measures rows as Textual would, and draws what an OptionList draws."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.text import Span, Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.tui.widgets.search_results import ResultList, ResultRow, wrapped_height

# Plain and accented letters, wide and zero-width characters; then odd spaces and controls.
PRINTABLE = [*"abcxyz", "é", "…", "›", "漢", "\u0301"]
LETTERS = st.sampled_from([*PRINTABLE, "\xa0", "\t", "\x07"])
GAPS = st.sampled_from([" ", " ", "  ", "   "])


@st.composite
def lines(draw: st.DrawFn, letters: st.SearchStrategy[str] = LETTERS) -> str:
    words = draw(st.lists(st.text(letters, min_size=1, max_size=14), max_size=14))
    gaps = draw(st.lists(GAPS, min_size=len(words), max_size=len(words)))
    lead = draw(st.sampled_from(["", "", "  ", "      "]))
    line = lead + "".join(word + gap for word, gap in zip(words, gaps, strict=True))
    return line if draw(st.booleans()) else line.rstrip(" ")


@given(lines(st.sampled_from(PRINTABLE)), st.integers(min_value=1, max_value=40))
def test_a_line_wraps_to_as_many_lines_as_rich_breaks_it_into(line: str, width: int) -> None:
    # Printable text only: Rich and Textual measure controls and odd spaces differently,
    # and for those the row asks Textual (the next test holds it to what Textual draws).
    assert wrapped_height(line, width) == len(divide_line(line, width, fold=True)) + 1


@given(lines(), lines(), st.integers(min_value=1, max_value=60))
def test_a_row_is_as_tall_as_textual_content_of_the_same_text(
    head: str, tail: str, width: int
) -> None:
    row = ResultRow(head + "\n" + tail, "bold")
    assert row.get_height({}, width) == Content.from_rich_text(row.text).get_height({}, width)
    assert str(row) == head + "\n" + tail


def rows(count: int) -> list[tuple[str, list[Span]]]:
    """Return rows like the search box's: where a match stands, then the text around it."""
    made = []
    for n in range(count):
        head = f"Section {n % 7}: Shipping › Claim number {n} about the convoys… › evidence {n % 3}"
        before = "  …" + " ".join(["words", "go", "here"] * (n % 5)) + " "
        found = "convoy" if n % 4 else "漢字 convoy"
        after = " and then" + " some more text" * (n % 9) + ("…" if n % 2 else "")
        spans = [
            Span(
                len(head) + 1 + len(before),
                len(head) + 1 + len(before) + len(found),
                "bold reverse",
            )
        ]
        made.append((head + "\n" + before + found + after, spans))
    return made


CSS = """
#box { height: auto; max-height: 90%; margin-top: 1; border: thick $accent; padding: 0 1; }
#results { height: auto; max-height: 1fr; border: none; padding: 0; }
"""


class Plain(App[None]):
    """Rows as rich text in Textual's own OptionList: what the search box showed before."""

    CSS = CSS

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield OptionList(id="results", markup=False)

    def show(self, count: int) -> None:
        results = self.query_one(OptionList)
        results.set_options(
            Option(Text(plain, "bold", spans=spans)) for plain, spans in rows(count)
        )
        results.highlighted = 0 if count else None


class Fast(Plain):
    """The same rows in the search box's ResultList."""

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield ResultList(id="results")

    def show(self, count: int) -> None:
        rows_ = [Option(ResultRow(plain, "bold", spans)) for plain, spans in rows(count)]
        self.query_one(ResultList).show_results(rows_)


def drawn(app: App[None]) -> list[list[tuple[str, object]]]:
    """Return every cell run on screen with its style."""
    strips = app.screen._compositor.render_strips()
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


async def screens(app: Plain) -> list[list[list[tuple[str, object]]]]:
    """Show rows, empty the list, show them again, move, resize, and record each screen."""
    seen = []
    async with app.run_test(size=(90, 30)) as pilot:
        for count in (200, 0, 200, 3, 0, 200):
            app.show(count)
            await pilot.pause()
            seen.append(drawn(app))
        results = app.query_one(OptionList)
        for _ in range(7):
            results.action_cursor_down()
        results.action_page_down()
        results.action_page_down()
        await pilot.pause()
        seen.append(drawn(app))
        await pilot.resize_terminal(61, 24)
        await pilot.pause()
        seen.append(drawn(app))
        results.action_last()
        await pilot.pause()
        seen.append(drawn(app))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        seen.append(drawn(app))
        app.show(2)
        await pilot.pause()
        seen.append(drawn(app))
    return seen


async def test_the_results_list_draws_what_an_option_list_draws() -> None:
    plain, fast = await screens(Plain()), await screens(Fast())
    assert len(plain) == len(fast) == 11
    for step, (expected, got) in enumerate(zip(plain, fast, strict=True)):
        assert got == expected, f"screen {step} differs"
    # The screens are not all alike: rows, scrolling and resizing showed.
    assert len({repr(screen) for screen in plain}) >= 8
