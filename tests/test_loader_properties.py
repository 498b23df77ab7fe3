"""Property tests: valid briefings round-trip through JSON; broken ones never crash the loader."""

from __future__ import annotations

import datetime
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.commands import check
from briefing.document.bundled import bundled_briefings
from briefing.document.loader import load_bytes, load_text
from briefing.document.model import Briefing
from briefing.document.vocabulary import LIKELIHOODS, RELATION_TYPES
from briefing.export import render

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = [
    bundled_briefings()[0],
    FIXTURES / "features.toml",
    FIXTURES / "check" / "valid.toml",
    # `briefing new`'s starter: a version 2 briefing with every key version 2 adds.
    Path(str(resources.files("briefing").joinpath("starter.toml"))),
]

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
settings.register_profile("dev", max_examples=60, deadline=None)
# BRIEFING_HYPOTHESIS=thorough for a long hunt before a release.
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.load_profile(
    os.environ.get("BRIEFING_HYPOTHESIS") or ("ci" if os.environ.get("CI") else "dev")
)

ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
# Any text a TOML string can hold (no surrogates), including controls and bidi marks.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
required_texts = texts.filter(lambda s: s.strip() != "")
dates = st.one_of(
    st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31)),
    st.integers(1000, 9999).map(str),
    st.tuples(st.integers(1000, 9999), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
)


def _optional(draw: st.DrawFn, table: dict[str, Any], key: str, strategy: Any) -> None:
    if draw(st.booleans()):
        table[key] = draw(strategy)


@st.composite
def briefings(draw: st.DrawFn, version: int = 1) -> dict[str, Any]:
    """Draw the parsed form of a valid briefing, errors impossible by construction.

    With `version=2`, the version 2 keys too: parties (with `part_of` chains that never
    loop, since a party only belongs to one drawn before it), relations, likelihood,
    assumptions, indicators, gaps, changes, reliability and credibility.
    """
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    party_ids = draw(st.lists(ids, max_size=4, unique=True)) if version == 2 else []
    # Names and aliases are unique across parties: drawn together, then dealt out.
    party_names = draw(
        st.lists(
            required_texts, min_size=len(party_ids) * 2, max_size=len(party_ids) * 2, unique=True
        )
    )
    speakers = st.sampled_from(party_ids) if party_ids else required_texts
    section_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    claim_ids = draw(st.lists(ids, max_size=6, unique=True))
    references = st.one_of(st.none(), st.sampled_from(source_ids)) if source_ids else st.none()

    def item(kind: str) -> dict[str, Any] | str:
        if kind != "denials" and draw(st.booleans()):
            return draw(required_texts)  # the string shorthand
        table: dict[str, Any] = {"text": draw(required_texts)}
        if kind == "denials":
            table["by"] = draw(speakers)
            _optional(draw, table, "date", dates)
        if kind == "evidence":
            _optional(draw, table, "quote", texts)
            if version == 2:
                _optional(draw, table, "credibility", st.integers(1, 6))
        source = draw(references)
        if source is not None:
            table["source"] = source
        return table

    claims = []
    for claim_id in claim_ids:
        claim: dict[str, Any] = {
            "id": claim_id,
            "text": draw(required_texts),
            "claimant": draw(speakers),
        }
        _optional(draw, claim, "stated", dates)
        _optional(draw, claim, "confidence", st.sampled_from(["low", "moderate", "high"]))
        others = [other for other in claim_ids if other != claim_id]
        if others:
            _optional(draw, claim, "see_also", st.lists(st.sampled_from(others), max_size=3))
        for kind in ("evidence", "caveats", "denials"):
            _optional(draw, claim, kind, st.lists(st.builds(lambda k=kind: item(k)), max_size=2))
        if version == 2:
            _claim_v2(draw, claim, others)
        claims.append(claim)

    sections = []
    for number, section_id in enumerate(section_ids):
        section: dict[str, Any] = {"id": section_id, "title": draw(required_texts)}
        _optional(draw, section, "summary", texts)
        section["claims"] = claims[number :: len(section_ids)]
        sections.append(section)

    info: dict[str, Any] = {"title": draw(required_texts)}
    for key in ("subtitle", "summary", "publisher"):
        _optional(draw, info, key, texts)
    _optional(draw, info, "published", dates)
    _optional(draw, info, "authors", st.lists(texts, max_size=2))
    _optional(draw, info, "url", st.sampled_from(["https://example.org/a", "http://x.test/"]))
    sources = [{"id": sid, "title": draw(required_texts)} for sid in source_ids]
    for source in sources:
        _optional(draw, source, "date", dates)
        _optional(draw, source, "kind", texts)
        if version == 2:
            _optional(draw, source, "reliability", st.sampled_from(list("ABCDEF")))
    document: dict[str, Any] = {
        "format": version,
        "briefing": info,
        "sources": sources,
        "sections": sections,
    }
    if version == 2:
        _optional(draw, info, "bottom_line", required_texts)
        _optional(draw, info, "revised", dates)
        changes = st.fixed_dictionaries({"date": dates, "text": required_texts})
        _optional(draw, document, "changes", st.lists(changes, max_size=2))
        parties = []
        for number, party_id in enumerate(party_ids):
            party: dict[str, Any] = {"id": party_id, "name": party_names[2 * number]}
            if draw(st.booleans()):
                party["aliases"] = [party_names[2 * number + 1]]
            _optional(draw, party, "kind", st.sampled_from(["government", "person", "other"]))
            if number:
                _optional(draw, party, "part_of", st.sampled_from(party_ids[:number]))
            parties.append(party)
        if parties:
            document["parties"] = parties
    return document


