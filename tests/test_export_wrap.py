"""Display-width measuring and wrapping for the text export."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.export.wrap import break_word, char_width, display_width, wrap


def non_space(lines: list[str] | str) -> str:
    text = "".join(lines)
    return "".join(char for char in text if char not in " \t\n")


def test_widths_of_narrow_wide_and_zero_width_characters() -> None:
    assert char_width("a") == 1
    assert char_width("é") == 1
    assert char_width("中") == 2  # CJK ideograph: wide
    assert char_width("Ａ") == 2  # fullwidth Latin
    assert char_width("🚢") == 2
    assert char_width("\u0301") == 0  # combining acute accent
    assert char_width("\u200b") == 0  # zero-width space
    assert char_width("\u200d") == 0  # zero-width joiner
    assert char_width("ع") == 1  # Arabic letter
    assert display_width("Zoe\u0308") == 3
    assert display_width("中文 ok") == 7


def test_a_line_of_wide_characters_is_measured_in_columns_not_code_points() -> None:
    text = "中" * 30  # 30 code points, 60 columns
    lines = wrap(text, 20)
    assert lines == ["中" * 10] * 3


def test_hanging_indent_and_first_line_prefix() -> None:
    lines = wrap("one two three four five six seven", 20, "12. ", "    ")
    assert lines == ["12. one two three", "    four five six", "    seven"]


def test_words_longer_than_the_line_are_broken_not_lost() -> None:
    word = "x" * 50
    lines = wrap(f"start {word} end", 20, "- ")
    assert lines == ["- start", "  " + "x" * 18, "  " + "x" * 18, "  " + "x" * 14 + " end"]
    assert non_space(lines) == "-start" + word + "end"


def test_break_word_keeps_combining_marks_with_their_letter() -> None:
    word = "e\u0301" * 12
    pieces = break_word(word, 5)
    assert all(not piece.startswith("\u0301") for piece in pieces)
    assert "".join(pieces) == word
    assert [display_width(piece) for piece in pieces] == [5, 5, 2]


def test_width_zero_means_no_wrapping_but_keeps_line_breaks() -> None:
    text = "a " * 100 + "\nsecond line"
    assert wrap(text, 0, "* ", "  ") == ["* " + ("a " * 100).strip(), "  second line"]


def test_blank_line_in_text_stays_an_empty_line_without_trailing_spaces() -> None:
    assert wrap("one\n\ntwo", 40, "- ") == ["- one", "", "  two"]


def test_runs_of_spaces_and_tabs_become_one_space_but_no_break_space_is_kept() -> None:
    assert wrap("a  \t b\u00a0c", 40) == ["a b\u00a0c"]


def test_a_prefix_too_wide_for_the_width_puts_the_text_below_it() -> None:
    lines = wrap("value", 20, "      Confidence: ")
    assert lines[0] == "      Confidence:"
    assert all(display_width(line) <= 20 for line in lines)
    assert non_space(lines) == "Confidence:value"


_CHARS = st.sampled_from(
    [*"abcdefghij .,;-", "中", "文", "🚢", "\u0301", "\u200b", "é", "ع", "\u00a0", "\n", "\t"]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(_CHARS, max_size=400),
    width=st.integers(min_value=20, max_value=100),
    indent=st.integers(min_value=0, max_value=11),
)
def test_no_line_wider_than_the_width_and_no_character_lost(
    text: str, width: int, indent: int
) -> None:
    first = "#" * indent
    lines = wrap(text, width, first, " " * indent)
    assert all(display_width(line) <= width for line in lines)
    assert non_space(lines) == non_space(first + text)
    assert all(line == line.rstrip(" \t") for line in lines)


def test_an_emoji_joined_by_zero_width_joiners_takes_two_columns_and_is_never_split() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl: one family
    assert display_width(family) == 2
    pieces = break_word(family * 5, 4)
    assert pieces == [family * 2, family * 2, family]


def test_a_flag_is_never_split_between_its_two_letters() -> None:
    flag = "\U0001f1f5\U0001f1f9"  # regional indicators P and T: one flag
    pieces = break_word(flag * 3, 3)
    assert "".join(pieces) == flag * 3
    assert all(len(piece) % 2 == 0 for piece in pieces)


def test_characters_newer_than_the_running_pythons_unicode_are_measured() -> None:
    # U+1E08F, a combining Cyrillic letter, came in Unicode 15, after the tables of
    # Python 3.11's unicodedata: it sits on the letter before it and takes no column.
    word = "\u0456\U0001e08f" * 10
    assert display_width(word) == 10
    assert break_word(word, 4) == ["\u0456\U0001e08f" * 4] * 2 + ["\u0456\U0001e08f" * 2]
