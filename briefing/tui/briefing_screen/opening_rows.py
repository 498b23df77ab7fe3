"""A briefing's opening: the rows of the reader's first frame of it, as plain data.

The briefing screen first shows the title, every section's row, the first section open
with its claims, and that section's pane. Those rows are made here from a briefing
(once it has loaded) and stored beside the cache (briefing/document/opening_store.py);
the next time the file is opened unchanged they are read back and drawn before the
models are even imported (opening.py). The rows are made by the very functions that
make the briefing screen's, so both frames read the same.

A row of text is stored as its plain string, its base style and its spans. Styles are
the program's own, never the author's: a stored style must be one of `STYLES`, and a
record holding any other value, or a value of the wrong kind, is refused whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from briefing.document.opening_store import Key, opening_key, read_opening, store_opening
from briefing.query.badges import relation_count
from briefing.query.filters import ClaimFilter, status_line
from briefing.tui.briefing_screen.layout import title_text
from briefing.tui.widgets.outline_rows import claim_label, section_label
from briefing.tui.widgets.section_detail import claim_row, claim_row_size, section_header

if TYPE_CHECKING:
    from briefing.document.model import Briefing

STYLES = frozenset(
    {"", "bold", "dim", "italic", "not bold", "bold red", "bold reverse", "bold underline"}
)
"""Every style the rows of a first frame use; a record with any other is refused."""
MAX_CLAIMS = 2000
"""A briefing whose first section holds more claims than this gets no opening."""


@dataclass(frozen=True, slots=True)
class Opening:
    """The rows of a briefing's first frame, ready to draw."""

    title: Text
    status: str
    sections: list[tuple[str, Text, bool]]
    """Each section's id, outline row, and whether it has claims to open."""
    claims: list[tuple[str, Text]]
    """The first section's claims: id and outline row."""
    header: Text
    """The first section's block in the detail pane: title, position, summary."""
    rows: list[tuple[str, Text, int, int]]
    """The first section's claims in the detail pane: id, row, length, line breaks."""
    key: Key | None = None
    """The key of the file it was stored for (`stored_opening`), to keep its picture under."""


def make_opening(briefing: Briefing) -> object | None:
    """Return the opening of `briefing` as JSON data, or None if it has none to store."""
    if not briefing.sections or len(briefing.sections[0].claims) > MAX_CLAIMS:
        return None
    first = briefing.sections[0]
    try:
        return {
            "title": _plain(title_text(briefing)),
            "status": status_line(briefing, ClaimFilter.ALL),
            "sections": [
                [
                    section.id,
                    _plain(section_label(section, len(section.claims))),
                    bool(section.claims),
                ]
                for section in briefing.sections
            ],
            "claims": [
                [claim.id, _plain(claim_label(claim, relation_count(briefing, claim)))]
                for claim in first.claims
            ],
            "header": _plain(section_header(briefing, first)),
            "rows": [
                [claim.id, _plain(claim_row(briefing, claim)), *claim_row_size(briefing, claim)]
                for claim in first.claims
            ],
        }
    except _Unstorable:
        return None


def parse_opening(data: object) -> Opening | None:
    """Return the opening stored as `data`, or None if anything in it is not as written."""
    try:
        if not isinstance(data, dict) or set(data) != _KEYS:
            raise _Unstorable
        status = data["status"]
        if not isinstance(status, str):
            raise _Unstorable
        return Opening(
            title=_text(data["title"]),
            status=status,
            sections=[
                (_string(section_id), _text(label, row=True), _flag(opens))
                for section_id, label, opens in _rows(data["sections"], 3)
            ],
            claims=[
                (_string(claim_id), _text(label, row=True))
                for claim_id, label in _rows(data["claims"], 2)
            ],
            header=_text(data["header"]),
            rows=[
                (_string(claim_id), _text(row), _count(length), _count(breaks))
                for claim_id, row, length, breaks in _rows(data["rows"], 4)
            ],
        )
    except _Unstorable:
        return None


def stored_opening(path: Path) -> Opening | None:
    """Return the opening stored for the file at `path` if the file is unchanged since."""
    key = opening_key(path)
    opening = parse_opening(read_opening(key)) if key is not None else None
    return None if opening is None else replace(opening, key=key)


def record_opening(path: Path, briefing: Briefing, key: Key) -> None:
    """Store the opening of `briefing`, loaded from `path` as `key` describes, if not yet.

    In a worker: a few milliseconds of rows, and a small file written.
    """
    if read_opening(key) is None:
        opening = make_opening(briefing)
        if opening is not None:
            store_opening(path, key, opening)


_KEYS = frozenset({"title", "status", "sections", "claims", "header", "rows"})


class _Unstorable(Exception):
    """A row this record format cannot hold, or a stored value that is not a row."""


def _plain(text: Text) -> list[object]:
    """Return `text` as [plain, base style, [[start, end, style], ...]]."""
    spans: list[object] = []
    for span in text.spans:
        spans.append([span.start, span.end, _style(span.style)])
    return [text.plain, _style(text.style), spans]


def _style(style: object) -> str:
    if not isinstance(style, str) or style not in STYLES:
        raise _Unstorable
    return style


def _text(value: object, *, row: bool = False) -> Text:
    """Return the Text stored as `value` (see `_plain`); its style strings are checked.

    A `row` is an outline row: one line, cut with an ellipsis (as `claim_label` makes it).
    """
    if not isinstance(value, list) or len(value) != 3:
        raise _Unstorable
    plain, style, spans = value
    text = Text(_string(plain), _style(style))
    if row:
        text.no_wrap, text.overflow = True, "ellipsis"
    for start, end, span_style in _rows(spans, 3):
        start, end = _count(start), _count(end)
        if end > len(text.plain) or start > end:
            raise _Unstorable
        text.stylize(_style(span_style), start, end)
    return text


def _rows(value: object, width: int) -> list[list[object]]:
    if not isinstance(value, list):
        raise _Unstorable
    for row in value:
        if not isinstance(row, list) or len(row) != width:
            raise _Unstorable
    return value


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise _Unstorable
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Unstorable
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Unstorable
    return value
