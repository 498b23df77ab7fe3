"""The JSON export: contract shape, resolved references, data kept exact but terminal-safe."""

from __future__ import annotations

import datetime
import json

from briefing.document.loader import load_text
from briefing.document.model import Briefing
from briefing.export import render


def test_json_has_the_contract_shape_and_key_order(features: Briefing) -> None:
    data = json.loads(render(features, None, "json"))
    assert list(data) == ["format", "briefing", "sections", "sources"]
    assert data["format"] == 1
    assert list(data["briefing"]) == [
        "title", "subtitle", "summary", "published", "authors", "publisher", "url", "tags",
    ]  # fmt: skip
    section = data["sections"][0]
    assert list(section) == ["id", "number", "title", "summary", "claims"]
    claim = section["claims"][0]
    assert list(claim) == [
        "id", "number", "text", "claimant", "stated", "confidence", "see_also",
        "evidence", "caveats", "denials",
    ]  # fmt: skip
    assert list(claim["evidence"][0]) == ["text", "source", "quote"]
    assert list(claim["caveats"][0]) == ["text", "source"]
    assert list(claim["denials"][0]) == ["by", "text", "date", "source"]
    assert list(data["sources"][0]) == ["id", "title", "publisher", "kind", "date", "url"]


def test_json_resolves_sources_and_see_also_and_numbers_claims(features: Briefing) -> None:
    data = json.loads(render(features, ["escorts"], "json"))
    claims = data["sections"][0]["claims"]
    assert [c["number"] for c in claims] == [1, 2, 3]
    first = claims[0]
    assert first["stated"] == "2025-04-28"
    assert first["evidence"][0]["source"] == {
        "id": "ministry-statement",
        "title": "Ministry statement on convoy escorts",
        "publisher": "Ministry of Defence",
        "kind": "official statement",
        "date": "2025-04-28",
        "url": "https://example.org/statement",
    }
    assert first["evidence"][1]["source"] is None
    target = features.claim("long-word")
    assert target is not None
    assert first["see_also"][1] == {"id": "long-word", "number": 4, "text": target.text}
    assert claims[1]["denials"][0]["date"] == "2025-05"
    assert claims[1]["evidence"] == [
        {"text": "Insurers raised premiums the next day.", "source": None, "quote": None},
        {"text": "Crew members described the attack.", "source": None, "quote": None},
    ]
    # A section export lists the sources its sections cite; the whole lists all.
    assert [s["id"] for s in data["sources"]] == ["ministry-statement", "hostile-source"]
    whole = json.loads(render(features, None, "json"))
    assert [s["id"] for s in whole["sources"]] == [s.id for s in features.sources]


def test_json_strings_are_data_round_tripped_exactly(features: Briefing) -> None:
    data = json.loads(render(features, None, "json"))
    hostile = data["sections"][2]
    assert hostile["summary"] == features.sections[2].summary
    claim = hostile["claims"][0]
    assert claim["text"] == features.claims()[-1].text
    assert "\x1b[31m" in claim["text"]  # not made "visible": JSON escapes it itself


def test_json_escapes_what_a_terminal_would_act_on(features: Briefing) -> None:
    text = render(features, None, "json")
    assert "\\u001b[31m" in text and "\\u009b" in text and "\\u202e" in text
    assert "\\u2028" in text and "\\u2029" in text
    assert "中文標題 🚢" in text  # ensure_ascii=False: readable text stays readable
    assert text.endswith("}\n")


def test_json_dates_are_strings_as_written() -> None:
    source = """format = 1
[briefing]
title = "T"
published = 2025-05-02
[[sections]]
id = "s"
title = "S"
[[sections.claims]]
id = "c"
text = "x"
claimant = "y"
stated = "2024"
evidence = ["e"]
"""
    result = load_text(source, "dates.toml")
    assert result.briefing is not None
    assert result.briefing.briefing.published == datetime.date(2025, 5, 2)
    data = json.loads(render(result.briefing, None, "json"))
    assert data["briefing"]["published"] == "2025-05-02"
    assert data["sections"][0]["claims"][0]["stated"] == "2024"
    assert data["sources"] == []
