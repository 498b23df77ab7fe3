"""The reader session without Textual: where the reader stands, filter, history, search steps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reader_pilot import SAMPLE

from briefing.document.loader import load_file
from briefing.document.model import Briefing, Claim, Section
from briefing.query.filters import ClaimFilter
from briefing.query.search import LazyIndex
from briefing.query.session import OutlineItem, ReaderSession, match_group


def _sample(path: Path = SAMPLE) -> Briefing:
    briefing = load_file(path).briefing
    assert briefing is not None
    return briefing


@pytest.fixture
def session() -> ReaderSession:
    opened = ReaderSession()
    opened.open(_sample())
    return opened


def claim(claim_id: str) -> OutlineItem:
    return OutlineItem("claim", claim_id)


def section(section_id: str) -> OutlineItem:
    return OutlineItem("section", section_id)


def test_moving_to_an_item_returns_what_to_show_and_records_claims(
    session: ReaderSession,
) -> None:
    shown = session.move_to(section("escorts"))
    assert isinstance(shown, Section) and shown.id == "escorts"
    assert session.history.entries == []  # a section is not a visit
    shown = session.move_to(claim("escorts-agreed"))
    assert isinstance(shown, Claim) and shown.id == "escorts-agreed"
    assert session.current_section_id() == "escorts"
    assert session.current_claim_id() == "escorts-agreed"
    # Standing on it already: nothing to show again.
    assert session.move_to(claim("escorts-agreed")) is None
    # No such claim: the reader stays where they are.
    assert session.move_to(claim("no-such-claim")) is None
    assert session.current == claim("escorts-agreed")
    session.leave()
    assert session.move_to(claim("escorts-agreed")) is not None


def test_back_returns_to_the_history_claim_then_steps_back(session: ReaderSession) -> None:
    session.move_to(claim("escorts-agreed"))
    session.history.visit("convoy-attacked", step=True)  # a link followed
    session.move_to(claim("convoy-attacked"))
    session.move_to(section("attacks"))
    # Off the claim: back first returns to it, then to the one before.
    assert session.back() == "convoy-attacked"
    session.move_to(claim("convoy-attacked"))
    assert session.back() == "escorts-agreed"
    session.move_to(claim("escorts-agreed"))
    assert session.back() is None
    assert session.forward() == "convoy-attacked"
    assert session.forward() is None


def test_claim_after_steps_across_sections_in_the_filtered_order(
    session: ReaderSession,
) -> None:
    session.move_to(claim("escorts-started"))
    assert session.claim_after(1) == "convoy-attacked"  # the next section's first
    assert session.claim_after(-1) == "escorts-agreed"
    session.filter = ClaimFilter.DENIED
    assert session.claim_after(1) == "convoy-attacked"
    session.move_to(claim("convoy-attacked"))
    assert session.claim_after(1) is None
    session.move_to(section("talks"))
    assert session.claim_after(-1) == "convoy-attacked"


def test_reveal_turns_off_only_a_filter_that_hides_the_claim(session: ReaderSession) -> None:
    denied, plain = session.claim("escorts-agreed"), session.claim("escorts-started")
    assert denied is not None and plain is not None
    session.filter = ClaimFilter.DENIED
    assert not session.reveal(denied)
    assert session.filter is ClaimFilter.DENIED
    assert session.reveal(plain)
    assert session.filter is ClaimFilter.ALL


def test_a_filter_keeping_few_claims_opens_every_section(session: ReaderSession) -> None:
    assert not session.keeps_few()  # no filter
    session.filter = ClaimFilter.DENIED
    assert session.keeps_few()  # two of six claims, well under the limit


def test_stepping_through_matches_wraps_round_and_says_where(session: ReaderSession) -> None:
    assert session.index is not None
    matches = session.index.get().find("escort")
    assert len(matches) > 2
    first = session.searched("escort", matches, 0)
    assert first == matches[0]
    assert session.match_note(first).startswith(f"Match 1 of {len(matches)}: ")
    last = session.step_match(-1)  # round the start
    assert last == matches[-1]
    assert session.match_note(last).startswith(f"Match {len(matches)} of {len(matches)}: ")
    assert session.step_match(1) == matches[0]  # and back round the end
    assert session.step_match(1) == matches[1]
    assert session.searched("nothing-like-this", (), -1) is None
    assert session.query == "escort"  # a search that found nothing keeps the last one


def test_a_new_version_drops_matches_and_forgets_removed_claims(
    session: ReaderSession, tmp_path: Path
) -> None:
    assert session.index is not None
    session.searched("escort", session.index.get().find("escort"), 0)
    session.move_to(claim("escorts-agreed"))
    session.history.visit("talks-venue", step=True)
    session.move_to(claim("talks-venue"))
    old_index = session.index
    text = SAMPLE.read_text(encoding="utf-8")
    removed = '  [[sections.claims]]\n  id       = "talks-venue"\n'
    assert removed in text
    edited = tmp_path / "edited.toml"
    edited.write_text(text.replace(removed, '  [[sections.claims]]\n  id       = "talks-place"\n'))
    place = session.open(_sample(edited))
    assert not place.first
    assert place.item == claim("talks-venue") and place.section_id == "talks"
    assert session.index is not old_index
    assert session.matches == () and session.must_search_again()
    assert session.history.entries == ["escorts-agreed"]


def test_a_search_again_that_comes_too_late_is_dropped(session: ReaderSession) -> None:
    index = session.index
    assert index is not None
    session.searched("escort", index.get().find("escort"), 0)
    session.open(_sample())  # a reload: a new index, the matches dropped
    # The old index's matches arrive after the reload: not taken.
    assert not session.searched_again(index, "escort", index.get().find("escort"), 1)
    assert session.matches == ()
    new_index = session.index
    assert new_index is not None
    # Nor a search for other words than the last.
    assert not session.searched_again(new_index, "convoy", new_index.get().find("convoy"), 1)
    found = new_index.get().find("escort")
    assert session.searched_again(new_index, "escort", found, -1)
    assert session.step_match(-1) == found[-1]  # stepping backward lands on the last
    # Once taken, a second answer for the same search is dropped.
    assert not session.searched_again(new_index, "escort", found, 1)


def test_matches_in_a_claims_groups_open_that_group(session: ReaderSession) -> None:
    assert session.index is not None
    by_field = {m.entry.field: m for m in session.index.get().find("e")}
    assert match_group(by_field["evidence"]) == "evidence"
    assert match_group(by_field["caveat"]) == "caveats"
    assert match_group(by_field["denial"]) == "denials"
    assert match_group(by_field["claim"]) is None


def test_a_session_before_any_briefing_has_nowhere_to_go() -> None:
    empty = ReaderSession()
    assert empty.move_to(claim("escorts-agreed")) is None
    assert empty.claim_after(1) is None
    assert empty.current_section_id() is None
    assert not empty.must_search_again()
    place = empty.open(_sample())
    assert place.first and place.item is None and place.section_id is None
    assert isinstance(empty.index, LazyIndex)


def test_the_session_does_not_import_textual() -> None:
    code = "import sys, briefing.query.session; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
