"""The assessment screen (A): what it shows, in which order, and where Enter goes.

On its own in the host app (what it was dismissed with), and in the reader (the key,
the palette, the jump as a step in the history, the hostile strings).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from analysis_fixtures import PARTIES, bundled_path, load
from analysis_pilot import CHOSEN_NOTHING, ViewHost, hosted
from briefings import FEATURES_V2
from reader_pilot import current, focused_id, press, screen_text, settle
from test_hostile_reader import HOSTILE_V2, rendered
from textual.pilot import Pilot
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.document.vocabulary import likelihood_text
from briefing.query.assessment import build_assessment
from briefing.tui.app import create_app
from briefing.tui.briefing_screen.screen import BriefingScreen
from briefing.tui.views.assessment import UPGRADE_NOTE, AssessmentRow, AssessmentScreen

# In the slow layer: Pilot sessions through the assessment.
pytestmark = pytest.mark.slow


def _chosen(app: object) -> str | None:
    assert isinstance(app, ViewHost)
    return app.chosen


def _tree(pilot: Pilot[None]) -> Tree[AssessmentRow]:
    tree: Tree[AssessmentRow] = pilot.app.screen.query_one("#view-body", Tree)
    return tree


def _nodes(tree: Tree[AssessmentRow]) -> list[TreeNode[AssessmentRow]]:
    found: list[TreeNode[AssessmentRow]] = []
    pending = [tree.root]
    while pending:
        node = pending.pop()
        found.append(node)
        pending.extend(reversed(node.children))
    return found[1:]


def _node(
    tree: Tree[AssessmentRow], test: Callable[[TreeNode[AssessmentRow]], bool]
) -> TreeNode[AssessmentRow]:
    return next(node for node in _nodes(tree) if test(node))


async def _enter_on(pilot: Pilot[None], node: TreeNode[AssessmentRow]) -> None:
    tree = _tree(pilot)
    tree.cursor_line = node.line
    await press(pilot, "enter")


def _in_order(text: str, *needles: str) -> None:
    places = [text.index(needle) for needle in needles]
    assert places == sorted(places), needles


@asynccontextmanager
async def reading(path: Path, size: tuple[int, int] = (120, 40)) -> AsyncIterator[Pilot[None]]:
    """Run the reader as the CLI builds it, loaded and idle, with notifications on."""
    app = create_app(path, watch_interval=None, fresh=True)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        yield pilot


# On its own ----------------------------------------------------------------------------


async def test_bottom_line_revision_and_judgements_most_likely_first() -> None:
    briefing = load(FEATURES_V2)
    async with hosted(lambda: AssessmentScreen(briefing), size=(140, 60)) as pilot:
        text = screen_text(pilot.app)
    assert "Assessment — Grain corridor: who says what" in text
    assert "7 judgements · 3 assumptions · 4 indicators · 3 gaps · 3 changes" in text
    assert (
        "Bottom line: The corridor works for now; the escorts are announced, not yet seen." in text
    )
    assert "Revised: 2025-05-10" in text
    rows = [line for line in text.splitlines() if " %)" in line]
    terms = [
        "almost-certain", "very-likely", "likely", "roughly-even-chance",
        "unlikely", "very-unlikely", "almost-no-chance",
    ]  # fmt: skip
    assert len(rows) == len(terms)
    for row, term in zip(rows, terms, strict=True):
        assert likelihood_text(term) in row, row
    # Likelihood and confidence are two values, each in its own words.
    likely = next(row for row in rows if "Both navies agreed" in row)
    assert "likely (55–80 %)  " in likely and "  confidence: moderate  " in likely
    assert "confidence: not given" in next(row for row in rows if "corridor will reopen" in row)
    # Claimants by name, never by party id.
    assert "— Ministry of Defence" in likely
    assert "— mod" not in text and "— agency" not in text


async def test_assumptions_indicators_gaps_and_changes_under_their_claims() -> None:
    briefing = load(FEATURES_V2)
    async with hosted(lambda: AssessmentScreen(briefing), size=(120, 70)) as pilot:
        text = screen_text(pilot.app)
    start = text.index("Assumptions  (3, on 2 claims)")
    assumptions = text[start : text.index("Indicators  (4)")]
    _in_order(
        assumptions,
        "Both navies agreed to escort grain convoys. — Ministry of Defence",
        "assumes: The ministry speaks for both navies.",
        "if wrong: The escorts may be one navy's alone.",
        "assumes: The photographs were taken this month.",
        "if wrong: not stated",
        "A convoy was attacked near the strait. — Black Sea Shipping Agency",
        "assumes: The crew saw what they describe.",
    )
    indicators = text[text.index("Indicators  (4)") : text.index("Gaps  (3)")]
    _in_order(
        indicators,
        "Would strengthen the claim if seen  (1)",
        "watch for: Escorts are seen beside a convoy.",
        "Would weaken the claim if seen  (1)",
        "watch for: The second navy denies any agreement.",
        "Effect not stated  (2)",
        "watch for: Convoy schedules change.",
        "watch for: Damage to the hulls is photographed.",
    )
    gaps = text[text.index("Gaps  (3)") : text.index("Changes, newest first  (3)")]
    assert "not known: Which ships would escort, and from when." in gaps
    assert "The escorts are announced to calm markets more than to protect ships. — A. Analyst" in (
        gaps
    )
    changes = text[text.index("Changes, newest first  (3)") : text.index("Scrutiny")]
    _in_order(changes, "2025-05-10  Added", "2025-05-02  First published.", "2025-05  Marked")


async def test_enter_on_a_judgement_and_on_a_detail_goes_to_its_claim() -> None:
    briefing = load(FEATURES_V2)
    async with hosted(lambda: AssessmentScreen(briefing)) as pilot:
        tree = _tree(pilot)
        await press(pilot, "down")  # the first judgement: the most likely
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        assert tree.cursor_node.data.claim_id == "premiums-rose"
        await press(pilot, "enter")
        assert _chosen(pilot.app) == "premiums-rose"
    async with hosted(lambda: AssessmentScreen(briefing)) as pilot:
        tree = _tree(pilot)
        wrong = _node(tree, lambda n: str(n.label).startswith("if wrong: The escorts"))
        await _enter_on(pilot, wrong)
        assert _chosen(pilot.app) == "escorts-agreed"


async def test_enter_on_a_part_heading_closes_it_and_chooses_nothing() -> None:
    briefing = load(FEATURES_V2)
    async with hosted(lambda: AssessmentScreen(briefing)) as pilot:
        assert "premiums rose" in screen_text(pilot.app).lower()
        await press(pilot, "enter")  # on "Judgements"
        assert "War-risk premiums rose" not in screen_text(pilot.app).split("Indicators")[0]
        assert _chosen(pilot.app) == CHOSEN_NOTHING
        await press(pilot, "escape")
        assert _chosen(pilot.app) is None


@pytest.mark.parametrize("path", [FEATURES_V2, bundled_path(), PARTIES])
async def test_each_scrutiny_count_lists_its_claims_and_leads_to_them(path: Path) -> None:
    briefing = load(path)
    found = build_assessment(briefing)
    for item in found.scrutiny:
        async with hosted(lambda: AssessmentScreen(briefing), size=(120, 60)) as pilot:
            tree = _tree(pilot)
            text = screen_text(pilot.app)
            assert f"{len(item.claims)} {item.label}  ({item.meaning})" in text
            count = _node(tree, lambda n, key=item.key: n.data == AssessmentRow("part", key))
            assert not count.is_expanded  # counts only, at first
            if not item.claims:
                assert not count.allow_expand
                continue
            await _enter_on(pilot, count)
            listed = [child.data.claim_id for child in count.children if child.data]
            assert listed == [claim.id for claim in item.claims], item.key
            await _enter_on(pilot, count.children[-1])
            assert _chosen(pilot.app) == item.claims[-1].id, item.key


async def test_a_version_1_briefing_shows_the_scrutiny_and_says_what_version_2_adds() -> None:
    briefing = load(PARTIES)
    async with hosted(lambda: AssessmentScreen(briefing), size=(120, 30)) as pilot:
        text = screen_text(pilot.app)
    # The note wraps: compare its words.
    words = " ".join(" ".join(line.strip("▊▎ ") for line in text.splitlines()).split())
    assert UPGRADE_NOTE in words
    assert "4 rest on a single source" in text and "1 denied, with no sourced evidence" in text
    for absent in ("Judgements", "Bottom line", "Assumptions", "Indicators", "Gaps", "likelihood"):
        assert absent not in words.replace(UPGRADE_NOTE, ""), absent


# In the reader -------------------------------------------------------------------------


async def test_A_on_the_bundled_briefing_shows_the_bottom_line_and_the_indicators() -> None:
    briefing = load(bundled_path())
    bottom_line = briefing.briefing.bottom_line
    assert bottom_line is not None
    (holder,) = [claim for claim in briefing.claims() if claim.indicators]
    assert holder.id == "china-peace-role-opportunity"
    async with reading(bundled_path()) as pilot:
        await press(pilot, "A")
        assert isinstance(pilot.app.screen, AssessmentScreen)
        text = screen_text(pilot.app)
        flat = " ".join(text.split())
        assert "Bottom line: " + " ".join(bottom_line.split()) in flat
        for indicator in holder.indicators:
            assert f"watch for: {indicator.text}" in text
        assert "Would strengthen the claim if seen  (1)" in text
        assert "Would weaken the claim if seen  (1)" in text
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, BriefingScreen)


async def test_choosing_a_judgement_is_a_step_in_the_reader_history() -> None:
    async with reading(FEATURES_V2) as pilot:
        app = pilot.app
        await press(pilot, "down")
        start = current(app)
        assert start == ("claim", "escorts-agreed")
        await press(pilot, "shift+a", "down", "enter")  # the most likely judgement
        assert isinstance(app.screen, BriefingScreen)
        assert current(app) == ("claim", "premiums-rose")
        assert focused_id(app) == "claim-detail"
        await press(pilot, "backspace")
        assert current(app) == start


async def test_the_palette_opens_the_assessment() -> None:
    async with reading(FEATURES_V2) as pilot:
        await press(pilot, "ctrl+p", *"assessment")
        await pilot.pause(0.3)
        assert "Assessment: bottom line, judgements by likelihood" in screen_text(pilot.app)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AssessmentScreen)


HOSTILE_PARTS = """format = 2
[briefing]
title = "Hostile assessment"
bottom_line = "Bottom [bold]x[/]\\n  [@click=app.quit]quit[/] \\u001b[2J and \\u202eevil\\u202c"
revised = "2025-05"

