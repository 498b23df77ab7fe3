"""The detail of one section: its title, summary, and its claims with their badges."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.model import Briefing, Section
from briefing.reader.badges import badge, is_denied, marker
from briefing.textsafe import visible
from briefing.widgets.detail_list import DetailList


def section_header(briefing: Briefing, section: Section) -> Text:
    """Return the section's own block: its title and summary."""
    out = Text()
    out.append(visible(section.title), "bold")
    position = briefing.sections.index(section) + 1
    out.append(f"\nSection {position} of {len(briefing.sections)}", "dim")
    if section.summary:
        out.append("\n\n")
        out.append(visible(section.summary.strip()))
    return out


class SectionDetail(DetailList):
    """A section and its claims; Enter on a claim opens it."""

    class ClaimChosen(Message):
        """The reader chose a claim of the section."""

        def __init__(self, claim_id: str) -> None:
            self.claim_id = claim_id
            super().__init__()

    BORDER_TITLE = "Section"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section: Section | None = None

    def show_section(self, briefing: Briefing, section: Section) -> None:
        """Show `section`, with the cursor at the top."""
        self.section = section
        options: list[Option | None] = [Option(section_header(briefing, section), disabled=True)]
        options.append(None)
        options.append(
            Option(Text(f"Claims ({len(section.claims)})", "bold underline"), disabled=True)
        )
        if not section.claims:
            options.append(
                Option(Text("  No claims in this section.", "dim italic"), disabled=True)
            )
        for claim in section.claims:
            denied = is_denied(claim)
            row = Text()
            row.append(marker(claim), "bold red" if denied else "")
            row.append(badge(claim), "bold reverse" if denied else "dim")
            row.append(" ")
            row.append(visible(claim.text), "bold" if denied else "")
            row.append(" — ", "dim")
            row.append(visible(claim.claimant, one_line=True), "italic")
            options.append(Option(row, id=f"claim:{claim.id}"))
        self.set_options(options)
        self.highlighted = None
        self.scroll_home_now()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("claim:"):
            event.stop()
            self.post_message(self.ClaimChosen(option_id.removeprefix("claim:")))
