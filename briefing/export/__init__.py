"""Exporting a briefing or some of its sections as plain text, Markdown, JSON or HTML.

Headless: nothing here imports Textual, so `briefing export` starts fast and the
reader can call the same code. Claims are numbered across the whole briefing
(`7.`), sections by position (`Section 2`), sources by their place in the file
and cited as `[S3]`; see `briefing.export.plan`.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.document.model import Briefing
from briefing.export.atomic import write_atomic
from briefing.export.plan import UnknownSectionError, plan_export

FORMATS = ("text", "markdown", "json", "html")
DEFAULT_WIDTH = 80
# Narrower than this, hanging indents leave too little room for the text.
MIN_WIDTH = 20

__all__ = [
    "DEFAULT_WIDTH",
    "FORMATS",
    "MIN_WIDTH",
    "UnknownSectionError",
    "render",
    "write_atomic",
]


def render(
    briefing: Briefing,
    section_ids: Sequence[str] | None = None,
    fmt: str = "text",
    width: int = DEFAULT_WIDTH,
) -> str:
    """Return the export of `section_ids` (None: the whole briefing) in format `fmt`.

    `width` is the text format's line width in columns (0: no wrapping); Markdown,
    JSON and HTML are not wrapped. Raises UnknownSectionError for ids the briefing lacks and
    ValueError for an unknown format or a width that is neither 0 nor >= MIN_WIDTH.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if width != 0 and width < MIN_WIDTH:
        raise ValueError(f"width must be 0 (no wrapping) or at least {MIN_WIDTH}, not {width}")
    plan = plan_export(briefing, section_ids)
    # Each format is imported when it first renders: the reader imports this package
    # (for the claim walk) before its first frame, and needs none of them to draw it.
    if fmt == "markdown":
        from briefing.export.markdown import render_markdown

        return render_markdown(plan)
    if fmt == "json":
        from briefing.export.jsonexport import render_json

        return render_json(plan)
    if fmt == "html":
        from briefing.export.html import render_html

        return render_html(plan)
    from briefing.export.text import render_text

    return render_text(plan, width)
