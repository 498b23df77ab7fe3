"""Who says what (w): every party, what it claims, what it denies, and who denies it.

A party is anyone named as a claimant or as the one who makes a denial; spellings
that differ only in case, spacing or a leading "the" are one party. A briefing
that declares its parties (format 2) lists each under the party it is part of,
and says which of its claims other claims contradict. The view opens as an
overview: one closed row per top-level party with its counts. Enter on a claim
or a denial goes to the claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.document.model import Briefing, date_text
from briefing.document.textsafe import visible
from briefing.document.vocabulary import relation_words
from briefing.document.wording import plural
from briefing.query.badges import DENIED_MARK
from briefing.query.parties import DenialMade, Party, build_parties, party_names, top_level
from briefing.tui.views.base import BATCH, more_label, preview
from briefing.tui.views.overview import OverviewScreen, OverviewTree

Group = Literal["claims", "denials", "denied_by", "contradicted"]
GROUP_TITLES: dict[Group, str] = {
    "claims": "Claims",
    "denials": "Denials",
    "denied_by": "Denied by",
    "contradicted": "Contradicted by other claims",
}


@dataclass(frozen=True)
class PartyRow:
    """What a row of the parties tree stands for."""

    party: str
    """The party's key."""
    group: Group | None = None
    claim_id: str | None = None
    more_from: int | None = None
    """For a "more" row: the first item of the group it adds."""


def _names(keys: list[str], names: dict[str, str]) -> str:
    return ", ".join(visible(names[key], one_line=True) for key in keys)


