"""The export API across formats: determinism, safety, section choice and errors."""

from __future__ import annotations

import json
import re

import pytest
from briefings import FEATURES, load_briefing

from briefing.document.loader import load_file
from briefing.document.model import Briefing
from briefing.export import FORMATS, UnknownSectionError, render

WIDTHS = [0, 20, 33, 40, 80, 120]
# Characters that must never reach a terminal raw: ESC, BEL, C1, DEL, bidi controls.
RAW_DANGER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def all_exports(briefing: Briefing) -> list[str]:
    sections = [None] + [[section.id] for section in briefing.sections]
    out = []
    for section_ids in sections:
        out += [render(briefing, section_ids, "text", width) for width in WIDTHS]
        out += [render(briefing, section_ids, fmt) for fmt in ("markdown", "json")]
    return out


def test_the_features_fixture_loads_with_warnings_only() -> None:
    result = load_file(FEATURES)
    assert result.briefing is not None
    assert result.warnings and not result.errors


def test_exports_are_deterministic(features: Briefing) -> None:
    first = all_exports(features)
    again = all_exports(load_briefing(FEATURES))
    assert first == again


def test_no_export_of_the_hostile_fixture_holds_a_raw_control_or_bidi_character(
    features: Briefing,
) -> None:
    for text in all_exports(features):
        assert not RAW_DANGER.search(text)
        assert "\u2028" not in text and "\u2029" not in text
        assert text.endswith("\n") and not text.endswith("\n\n")
        text.encode("utf-8")  # valid UTF-8: no lone surrogates


def test_unknown_section_error_names_the_unknown_and_the_valid_ids(bundled: Briefing) -> None:
    with pytest.raises(UnknownSectionError) as caught:
        render(bundled, ["context", "no-such", "other"])
    assert isinstance(caught.value, KeyError)
    assert caught.value.unknown == ("no-such", "other")
    assert caught.value.valid_ids == tuple(section.id for section in bundled.sections)
    assert str(caught.value).startswith("unknown sections 'no-such', 'other'; valid sections: ")


@pytest.mark.parametrize("width", [-1, 1, 19])
def test_render_refuses_a_width_too_narrow_for_the_layout(bundled: Briefing, width: int) -> None:
    with pytest.raises(ValueError, match="width"):
        render(bundled, None, "text", width)


def test_render_refuses_an_unknown_format(bundled: Briefing) -> None:
    with pytest.raises(ValueError, match="format"):
        render(bundled, None, "pdf")
    assert FORMATS == ("text", "markdown", "json", "html")


def test_sections_come_in_reading_order_once_each(features: Briefing) -> None:
    asked = render(features, ["hostile", "escorts", "hostile"], "json")
    ids = [section["id"] for section in json.loads(asked)["sections"]]
    assert ids == ["escorts", "hostile"]
