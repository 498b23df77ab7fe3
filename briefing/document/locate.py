"""Where each key, table and array element of a TOML document stands.

TOML parsers return values without positions, so diagnostics would have no line
to point at. This scanner reads a document that the parser has already accepted
and records the line and column of every key path, e.g.
``("sections", 1, "claims", 0, "denials", 0)`` -> ``(41, 3)``. It runs only when
there is something to report, so a clean file never pays for it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import suppress

KeyPath = tuple[str | int, ...]
Position = tuple[int, int]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL_STRING = re.compile(r"'[^'\n]*'")
_ML_BASIC_STRING = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"{3,5}')
_ML_LITERAL_STRING = re.compile(r"'''(?:[^']|'{1,2}(?!'))*'{3,5}")
_SCALAR = re.compile(r"[^,\]}#\r\n]+")
_BLANK = re.compile(r"[ \t]*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _AllFound(Exception):
    """Raised inside the scan to stop it once every wanted path has a place."""


class _Shape:
    """The tables and arrays seen so far, so `[[x]]` knows its index."""

    def __init__(self) -> None:
        self.children: dict[str, _Shape | list[_Shape]] = {}

    def table(self, key: str) -> tuple[_Shape, int | None]:
        child = self.children.get(key)
        if isinstance(child, list):
            if not child:
                child.append(_Shape())
            return child[-1], len(child) - 1
        if child is None:
            child = self.children[key] = _Shape()
        return child, None

    def append(self, key: str) -> tuple[_Shape, int]:
        child = self.children.get(key)
        if not isinstance(child, list):
            child = self.children[key] = []
        child.append(_Shape())
        return child[-1], len(child) - 1


class Locator:
    """Line and column (1-based) of every key path in one TOML text."""

    def __init__(self, text: str, wanted: set[KeyPath] | None = None) -> None:
        """Scan `text`; with `wanted`, stop as soon as every one of those paths is found."""
        self._text = text
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._positions: dict[KeyPath, Position] = {}
        self._wanted = set(wanted) if wanted else None
        # The text was accepted by the parser; if the scanner still trips, the
        # positions found so far stand and the rest fall back to their parents.
        with suppress(IndexError, ValueError, _AllFound):
            self._scan()

    def position(self, path: KeyPath) -> Position:
        """Return where `path` stands, or its nearest ancestor that has a place."""
        while path:
            found = self._positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return (1, 1)

    def exact(self, path: KeyPath) -> Position | None:
        """Return where `path` itself stands, or None if it is not in the text."""
        return self._positions.get(path)

    def paths(self) -> Iterator[KeyPath]:
        """Yield every located key path."""
        return iter(self._positions)

    # -- scanning ---------------------------------------------------------------

    def _where(self, offset: int) -> Position:
        line = bisect_right(self._line_starts, offset)
        return (line, offset - self._line_starts[line - 1] + 1)

    def _mark(self, path: KeyPath, offset: int) -> None:
        if path in self._positions:
            return
        self._positions[path] = self._where(offset)
        if self._wanted is not None:
            self._wanted.discard(path)
            if not self._wanted:
                raise _AllFound

    def _scan(self) -> None:
        text = self._text
        root = _Shape()
        table: _Shape = root
        table_path: KeyPath = ()
        i = _BLANK_LINES.match(text, 0).end()  # type: ignore[union-attr]
        while i < len(text):
            if text.startswith("[[", i):
                start = i
                keys, i = self._key(i + 2)
                table, table_path = self._array_table(root, keys, start)
                i = text.index("]]", i) + 2
            elif text[i] == "[":
                start = i
                keys, i = self._key(i + 1)
                table, table_path = self._table(root, keys, start)
                i = text.index("]", i) + 1
            else:
                i = self._key_value(i, table, table_path)
            i = _BLANK_LINES.match(text, i).end()  # type: ignore[union-attr]

    def _table(self, root: _Shape, keys: list[str], offset: int) -> tuple[_Shape, KeyPath]:
        shape = root
        path: KeyPath = ()
        for key in keys:
            shape, index = shape.table(key)
            path = (*path, key) if index is None else (*path, key, index)
        self._mark(path, offset)
        return shape, path

    def _array_table(self, root: _Shape, keys: list[str], offset: int) -> tuple[_Shape, KeyPath]:
        shape = root
        path: KeyPath = ()
        for key in keys[:-1]:
            shape, index = shape.table(key)
            path = (*path, key) if index is None else (*path, key, index)
        self._mark((*path, keys[-1]), offset)
        shape, index = shape.append(keys[-1])
        path = (*path, keys[-1], index)
        self._mark(path, offset)
        return shape, path

    def _key_value(self, i: int, table: _Shape, base: KeyPath) -> int:
        start = i
        keys, i = self._key(i)
        path = base
        for key in keys[:-1]:
            path = (*path, key)
            self._mark(path, start)
        path = (*path, keys[-1])
        self._mark(path, start)
        i = _BLANK.match(self._text, i).end()  # type: ignore[union-attr]
        if self._text[i] != "=":
            raise ValueError("expected '='")
        i = _BLANK.match(self._text, i + 1).end()  # type: ignore[union-attr]
        return self._value(i, path)

    def _key(self, i: int) -> tuple[list[str], int]:
        text = self._text
        keys: list[str] = []
        while True:
            i = _BLANK.match(text, i).end()  # type: ignore[union-attr]
            if text[i] == '"':
                match = _BASIC_STRING.match(text, i)
                if match is None:
                    raise ValueError("bad key")
                keys.append(_unescape(match.group()[1:-1]))
            elif text[i] == "'":
                match = _LITERAL_STRING.match(text, i)
                if match is None:
                    raise ValueError("bad key")
                keys.append(match.group()[1:-1])
            else:
                match = _BARE_KEY.match(text, i)
                if match is None:
                    raise ValueError("bad key")
                keys.append(match.group())
            i = _BLANK.match(text, match.end()).end()  # type: ignore[union-attr]
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            return keys, i

    def _value(self, i: int, path: KeyPath) -> int:
        text = self._text
        char = text[i]
        if char == "{":
            return self._inline_table(i + 1, path)
        if char == "[":
            return self._array(i + 1, path)
        for pattern in (_ML_BASIC_STRING, _ML_LITERAL_STRING, _BASIC_STRING, _LITERAL_STRING):
            match = pattern.match(text, i)
            if match:
                return match.end()
        match = _SCALAR.match(text, i)
        if match is None:
            raise ValueError("bad value")
        return match.end()

    def _inline_table(self, i: int, path: KeyPath) -> int:
        text = self._text
        shape = _Shape()
        while True:
            i = _BLANK_LINES.match(text, i).end()  # type: ignore[union-attr]
            if text[i] == "}":
                return i + 1
            if text[i] == ",":
                i += 1
                continue
            i = self._key_value(i, shape, path)

    def _array(self, i: int, path: KeyPath) -> int:
        text = self._text
        index = 0
        while True:
            i = _BLANK_LINES.match(text, i).end()  # type: ignore[union-attr]
            if text[i] == "]":
                return i + 1
            if text[i] == ",":
                i += 1
                continue
            element = (*path, index)
            self._mark(element, i)
            i = self._value(i, element)
            index += 1


def _unescape(body: str) -> str:
    """Decode the escapes of a quoted TOML key (rare; good enough for locating)."""
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        code = body[i + 1]
        if code in "uU":
            width = 4 if code == "u" else 8
            out.append(chr(int(body[i + 2 : i + 2 + width], 16)))
            i += 2 + width
        else:
            out.append(_ESCAPES.get(code, code))
            i += 2
    return "".join(out)
