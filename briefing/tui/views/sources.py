"""Sources view (s): every source with what cites it, grouped by claim.

It opens as an overview: one closed row per source with its counts (the claims
that cite it, how many of them rest on it alone, its reliability), so that every
source fits on the first screen. A source that nothing cites says so; under an
open source, a claim whose evidence rests on this source alone carries the mark
`◆ only source`. Enter on a claim or on one of its citations goes to the claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.document.model import Briefing, Source
from briefing.document.textsafe import visible
from briefing.document.vocabulary import reliability_text
from briefing.document.wording import plural
from briefing.query.badges import DENIED_MARK
from briefing.query.sources import (
    Citation,
    ClaimCitations,
    SourceEntry,
    SourceIndex,
    build_source_index,
)
from briefing.tui.views.base import BATCH, more_label, preview
from briefing.tui.views.overview import OverviewScreen, OverviewTree
from briefing.tui.widgets.claim_detail import source_details

TITLE_WIDTH = 60
"""A source's title is cut to this many columns, so that its counts stay on screen."""
ONLY_SOURCE_MARK = "◆ only source"
CITATION_LABELS = {"evidence": "evidence", "caveat": "caveat", "denial": "denial"}


@dataclass(frozen=True)
class SourceRow:
    """What a row of the sources tree stands for."""

    kind: Literal["source", "claim", "citation", "more"]
    source_id: str
    claim_id: str | None = None
    start: int = 0
    """For a "more" row: the first of the source's claims it adds."""


def source_label(source: Source, claims: int, citations: int, only: int = 0) -> Text:
    """Return a source's row: title, what cites it (or that nothing does), then details.

    The counts and the reliability come before the publisher, kind and date, which
    are the first to be cut at the edge of a narrow screen.
    """
    out = Text()
    out.append(preview(source.title, TITLE_WIDTH), "bold")
    if claims:
        out.append(f"  {plural(claims, 'claim')} · {plural(citations, 'citation')}")
    else:
        out.append("  nothing cites this source", "bold red")
    if only:
        out.append(f" · {only} resting on it alone", "yellow")
    reliability = reliability_text(source.reliability) if source.reliability else None
    if reliability is not None:
        out.append(f" · {reliability}")
    details = [detail for detail in source_details(source) if detail != reliability]
    if details:
        out.append(" — " + ", ".join(details), "dim")
    return out


def claim_label(briefing: Briefing, group: ClaimCitations, only_source: bool) -> Text:
    """Return a claim's row under a source: text and claimant, marked if it rests on it alone."""
    claim = group.claim
    out = Text()
    if only_source:
        out.append(ONLY_SOURCE_MARK + "  ", "bold yellow")
    if claim.denials:
        out.append(f"{DENIED_MARK} ", "bold red")
    out.append(preview(claim.text))
    # A party's name, never its id (format 2).
    out.append(" — " + visible(briefing.party_name(claim.claimant), one_line=True), "dim")
    return out


def citation_label(citation: Citation) -> Text:
    """Return a citation's row: evidence, caveat or denial (by whom), and its text."""
    out = Text()
    out.append(CITATION_LABELS[citation.kind], "italic")
    if citation.by is not None:
        out.append(" by " + visible(citation.by, one_line=True), "italic")
    out.append(": ", "italic")
    out.append(preview(citation.text, 120))
    return out


class SourcesScreen(OverviewScreen[SourceRow]):
    """Every source with what cites it; Enter goes to the claim under the cursor."""

    VIEW_NAME = "Sources"

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__(briefing, current_claim)
        self.index: SourceIndex | None = None
        self._filled: set[int] = set()
        self._entries: dict[str, SourceEntry] = {}
        self._only: dict[str, int] = {}

    def build(self) -> None:
        """Index what cites each source."""
        self.index = build_source_index(self.briefing)
        self._only = self.index.only_source_counts()

    def summary(self) -> Text:
        """Count the sources, those nothing cites, and claims on one source or none."""
        index = self.index
        assert index is not None
        claims = len(index.evidence_sources)
        out = Text(plural(len(self.briefing.sources), "source"))
        uncited = len(index.uncited)
        out.append(" · ")
        out.append(f"{uncited} that nothing cites", "bold red" if uncited else "")
        out.append(" · ")
        out.append(f"{len(index.single_source)} of {plural(claims, 'claim')} rest on one source ")
        out.append(f"({ONLY_SOURCE_MARK})", "yellow")
        if index.unsourced:
            out.append(
                f" · {plural(len(index.unsourced), 'claim')} with no source for the evidence"
            )
        return out

    def compose_body(self) -> ComposeResult:
        """The tree of sources, claims and citations."""
        tree: OverviewTree[SourceRow] = OverviewTree(Text("Sources"), id="view-body")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 3
        yield tree

    def populate(self) -> None:
        """Add every source, closed: the overview."""
        index = self.index
        assert index is not None
        tree = self.body_tree()
        for source in self.briefing.sources:
            claims, citations = index.counts(source.id)
            tree.root.add(
                source_label(source, claims, citations, self._only.get(source.id, 0)),
                SourceRow("source", source.id),
                allow_expand=bool(claims),
            )
        tree.cursor_line = 0

    def _entry(self, source_id: str) -> SourceEntry | None:
        if source_id not in self._entries and self.index is not None:
            entry = self.index.entry(source_id)
            if entry is not None:
                self._entries[source_id] = entry
        return self._entries.get(source_id)

    def fill(self, node: TreeNode[SourceRow]) -> None:
        """Add a source's claims under it, if they are not there yet."""
        # A source's claims are added when it is first opened, a batch at a time: in a
        # 50,000-claim briefing one source may be cited by thousands of claims.
        row = node.data
        if node.id in self._filled or row is None or row.kind != "source":
            return
        self._filled.add(node.id)
        self._add_claims(node, row.source_id, 0)

    def _add_claims(self, node: TreeNode[SourceRow], source_id: str, start: int) -> None:
        entry = self._entry(source_id)
        if entry is None or self.index is None:
            return
        end = min(len(entry.claims), start + BATCH)
        for group in entry.claims[start:end]:
            claim_id = group.claim.id
            only = self.index.rests_on_only(claim_id, source_id)
            row = SourceRow("claim", source_id, claim_id)
            claim_node = node.add(claim_label(self.briefing, group, only), row)
            for citation in group.all:
                claim_node.add_leaf(
                    citation_label(citation), SourceRow("citation", source_id, claim_id)
                )
        if end < len(entry.claims):
            node.add_leaf(
                more_label(len(entry.claims) - end), SourceRow("more", source_id, None, end)
            )

    @on(Tree.NodeExpanded, "#view-body")
    def _opened(self, event: Tree.NodeExpanded[SourceRow]) -> None:
        self.fill(event.node)

    @on(Tree.NodeSelected, "#view-body")
    def _chosen(self, event: Tree.NodeSelected[SourceRow]) -> None:
        node, row = event.node, event.node.data
        if row is None:
            return
        if row.kind == "source":
            self.fill(node)
            node.toggle()
        elif row.kind == "more":
            parent = node.parent
            node.remove()
            if parent is not None:
                self._add_claims(parent, row.source_id, row.start)
        else:
            self.choose(row.claim_id)