def _claim_v2(draw: st.DrawFn, claim: dict[str, Any], others: list[str]) -> None:
    """Add version 2's claim keys to `claim`; `others` are the ids it may relate to."""
    _optional(draw, claim, "likelihood", st.sampled_from(sorted(LIKELIHOODS)))
    _optional(draw, claim, "gaps", st.lists(required_texts, max_size=2))
    assumption = st.one_of(
        required_texts,
        st.fixed_dictionaries({"text": required_texts}, optional={"if_wrong": texts}),
    )
    indicator = st.one_of(
        required_texts,
        st.fixed_dictionaries(
            {"text": required_texts},
            optional={"effect": st.sampled_from(["strengthens", "weakens"])},
        ),
    )
    _optional(draw, claim, "assumptions", st.lists(assumption, max_size=2))
    _optional(draw, claim, "indicators", st.lists(indicator, max_size=2))
    if others:
        # One relation to each other claim at most: never a duplicate nor a conflict.
        targets = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
        relations = []
        for target in targets:
            relation = {"type": draw(st.sampled_from(list(RELATION_TYPES))), "claim": target}
            _optional(draw, relation, "note", texts)
            relations.append(relation)
        if relations:
            claim["relations"] = relations


def from_export_json(document: dict[str, Any]) -> dict[str, Any]:
    """Return the format v1 data that a JSON export describes (the export's inverse)."""

    def strip(table: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in table.items():
            if key == "number" or value is None or value == []:
                continue
            if key == "source" and isinstance(value, dict):
                value = value["id"]
            elif key == "see_also":
                value = [link["id"] for link in value]
            elif key in ("published", "stated", "date") and len(value) == 10:
                value = datetime.date.fromisoformat(value)
            elif isinstance(value, list):
                value = [strip(v) if isinstance(v, dict) else v for v in value]
            out[key] = value
        return out

    return {
        "format": document["format"],
        "briefing": strip(document["briefing"]),
        "sources": [strip(source) for source in document["sources"]],
        "sections": [strip(section) for section in document["sections"]],
    }


@given(briefings(version=2))
def test_valid_version_2_briefings_load_without_a_problem(data: dict[str, Any]) -> None:
    loaded = load_text(tomli_w.dumps(data), "random.toml")
    assert [d for d in loaded.diagnostics if d.is_error] == []
    assert loaded.briefing is not None and loaded.briefing.format == 2
    for claim in loaded.briefing.claims():
        for relation in claim.relations:
            assert (claim.id, relation) in loaded.briefing.relations_to(relation.claim)


@given(briefings())
def test_valid_briefings_round_trip_through_json(data: dict[str, Any]) -> None:
    loaded = load_text(tomli_w.dumps(data), "random.toml")
    assert loaded.errors == []
    assert loaded.briefing is not None
    exported = json.loads(render(loaded.briefing, fmt="json"))
    again = Briefing.model_validate(from_export_json(exported), strict=False)
    assert again == loaded.briefing


@pytest.mark.parametrize("quote", ["", " ", "\n\t"])
def test_a_blank_quote_is_no_quote_and_round_trips_through_json(quote: str) -> None:
    # Found by the property above: a blank quote came back from the JSON export as none.
    data = {
        "format": 1,
        "briefing": {"title": "T"},
        "sections": [
            {
                "id": "s",
                "title": "S",
                "claims": [
                    {
                        "id": "c",
                        "text": "C",
                        "claimant": "A",
                        "evidence": [{"text": "E", "quote": quote}],
                    }
                ],
            }
        ],
    }
    loaded = load_text(tomli_w.dumps(data), "blank-quote.toml")
    assert loaded.briefing is not None
    assert loaded.briefing.sections[0].claims[0].evidence[0].quote is None
    exported = json.loads(render(loaded.briefing, fmt="json"))
    again = Briefing.model_validate(from_export_json(exported), strict=False)
    assert again == loaded.briefing


def _mutations() -> st.SearchStrategy[tuple[int, str, int, bytes]]:
    kinds = st.sampled_from(["delete-line", "truncate", "swap-type", "insert-bytes", "dup-line"])
    return st.tuples(
        st.integers(0, len(SEEDS) - 1),
        kinds,
        st.integers(0, 10**9),
        st.binary(min_size=1, max_size=8),
    )


def mutate(text: bytes, kind: str, where: int, noise: bytes) -> bytes:
    """Return `text` broken in one of the ways authors and tools break files."""
    lines = text.split(b"\n")
    line = where % len(lines)
    if kind == "delete-line":
        del lines[line]
    elif kind == "dup-line":
        lines.insert(line, lines[line])
    elif kind == "truncate":
        return text[: where % len(text)]
    elif kind == "swap-type":
        swaps = [(b'"', b"5 #"), (b"= [", b"= 3 #"), (b"2025", b'"x'), (b"[[", b"[")]
        old, new = swaps[where % len(swaps)]
        lines[line] = lines[line].replace(old, new, 1)
    else:
        position = where % (len(text) + 1)
        return text[:position] + noise + text[position:]
    return b"\n".join(lines)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_mutations())
def test_broken_files_give_located_diagnostics_never_an_exception(
    mutation: tuple[int, str, int, bytes],
) -> None:
    seed, kind, where, noise = mutation
    broken = mutate(SEEDS[seed].read_bytes(), kind, where, noise)
    result = load_bytes(broken, "broken.toml")
    for diagnostic in result.diagnostics:
        line = str(diagnostic)
        assert line.startswith("broken.toml:")
        assert diagnostic.line is not None and diagnostic.line >= 1
        assert diagnostic.severity in ("error", "warning")
        assert "\x1b" not in line and "\u202e" not in line
    assert (result.briefing is None) == bool(result.errors)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_check_survives_every_truncation_point_of_a_seed(
    seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = seed.read_bytes()
    path = tmp_path / "cut.toml"
    step = max(1, len(text) // 150)
    for end in range(0, len(text), step):
        path.write_bytes(text[:end])
        code = check.main([str(path)])
        assert code in (0, 1)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert err.splitlines()[-1].startswith("checked 1 file: ")
