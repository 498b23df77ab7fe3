"""One quick pass over parsed TOML that tells which of the loader's slower passes are needed.

Nearly every file holds only known keys and no control or bidi character in any
string; a large one holds a few hundred thousand strings. One pass answers both
questions, so that `without_unknown_keys` (which copies the tree) and
`string_warnings` (which builds every key path) run only for a file that needs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import filterfalse
from typing import Any

from briefing.document.rules import MODELS, known_keys
from briefing.document.textsafe import BIDI_CHARS, CONTROL_CHARS

# For each format version, the keys each table may hold (a version 2 key in a version 1
# file is a stray key there); and the shapes of the tables nested under each table.
_KNOWN_KEYS = {
    version: {shape: known_keys(shape, version) for shape in MODELS} for version in (1, 2)
}
_NESTED_SHAPES = {
    shape: {key: (*shape, key) for key in model.model_fields if (*shape, key) in MODELS}
    for shape, model in MODELS.items()
}
_UNSAFE_CHARS = re.compile(f"{CONTROL_CHARS.pattern}|{BIDI_CHARS.pattern}")


@dataclass(frozen=True, slots=True)
class Survey:
    """What one quick pass over the parsed TOML found: which slower passes are needed."""

    only_known_keys: bool
    strings_safe: bool


def survey(data: dict[str, Any], version: int) -> Survey:
    """Return whether the tables hold only known keys, and no string an unsafe character."""
    strings: list[str] = []
    only_known = _survey(data, (), strings.append, _KNOWN_KEYS[version])
    # Control and bidi characters are all unprintable, and `isprintable` runs in C:
    # only the few unprintable strings (with a newline, say) are searched.
    suspects = filterfalse(str.isprintable, strings)
    return Survey(only_known, not any(map(_UNSAFE_CHARS.search, suspects)))


def _survey(
    value: Any,
    shape: tuple[str, ...] | None,
    add: Callable[[str], None],
    keys: dict[tuple[str, ...], frozenset[str]],
) -> bool:
    """Collect the strings under `value`; return False if a table holds an unknown key."""
    known = True
    if isinstance(value, dict):
        nested: dict[str, tuple[str, ...]] = {}
        if shape is not None:
            known = keys[shape].issuperset(value)
            nested = _NESTED_SHAPES[shape]
        for key, child in value.items():
            if type(child) is str:
                add(child)
            elif isinstance(child, dict | list) and not _survey(child, nested.get(key), add, keys):
                known = False
    else:
        for child in value:
            if type(child) is str:
                add(child)
            elif isinstance(child, dict | list) and not _survey(child, shape, add, keys):
                known = False
    return known
