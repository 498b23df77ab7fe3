"""The Markdown export: the text export's content as CommonMark, every briefing string escaped.

Escaping is for inline context: each ASCII punctuation character that can start
syntax is backslash-escaped (so no string becomes emphasis, a link, a code span,
HTML, an entity, a heading or a list, nor a GFM table, strikethrough or bare-URL
autolink), lines lose their leading spaces (no
indented code), a single newline becomes a hard line break and a blank line a
new paragraph. Control and bidi characters are made visible first.

Format version 2 adds what the text export adds, laid out the same way: `Revised`
beside `Published`, the bottom line after the title's details, the changes (newest
first) after the summary, the parties at the end of a whole-briefing export; in a
claim, likelihood beside confidence, credibility under an evidence item, and the
groups relations, assumptions, indicators and gaps.
"""

from __future__ import annotations

import re

from briefing.document.model import Briefing, Claim, Section, Source, date_text
from briefing.export import overview
from briefing.export.plan import ExportPlan, preview
from briefing.export.strings import one_line, paragraphs, shown
from briefing.export.walk import (
    AssumptionPart,
    CaveatPart,
    ClaimWalk,
    ClaimWalker,
    DenialPart,
    EvidencePart,
    GapPart,
    IndicatorPart,
    Item,
    LinkPart,
    RelationPart,
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
    _header(out, plan.briefing, plan.whole)
    for section in plan.sections:
        _section(out, plan, section, walker)
    uncited = plan.uncited_sources() if plan.whole else []
    if uncited:
        out += ["", "## Sources not cited by any claim", ""]
        for source in uncited:
            out += _source(plan, source)
    if plan.whole:
        _parties(out, plan)
    return "\n".join(out).strip("\n") + "\n"


def _header(out: list[str], briefing: Briefing, whole: bool) -> None:
    info = briefing.briefing
    out += [f"# {inline(info.title)}"]
    if info.subtitle:
        out += ["", *block(info.subtitle)]
    details = [
        ("Publisher", inline(info.publisher or "")),
        ("Authors", ", ".join(inline(author) for author in info.authors)),
        ("Published", date_text(info.published)),
        ("Revised", date_text(info.revised)),
        ("URL", url(info.url) if info.url else ""),
        ("Tags", ", ".join(inline(tag) for tag in info.tags)),
    ]
    present = [f"- **{label}:** {value}" for label, value in details if value]
    if present:
        out += ["", *present]
    if info.bottom_line is not None:
        # The main message, before anything else the reader has to get through.
        lines = block(info.bottom_line)
        out += ["", f"**Bottom line:** {lines[0]}", *lines[1:]]
    if whole and info.summary:
        out += ["", *block(info.summary)]
    changes = overview.changes(briefing) if whole else []
    if changes:
        out += ["", "**Changes**", ""]
        for change in changes:
            lines = block(change.text, "  ")
            out += [f"- {change.date}: {lines[0]}", *lines[1:]]


def _parties(out: list[str], plan: ExportPlan) -> None:
    found = overview.parties(plan)
    if not found:
        return
    out += ["", "## Parties", ""]
    for party in found:
        details = [
            ("Kind", party.kind or ""),
            ("Part of", inline(party.part_of_name or "")),
            ("Aliases", ", ".join(inline(alias) for alias in party.aliases)),
        ]
        lines = [f"- {inline(party.name)}"]
        lines += [f"  {label}: {value}" for label, value in details if value]
        # Hard breaks keep each detail on its own line inside the item.
        out += [line + "\\" for line in lines[:-1]] + lines[-1:]


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


def _under(lines: list[str], label: str, text: str) -> list[str]:
    """Return item `lines` with `label` and the escaped `text` on a line of their own below."""
    below = block(text, "  ")
    lines[-1] += "\\"
    return [*lines, f"  {label}: {below[0]}", *below[1:]]


def _item(lines: list[str]) -> list[str]:
    return ["- " + lines[0], *lines[1:]]


def _part(part: Item) -> list[str]:
    match part:
        case EvidencePart():
            lines = _with_ref(block(part.text, "  "), part.source)
            if part.credibility_text is not None:
                lines[-1] += "\\"
                lines.append(f"  {escape(part.credibility_text)}")
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
        case RelationPart(link=LinkPart(claim=Claim() as target) as link):
            where = "" if link.exported else f" \\(section {link.section_number}\\)"
            said = (
                f"{part.words} claim {link.number}{where}: {escape(preview(one_line(target.text)))}"
            )
            lines = [said]
            if shown(part.note):
                lines = _under(lines, "Note", part.note)
            return _item(lines)
        case AssumptionPart():
            lines = block(part.text, "  ")
            if shown(part.if_wrong):
                lines = _under(lines, "If wrong", part.if_wrong)
            return _item(lines)
        case IndicatorPart():
            lines = block(part.text, "  ")
            if part.effect_text is not None:
                lines[-1] += "\\"
                lines.append(f"  If seen: {part.effect_text}")
            return _item(lines)
        case GapPart():
            return _item(block(part.text, "  "))
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
