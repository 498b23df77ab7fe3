"""A JSON Schema (draft 2020-12) of briefing formats 1 and 2, for editors that complete TOML keys.

The schema is generated from the pydantic models, so it cannot drift from them. It
describes the TOML file as an author writes it: no nulls (TOML has none), dates as
the ISO text that editors turn TOML dates into, and every table inlined, because
some TOML editors resolve only simple references. The loader stays the judge: the
schema helps while typing, `briefing check` decides.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from briefing.document.model import Briefing

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "Briefing, formats 1 and 2"
DESCRIPTION = (
    "A claim-structured briefing: who says what, on what evidence, with which caveats, "
    "and who denies it. Check a file with 'briefing check FILE'."
)


class _TomlSchema(GenerateJsonSchema):
    """Pydantic's generator, adjusted to describe TOML rather than Python values."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        # An optional key is left out of a TOML file; it is never null.
        return self.generate_inner(schema["schema"])

    def field_title_should_be_set(self, schema: Any) -> bool:
        # Titles like "Id" repeat the key name; the description says what the key means.
        return False


def briefing_schema() -> dict[str, Any]:
    """Return the JSON Schema of formats 1 and 2 as a dict, every table inlined."""
    generated = Briefing.model_json_schema(schema_generator=_TomlSchema, mode="validation")
    definitions = generated.pop("$defs", {})
    body = _tidy(_inline(generated, definitions))
    # The model's docstring and title speak to programmers; these speak to authors.
    body.pop("title", None)
    body.pop("description", None)
    return {"$schema": DRAFT, "title": TITLE, "description": DESCRIPTION, **body}


def schema_text() -> str:
    """Return the schema as the JSON text that `briefing schema` prints (ends in a newline)."""
    return json.dumps(briefing_schema(), indent=2, ensure_ascii=False) + "\n"


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    # The models hold no cycles, so replacing each reference by its target terminates.
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        target = dict(definitions[name])
        # Keys beside the reference (the field's own description) win over the table's.
        target.update({k: v for k, v in node.items() if k != "$ref"})
        return _inline(target, definitions)
    return {key: _inline(value, definitions) for key, value in node.items()}


def _tidy(node: Any) -> Any:
    # Drop what pydantic adds for Python's sake: model titles, and null defaults that
    # no TOML file can hold.
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    tidy: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "default" and value is None:
            continue
        if key == "properties":
            # Property names are keys, not schema keywords: keep them all.
            tidy[key] = {name: _tidy(sub) for name, sub in value.items()}
            continue
        tidy[key] = _tidy(value)
    return tidy