class PartiesScreen(OverviewScreen[PartyRow]):
    """Every party with its claims and denials; Enter goes to the claim under the cursor."""

    VIEW_NAME = "Who says what"

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__(briefing, current_claim)
        self.parties: list[Party] = []
        self.names: dict[str, str] = {}
        self._by_key: dict[str, Party] = {}
        self._filled: set[int] = set()

    def build(self) -> None:
        """Gather the parties and what each claims and denies."""
        self.parties = build_parties(self.briefing)
        self.names = party_names(self.parties)
        self._by_key = {party.key: party for party in self.parties}

    def summary(self) -> Text:
        """Count the parties, and those that both claim and deny."""
        both = sum(1 for p in self.parties if p.claims and p.denials)
        only_deny = sum(1 for p in self.parties if p.denials and not p.claims)
        parts = sum(1 for p in self.parties if p.parent is not None)
        out = Text(plural(len(self.parties), "party", "parties"))
        out.append(f" · {both} both claim and deny · {only_deny} only deny")
        if parts:
            out.append(f" · {parts} shown under the party they are part of")
        return out

    def party_label(self, party: Party) -> Text:
        """Return a party's row: its name, what it claims and denies, and who denies it."""
        out = Text()
        out.append(visible(party.name, one_line=True), "bold")
        out.append(f"  claims {len(party.claims)} · denies {len(party.denials)}", "dim")
        if party.contradicted:
            claims = len({claim_id for claim_id, _ in party.contradicted})
            out.append(f" · {plural(claims, 'claim')} contradicted", "red")
        if party.parts:
            out.append(f" · {len(party.parts)} under it", "dim")
        if party.denied_by:
            out.append(" · denied by ", "dim")
            out.append(_names(list(party.denied_by), self.names), "red")
        others = [s for s in party.spellings if s != party.name]
        if others:
            out.append("  (also written: " + _names_raw(others) + ")", "dim italic")
        return out

    def compose_body(self) -> ComposeResult:
        """The tree of parties, each with its claims, denials and deniers."""
        tree: OverviewTree[PartyRow] = OverviewTree(Text("Parties"), id="view-body")
        tree.show_root = False
        tree.auto_expand = False
        yield tree

    def populate(self) -> None:
        """Add every party that is part of no other, closed: the overview."""
        tree = self.body_tree()
        for party in top_level(self.parties):
            tree.root.add(self.party_label(party), PartyRow(party.key))
        tree.cursor_line = 0

    def fill(self, node: TreeNode[PartyRow]) -> None:
        """Add the rows under a party or a group, if they are not there yet."""
        # Rows are added when their party or group is first opened, a batch at a
        # time: in a 50,000-claim briefing one party may make thousands of claims.
        row = node.data
        if node.id in self._filled or row is None or row.claim_id or row.more_from is not None:
            return
        self._filled.add(node.id)
        party = self._by_key[row.party]
        if row.group is not None:
            self._add_leaves(node, party, row.group, 0)
            return
        # Its parts first, closed, so that opening a party shows who is under it.
        for key in party.parts:
            node.add(self.party_label(self._by_key[key]), PartyRow(key))
        groups: list[Group] = ["claims", "denials"]
        groups += [group for group in ("denied_by", "contradicted") if self._count(party, group)]
        for group in groups:
            count = self._count(party, group)
            node.add(
                Text(f"{GROUP_TITLES[group]} ({count})", "underline"),
                PartyRow(party.key, group),
                allow_expand=bool(count),
            )

    def _count(self, party: Party, group: Group) -> int:
        if group == "claims":
            return len(party.claims)
        if group == "denials":
            return len(party.denials)
        if group == "contradicted":
            return len(party.contradicted)
        return sum(map(len, party.denied_by.values()))

    def _add_leaves(self, node: TreeNode[PartyRow], party: Party, group: Group, start: int) -> None:
        total = self._count(party, group)
        end = min(total, start + BATCH)
        if group == "denied_by":
            pairs = [(d, c) for d, ids in party.denied_by.items() for c in ids][start:end]
            for denier, claim_id in pairs:
                self._leaf(node, party, group, claim_id, denier=denier)
        elif group == "denials":
            for made in party.denials[start:end]:
                self._leaf(node, party, group, made.claim_id, made=made)
        elif group == "contradicted":
            for claim_id, other in party.contradicted[start:end]:
                self._leaf(node, party, group, claim_id, contradicting=other)
        else:
            for claim_id in party.claims[start:end]:
                self._leaf(node, party, group, claim_id)
        if end < total:
            node.add_leaf(more_label(total - end), PartyRow(party.key, group, more_from=end))

    def _leaf(
        self,
        node: TreeNode[PartyRow],
        party: Party,
        group: Group,
        claim_id: str,
        *,
        made: DenialMade | None = None,
        denier: str | None = None,
        contradicting: str | None = None,
    ) -> None:
        claim = self.claims_by_id.get(claim_id)
        if claim is None:
            return
        if contradicting is not None:
            label = self._contradicted_label(claim.text, contradicting)
        elif made is not None:
            label = Text()
            label.append(f"{date_text(made.date)}: " if made.date is not None else "", "dim")
            label.append(preview(made.text, 80))
            label.append(" — denying ", "dim")
            label.append(preview(claim.text, 60), "italic")
            claimant = self.briefing.party_name(claim.claimant)
            label.append(" (" + visible(claimant, one_line=True) + ")", "dim")
        elif denier is not None:
            label = Text()
            label.append(visible(self.names[denier], one_line=True), "red")
            label.append(" denies ", "dim")
            label.append(preview(claim.text, 80))
        else:
            label = Text()
            if claim.denials:
                label.append(f"{DENIED_MARK} ", "bold red")
            label.append(preview(claim.text))
            if claim.stated is not None:
                label.append(f"  ({date_text(claim.stated)})", "dim")
        node.add_leaf(label, PartyRow(party.key, group, claim_id))

    def _contradicted_label(self, text: str, other_id: str) -> Text:
        # "Its claim — contradicted by: the other claim (its claimant)".
        label = Text()
        label.append(preview(text, 60))
        label.append(f" — {relation_words('contradicts', inverse=True)} ", "dim")
        other = self.claims_by_id.get(other_id)
        if other is None:
            return label
        label.append(preview(other.text, 60), "italic")
        claimant = self.briefing.party_name(other.claimant)
        label.append(" (" + visible(claimant, one_line=True) + ")", "dim")
        return label

    @on(Tree.NodeExpanded, "#view-body")
    def _opened(self, event: Tree.NodeExpanded[PartyRow]) -> None:
        self.fill(event.node)

    @on(Tree.NodeSelected, "#view-body")
    def _chosen(self, event: Tree.NodeSelected[PartyRow]) -> None:
        row = event.node.data
        if row is None:
            return
        if row.claim_id is not None:
            self.choose(row.claim_id)
        elif row.more_from is not None and row.group is not None:
            parent = event.node.parent
            event.node.remove()
            if parent is not None:
                self._add_leaves(parent, self._by_key[row.party], row.group, row.more_from)
        elif event.node.allow_expand:
            self.fill(event.node)
            event.node.toggle()


def _names_raw(spellings: list[str]) -> str:
    return ", ".join(visible(s, one_line=True) for s in spellings)
