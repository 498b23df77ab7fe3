"""What the outline's rows stand for, and how they read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rich.text import Text

from briefing.document.textsafe import visible
from briefing.query.badges import badge, is_denied, marker
from briefing.query.outline_item import OutlineItem

if TYPE_CHECKING:
    from briefing.document.model import Claim, Section


def claim_label(claim: Claim, relations: int | None = None) -> Text:
    """Return a claim's row: denial mark, badge, then the claim text on one line.

    `relations`, the claim's relation count in a format 2 briefing, goes in the badge.
    """
    denied = is_denied(claim)
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(marker(claim), "bold red" if denied else "")
    label.append(badge(claim, relations), "bold reverse" if denied else "dim")
    label.append(" ")
    label.append(visible(claim.text, one_line=True), "bold" if denied else "")
    return label


def section_label(section: Section, shown: int) -> Text:
    """Return a section's row: its title and how many claims it shows."""
    label = Text(no_wrap=True, overflow="ellipsis")
    if shown == 0:
        label.append("  ")  # no open/close arrow: line the title up with the others
    label.append(visible(section.title, one_line=True), "bold")
    total = len(section.claims)
    count = f" ({shown})" if shown == total else f" ({shown} of {total})"
    label.append(count, "dim")
    return label


@runtime_checkable
class OutlineViewer(Protocol):
    """A screen that shows, beside the outline, what the outline's cursor is on."""

    def show_item(self, item: OutlineItem) -> None:
        """Show a section or a claim."""
