"""The options that show one claim: its own block, then evidence, caveats, denials, links."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rich.text import Text
from textual.geometry import Spacing
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets.option_list import Option

from briefing.analysis.backlinks import backlinks_for
from briefing.model import Briefing, Claim, Source, date_text
from briefing.reader.badges import DENIED_MARK, badge
from briefing.textsafe import visible
from briefing.widgets.hanging import Hanging

Group = Literal["evidence", "caveats", "denials", "see_also", "linked_from"]
GROUP_TITLES: dict[Group, str] = {
    "evidence": "Evidence",
    "caveats": "Caveats",
    "denials": "Denials",
    "see_also": "See also",
    "linked_from": "Linked from",
}


# Laying out a string of a million characters freezes the screen for seconds; past
# this many, the pane shows the start and says how to read the rest.
SHOWN_CHARACTERS = 20_000


def shown(text: str, style: str = "") -> Text:
    """Return briefing text as shown in the pane: visible, and cut short if enormous."""
    out = Text()
    out.append(visible(text[:SHOWN_CHARACTERS]), style)
    rest = len(text) - SHOWN_CHARACTERS
    if rest > 0:
        out.append(f" … [{rest:,} more characters not shown here: ", "dim italic")
        out.append("export with x to read them all]", "dim italic")
    return out


def source_details(source: Source) -> list[str]:
    """Return a source's publisher, kind and date, as shown after its title."""
    details = [visible(p, one_line=True) for p in (source.publisher, source.kind) if p]
    if source.date is not None:
        details.append(date_text(source.date))
    return details


def source_text(source: Source) -> Text:
    """Return how a cited source reads: title, publisher, kind, date, then its URL."""
    out = Text()
    out.append(visible(source.title, one_line=True), "italic")
    details = source_details(source)
    if details:
        out.append(" — " + ", ".join(details))
    if source.url:
        out.append("\n")
        out.append(visible(source.url, one_line=True), "underline")
    return out


def claim_header(claim: Claim) -> Text:
    """Return the claim's own block: text, claimant, date, confidence, and any denial."""
    out = Text()
    if claim.denials:
        by = ", ".join(visible(d.by, one_line=True) for d in claim.denials)
        out.append(f"{DENIED_MARK} DENIED by {by}\n", "bold reverse red")
    out.append_text(shown(claim.text, "bold"))
    out.append("\n\nClaimant:   ", "dim")
    out.append(visible(claim.claimant, one_line=True))
    out.append("\nStated:     ", "dim")
    out.append(date_text(claim.stated) or "not given")
    out.append("\nConfidence: ", "dim")
    out.append(claim.confidence or "not given")
    out.append("\nBadge:      ", "dim")
    out.append(badge(claim).rstrip())
    out.append(f"   (id: {claim.id})", "dim")
    return out


@dataclass(frozen=True, slots=True)
class Items:
    """A claim's options, made for one version of the briefing."""

    briefing: Briefing
    claim: Claim
    options: list[Option | None]
    group_start: dict[Group, int]
    linked: int
    drawn: dict[tuple[Option, Style, Spacing], list[Strip]] = field(default_factory=dict)
    """Options drawn ahead, keyed as the option list keys them, at `drawn_width`."""
    drawn_width: list[int] = field(default_factory=list)


def make_items(widget: Widget, briefing: Briefing, claim: Claim) -> Items:
    """Return the options that show `claim`: its own block, then a group of items each."""
    options: list[Option | None] = [Option(claim_header(claim), disabled=True)]
    group_start: dict[Group, int] = {}
    linked_from = backlinks_for(briefing).get(claim.id, ())
    groups: list[tuple[Group, list[Option]]] = [
        ("evidence", [_evidence(widget, briefing, claim, i) for i in range(len(claim.evidence))]),
        ("caveats", [_caveat(widget, briefing, claim, i) for i in range(len(claim.caveats))]),
        ("denials", [_denial(widget, briefing, claim, i) for i in range(len(claim.denials))]),
        ("see_also", [_link(widget, briefing, target) for target in claim.see_also]),
        # The claims whose see_also names this one, so a link can be followed back.
        ("linked_from", [_link(widget, briefing, other, back=True) for other in linked_from]),
    ]
    for group, items in groups:
        if group in ("see_also", "linked_from") and not items:
            continue
        options.append(None)
        title = Text(f"{GROUP_TITLES[group]} ({len(items)})", "bold underline")
        if group == "denials" and items:
            title = Text(f"{DENIED_MARK} {GROUP_TITLES[group]} ({len(items)})", "bold underline")
        options.append(Option(title, disabled=True))
        group_start[group] = len([o for o in options if o is not None])
        if items:
            options.extend(items)
        else:
            options.append(
                Option(Text(f"  No {GROUP_TITLES[group].lower()}.", "dim italic"), disabled=True)
            )
    return Items(briefing, claim, options, group_start, len(linked_from))


def _numbered(widget: Widget, number: Text, *parts: Text | Hanging) -> Hanging:
    # The number sits in a margin, so wrapped lines keep their indent.
    return Hanging(widget, number, parts)


def _with_source(widget: Widget, number: Text, body: Text, source: Source | None) -> Hanging:
    # The source follows the item's text and wraps under a margin of its own.
    if source is None:
        return _numbered(widget, number, body)
    cited = _numbered(widget, Text("Source:", "dim"), source_text(source))
    return _numbered(widget, number, body, cited)


def _evidence(widget: Widget, briefing: Briefing, claim: Claim, index: int) -> Option:
    evidence = claim.evidence[index]
    out = shown(evidence.text)
    if evidence.quote:
        out.append("\n“")
        out.append_text(shown(evidence.quote, "italic"))
        out.append("”")
    number = Text(f"{index + 1:>2}.", "bold")
    item = _with_source(widget, number, out, briefing.source(evidence.source))
    return Option(item, id=f"evidence:{index}")


def _caveat(widget: Widget, briefing: Briefing, claim: Claim, index: int) -> Option:
    caveat = claim.caveats[index]
    number = Text(f"{index + 1:>2}.", "bold")
    item = _with_source(widget, number, shown(caveat.text), briefing.source(caveat.source))
    return Option(item, id=f"caveats:{index}")


def _denial(widget: Widget, briefing: Briefing, claim: Claim, index: int) -> Option:
    denial = claim.denials[index]
    out = Text("Denied by ", "dim")
    out.append(visible(denial.by, one_line=True), "bold")
    if denial.date is not None:
        out.append(f" ({date_text(denial.date)})")
    out.append(":\n")
    out.append_text(shown(denial.text))
    number = Text(f"{DENIED_MARK}{index + 1:>2}.", "bold red")
    item = _with_source(widget, number, out, briefing.source(denial.source))
    return Option(item, id=f"denials:{index}")


def _link(widget: Widget, briefing: Briefing, target: str, back: bool = False) -> Option:
    linked = briefing.claim(target)
    arrow = Text(" ←" if back else " →", "bold")
    if linked is None:
        return Option(_numbered(widget, arrow, Text(f"{target} (missing)", "dim")), disabled=True)
    out = Text(badge(linked), "dim")
    out.append(" ")
    out.append(visible(linked.text, one_line=True), "underline")
    # A claim may be both a see-also and a linked-from of this one: ids must differ.
    return Option(_numbered(widget, arrow, out), id=f"{'from' if back else 'see'}:{target}")
