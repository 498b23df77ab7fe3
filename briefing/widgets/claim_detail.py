"""The detail of one claim: its text and who says it, then evidence, caveats, denials, links."""

from __future__ import annotations

from typing import Literal

from rich.console import Group as Stack
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.analysis.backlinks import backlinks_for
from briefing.model import Briefing, Claim, Source, date_text
from briefing.reader.badges import DENIED_MARK, badge
from briefing.textsafe import visible
from briefing.widgets.detail_list import DetailList

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


def with_source(body: Text, source: Source | None) -> RenderableType:
    """Return an item's text followed by its source, which wraps under its own margin."""
    if source is None:
        return body
    return Stack(body, numbered(Text("Source:", "dim"), source_text(source)))


def numbered(number: Text, body: RenderableType) -> Table:
    """Return an item with its number in a margin, so wrapped lines keep their indent."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=number.cell_len, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(number, body)
    return grid


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


class ClaimDetail(DetailList):
    """One claim and three lists the reader moves through: evidence, caveats, denials."""

    class LinkFollowed(Message):
        """The reader chose a `see_also` link."""

        def __init__(self, claim_id: str) -> None:
            self.claim_id = claim_id
            super().__init__()

    BORDER_TITLE = "Claim"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claim: Claim | None = None
        self._group_start: dict[Group, int] = {}
        self._linked_count = 0

    def show_claim(self, briefing: Briefing, claim: Claim) -> None:
        """Show `claim`, with the cursor at the top."""
        self.claim = claim
        options: list[Option | None] = [Option(claim_header(claim), disabled=True)]
        self._group_start = {}
        linked_from = backlinks_for(briefing).get(claim.id, ())
        groups: list[tuple[Group, list[Option]]] = [
            ("evidence", [self._evidence(briefing, claim, i) for i in range(len(claim.evidence))]),
            ("caveats", [self._caveat(briefing, claim, i) for i in range(len(claim.caveats))]),
            ("denials", [self._denial(briefing, claim, i) for i in range(len(claim.denials))]),
            ("see_also", [self._link(briefing, target) for target in claim.see_also]),
            # The claims whose see_also names this one, so a link can be followed back.
            ("linked_from", [self._link(briefing, other, back=True) for other in linked_from]),
        ]
        self._linked_count = len(linked_from)
        for group, items in groups:
            if group in ("see_also", "linked_from") and not items:
                continue
            options.append(None)
            title = Text(f"{GROUP_TITLES[group]} ({len(items)})", "bold underline")
            if group == "denials" and items:
                title = Text(
                    f"{DENIED_MARK} {GROUP_TITLES[group]} ({len(items)})", "bold underline"
                )
            options.append(Option(title, disabled=True))
            self._group_start[group] = len([o for o in options if o is not None])
            if items:
                options.extend(items)
            else:
                options.append(
                    Option(
                        Text(f"  No {GROUP_TITLES[group].lower()}.", "dim italic"), disabled=True
                    )
                )
        self.set_options(options)
        self.highlighted = None
        self.scroll_home_now()

    def group_count(self, group: Group) -> int:
        """Return how many items the shown claim has in `group`."""
        if self.claim is None:
            return 0
        if group == "linked_from":
            return self._linked_count
        return len(getattr(self.claim, group))

    def jump_to(self, group: Group, item: int = 0) -> bool:
        """Put the cursor on an item of a group; return False when there is no such item."""
        if item >= self.group_count(group) or group not in self._group_start:
            return False
        self.highlighted = self._group_start[group] + item
        self.scroll_to_highlight(top=True)
        return True

    def highlighted_group(self) -> Group | None:
        """Return the group the cursor is in, or None."""
        if self.highlighted is None:
            return None
        found: Group | None = None
        for group, start in self._group_start.items():
            if self.highlighted >= start:
                found = group
        return found

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith(("see:", "from:")):
            event.stop()
            self.post_message(self.LinkFollowed(option_id.partition(":")[2]))

    @staticmethod
    def _evidence(briefing: Briefing, claim: Claim, index: int) -> Option:
        evidence = claim.evidence[index]
        out = shown(evidence.text)
        if evidence.quote:
            out.append("\n“")
            out.append_text(shown(evidence.quote, "italic"))
            out.append("”")
        body = with_source(out, briefing.source(evidence.source))
        return Option(numbered(Text(f"{index + 1:>2}.", "bold"), body), id=f"evidence:{index}")

    @staticmethod
    def _caveat(briefing: Briefing, claim: Claim, index: int) -> Option:
        caveat = claim.caveats[index]
        out = shown(caveat.text)
        body = with_source(out, briefing.source(caveat.source))
        return Option(numbered(Text(f"{index + 1:>2}.", "bold"), body), id=f"caveats:{index}")

    @staticmethod
    def _denial(briefing: Briefing, claim: Claim, index: int) -> Option:
        denial = claim.denials[index]
        out = Text("Denied by ", "dim")
        out.append(visible(denial.by, one_line=True), "bold")
        if denial.date is not None:
            out.append(f" ({date_text(denial.date)})")
        out.append(":\n")
        out.append_text(shown(denial.text))
        number = Text(f"{DENIED_MARK}{index + 1:>2}.", "bold red")
        body = with_source(out, briefing.source(denial.source))
        return Option(numbered(number, body), id=f"denials:{index}")

    @staticmethod
    def _link(briefing: Briefing, target: str, back: bool = False) -> Option:
        linked = briefing.claim(target)
        arrow = Text(" ←" if back else " →", "bold")
        if linked is None:
            return Option(numbered(arrow, Text(f"{target} (missing)", "dim")), disabled=True)
        out = Text(badge(linked), "dim")
        out.append(" ")
        out.append(visible(linked.text, one_line=True), "underline")
        # A claim may be both a see-also and a linked-from of this one: ids must differ.
        return Option(numbered(arrow, out), id=f"{'from' if back else 'see'}:{target}")
