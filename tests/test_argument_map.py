"""The argument map (a): relations from both ends, opened step by step, cycles marked.

On the version 2 export fixture (every relation type, `same-as` at both ends and at
one), on a small fixture whose relations run in a circle, and on the bundled briefing,
in the map alone and from the reader (Enter goes to a claim as a step in the history).
"""

from __future__ import annotations

from pathlib import Path

from analysis_fixtures import bundled_path, load
from analysis_pilot import CHOSEN_NOTHING, hosted
from reader_pilot import (
    FIXTURES,
    SAMPLE,
    briefing_screen,
    current,
    notices,
    press,
    reader,
    screen_text,
)
from textual.widgets import Tree

from briefing.document.model import Briefing
from briefing.query.argument import NEEDS_VERSION_2, NO_RELATIONS, Link, links, steps
from briefing.tui.views.argument_map import ALREADY_ABOVE, ArgumentMapScreen

FEATURES = FIXTURES / "features-v2.toml"
CYCLE = FIXTURES / "argument-cycle.toml"


def _links(briefing: Briefing, claim_id: str) -> list[tuple[str, str, str]]:
    claim = briefing.claim(claim_id)
    assert claim is not None
    return [(link.mark, link.words, link.claim_id) for link in links(briefing, claim)]


# The map's data, without Textual ---------------------------------------------------------


def test_a_claim_lists_its_own_relations_and_those_held_towards_it() -> None:
    briefing = load(FEATURES)
    assert _links(briefing, "convoy-attacked") == [
        ("+", "supported by", "premiums-rose"),
        ("−", "contradicts", "no-attack"),
    ]
    assert _links(briefing, "no-attack") == [
        ("−", "contradicted by", "convoy-attacked"),
        ("=", "same as", "navy-echo"),
    ]
    assert _links(briefing, "escorts-agreed") == [
        ("⊘", "undercut by", "escorts-for-show"),
        ("~", "qualified by", "talks-narrow"),
    ]


def test_same_as_stated_at_both_ends_is_listed_once_from_each() -> None:
    briefing = load(FEATURES)
    assert _links(briefing, "corridor-reopens") == [("=", "same as", "reopening-reported")]
    assert _links(briefing, "reopening-reported") == [("=", "same as", "corridor-reopens")]


def test_notes_come_with_the_relation_from_both_ends() -> None:
    briefing = load(FEATURES)
    note = "The agency reports the attack that the navy says never happened."
    convoy, no_attack = briefing.claim("convoy-attacked"), briefing.claim("no-attack")
    assert convoy is not None and no_attack is not None
    assert Link("contradicts", False, "no-attack", note) in links(briefing, convoy)
    assert Link("contradicts", True, "convoy-attacked", note) in links(briefing, no_attack)


def test_a_step_leaves_out_the_relation_it_came_by_and_marks_a_claim_on_its_path() -> None:
    briefing = load(CYCLE)
    first = steps(briefing, ("first",))
    assert [(s.link.words, s.link.claim_id, s.cycle) for s in first] == [
        ("supports", "second", False),
        ("contradicted by", "third", False),
    ]
    # Under "second": the way back to "first" is the row above, not a new one.
    second = steps(briefing, ("first", "second"), first[0].link)
    assert [(s.link.words, s.link.claim_id, s.cycle) for s in second] == [
        ("supports", "third", False)
    ]
    third = steps(briefing, ("first", "second", "third"), second[0].link)
    assert [(s.link.words, s.link.claim_id, s.cycle) for s in third] == [
        ("contradicts", "first", True)
    ]


# The view --------------------------------------------------------------------------------


def _tree(pilot: object) -> Tree[object]:
    return pilot.app.screen.query_one("#view-body", Tree)  # type: ignore[attr-defined, no-any-return]


async def test_the_bundled_contradicted_claim_shows_the_claim_contradicting_it() -> None:
    briefing = load(bundled_path())
    view = lambda: ArgumentMapScreen(briefing, "tacit-official-approval")  # noqa: E731
    async with hosted(view, size=(140, 30)) as pilot:
        text = screen_text(pilot.app)
        assert "The claim: The presence of Russian military recruitment adverts" in text
        # Readable without colour: the mark and the words start the row.
        assert "− contradicted by: The Chinese fighters recently captured in Ukraine" in text
        assert "+ supported by: Russian military recruitment adverts are circulating" in text
        assert "— US officials" in text and "us-officials" not in text
        assert "2 relations with other claims" in text
        await press(pilot, "down")
        text = screen_text(pilot.app)
        # The row under the cursor in full, with its note.
        assert "Note: Commentators see at least tacit approval by the Chinese state" in text
        await press(pilot, "enter")
    assert pilot.app.chosen == "us-officials-no-direct-ties"


