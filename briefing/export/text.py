"""The plain-text export: wrapped at a width, hanging indents, no markup of any kind.

Layout: the briefing's title underlined with `=`, its details as labelled lines,
then each section as `Section N: Title` underlined with `-`, its summary, its
claims numbered across the briefing (`7. The claim`), with labelled details and
`- ` items for evidence, caveats, denials and see-also, and the sources the
section cites as `[S3] Title` with publisher, kind, date and URL below.

Format version 2 adds, in the same plain text: `Revised:` beside `Published:`, the
bottom line right after the title's details, the changes (newest first) after the
summary, and the parties at the end of a whole-briefing export; in a claim, the
likelihood beside the confidence, each evidence item's credibility, and the groups
relations ("contradicted by claim 12"), assumptions ("If wrong: ..."), indicators
("If seen: would weaken the claim") and gaps.
"""

from __future__ import annotations

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
from briefing.export.wrap import display_width, wrap

_LABEL_COLUMNS = 12  # "Confidence: " is the longest label in a claim


class _Page:
    """Lines of a text export being built, at one width (0: no wrapping)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def add(self, text: str, first: str = "", rest: str | None = None) -> None:
        self.lines.extend(wrap(text, self.width, first, rest))

    def heading(self, text: str, rule: str) -> None:
        lines = wrap(text, self.width)
        self.lines.extend(lines)
        self.lines.append(rule * max(display_width(line) for line in lines))

    def paragraphs(self, text: str | None, indent: str = "") -> None:
        for paragraph in paragraphs(text or ""):
            self.blank()
            self.add(paragraph, indent)

    def field(self, indent: str, label: str, value: str, columns: int) -> None:
        if value:
            self.add(value, indent + f"{label}:".ljust(columns))

    def text(self) -> str:
        return "\n".join(self.lines).strip("\n") + "\n"


def render_text(plan: ExportPlan, width: int) -> str:
    """Return the plain-text export of `plan`, wrapped at `width` columns (0: unwrapped)."""
    page = _Page(width)
    walker = ClaimWalker(plan.briefing, plan)
    _header(page, plan.briefing, plan.whole)
    for section in plan.sections:
        _section(page, plan, section, walker)
    uncited = plan.uncited_sources() if plan.whole else []
    if uncited:
        page.blank()
        page.blank()
        page.heading("Sources not cited by any claim", "-")
        page.blank()
        for source in uncited:
            _source(page, plan, source)
    if plan.whole:
        _parties(page, plan)
    return page.text()


def _header(page: _Page, briefing: Briefing, whole: bool) -> None:
    info = briefing.briefing
    page.heading(one_line(info.title), "=")
    for paragraph in paragraphs(info.subtitle or ""):
        page.add(paragraph)
    page.blank()
    columns = len("Published: ")
    page.field("", "Publisher", one_line(info.publisher or ""), columns)
    page.field("", "Authors", ", ".join(one_line(author) for author in info.authors), columns)
    page.field("", "Published", date_text(info.published), columns)
    page.field("", "Revised", date_text(info.revised), columns)
    page.field("", "URL", one_line(info.url or ""), columns)
    page.field("", "Tags", ", ".join(one_line(tag) for tag in info.tags), columns)
    if info.bottom_line is not None:
        # The main message, before anything else the reader has to get through.
        page.blank()
        page.add(_item_text(info.bottom_line), "Bottom line: ")
    if whole:
        page.paragraphs(info.summary)
        changes = overview.changes(briefing)
        if changes:
            page.blank()
            page.add("Changes:")
            for change in changes:
                page.add(f"{change.date}: {_item_text(change.text)}", "- ")


def _parties(page: _Page, plan: ExportPlan) -> None:
    found = overview.parties(plan)
    if not found:
        return
    page.blank()
    page.blank()
    page.heading("Parties", "-")
    page.blank()
    columns = len("Part of: ")
    for party in found:
        page.add(one_line(party.name), "- ")
        page.field("  ", "Kind", party.kind or "", columns)
        page.field("  ", "Part of", one_line(party.part_of_name or ""), columns)
        page.field("  ", "Aliases", ", ".join(one_line(alias) for alias in party.aliases), columns)


def _section(page: _Page, plan: ExportPlan, section: Section, walker: ClaimWalker) -> None:
    page.blank()
    page.blank()
    number = plan.section_numbers[section.id]
    page.heading(f"Section {number}: {one_line(section.title)}", "-")
    page.paragraphs(section.summary)
    for claim in section.claims:
        page.blank()
        _claim(page, walker.walk(claim))
    cited = plan.cited_sources(section)
    if cited:
        page.blank()
        page.add("Sources cited in this section:")
        for source in cited:
            _source(page, plan, source)


def _item_text(text: str, ref: str = "") -> str:
    body = "\n\n".join(paragraphs(text))
    return f"{body} {ref}" if ref else body


def _claim(page: _Page, walk: ClaimWalk) -> None:
    first = f"{walk.head.number}. "
    indent = " " * len(first)
    page.add(_item_text(walk.head.text), first)
    for detail in walk.head.fields:
        value = detail.value or ""
        page.field(
            indent, detail.label, one_line(value) if detail.authored else value, _LABEL_COLUMNS
        )
    for group in walk.groups:
        if group.items:
            page.add(f"{group.title}:", indent)
            for part in group.items:
                _part(page, part, indent)


def _ref(source: SourcePart | None) -> str:
    return source.ref if source is not None else ""


def _part(page: _Page, part: Item, indent: str) -> None:
    item, under = indent + "- ", indent + "  "
    match part:
        case EvidencePart():
            page.add(_item_text(part.text, _ref(part.source)), item)
            if part.credibility_text is not None:
                page.add(part.credibility_text, under)
            if part.quote is not None:
                page.add(f"Quote: “{_item_text(part.quote)}”", under)
        case CaveatPart():
            page.add(_item_text(part.text, _ref(part.source)), item)
        case DenialPart():
            who = one_line(part.by)
            if part.date is not None:
                who += f" ({part.date})"
            page.add(f"{who}: {_item_text(part.text, _ref(part.source))}", item, under)
        case RelationPart(link=LinkPart(claim=Claim() as target) as link):
            where = "" if link.exported else f" (section {link.section_number})"
            said = f"{part.words} claim {link.number}{where}: {preview(one_line(target.text))}"
            page.add(said, item)
            if shown(part.note):
                page.add(f"Note: {_item_text(part.note)}", under)
        case AssumptionPart():
            page.add(_item_text(part.text), item)
            if shown(part.if_wrong):
                page.add(f"If wrong: {_item_text(part.if_wrong)}", under)
        case IndicatorPart():
            page.add(_item_text(part.text), item)
            if part.effect_text is not None:
                page.add(f"If seen: {part.effect_text}", under)
        case GapPart():
            page.add(_item_text(part.text), item)
        case LinkPart(claim=Claim() as target):
            where = "" if part.exported else f" (section {part.section_number})"
            page.add(f"claim {part.number}{where}: {preview(one_line(target.text))}", item)


def _source(page: _Page, plan: ExportPlan, source: Source) -> None:
    part = source_part(source, plan.source_numbers)
    first = f"{part.ref} "
    rest = " " * len(first)
    page.add(one_line(part.title), first, rest)
    line = " · ".join(part.details(one_line))
    if line:
        page.add(line, rest)
    if part.url:
        page.add(one_line(part.url), rest)
