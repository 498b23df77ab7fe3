"""Assessment (A): the briefing read as an assessment, bottom line first.

Under the bottom line and the revision date, a tree: the judgements (claims with a
likelihood), most likely first, each with its likelihood in words and its confidence
beside it, never merged; the assumptions with what follows if they are wrong; the
indicators by what they would do to their claim; the gaps; the changes, newest first;
and the scrutiny counts (briefing/query/assessment.py says what each counts). Enter on
a count lists its claims; Enter on a claim, or on anything under it, goes to the claim.

A version 1 briefing has only the scrutiny counts to show, and the view says that the
rest comes with format version 2. Lists are added a batch at a time, so a 50,000-claim
briefing opens as quickly as a small one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from briefing.document.model import Briefing, Claim
from briefing.document.textsafe import visible
from briefing.document.vocabulary import likelihood_text
from briefing.document.wording import plural
from briefing.query.assessment import (
    EFFECT_ORDER,
    Assessment,
    ClaimIndicators,
    EffectKey,
    build_assessment,
)
from briefing.query.badges import DENIED_MARK
from briefing.tui.views.base import BATCH, AnalysisScreen, more_label, preview

OPEN_UP_TO = 20
"""A part opens at first when it lists at most this many claims: an overview first."""
BOTTOM_LINE_MAX = 480
"""A bottom line is a sentence or two; a longer one is cut here, marked …, to keep the tree in view
(every export shows it whole)."""
LINE_BREAKS = re.compile(r"[ \t]*\r?\n[ \t]*")
UPGRADE_NOTE = (
    "This is a format version 1 briefing: likelihood, assumptions, indicators, gaps and a "
    "bottom line come with format version 2 (`briefing upgrade` writes a version 2 file)."
)
EFFECT_HEADINGS: dict[EffectKey, str] = {
    "strengthens": "Would strengthen the claim if seen",
    "weakens": "Would weaken the claim if seen",
    "unspecified": "Effect not stated",
}

RowKind = Literal["part", "claim", "detail", "more"]


@dataclass(frozen=True)
class AssessmentRow:
    """What a row of the assessment tree stands for."""

    kind: RowKind
    part: str
    """The list the row belongs to (a key of `AssessmentScreen.lists`)."""
    claim_id: str | None = None
    start: int = 0
    """For a "more" row: the first entry of its list it adds."""


def claim_words(briefing_name: Callable[[str], str], claim: Claim) -> Text:
    """Return a claim on one line: the denied mark, its text and its claimant's name."""
    out = Text()
    if claim.denials:
        out.append(f"{DENIED_MARK} ", "bold red")
    out.append(preview(claim.text))
    # A party's name, never its id (format 2).
    out.append(" — " + visible(briefing_name(claim.claimant), one_line=True), "dim")
    return out


def confidence_words(level: str | None) -> str:
    """Return a confidence as its own value, never merged with a likelihood: "confidence: low"."""
    return f"confidence: {level or 'not given'}"


def judgement_label(
    briefing_name: Callable[[str], str], claim: Claim, widths: tuple[int, int] = (0, 0)
) -> Text:
    """Return a judgement's row: likelihood in words, confidence apart, then the claim.

    `widths` pads the likelihood and the confidence so that the claims line up.
    """
    out = Text()
    out.append(f"{likelihood_text(claim.likelihood or ''):<{widths[0]}}", "bold")
    out.append("  ")
    out.append(f"{confidence_words(claim.confidence):<{widths[1]}}", "italic")
    out.append("  ")
    out.append_text(claim_words(briefing_name, claim))
    return out


def judgement_widths(judgements: Sequence[Claim]) -> tuple[int, int]:
    """Return the widest likelihood and confidence among `judgements`, in characters."""
    # Over the distinct values: a few, however many judgements there are.
    terms = {claim.likelihood or "" for claim in judgements}
    levels = {claim.confidence for claim in judgements}
    return (
        max((len(likelihood_text(term)) for term in terms), default=0),
        max((len(confidence_words(level)) for level in levels), default=0),
    )


def detail_label(lead: str, text: str | None, missing: str = "not stated") -> Text:
    """Return a line under a claim: a lead word in italics, then the author's text."""
    out = Text()
    out.append(f"{lead}: ", "italic")
    if text is None:
        out.append(missing, "dim italic")
    else:
        out.append(preview(text, 300))
    return out


def part_label(title: str, detail: str = "") -> Text:
    """Return a part's heading: its title in bold, then its counts."""
    out = Text(title, "bold")
    if detail:
        out.append(f"  {detail}")
    return out


