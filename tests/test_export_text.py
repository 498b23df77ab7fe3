"""The plain-text export: layout, numbering, references, wrapping and escaping."""

from __future__ import annotations

import re

import pytest

from briefing.document.model import Briefing, date_text
from briefing.export import render
from briefing.export.wrap import display_width


def test_text_header_names_title_publisher_authors_and_date(bundled: Briefing) -> None:
    text = render(bundled, [bundled.sections[0].id])
    info = bundled.briefing
    lines = text.splitlines()
    assert lines[0] == info.title
    assert lines[1] == "=" * len(info.title)
    assert f"Publisher: {info.publisher}" in lines
    assert f"Authors:   {', '.join(info.authors)}" in lines
    assert f"Published: {date_text(info.published)}" in lines


def test_a_claim_has_the_same_number_in_a_section_export_and_the_whole(
    bundled: Briefing,
) -> None:
    whole = render(bundled, None, "text", 0)
    for number, claim in enumerate(bundled.claims(), start=1):
        section = bundled.section_of(claim.id)
        assert section is not None
        part = render(bundled, [section.id], "text", 0)
        line = f"{number}. {claim.text}"
        assert line in part.splitlines()
        assert line in whole.splitlines()


def test_text_shows_claimant_dates_confidence_and_denials(features: Briefing) -> None:
    text = render(features, ["escorts"], "text", 0)
    assert "   Claimant:   Ministry of Defence\n   Stated:     2025-04-28\n" in text
    assert "   Confidence: moderate\n" in text
    # Partial dates as written, never with an invented day.
    assert "   Stated:     2025-04\n" in text
    assert "   Stated:     2025\n" in text
    assert "   - Navy spokesperson (2025-05): No attack took place. [S1]\n" in text
    assert "   - Port authority: Denied it.\n" in text
    assert "     Quote: “Our ships will accompany every convoy.”\n" in text


def test_text_source_references_point_at_the_section_source_list(features: Briefing) -> None:
    text = render(features, ["escorts"], "text", 0)
    assert "   - Escort vessels were photographed leaving port. [S1]\n" in text
    sources = text.split("Sources cited in this section:\n", 1)[1]
    # Each cited source once, with publisher, kind, date and URL.
    assert sources.count("[S1] Ministry statement on convoy escorts\n") == 1
    assert "     Ministry of Defence · official statement · 2025-04-28\n" in sources
    assert "     https://example.org/statement\n" in sources
    assert "[S2] " in sources and "[S3]" not in sources


def test_see_also_gives_number_and_first_words_and_section_when_not_exported(
    features: Briefing,
) -> None:
    text = render(features, ["escorts"], "text", 0)
    assert "   - claim 2: A convoy was attacked near the strait.\n" in text
    assert "   - claim 4 (section 2): A word of two hundred characters:…\n" in text
    whole = render(features, None, "text", 0)
    assert "   - claim 4: A word of two hundred characters:…\n" in whole


def test_whole_text_export_has_the_summary_and_the_uncited_sources(features: Briefing) -> None:
    whole = render(features, None, "text", 80)
    part = render(features, ["escorts"], "text", 80)
    assert "Second paragraph, after a blank line." in whole
    assert "Second paragraph, after a blank line." not in part
    assert "[S4] A source that no claim cites" in whole
    assert "[S4]" not in part


@pytest.mark.parametrize("width", [20, 40, 80])
def test_text_lines_fit_the_width_in_display_columns(features: Briefing, width: int) -> None:
    text = render(features, None, "text", width)
    too_wide = [line for line in text.splitlines() if display_width(line) > width]
    assert too_wide == []


def test_wrapping_loses_no_character(features: Briefing) -> None:
    def squeeze(text: str) -> str:
        # Heading underlines are as long as the (wrapped) heading: not content.
        return re.sub(r"\s", "", re.sub(r"(?m)^[=-]+$", "", text))

    unwrapped = squeeze(render(features, None, "text", 0))
    for width in (20, 40, 80):
        assert squeeze(render(features, None, "text", width)) == unwrapped
    long_word = "".join("abcdefghijklmnopqrstuvwxyz0123456789"[i % 36] for i in range(200))
    assert long_word in unwrapped


def test_width_zero_keeps_each_paragraph_on_one_line(features: Briefing) -> None:
    text = render(features, ["wide-and-long"], "text", 0)
    claim = features.claim("long-word")
    assert claim is not None
    assert f"4. {claim.text}\n" in text


def test_wide_characters_wrap_by_columns(features: Briefing) -> None:
    text = render(features, ["wide-and-long"], "text", 40)
    cjk_lines = [line for line in text.splitlines() if "穀物" in line or "協議" in line]
    assert cjk_lines
    # 37 columns of text after "5. ": at most 18 wide characters, not 37.
    assert all(display_width(line) <= 40 for line in cjk_lines)
    assert any(display_width(line) >= 38 for line in cjk_lines)


def test_text_escapes_controls_and_keeps_markup_literal(features: Briefing) -> None:
    text = render(features, ["hostile"], "text", 0)
    assert "\\x1b[31mred\\x1b[0m" in text
    assert "\\x1b]52;c;aGVsbG8=\\x07" in text
    assert "\\x9b" in text and "\\u202eRTL override" in text
    assert "[bold]x[/] [@click=app.quit]click[/] [link=file:///etc/passwd]x[/link]" in text
    assert "\x1b" not in text


def test_text_has_a_final_newline_and_no_trailing_spaces(bundled: Briefing) -> None:
    for width in (0, 40, 80):
        text = render(bundled, None, "text", width)
        assert text.endswith("\n")
        assert all(line == line.rstrip() for line in text.splitlines())
