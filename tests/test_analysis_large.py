"""The analyst views on a briefing of 50,000 claims: they open, scroll, sort and filter."""

from __future__ import annotations

import pytest
from analysis_fixtures import load
from analysis_pilot import hosted
from reader_pilot import press, screen_text
from textual.widgets import Tree

from briefing.document.model import Briefing
from briefing.document.vocabulary import LIKELIHOODS, likelihood_text
from briefing.tui.views.assessment import AssessmentScreen
from briefing.tui.views.claims_table import ClaimsTableScreen
from briefing.tui.views.parties import PartiesScreen
from briefing.tui.views.sources import SourcesScreen
from briefing.tui.views.timeline import TimelineScreen
from briefing.tui.widgets.virtual_table import VirtualTable

# In the slow layer: 50,000 claims in the analyst views.
pytestmark = pytest.mark.slow

CLAIMS = 50_000
PARTIES = 7
SOURCES = 20


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    """Return a briefing of 50,000 claims by 7 parties, citing 20 sources, dated variously."""
    lines = ["format = 1", "[briefing]", 'title = "Fifty thousand claims"']
    for s in range(SOURCES):
        lines += ["[[sources]]", f'id = "src{s}"', f'title = "Source {s}"']
    for number in range(CLAIMS):
        if number % 100 == 0:
            section = number // 100
            lines += ["[[sections]]", f'id = "s{section}"', f'title = "Section {section}"']
        month = number // 3 % 12 + 1
        stated = (
            f"2024-{month:02d}-{number % 28 + 1:02d}"
            if number % 3 == 0
            else f'"2024-{month:02d}"'
            if number % 3 == 1
            else None
        )
        lines += [
            "[[sections.claims]]",
            f'id = "c{number}"',
            f'text = "Claim number {number} about topic {number % 97}"',
            f'claimant = "Party {number % PARTIES}"',
            f'evidence = [{{ text = "Seen.", source = "src{number % SOURCES}" }}]',
        ]
        if stated is not None:
            lines.append(f"stated = {stated}")
        if number % 5 == 0:
            lines.append(
                f'denials = [{{ by = "Party {(number + 1) % PARTIES}", text = "No.", '
                f"date = 2025-01-{number % 28 + 1:02d} }}]"
            )
    path = tmp_path_factory.mktemp("large") / "large.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load(path)


async def test_claims_table_of_fifty_thousand_rows(large: Briefing) -> None:
    async with hosted(lambda: ClaimsTableScreen(large), size=(130, 30)) as pilot:
        table = pilot.app.screen.query_one(VirtualTable)
        assert table.row_count == CLAIMS
        assert f"Showing {CLAIMS} of {CLAIMS} claims" in screen_text(pilot.app)
        await press(pilot, "end")
        assert f"{CLAIMS} Section 499" in screen_text(pilot.app)
        await press(pilot, "4")  # by date stated: the undated last
        text = screen_text(pilot.app)
        assert "sorted by Stated ▲" in text
        await press(pilot, "home")
        rows = screen_text(pilot.app).split(" ▲Stated ")[1].splitlines()[1:10]
        assert all("2024-01 " in row for row in rows)  # partial dates first in their month
        await press(pilot, "end")  # the undated claims come last
        last = screen_text(pilot.app).split(" ▲Stated ")[1].splitlines()[-5]
        assert "Claim number 4999" in last and "2024" not in last
        await press(pilot, "slash", *"number 4999", "enter")
        # Only claim numbers can hold "4999" (sections go to 499, topics to 96).
        shown = sum(1 for n in range(CLAIMS) if "4999" in str(n))
        assert f"Showing {shown} of {CLAIMS} claims" in screen_text(pilot.app)


async def test_timeline_of_fifty_thousand_claims(large: Briefing) -> None:
    async with hosted(lambda: TimelineScreen(large), size=(130, 30)) as pilot:
        table = pilot.app.screen.query_one(VirtualTable)
        denials = CLAIMS // 5
        undated = sum(1 for n in range(CLAIMS) if n % 3 == 2)
        assert table.row_count == CLAIMS + denials + 1  # and the "Undated" heading
        await press(pilot, "end")
        assert "Claim number 49997" in screen_text(pilot.app)
        assert f"{undated} undated" in screen_text(pilot.app)