AddEntry = Callable[[TreeNode[AssessmentRow], str, int], None]
"""Adds the list's entry at an index under a node (the node, the list's key, the index)."""


class AssessmentScreen(AnalysisScreen):
    """The briefing as an assessment; Enter on a claim goes to it, on a count lists claims."""

    VIEW_NAME = "Assessment"

    def __init__(self, briefing: Briefing, current_claim: str | None = None) -> None:
        super().__init__(briefing, current_claim)
        self.assessment: Assessment | None = None
        self.lists: dict[str, tuple[Sequence[object], AddEntry]] = {}
        """Each part's entries, and how to add one of them under the part's node."""
        self._filled: set[int] = set()
        self._widths = (0, 0)

    def build(self) -> None:
        """Read the briefing as an assessment, in one pass."""
        self.assessment = build_assessment(self.briefing)
        self._widths = judgement_widths(self.assessment.judgements)

    def compose_body(self) -> ComposeResult:
        """The bottom line and revision date, then the tree."""
        yield Static(Text(""), id="assessment-head")
        tree: Tree[AssessmentRow] = Tree(Text("Assessment"), id="view-body")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 3
        yield tree

    def summary(self) -> Text:
        """Count what the assessment holds, and say what Enter does."""
        found = self.assessment
        assert found is not None
        out = Text()
        if found.format >= 2:
            out.append(
                f"{plural(len(found.judgements), 'judgement')} · "
                f"{plural(found.assumption_count, 'assumption')} · "
                f"{plural(found.indicator_count, 'indicator')} · "
                f"{plural(found.gap_count, 'gap')} · "
                f"{plural(len(found.changes), 'change')}"
            )
            out.append(" · ")
        out.append("enter: go to the claim, or list a count's claims", "dim")
        return out

    def head(self) -> Text:
        """Return the lines above the tree: the bottom line and the revision, or the v1 note."""
        found = self.assessment
        assert found is not None
        out = Text()
        if found.format < 2:
            out.append(UPGRADE_NOTE, "italic")
            return out
        out.append("Bottom line: ", "bold")
        if found.bottom_line is None:
            out.append("not given", "dim italic")
        else:
            # Its line breaks are the file's layout, not the author's words: one paragraph.
            paragraph = LINE_BREAKS.sub(" ", found.bottom_line.strip())
            out.append(preview(paragraph, BOTTOM_LINE_MAX))
        out.append("\n")
        out.append("Revised: ", "bold")
        out.append(visible(found.revised, one_line=True) if found.revised else "not given")
        return out

    # Filling the tree ----------------------------------------------------------------

    def populate(self) -> None:
        """Add each part, opened at first when it is short."""
        found = self.assessment
        assert found is not None
        self.query_one("#assessment-head", Static).update(self.head())
        tree = self.query_one("#view-body", Tree)
        if found.format >= 2:
            self._add_parts(tree, found)
        scrutiny = tree.root.add(
            part_label("Scrutiny", "enter on a count lists its claims"),
            AssessmentRow("part", ""),
            expand=True,
        )
        for item in found.scrutiny:
            label = Text()
            label.append(f"{len(item.claims)} {item.label}", "bold")
            label.append(f"  ({item.meaning})", "dim")
            self._part(scrutiny, label, item.key, item.claims, self._add_claim, opened=False)
        tree.cursor_line = 0

    def _add_parts(self, tree: Tree[AssessmentRow], found: Assessment) -> None:
        root = tree.root
        self._part(
            root,
            part_label("Judgements, most likely first", f"({len(found.judgements)})"),
            "judgements",
            found.judgements,
            self._add_judgement,
        )
        self._part(
            root,
            part_label(
                "Assumptions",
                f"({found.assumption_count}, on {plural(len(found.with_assumptions), 'claim')})",
            ),
            "assumptions",
            found.with_assumptions,
            self._add_assumptions,
        )
        indicators = root.add(
            part_label("Indicators", f"({found.indicator_count})"),
            AssessmentRow("part", ""),
            allow_expand=bool(found.indicator_count),
            expand=bool(found.indicator_count),
        )
        for effect in EFFECT_ORDER:
            groups = found.indicators[effect]
            if groups:
                count = sum(len(group.indicators) for group in groups)
                self._part(
                    indicators,
                    part_label(EFFECT_HEADINGS[effect], f"({count})"),
                    f"indicators-{effect}",
                    groups,
                    self._add_indicators,
                )
        self._part(
            root,
            part_label("Gaps", f"({found.gap_count})"),
            "gaps",
            found.with_gaps,
            self._add_gaps,
        )
        self._part(
            root,
            part_label("Changes, newest first", f"({len(found.changes)})"),
            "changes",
            found.changes,
            self._add_change,
        )

    def _part(
        self,
        parent: TreeNode[AssessmentRow],
        label: Text,
        key: str,
        entries: Sequence[object],
        add: AddEntry,
        *,
        opened: bool | None = None,
    ) -> None:
        # A part's entries are added when it is first opened, a batch at a time.
        self.lists[key] = (entries, add)
        node = parent.add(label, AssessmentRow("part", key), allow_expand=bool(entries))
        if entries and (opened if opened is not None else len(entries) <= OPEN_UP_TO):
            self._fill(node)
            node.expand()

    def _fill(self, node: TreeNode[AssessmentRow]) -> None:
        row = node.data
        if node.id in self._filled or row is None or row.kind != "part" or not row.part:
            return
        self._filled.add(node.id)
        self._add_batch(node, row.part, 0)

    def _add_batch(self, node: TreeNode[AssessmentRow], key: str, start: int) -> None:
        entries, add = self.lists[key]
        end = min(len(entries), start + BATCH)
        for index in range(start, end):
            add(node, key, index)
        if end < len(entries):
            node.add_leaf(more_label(len(entries) - end), AssessmentRow("more", key, None, end))

    # One entry of each part -------------------------------------------------------------

    def _claim_at(self, key: str, index: int) -> Claim:
        entry = self.lists[key][0][index]
        claim = entry.claim if isinstance(entry, ClaimIndicators) else entry
        assert isinstance(claim, Claim)
        return claim

    def _add_claim(self, node: TreeNode[AssessmentRow], key: str, index: int) -> None:
        claim = self._claim_at(key, index)
        row = AssessmentRow("claim", key, claim.id)
        node.add_leaf(claim_words(self.briefing.party_name, claim), row)

    def _add_judgement(self, node: TreeNode[AssessmentRow], key: str, index: int) -> None:
        claim = self._claim_at(key, index)
        row = AssessmentRow("claim", key, claim.id)
        node.add_leaf(judgement_label(self.briefing.party_name, claim, self._widths), row)

    def _claim_node(
        self, node: TreeNode[AssessmentRow], key: str, claim: Claim
    ) -> tuple[TreeNode[AssessmentRow], AssessmentRow]:
        # A claim's row, open, and the row its details stand for: Enter there goes to it too.
        under = node.add(
            claim_words(self.briefing.party_name, claim),
            AssessmentRow("claim", key, claim.id),
            expand=True,
        )
        return under, AssessmentRow("detail", key, claim.id)

    def _add_assumptions(self, node: TreeNode[AssessmentRow], key: str, index: int) -> None:
        claim = self._claim_at(key, index)
        under, detail = self._claim_node(node, key, claim)
        for assumption in claim.assumptions:
            item = under.add(detail_label("assumes", assumption.text), detail, expand=True)
            item.add_leaf(detail_label("if wrong", assumption.if_wrong), detail)

    def _add_indicators(self, node: TreeNode[AssessmentRow], key: str, index: int) -> None:
        entry = self.lists[key][0][index]
        assert isinstance(entry, ClaimIndicators)
        under, detail = self._claim_node(node, key, entry.claim)
        for indicator in entry.indicators:
            under.add_leaf(detail_label("watch for", indicator.text), detail)

    def _add_gaps(self, node: TreeNode[AssessmentRow], key: str, index: int) -> None:
        claim = self._claim_at(key, index)
        under, detail = self._claim_node(node, key, claim)
        for gap in claim.gaps:
            under.add_leaf(detail_label("not known", gap), detail)

    def _add_change(self, node: TreeNode[AssessmentRow], key: str, index: int) -> None:
        found = self.assessment
        assert found is not None
        change = found.changes[index]
        label = Text()
        label.append(visible(change.date, one_line=True), "bold")
        label.append("  " + preview(change.text, 300))
        node.add_leaf(label, AssessmentRow("detail", key))

    # Keys ---------------------------------------------------------------------------------

    @on(Tree.NodeExpanded, "#view-body")
    def _opened(self, event: Tree.NodeExpanded[AssessmentRow]) -> None:
        self._fill(event.node)

    @on(Tree.NodeSelected, "#view-body")
    def _chosen(self, event: Tree.NodeSelected[AssessmentRow]) -> None:
        node, row = event.node, event.node.data
        if row is None:
            return
        if row.kind == "part":
            self._fill(node)
            node.toggle()
        elif row.kind == "more":
            parent = node.parent
            node.remove()
            if parent is not None:
                self._add_batch(parent, row.part, row.start)
        elif row.claim_id is not None:
            self.choose(row.claim_id)
