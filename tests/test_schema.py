"""`briefing schema`: a JSON Schema that passes good briefings and flags type and key errors."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli

from briefing.cli import main
from briefing.commands.new import starter_text
from briefing.document.bundled import bundled_briefings
from briefing.document.loader import load_text
from briefing.document.schema import briefing_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "docs" / "briefing.schema.json"
FORMAT_DOC = ROOT / "docs" / "format.md"
FIXTURES = ROOT / "tests" / "fixtures"


def as_json(value: Any) -> Any:
    """Return parsed TOML as an editor hands it to a schema: dates and times as ISO text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text())
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(text: str) -> list[jsonschema.ValidationError]:
    return list(validator().iter_errors(as_json(tomli.loads(text))))


def toml_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```toml\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)


# --- the schema itself ----------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_briefing_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()


def test_briefing_schema_output_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "briefing.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()


def test_briefing_schema_output_to_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--output", str(tmp_path / "nope" / "s.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing schema: cannot write ")
    assert "Traceback" not in err and err.count("\n") == 1


def test_shipped_copy_is_in_sync() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        "docs/briefing.schema.json is stale: run "
        "'briefing schema --output docs/briefing.schema.json'"
    )


def _objects(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append((path, node))
        for key, value in node.items():
            found.extend(_objects(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_objects(item, f"{path}/{index}"))
    return found


def test_every_key_has_a_description_and_no_table_takes_unknown_keys() -> None:
    tables = _objects(briefing_schema())
    # The whole briefing, [briefing], sources, sections, claims, evidence, caveats, denials,
    # and version 2's changes, parties, relations, assumptions and indicators.
    assert len(tables) == 13
    for path, table in tables:
        assert table["additionalProperties"] is False, path
        for key, prop in table["properties"].items():
            assert prop.get("description", "").strip(), f"{path}/{key} has no description"


def test_schema_is_self_contained() -> None:
    # Editors resolve references unevenly: the schema inlines every table instead.
    assert "$ref" not in schema_text()
    assert "$defs" not in briefing_schema()


def test_schema_has_no_nulls() -> None:
    # TOML has no null: an optional key is one left out.
    assert "null" not in schema_text()


# --- good briefings pass ---------------------------------------------------------


def good_briefings() -> list[tuple[str, str]]:
    """Return (name, text) of every briefing we ship or test with that loads."""
    files = [*bundled_briefings(), *sorted(FIXTURES.glob("*.toml"))]
    found = [(path.name, path.read_text(encoding="utf-8-sig")) for path in files]
    found = [(name, text) for name, text in found if load_text(text, name).ok]
    found.append(("starter.toml", starter_text()))
    return found


def test_good_briefings_include_what_we_ship() -> None:
    names = [name for name, _ in good_briefings()]
    assert "starter.toml" in names
    assert any(path.name in names for path in bundled_briefings())


@pytest.mark.parametrize(("name", "text"), good_briefings(), ids=lambda v: str(v)[:40])
def test_every_briefing_the_loader_accepts_passes_the_schema(name: str, text: str) -> None:
    assert [e.message for e in schema_errors(text)] == []


def test_the_complete_example_in_the_format_doc_checks_clean_and_passes_the_schema() -> None:
    examples = [
        b for b in toml_blocks(FORMAT_DOC.read_text(encoding="utf-8")) if b.startswith("format = 1")
    ]
    assert examples, "docs/format.md has no complete example (a toml block starting 'format = 1')"
    for example in examples:
        assert load_text(example, "example.toml").diagnostics == []
        assert [e.message for e in schema_errors(example)] == []


def test_the_format_doc_explains_every_key() -> None:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    keys = {key for _, table in _objects(briefing_schema()) for key in table["properties"]}
    missing = sorted(key for key in keys if f"`{key}`" not in doc)
    assert missing == []
    assert "#:schema" in doc


# --- what the loader refuses for type and key errors, the schema flags ---------

BASE = """format = 1

[briefing]
title = "The title"
published = 2025-05-02

[[sources]]
id = "src"
title = "A source"
url = "https://example.org/s"

[[sections]]
id = "sec"
title = "A section"

  [[sections.claims]]
  id = "c1"
  text = "A claim."
  claimant = "Someone"
  stated = "2025-04"
  confidence = "high"
  see_also = ["c2"]
  evidence = [{ text = "An observation.", source = "src" }]
  caveats = ["A caveat."]

    [[sections.claims.denials]]
    by = "Another"
    text = "A denial."
    date = 2025-04-29
    source = "src"

  [[sections.claims]]
  id = "c2"
  text = "Another claim."
  claimant = "Someone"
  evidence = ["Another observation."]
"""

CLAIM = ("sections", 0, "claims", 0)
Edit = tuple[str, str]

# (case, edit of BASE, where the schema reports it)
REFUSED: list[tuple[str, Edit | Callable[[str], str], tuple[str | int, ...]]] = [
    ("format-boolean", ("format = 1", "format = true"), ("format",)),
    ("format-string", ("format = 1", 'format = "1"'), ("format",)),
    ("format-version-3", ("format = 1", "format = 3"), ("format",)),
    ("format-missing", ("format = 1\n", ""), ()),
    ("unknown-top-key", ("format = 1\n", 'format = 1\nversion = "1"\n'), ()),
    (
        "briefing-not-a-table",
        ('[briefing]\ntitle = "The title"\n', 'briefing = "The title"\n'),
        ("briefing",),
    ),
    ("briefing-missing", ('[briefing]\ntitle = "The title"\npublished = 2025-05-02\n', ""), ()),
    ("title-integer", ('title = "The title"', "title = 1"), ("briefing", "title")),
    ("title-empty", ('title = "The title"', 'title = ""'), ("briefing", "title")),
    ("title-blank", ('title = "The title"', 'title = "   "'), ("briefing", "title")),
    (
        "briefing-unknown-key",
        ("published = 2025-05-02", 'published = 2025-05-02\nsubtitel = "x"'),
        ("briefing",),
    ),
    (
        "authors-string",
        ("published = 2025-05-02", 'published = 2025-05-02\nauthors = "A"'),
        ("briefing", "authors"),
    ),
    (
        "tags-integer-item",
        ("published = 2025-05-02", "published = 2025-05-02\ntags = [1]"),
        ("briefing", "tags", 0),
    ),
    (
        "published-date-time",
        ("published = 2025-05-02", "published = 2025-05-02T10:00:00"),
        ("briefing", "published"),
    ),
    (
        "published-local-time",
        ("published = 2025-05-02", "published = 10:00:00"),
        ("briefing", "published"),
    ),
    (
        "published-bad-month",
        ("published = 2025-05-02", 'published = "2025-13"'),
        ("briefing", "published"),
    ),
    (
        "published-integer",
        ("published = 2025-05-02", "published = 2025"),
        ("briefing", "published"),
    ),
    ("sources-a-table", ("[[sources]]", "[sources]"), ("sources",)),
    ("source-bad-id", ('id = "src"', 'id = "Src"'), ("sources", 0, "id")),
    ("source-missing-title", ('title = "A source"\n', ""), ("sources", 0)),
    (
        "source-url-scheme",
        ('url = "https://example.org/s"', 'url = "ftp://example.org/s"'),
        ("sources", 0, "url"),
    ),
    (
        "source-unknown-key",
        ('url = "https://example.org/s"', 'url = "https://example.org/s"\nauthor = "x"'),
        ("sources", 0),
    ),
    ("sections-missing", (lambda t: t[: t.index("[[sections]]")]), ()),
    ("section-id-integer", ('id = "sec"', "id = 7"), ("sections", 0, "id")),
    ("claim-unknown-key", ('caveats = ["A caveat."]', 'caveat = ["A caveat."]'), CLAIM),
    ("claim-missing-claimant", ('claimant = "Someone"\n  stated', "stated"), CLAIM),
    ("claim-text-float", ('text = "A claim."', "text = 1.5"), (*CLAIM, "text")),
    (
        "confidence-capitalised",
        ('confidence = "high"', 'confidence = "High"'),
        (*CLAIM, "confidence"),
    ),
    ("confidence-integer", ('confidence = "high"', "confidence = 3"), (*CLAIM, "confidence")),
    ("see-also-string", ('see_also = ["c2"]', 'see_also = "c2"'), (*CLAIM, "see_also")),
    ("stated-bad", ('stated = "2025-04"', 'stated = "April 2025"'), (*CLAIM, "stated")),
    (
        "evidence-integer-item",
        ('evidence = [{ text = "An observation.", source = "src" }]', "evidence = [1]"),
        (*CLAIM, "evidence", 0),
    ),
    (
        "evidence-a-string",
        ('evidence = ["Another observation."]', 'evidence = "Another observation."'),
        ("sections", 0, "claims", 1, "evidence"),
    ),
    (
        "evidence-unknown-key",
        ('source = "src" }', 'source = "src", quoted = "x" }'),
        (*CLAIM, "evidence", 0),
    ),
    (
        "evidence-empty-shorthand",
        ('evidence = ["Another observation."]', 'evidence = [""]'),
        ("sections", 0, "claims", 1, "evidence", 0),
    ),
    (
        "caveat-without-text",
        ('caveats = ["A caveat."]', 'caveats = [{ source = "src" }]'),
        (*CLAIM, "caveats", 0),
    ),
    (
        "denial-shorthand",
        (
            'evidence = ["Another observation."]',
            'evidence = ["Another observation."]\n  denials = ["No."]',
        ),
        ("sections", 0, "claims", 1, "denials", 0),
    ),
    ("denial-missing-by", ('by = "Another"\n', ""), (*CLAIM, "denials", 0)),
    ("denial-date-boolean", ("date = 2025-04-29", "date = true"), (*CLAIM, "denials", 0, "date")),
]


def _apply(edit: Edit | Callable[[str], str]) -> str:
    if callable(edit):
        return edit(BASE)
    old, new = edit
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_base_is_a_good_briefing() -> None:
    assert load_text(BASE, "base.toml").diagnostics == []
    assert schema_errors(BASE) == []


@pytest.mark.parametrize(("case", "edit", "where"), REFUSED, ids=[c[0] for c in REFUSED])
def test_what_the_loader_refuses_the_schema_flags(
    case: str, edit: Edit | Callable[[str], str], where: tuple[str | int, ...]
) -> None:
    text = _apply(edit)
    assert load_text(text, "case.toml").errors, "the loader should refuse this"
    places = [tuple(error.absolute_path) for error in schema_errors(text)]
    assert where in places


# What needs the whole file, or TOML's own types, is for `briefing check` alone: these
# are the limits that docs/format.md tells authors about.
ONLY_CHECK_FINDS: list[tuple[str, Edit]] = [
    ("quoted-full-date", ('stated = "2025-04"', 'stated = "2025-04-28"')),
    ("format-as-float", ("format = 1", "format = 1.0")),
    (
        "dangling-source",
        (
            'evidence = [{ text = "An observation.", source = "src" }]',
            'evidence = [{ text = "x", source = "nope" }]',
        ),
    ),
    ("duplicate-claim-id", ('id = "c2"', 'id = "c1"')),
]


@pytest.mark.parametrize(("case", "edit"), ONLY_CHECK_FINDS, ids=[c[0] for c in ONLY_CHECK_FINDS])
def test_what_only_check_finds(case: str, edit: Edit) -> None:
    text = _apply(edit)
    assert load_text(text, "case.toml").errors
    assert schema_errors(text) == []
