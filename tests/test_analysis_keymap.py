"""The reader's rebindable actions and how key names are checked, as Textual names keys."""

from __future__ import annotations

from briefing.tui.app import BriefingApp
from briefing.tui.briefing_screen.analyst import ANALYST_BINDINGS
from briefing.tui.keymap import is_key_name, key_actions, normalize_key


def test_every_briefing_screen_key_and_view_key_can_be_rebound() -> None:
    rebindable = {(a.id, a.scope) for a in key_actions(BriefingApp) if a.rebindable}
    for binding in ANALYST_BINDINGS:
        assert (binding.id, "briefing screen") in rebindable
    for name in ("search", "filter", "export", "reload", "next_claim", "go_to_denials"):
        assert (name, "briefing screen") in rebindable
    assert ("quit", "everywhere") in rebindable and ("quit", "briefing screen") in rebindable
    assert ("table_filter", "claims table") in rebindable
    assert ("sort_by_stated", "claims table") in rebindable
    assert ("back", "timeline") in rebindable


def test_pane_keys_occupy_their_keys_but_cannot_be_rebound() -> None:
    occupants = {(a.id, a.scope): a.default for a in key_actions(BriefingApp) if not a.rebindable}
    assert "j" in occupants[("cursor_down", "briefing screen")]


def test_default_keys_of_an_action_are_joined() -> None:
    found = {(a.id, a.scope): a.default for a in key_actions(BriefingApp) if a.rebindable}
    assert found[("claims_table", "briefing screen")] == ("T", "shift+t")
    assert found[("history_back", "briefing screen")] == ("backspace", "alt+left")


def test_key_names_as_textual_knows_them() -> None:
    for name in ("f7", "pageup", "space", "question_mark", "slash", "enter", "left_square_bracket"):
        assert is_key_name(name), name
    for name in ("Page Down", "f99", "hyperspace", "question mark"):
        assert not is_key_name(name), name
    assert normalize_key("?") == "question_mark"
    assert normalize_key("ctrl+/") == "ctrl+slash"
    assert normalize_key("T") == "T" and normalize_key("ctrl+t") == "ctrl+t"
