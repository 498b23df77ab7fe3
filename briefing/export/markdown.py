"""The Markdown export: the text export's content as CommonMark, every briefing string escaped.

Escaping is for inline context: each ASCII punctuation character that can start
syntax is backslash-escaped (so no string becomes emphasis, a link, a code span,
HTML, an entity, a heading or a list, nor a GFM table, strikethrough or bare-URL
autolink), lines lose their leading spaces (no
indented code), a single newline becomes a hard line break and a blank line a
new paragraph. Control and bidi characters are made visible first.
"""

from __future__ import annotations

import re

from briefing.document.model import BriefingInfo, Claim, Section, Source, date_text
from briefing.export.plan import ExportPlan, preview
from briefing.export.strings import one_line, paragraphs
from briefing.export.walk import (
    CaveatPart,
    ClaimWalk,
    ClaimWalker,
    DenialPart,
    EvidencePart,
    Item,
    LinkPart,
    SourcePart,
    source_part,
)

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones
# that open or close syntax anywhere in a line or at its start (`=` and `-`
# underline setext headings, `&` starts entities, `|` and `~` are GFM tables and
# strikethrough). `@`, and `:` before `//`, stop GFM's bare-URL and e-mail autolinks
# (with `.` escaped, `www.` is no longer one either).
_SPECIAL = re.compile(r"[\\`*_{}\[\]<>()#+\-.!|~&=@]|:(?=//)")
# A URL that can stand in an autolink `<...>` as written: no spaces, controls,
# angle brackets or backslashes, and nothing that reads as an entity.
_AUTOLINK_SAFE = re.compile(r"https?://[!-;=?-\[\]-~]+")
_ENTITY = re.compile(r"&[A-Za-z0-9#]+;")


def escape(text: str) -> str:
    """Return `text` (already made visible) with every syntax character backslash-escaped."""
    return _SPECIAL.sub(lambda match: "\\" + match.group(), text)


def inline(text: str) -> str:
    """Return a briefing string as escaped Markdown on one line (for headings and labels)."""
    return escape(one_line(text))


def block(text: str, indent: str = "") -> list[str]:
    """Return a briefing string as escaped Markdown lines, paragraphs separated by blank lines.

    Lines after the first start with `indent`, so the text stays inside a list item.
    """
    lines: list[str] = []
    for paragraph in paragraphs(text):
        if lines:
            lines.append("")
        parts = [escape(line) for line in paragraph.split("\n")]
        # A backslash at the end of a line is CommonMark's hard line break.
        lines.extend(part + "\\" for part in parts[:-1])
        lines.append(parts[-1])
    return [line if n == 0 or not line else indent + line for n, line in enumerate(lines)]


def url(value: str) -> str:
    """Return a source or briefing URL as an autolink when it can be one as written, else text."""
    if _AUTOLINK_SAFE.fullmatch(value) and not _ENTITY.search(value):
        return f"<{value}>"
    return inline(value)


def render_markdown(plan: ExportPlan) -> str:
    """Return the Markdown export of `plan`."""
    out: list[str] = []
    walker = ClaimWalker(plan.briefing, plan)
    _header(out, plan.briefing.briefing, plan.whole)
    for section in plan.sections:
        _section(out, plan, section, walker)
    uncited = plan.uncited_sources() if plan.whole else []
    if uncited:
        out += ["", "## Sources not cited by any claim", ""]
        for source in uncited:
            out += _source(plan, source)
    return "\n".join(out).strip("\n") + "\n"


def _header(out: list[str], info: BriefingInfo, whole: bool) -> None:
    out += [f"# {inline(info.title)}"]
    if info.subtitle:
        out += ["", *block(info.subtitle)]
    details = [
        ("Publisher", inline(info.publisher or "")),
        ("Authors", ", ".join(inline(author) for author in info.authors)),
        ("Published", date_text(info.published)),
        ("URL", url(info.url) if info.url else ""),
        ("Tags", ", ".join(inline(tag) for tag in info.tags)),
    ]
    present = [f"- **{label}:** {value}" for label, value in details if value]
    if present:
        out += ["", *present]
    if whole and info.summary:
        out += ["", *block(info.summary)]


def _section(out: list[str], plan: ExportPlan, section: Section, walker: ClaimWalker) -> None:
    number = plan.section_numbers[section.id]
    out += ["", f"## Section {number}: {inline(section.title)}"]
    if section.summary and paragraphs(section.summary):
        out += ["", *block(section.summary)]
    for claim in section.claims:
        _claim(out, walker.walk(claim))
    cited = plan.cited_sources(section)
    if cited:
        out += ["", "#### Sources cited in this section", ""]
        for source in cited:
            out += _source(plan, source)


def _with_ref(lines: list[str], source: SourcePart | None) -> list[str]:
    if source is not None and source.ref:
        lines[-1] += f" {escape(source.ref)}"
    return lines


def _claim(out: list[str], walk: ClaimWalk) -> None:
    out += ["", f"### Claim {walk.head.number}", "", *block(walk.head.text)]
    details = [
        (detail.label, inline(detail.value or "") if detail.authored else detail.value)
        for detail in walk.head.fields
    ]
    out += [""] + [f"- **{label}:** {value}" for label, value in details if value]
    for group in walk.groups:
        if group.items:
            out += ["", f"**{group.title}**", ""]
            for part in group.items:
                out += _part(part)


def _part(part: Item) -> list[str]:
    match part:
        case EvidencePart():
            lines = _with_ref(block(part.text, "  "), part.source)
            if part.quote is not None:
                quote = block(part.quote, "  ")
                lines[-1] += "\\"
                lines += [f"  Quote: “{quote[0]}", *quote[1:]]
                lines[-1] += "”"
            return ["- " + lines[0], *lines[1:]]
        case CaveatPart():
            lines = _with_ref(block(part.text, "  "), part.source)
            return ["- " + lines[0], *lines[1:]]
        case DenialPart():
            who = inline(part.by)
            if part.date is not None:
                who += f" \\({part.date}\\)"
            lines = _with_ref(block(part.text, "  "), part.source)
            return [f"- {who}: {lines[0]}", *lines[1:]]
        case LinkPart(claim=Claim() as target):
            where = "" if part.exported else f" \\(section {part.section_number}\\)"
            return [f"- Claim {part.number}{where}: {escape(preview(one_line(target.text)))}"]
    return []


def _source(plan: ExportPlan, source: Source) -> list[str]:
    part = source_part(source, plan.source_numbers)
    lines = [f"- {escape(part.ref)} {inline(part.title)}"]
    detail_line = " · ".join(part.details(inline))
    if detail_line:
        lines.append(f"  {detail_line}")
    if part.url:
        lines.append(f"  {url(part.url)}")
    # Hard breaks keep title, details and URL on their own lines inside the item.
    return [line + "\\" for line in lines[:-1]] + lines[-1:]
