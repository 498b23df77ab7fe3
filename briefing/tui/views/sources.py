"""Sources view (s): every source with what cites it, grouped by claim.

At a glance: a source that nothing cites says so, and a claim whose evidence
rests on this source alone carries the mark `◆ only source`. Enter on a claim or
on one of its citations goes to the claim.
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
from briefing.document.wording import plural
from briefing.query.badges import DENIED_MARK
from briefing.query.sources import (
    Citation,
    ClaimCitations,
    SourceEntry,
    SourceIndex,
    build_source_index,
)
from briefing.tui.views.base import BATCH, AnalysisScreen, more_label, preview
from briefing.tui.widgets.claim_detail import source_details

EXPAND_ALL_UP_TO = 2000
"""Open every source at first when there are at most this many citations in all."""
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


def source_label(source: Source, claims: int, citations: int) -> Text:
    """Return a source's row: title, details, and how much cites it (or that nothing does)."""
    out = Text()
    out.append(visible(source.title, one_line=True), "bold")
    details = source_details(source)
    if details:
        out.append(" — " + ", ".join(details), "dim")
    if claims:
        out.append(f"  ({plural(claims, 'claim')}, {plural(citations, 'citation')})")
    else:
        out.append("  nothing cites this source", "bold red")
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


class SourcesScreen(AnalysisScreen):
    """Every source with what cites it; Enter goes to the claim under the cursor."""

    VIEW_NAME = "Sources"

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__(briefing, current_claim)
        self.index: SourceIndex | None = None
        self._filled: set[int] = set()
        self._entries: dict[str, SourceEntry] = {}
        self._small = True

    def build(self) -> None:
        """Index what cites each source."""
        self.index = build_source_index(self.briefing)

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
        tree: Tree[SourceRow] = Tree(Text("Sources"), id="view-body")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 3
        yield tree

    def populate(self) -> None:
        """Add every source, opened at first when the briefing is small enough."""
        index = self.index
        assert index is not None
        tree = self.query_one("#view-body", Tree)
        counts = {source.id: index.counts(source.id) for source in self.briefing.sources}
        self._small = sum(citations for _, citations in counts.values()) <= EXPAND_ALL_UP_TO
        for source in self.briefing.sources:
            claims, citations = counts[source.id]
            node = tree.root.add(
                source_label(source, claims, citations),
                SourceRow("source", source.id),
                allow_expand=bool(claims),
            )
            if self._small and claims:
                self._fill(node)
                node.expand()
        tree.cursor_line = 0

    def _entry(self, source_id: str) -> SourceEntry | None:
        if source_id not in self._entries and self.index is not None:
            entry = self.index.entry(source_id)
            if entry is not None:
                self._entries[source_id] = entry
        return self._entries.get(source_id)

    def _fill(self, node: TreeNode[SourceRow]) -> None:
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
            claim_node = node.add(claim_label(self.briefing, group, only), row, expand=self._small)
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
        self._fill(event.node)

    @on(Tree.NodeSelected, "#view-body")
    def _chosen(self, event: Tree.NodeSelected[SourceRow]) -> None:
        node, row = event.node, event.node.data
        if row is None:
            return
        if row.kind == "source":
            self._fill(node)
            node.toggle()
        elif row.kind == "more":
            parent = node.parent
            node.remove()
            if parent is not None:
                self._add_claims(parent, row.source_id, row.start)
        else:
            self.choose(row.claim_id)
