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

from briefing.document.rules import MODELS
from briefing.document.textsafe import BIDI_CHARS, CONTROL_CHARS

# The keys each table may hold, and the shapes of the tables nested under them.
_KNOWN_KEYS = {shape: frozenset(model.model_fields) for shape, model in MODELS.items()}
_NESTED_SHAPES = {
    shape: {key: (*shape, key) for key in _KNOWN_KEYS[shape] if (*shape, key) in MODELS}
    for shape in MODELS
}
_UNSAFE_CHARS = re.compile(f"{CONTROL_CHARS.pattern}|{BIDI_CHARS.pattern}")


@dataclass(frozen=True, slots=True)
class Survey:
    """What one quick pass over the parsed TOML found: which slower passes are needed."""

    only_known_keys: bool
    strings_safe: bool


def survey(data: dict[str, Any]) -> Survey:
    """Return whether the tables hold only known keys, and no string an unsafe character."""
    strings: list[str] = []
    only_known = _survey(data, (), strings.append)
    # Control and bidi characters are all unprintable, and `isprintable` runs in C:
    # only the few unprintable strings (with a newline, say) are searched.
    suspects = filterfalse(str.isprintable, strings)
    return Survey(only_known, not any(map(_UNSAFE_CHARS.search, suspects)))


def _survey(value: Any, shape: tuple[str, ...] | None, add: Callable[[str], None]) -> bool:
    """Collect the strings under `value`; return False if a table holds an unknown key."""
    known = True
    if isinstance(value, dict):
        nested: dict[str, tuple[str, ...]] = {}
        if shape is not None:
            known = _KNOWN_KEYS[shape].issuperset(value)
            nested = _NESTED_SHAPES[shape]
        for key, child in value.items():
            if type(child) is str:
                add(child)
            elif isinstance(child, dict | list) and not _survey(child, nested.get(key), add):
                known = False
    else:
        for child in value:
            if type(child) is str:
                add(child)
            elif isinstance(child, dict | list) and not _survey(child, shape, add):
                known = False
    return known
