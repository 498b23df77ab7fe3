"""The HTML export: one self-contained page that opens anywhere, prints well and runs nothing.

No script, nothing fetched: the stylesheet is inline and the Content-Security-Policy
allows only it (see `html_style`). Every briefing string is made visible (controls
and bidi overrides as escapes, as in the other exports) and then escaped with
`html.escape(quote=True)`, so that none can become a tag, an attribute or a link.
The only links are in-page anchors and http(s) URLs that the model accepted and
that are checked again here.

Anchors are stable: `#section-<id>`, `#claim-<id>`, `#party-<id>`; a source entry
is `#source-<n>-in-<section id>` under the section that cites it, or `#source-<n>`
among the sources no claim cites.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from urllib.parse import urlsplit

from briefing.document.model import Briefing, Claim, Section, Source, date_text
from briefing.document.wording import plural
from briefing.export import overview
from briefing.export.html_style import CSP, STYLE
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
    PartGroup,
    RelationPart,
    SourcePart,
    source_part,
)

# What a URL may hold to become a link as written: no spaces, controls, bidi marks or
# zero-width characters, which a browser would drop or act on and a reader would not see.
_LINKABLE = re.compile(
    r"[!-~\u00a0-\u200a\u2010-\u2027\u202f-\u2065\u206a-\ufefe\uff00-\U0010ffff]+"
)


def _esc(text: str) -> str:
    return escape(text, quote=True)


def inline(text: str) -> str:
    """Return a briefing string made visible, on one line, and escaped for HTML."""
    return _esc(one_line(text))


def block(text: str, cls: str | None = None) -> str:
    """Return a briefing string as escaped paragraphs; a single newline is a line break."""
    start = f'<p class="{cls}">' if cls else "<p>"
    return "".join(
        start + "<br>".join(_esc(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs(text)
    )


def _flow(text: str) -> str:
    """Return a briefing string as escaped text inside a list item: paragraphs as breaks."""
    return "<br><br>".join(
        "<br>".join(_esc(line) for line in paragraph.split("\n")) for paragraph in paragraphs(text)
    )


def web_link(url: str) -> str:
    """Return `url` as a link when it is an http(s) URL that can stand as written, else text.

    The model refuses other schemes already; this checks again, so that nothing but a
    web address ever reaches an `href`.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return inline(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return inline(url)
    if not _LINKABLE.fullmatch(url):
        return inline(url)
    return f'<a href="{_esc(url)}" rel="noopener noreferrer">{_esc(url)}</a>'


def claim_anchor(claim_id: str) -> str:
    """Return the id of a claim's element: `claim-<id>`."""
    # Ids are a-z, 0-9 and `-` (the model's pattern); escaped all the same.
    return _esc(f"claim-{claim_id}")


def section_anchor(section_id: str) -> str:
    """Return the id of a section's element: `section-<id>`."""
    return _esc(f"section-{section_id}")


def _source_anchor(number: int, section_id: str | None) -> str:
    # Unique: the number holds no `-`, so where it ends is never in doubt.
    return _esc(f"source-{number}-in-{section_id}" if section_id else f"source-{number}")


class _Page:
    """The export being written: its lines, and what it can link to."""

    def __init__(self, plan: ExportPlan) -> None:
        self.plan = plan
        self.lines: list[str] = []
        self.walker = ClaimWalker(plan.briefing, plan)
        # A party's anchor exists only where the parties are listed: a whole export.
        self.parties = {party.id for party in plan.briefing.parties} if plan.whole else set()

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def party(self, name: str, party_id: str | None) -> str:
        if party_id is not None and party_id in self.parties:
            return f'<a href="#party-{_esc(party_id)}">{inline(name)}</a>'
        return inline(name)

    def cite(self, source: SourcePart | None, section_id: str) -> str:
        """Return the reference to a cited source, `[S3]`, linked to its entry in the section."""
        number = self.plan.source_numbers.get(source.id) if source is not None else None
        if source is None or number is None:
            return ""
        anchor = _source_anchor(number, section_id)
        return f' <a class="ref" href="#{anchor}">{_esc(source.ref)}</a>'


def render_html(plan: ExportPlan) -> str:
    """Return the HTML export of `plan`: a complete HTML5 document."""
    page = _Page(plan)
    info = plan.briefing.briefing
    page.add(
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        # Without it a browser asks the server for /favicon.ico.
        '<link rel="icon" href="data:,">',
        f"<title>{inline(info.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
    )
    _header(page, plan.briefing)
    _contents(page)
    page.add("<main>")
    for section in plan.sections:
        _section(page, section)
    uncited = plan.uncited_sources() if plan.whole else []
    if uncited:
        page.add('<section id="sources-not-cited">', "<h2>Sources not cited by any claim</h2>")
        _sources(page, uncited, None)
        page.add("</section>")
    if plan.whole and plan.briefing.parties:
        _parties(page)
    page.add("</main>", "</body>", "</html>")
    return "\n".join(page.lines) + "\n"


def _header(page: _Page, briefing: Briefing) -> None:
    info = briefing.briefing
    page.add("<header>", f"<h1>{inline(info.title)}</h1>")
    if info.subtitle and paragraphs(info.subtitle):
        page.add(block(info.subtitle, "subtitle"))
    details = [
        ("Publisher", inline(info.publisher or "")),
        ("Authors", ", ".join(inline(author) for author in info.authors)),
        ("Published", _esc(date_text(info.published))),
        ("Revised", _esc(date_text(info.revised))),
        ("URL", web_link(info.url) if info.url else ""),
        ("Tags", ", ".join(inline(tag) for tag in info.tags)),
    ]
    _fields(page, details)
    if info.bottom_line is not None:
        # The main message, before anything else the reader has to get through.
        page.add(
            '<section class="bottom-line" id="bottom-line">',
            "<h2>Bottom line</h2>",
            block(info.bottom_line),
            "</section>",
        )
    if page.plan.whole:
        if info.summary:
            page.add(f'<div class="summary">{block(info.summary)}</div>')
        changes = overview.changes(briefing)
        if changes:
            page.add('<section id="changes">', "<h2>Changes</h2>", "<ul>")
            for change in changes:
                page.add(f"<li><time>{_esc(change.date)}</time>: {_flow(change.text)}</li>")
            page.add("</ul>", "</section>")
    page.add("</header>")


def _fields(page: _Page, fields: Sequence[tuple[str, str | None]]) -> None:
    present = [(label, value) for label, value in fields if value]
    if present:
        page.add('<dl class="fields">')
        page.add(*(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in present))
        page.add("</dl>")


def _contents(page: _Page) -> None:
    plan = page.plan
    page.add('<nav class="contents" id="contents" aria-label="Contents">', "<h2>Contents</h2>")
    page.add("<ol>")
    for section in plan.sections:
        number = plan.section_numbers[section.id]
        title = f"Section {number}: {inline(section.title)}"
        page.add(f'<li><a href="#{section_anchor(section.id)}">{title}</a>')
        if section.claims:
            page.add("<ol>")
            for claim in section.claims:
                number = plan.claim_numbers[claim.id]
                said = _esc(f"Claim {number}: {preview(one_line(claim.text))}")
                page.add(f'<li><a href="#{claim_anchor(claim.id)}">{said}</a></li>')
            page.add("</ol>")
        page.add("</li>")
    if plan.whole and plan.uncited_sources():
        page.add('<li><a href="#sources-not-cited">Sources not cited by any claim</a></li>')
    if plan.whole and plan.briefing.parties:
        page.add('<li><a href="#parties">Parties</a></li>')
    page.add("</ol>", "</nav>")


def _section(page: _Page, section: Section) -> None:
    plan = page.plan
    number = plan.section_numbers[section.id]
    page.add(
        f'<section class="section" id="{section_anchor(section.id)}">',
        f"<h2>Section {number}: {inline(section.title)}</h2>",
    )
    if section.summary and paragraphs(section.summary):
        page.add(f'<div class="summary">{block(section.summary)}</div>')
    for claim in section.claims:
        _claim(page, page.walker.walk(claim), section.id)
    cited = plan.cited_sources(section)
    if cited:
        page.add("<h3>Sources cited in this section</h3>")
        _sources(page, cited, section.id)
    page.add("</section>")


def _badges(walk: ClaimWalk) -> str:
    """The claim's marks in words, so that they read without colour (as the reader's do)."""
    head = walk.head
    found = []
    if head.denied_by:
        names = ", ".join(inline(name) for name in dict.fromkeys(head.denied_by))
        found.append(f'<span class="badge denied">✗ Denied by {names}</span>')
    evidence = len(walk.group("evidence").items)
    found.append(
        plural(evidence, "piece of evidence", "pieces of evidence") if evidence else "no evidence"
    )
    caveats = len(walk.group("caveats").items)
    if caveats:
        found.append(plural(caveats, "caveat"))
    if any(f.label == "Confidence" and f.value == "low" for f in head.fields):
        found.append("low confidence")
    return (
        '<p class="badges">'
        + " ".join(
            badge if badge.startswith("<") else f'<span class="badge">{badge}</span>'
            for badge in found
        )
        + "</p>"
    )


def _claim(page: _Page, walk: ClaimWalk, section_id: str) -> None:
    head = walk.head
    denied = " denied" if head.denied_by else ""
    page.add(
        f'<article class="claim{denied}" id="{claim_anchor(head.id)}">',
        f'<h3><a href="#{claim_anchor(head.id)}">Claim {head.number}</a></h3>',
        _badges(walk),
        f'<div class="text">{block(head.text)}</div>',
    )
    fields: list[tuple[str, str | None]] = []
    for field in head.fields:
        value = field.value or ""
        if field.label == "Claimant":
            fields.append((field.label, page.party(value, head.claimant_id) if value else ""))
        else:
            fields.append((field.label, inline(value) if field.authored else _esc(value)))
    _fields(page, fields)
    for group in walk.groups:
        if group.items:
            _group(page, group, section_id)
    page.add("</article>")


def _group(page: _Page, group: PartGroup, section_id: str) -> None:
    kind = group.kind.replace("_", "-")
    tag = "aside" if group.kind == "denials" else "section"
    page.add(f'<{tag} class="group {kind}">', f"<h4>{group.title}</h4>", "<ul>")
    for part in group.items:
        page.add(f"<li>{_part(page, part, section_id)}</li>")
    page.add("</ul>", f"</{tag}>")


def _link(link: LinkPart, target: Claim) -> str:
    said = _esc(preview(one_line(target.text)))
    if link.exported:
        return f'<a href="#{claim_anchor(link.claim_id)}">claim {link.number}</a>: {said}'
    # The linked claim's section is not in this export: there is nothing to link to.
    where = f"section {link.section_number}, not in this export"
    return f'claim {link.number} <span class="outside">({where})</span>: {said}'


def _part(page: _Page, part: Item, section_id: str) -> str:
    match part:
        case EvidencePart():
            said = _flow(part.text) + page.cite(part.source, section_id)
            if part.credibility_text is not None:
                said += f'<br><span class="detail">{_esc(part.credibility_text)}</span>'
            if part.quote is not None:
                said += f"<blockquote>Quote: “{_flow(part.quote)}”</blockquote>"
            return said
        case CaveatPart():
            return _flow(part.text) + page.cite(part.source, section_id)
        case DenialPart():
            who = page.party(part.by, part.by_id)
            if part.date is not None:
                who += f" (<time>{_esc(part.date)}</time>)"
            return f"{who}: {_flow(part.text)}{page.cite(part.source, section_id)}"
        case RelationPart(link=LinkPart(claim=Claim() as target) as link):
            said = f'<span class="relation">{_esc(part.words)}</span> {_link(link, target)}'
            if shown(part.note):
                said += f'<br><span class="note">Note: {_flow(part.note)}</span>'
            return said
        case AssumptionPart():
            said = _flow(part.text)
            if shown(part.if_wrong):
                said += f'<br><span class="note">If wrong: {_flow(part.if_wrong)}</span>'
            return said
        case IndicatorPart():
            said = _flow(part.text)
            if part.effect_text is not None:
                said += f'<br><span class="note">If seen: {_esc(part.effect_text)}</span>'
            return said
        case GapPart():
            return _flow(part.text)
        case LinkPart(claim=Claim() as target):
            return _link(part, target)
    return ""


def _sources(page: _Page, sources: list[Source], section_id: str | None) -> None:
    page.add('<ul class="sources">')
    for source in sources:
        part = source_part(source, page.plan.source_numbers)
        anchor = _source_anchor(page.plan.source_numbers[source.id], section_id)
        said = f"{_esc(part.ref)} {inline(part.title)}"
        details = " · ".join(_esc(detail) for detail in part.details(one_line))
        if details:
            said += f'<br><span class="detail">{details}</span>'
        if part.url:
            said += f"<br>{web_link(part.url)}"
        page.add(f'<li id="{anchor}">{said}</li>')
    page.add("</ul>")


def _parties(page: _Page) -> None:
    page.add('<section id="parties">', "<h2>Parties</h2>", '<ul class="parties">')
    for party in overview.parties(page.plan):
        parent = (
            page.party(party.part_of_name, party.part_of) if party.part_of_name is not None else ""
        )
        fields = [
            ("Kind", _esc(party.kind or "")),
            ("Part of", parent),
            ("Aliases", ", ".join(inline(alias) for alias in party.aliases)),
        ]
        listed = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in fields if value)
        details = f'<dl class="fields">{listed}</dl>' if listed else ""
        name = f"<strong>{inline(party.name)}</strong>"
        page.add(f'<li id="party-{_esc(party.id)}">{name}{details}</li>')
    page.add("</ul>", "</section>")
