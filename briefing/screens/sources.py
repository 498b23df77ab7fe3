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

from briefing.analysis.sources import Citation, ClaimCitations, SourceEntry, build_source_index
from briefing.model import Briefing, Source, date_text
from briefing.reader.badges import DENIED_MARK
from briefing.screens.analysis_view import AnalysisScreen, plural, preview
from briefing.textsafe import visible

EXPAND_ALL_UP_TO = 2000
"""Open every source at first when there are at most this many citations in all."""
ONLY_SOURCE_MARK = "◆ only source"
CITATION_LABELS = {"evidence": "evidence", "caveat": "caveat", "denial": "denial"}


@dataclass(frozen=True)
class SourceRow:
    """What a row of the sources tree stands for."""

    kind: Literal["source", "claim", "citation"]
    source_id: str
    claim_id: str | None = None


def source_label(entry: SourceEntry) -> Text:
    """Return a source's row: title, details, and how much cites it (or that nothing does)."""
    source: Source = entry.source
    out = Text(visible(source.title, one_line=True), "bold")
    details = [visible(p, one_line=True) for p in (source.publisher, source.kind) if p]
    if source.date is not None:
        details.append(date_text(source.date))
    if details:
        out.append(" — " + ", ".join(details), "dim")
    if entry.cited:
        out.append(
            f"  ({plural(len(entry.claims), 'claim')}, {plural(entry.citation_count, 'citation')})"
        )
    else:
        out.append("  nothing cites this source", "bold red")
    return out


def claim_label(group: ClaimCitations, only_source: bool) -> Text:
    """Return a claim's row under a source: text and claimant, marked if it rests on it alone."""
    claim = group.claim
    out = Text()
    if only_source:
        out.append(ONLY_SOURCE_MARK + "  ", "bold yellow")
    if claim.denials:
        out.append(f"{DENIED_MARK} ", "bold red")
    out.append(preview(claim.text))
    out.append(" — " + visible(claim.claimant, one_line=True), "dim")
    return out


def citation_label(citation: Citation) -> Text:
    """Return a citation's row: evidence, caveat or denial (by whom), and its text."""
    out = Text(CITATION_LABELS[citation.kind], "italic")
    if citation.by is not None:
        out.append(" by " + visible(citation.by, one_line=True), "italic")
    out.append(": ", "italic")
    out.append(preview(citation.text, 120))
    return out


class SourcesScreen(AnalysisScreen):
    """Every source with what cites it; Enter goes to the claim under the cursor."""

    VIEW_NAME = "Sources"
    HELP_GROUP = "Sources view"

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__(briefing, current_claim)
        self.index = build_source_index(briefing)
        self._filled: set[int] = set()

    def summary(self) -> Text:
        """Count the sources, those nothing cites, and claims on one source or none."""
        index = self.index
        claims = len(index.evidence_sources)
        out = Text(plural(len(index.entries), "source"))
        uncited = len(index.uncited)
        out.append(" · ")
        out.append(f"{uncited} that nothing cites", "bold red" if uncited else "")
        out.append(" · ")
        out.append(f"{len(index.single_source)} of {plural(claims, 'claim')} rest on one source ")
        out.append(f"({ONLY_SOURCE_MARK})", "yellow")
        if index.unsourced:
            out.append(f" · {plural(len(index.unsourced), 'claim')} with no source for the evidence")
        return out

    def compose_body(self) -> ComposeResult:
        """The tree of sources, claims and citations."""
        tree: Tree[SourceRow] = Tree(Text("Sources"), id="view-body")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 3
        yield tree

    def on_mount(self) -> None:
        """Add every source, opened at first when the briefing is small enough."""
        tree = self.query_one("#view-body", Tree)
        total = sum(entry.citation_count for entry in self.index.entries)
        for entry in self.index.entries:
            node = tree.root.add(
                source_label(entry),
                SourceRow("source", entry.source.id),
                allow_expand=entry.cited,
            )
            if total <= EXPAND_ALL_UP_TO and entry.cited:
                self._fill(node)
                node.expand()
        tree.cursor_line = 0
        super().on_mount()

    def _fill(self, node: TreeNode[SourceRow]) -> None:
        # Claims and citations are added when a source is first opened: a source of a
        # 50,000-claim briefing may be cited thousands of times.
        if node.id in self._filled or node.data is None:
            return
        self._filled.add(node.id)
        entry = self.index.entry(node.data.source_id)
        if entry is None:
            return
        for group in entry.claims:
            only = self.index.rests_on_only(group.claim.id, entry.source.id)
            row = SourceRow("claim", entry.source.id, group.claim.id)
            claim_node = node.add(claim_label(group, only), row, expand=True)
            for citation in group.all:
                claim_node.add_leaf(
                    citation_label(citation), SourceRow("citation", entry.source.id, group.claim.id)
                )

    @on(Tree.NodeExpanded, "#view-body")
    def _opened(self, event: Tree.NodeExpanded[SourceRow]) -> None:
        self._fill(event.node)

    @on(Tree.NodeSelected, "#view-body")
    def _chosen(self, event: Tree.NodeSelected[SourceRow]) -> None:
        row = event.node.data
        if row is None:
            return
        if row.kind == "source":
            self._fill(event.node)
            event.node.toggle()
        else:
            self.choose(row.claim_id)