async def test_rows_open_step_by_step_and_a_cycle_is_marked_not_opened() -> None:
    briefing = load(CYCLE)
    async with hosted(lambda: ArgumentMapScreen(briefing, "first"), size=(120, 24)) as pilot:
        tree = _tree(pilot)
        assert [len(child.children) for child in tree.root.children] == [0, 0]  # not read yet
        text = screen_text(pilot.app)
        assert "+ supports: The fields below the dam flooded. — Southern observers" in text
        assert "− contradicted by: The harvest was lost." in text
        assert "note: An open dam would flood the fields." in text
        await press(pilot, "right")  # opens "second"
        assert "+ supports: The harvest was lost." in screen_text(pilot.app)
        await press(pilot, "right")  # on an open row: steps into it
        step = tree.cursor_node.data if tree.cursor_node is not None else None
        assert step is not None and step.link.claim_id == "third"  # type: ignore[attr-defined]
        await press(pilot, "right")  # opens "third", under "second"
        text = screen_text(pilot.app)
        cycle = "− contradicts: The dam was opened on Monday. — Northern observers"
        cycle += "  " + ALREADY_ABOVE
        assert cycle in text
        await press(pilot, "down")
        node = tree.cursor_node
        assert node is not None and not node.allow_expand
        rows = tree.last_line
        await press(pilot, "right", "space")  # a marked row does not open
        assert tree.last_line == rows
        await press(pilot, "left", "left")  # up to "third", then closes it
        assert cycle not in screen_text(pilot.app)
        await press(pilot, "left", "enter")  # up to "second", and there

    assert pilot.app.chosen == "second"


async def test_a_claim_nothing_bears_on_says_so() -> None:
    briefing = load(CYCLE)
    async with hosted(lambda: ArgumentMapScreen(briefing, "alone"), size=(100, 20)) as pilot:
        text = screen_text(pilot.app)
        assert NO_RELATIONS in text
        assert "The claim: The weather was dry all week. — Northern observers" in text
        await press(pilot, "down", "enter")  # the sentence is no claim to go to
        assert pilot.app.chosen == CHOSEN_NOTHING
        await press(pilot, "escape")
    assert pilot.app.chosen is None


# From the reader -----------------------------------------------------------------------------


async def test_a_in_the_reader_opens_the_map_and_enter_goes_to_the_claim_in_the_history() -> None:
    async with reader(bundled_path(), size=(140, 40)) as pilot:
        app = pilot.app
        assert briefing_screen(app).panes.go_to_claim("tacit-official-approval", step=True)
        await press(pilot, "a")
        assert isinstance(app.screen, ArgumentMapScreen)
        assert "− contradicted by: The Chinese fighters" in screen_text(app)
        await press(pilot, "down", "down", "enter")
        assert current(app) == ("claim", "us-officials-no-direct-ties")
        await press(pilot, "backspace")
        assert current(app) == ("claim", "tacit-official-approval")


async def test_a_in_a_version_1_briefing_says_relations_come_with_version_2() -> None:
    async with reader(SAMPLE) as pilot:
        app = pilot.app
        first = app.screen  # the reader
        await press(pilot, "right_square_bracket")  # the first claim
        place = current(app)
        assert place is not None and place[0] == "claim"
        await press(pilot, "a")
        assert app.screen is first
        assert NEEDS_VERSION_2 in notices(app)
        assert "briefing upgrade" in NEEDS_VERSION_2


async def test_a_on_a_section_asks_for_a_claim(tmp_path: Path) -> None:
    async with reader(CYCLE) as pilot:
        app = pilot.app
        assert current(app) == ("section", "circle")
        await press(pilot, "a")
        assert not isinstance(app.screen, ArgumentMapScreen)
        assert "Choose a claim first" in notices(app)


async def test_the_palette_opens_the_map_of_the_current_claim() -> None:
    async with reader(CYCLE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")  # the first claim
        await press(pilot, "ctrl+p", *"argument map")
        await pilot.pause(0.3)
        assert "Argument map: the claims bearing on the current claim" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ArgumentMapScreen)
        assert "The claim: The dam was opened on Monday." in screen_text(app)