async def test_sources_and_parties_of_fifty_thousand_claims_open_in_batches(
    large: Briefing,
) -> None:
    async with hosted(lambda: SourcesScreen(large), size=(130, 30)) as pilot:
        text = screen_text(pilot.app)
        assert f"{SOURCES} sources · 0 that nothing cites · {CLAIMS} of {CLAIMS} claims" in text
        await press(pilot, "enter", "end")  # open the first source: 200 of its 2,500 claims
        assert "… 2300 more: enter shows the next 200" in screen_text(pilot.app)
        tree = pilot.app.screen.query_one(Tree)
        more = tree.root.children[0].children[-1]
        tree.cursor_line = more.line
        await press(pilot, "enter")
        assert len(tree.root.children[0].children) == 401  # 400 claims and a "more" row
        assert "2100 more" in str(tree.root.children[0].children[-1].label)
    async with hosted(lambda: PartiesScreen(large), size=(130, 30)) as pilot:
        assert f"{PARTIES} parties · {PARTIES} both claim and deny" in screen_text(pilot.app)
        await press(pilot, "enter", "down", "enter")  # Party 0, then its claims
        claims = sum(1 for n in range(CLAIMS) if n % PARTIES == 0)
        await press(pilot, "end")
        assert f"… {claims - 200} more: enter shows the next 200" in screen_text(pilot.app)


@pytest.fixture(scope="module")
def large_v2(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    """Return a version 2 briefing of 50,000 claims, every one a judgement, many with parts."""
    terms = list(LIKELIHOODS)
    lines = ["format = 2", "[briefing]", 'title = "Fifty thousand judgements"']
    lines.append('bottom_line = "Most of it is likely."')
    lines += ["[[sources]]", 'id = "src"', 'title = "The source"']
    for number in range(CLAIMS):
        if number % 100 == 0:
            lines += ["[[sections]]", f'id = "s{number // 100}"', f'title = "Section {number}"']
        lines += [
            "[[sections.claims]]",
            f'id = "c{number}"',
            f'text = "Judgement number {number}"',
            f'claimant = "Party {number % PARTIES}"',
            f'likelihood = "{terms[number % len(terms)]}"',
            'evidence = [{ text = "Seen.", source = "src" }]',
        ]
        if number % 10 == 0:
            lines += [
                f'assumptions = [{{ text = "Assumed {number}.", if_wrong = "Then not." }}]',
                f'indicators = [{{ text = "Watch {number}.", effect = "weakens" }}]',
                f'gaps = ["Unknown {number}."]',
            ]
    path = tmp_path_factory.mktemp("large-v2") / "large-v2.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load(path)


async def test_assessment_of_fifty_thousand_judgements_opens_as_an_overview(
    large_v2: Briefing,
) -> None:
    async with hosted(lambda: AssessmentScreen(large_v2), size=(130, 30)) as pilot:
        text = screen_text(pilot.app)
        tenth = CLAIMS // 10
        assert f"{CLAIMS} judgements · {tenth} assumptions · {tenth} indicators" in text
        assert "Bottom line: Most of it is likely." in text
        tree = pilot.app.screen.query_one(Tree)
        # Every long part closed: a heading and its count each, nothing listed yet.
        nodes = [tree.root]
        for node in nodes:
            nodes.extend(node.children)
        assert len(nodes) < 20
        assert f"{CLAIMS} rest on a single source" in text
        await press(pilot, "enter")  # open the judgements: the first batch
        judgements = tree.root.children[0]
        assert len(judgements.children) == 201  # 200 judgements and a "more" row
        most_likely = likelihood_text(list(LIKELIHOODS)[-1])
        shown = [str(child.label) for child in judgements.children[:200]]
        assert all(most_likely in label for label in shown)
        # Most likely first, in reading order within one likelihood.
        first = [n for n in range(CLAIMS) if n % len(LIKELIHOODS) == len(LIKELIHOODS) - 1][:200]
        assert [child.data and child.data.claim_id for child in judgements.children[:200]] == [
            f"c{n}" for n in first
        ]
        assert f"… {CLAIMS - 200} more: enter shows the next 200" in str(
            judgements.children[-1].label
        )


async def test_assessment_of_fifty_thousand_version_1_claims(large: Briefing) -> None:
    async with hosted(lambda: AssessmentScreen(large), size=(130, 30)) as pilot:
        text = screen_text(pilot.app)
        assert f"{CLAIMS} rest on a single source" in text
        # Every fifth claim is denied, and every claim's evidence names its source.
        assert "0 denied, with no sourced evidence" in text
        await press(pilot, "down", "enter", "end")
        assert "… 49800 more: enter shows the next 200" in screen_text(pilot.app)


async def test_open_all_on_fifty_thousand_claims_adds_rows_in_batches(large: Briefing) -> None:
    # + opens every source and party, but each still shows its first 200 rows only.
    async with hosted(lambda: SourcesScreen(large), size=(130, 30)) as pilot:
        await press(pilot, "plus")
        tree = pilot.app.screen.query_one(Tree)
        assert all(node.is_expanded for node in tree.root.children)
        assert all(len(node.children) == 201 for node in tree.root.children)
        await press(pilot, "minus")
        assert not any(node.is_expanded for node in tree.root.children)
    async with hosted(lambda: PartiesScreen(large), size=(130, 30)) as pilot:
        await press(pilot, "plus")
        tree = pilot.app.screen.query_one(Tree)
        assert len(tree.root.children) == PARTIES
        for party in tree.root.children:
            claims = party.children[0]
            assert claims.is_expanded and len(claims.children) == 201