[[changes]]
date = 2025-05-01
text = "Change [link=file:///etc/passwd]x[/link] and \\u0007 bell"

[[parties]]
id = "markup-party"
name = "[b]Party[/b] [@click=app.quit]quit[/]"

[[sections]]
id = "s"
title = "S"
  [[sections.claims]]
  id = "judged"
  text = "Claim [reverse]rev[/reverse] \\u009b31m"
  claimant = "markup-party"
  likelihood = "likely"
  confidence = "low"
  gaps = ["Gap [bold]x[/] \\u001b]52;c;aGVsbG8=\\u0007"]
  assumptions = [{ text = "Assumes [i]x[/i]", if_wrong = "Wrong [@click=app.bell]b[/]" }]
  indicators = [{ text = "Watch [u]x[/u] \\u202e", effect = "weakens" }]
"""


async def test_every_author_string_in_the_assessment_is_literal(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE_PARTS, encoding="utf-8")
    async with reading(path, size=(160, 40)) as pilot:
        app = pilot.app
        await press(pilot, "A")
        text = rendered(app)  # fails on a link, a click action or a raw control
        for shown in (
            "Bottom line: Bottom [bold]x[/] [@click=app.quit]quit[/] \\x1b[2J and \\u202eevil",
            "Revised: 2025-05",
            "2025-05-01  Change [link=file:///etc/passwd]x[/link] and \\x07 bell",
            "Claim [reverse]rev[/reverse] \\x9b31m — [b]Party[/b] [@click=app.quit]quit[/]",
            "not known: Gap [bold]x[/] \\x1b]52;c;aGVsbG8=\\x07",
            "assumes: Assumes [i]x[/i]",
            "if wrong: Wrong [@click=app.bell]b[/]",
            "watch for: Watch [u]x[/u] \\u202e",
        ):
            assert shown in text, shown
        assert "markup-party" not in text
        await press(pilot, "escape")
        assert app.is_running
    async with reading(HOSTILE_V2, size=(160, 40)) as pilot:
        await press(pilot, "A")
        text = rendered(pilot.app)
        assert "assumes: Assumption [@click=app.quit]click[/] here" in text
        assert "watch for: Indicator [reverse]rev[/reverse] \\x9b31m C1" in text
