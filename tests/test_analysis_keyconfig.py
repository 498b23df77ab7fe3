"""Rebindable keys: a good config applies; every problem is one located line, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.settings.keys import KeyAction, key_config_path, load_key_config

ACTIONS = [
    KeyAction("sources", "briefing", ("s",)),
    KeyAction("timeline", "briefing", ("t",)),
    KeyAction("search", "briefing", ("slash",)),
    KeyAction("filter", "briefing", ("f",)),
    KeyAction("table_filter", "claims table", ("slash",)),
    KeyAction("quit", "app", ("q",)),
]


def _load(tmp_path: Path, text: str | bytes) -> tuple[dict[str, str], list[str]]:
    path = tmp_path / "keys.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    config = load_key_config(path, ACTIONS, normalize=lambda k: {"/": "slash"}.get(k, k))
    return config.textual_keymap(), [
        str(d).replace(str(tmp_path), "DIR") for d in config.diagnostics
    ]


def test_no_file_means_defaults_and_no_problems(tmp_path: Path) -> None:
    config = load_key_config(tmp_path / "missing.toml", ACTIONS)
    assert config.keymap == {} and config.diagnostics == []


def test_config_path_honours_the_env_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CONFIG_DIR", str(tmp_path))
    assert key_config_path() == tmp_path / "keys.toml"


def test_good_config_rebinds_with_strings_lists_and_commas(tmp_path: Path) -> None:
    keymap, problems = _load(
        tmp_path,
        '[keys]\nsources = "S"\ntimeline = ["ctrl+t", "f7"]\nquit = "q,ctrl+q"\n',
    )
    assert problems == []
    assert keymap == {"sources": "S", "timeline": "ctrl+t,f7", "quit": "q,ctrl+q"}


def test_unknown_action_is_located_with_a_suggestion(tmp_path: Path) -> None:
    keymap, problems = _load(tmp_path, '[keys]\nsources = "S"\n\n  sourcs = "x"\n')
    assert problems == [
        "DIR/keys.toml:4:3: error: keys.sourcs: unknown action 'sourcs'; did you mean 'sources'?"
    ]
    assert keymap == {"sources": "S"}  # the good entry still applies


def test_unknown_action_without_a_near_name_lists_the_actions(tmp_path: Path) -> None:
    _, problems = _load(tmp_path, '[keys]\nzzz = "x"\n')
    assert problems == [
        "DIR/keys.toml:2:1: error: keys.zzz: unknown action 'zzz'; actions are: "
        "filter, quit, search, sources, table_filter, timeline"
    ]


def test_wrong_types_and_bad_keys_are_located(tmp_path: Path) -> None:
    keymap, problems = _load(
        tmp_path,
        "[keys]\n"
        "sources = 3\n"
        'timeline = ["t", 7]\n'
        'search = "hyperspace+x"\n'
        'filter = ["Page Down"]\n'
        "quit = []\n",
    )
    assert problems == [
        "DIR/keys.toml:2:1: error: keys.sources: expected a key string or a list of them, "
        "found an integer",
        "DIR/keys.toml:3:18: error: keys.timeline[1]: expected a string, found an integer",
        "DIR/keys.toml:4:1: error: keys.search: unknown modifier 'hyperspace' in "
        "'hyperspace+x'; modifiers are ctrl, alt, shift, super, meta, hyper",
        "DIR/keys.toml:5:11: error: keys.filter[0]: unknown key name 'Page Down' in 'Page Down'",
        "DIR/keys.toml:6:1: error: keys.quit: give at least one key",
    ]
    assert keymap == {}


def test_a_key_taken_by_another_action_in_the_same_scope_is_refused(tmp_path: Path) -> None:
    keymap, problems = _load(tmp_path, '[keys]\nfilter = "/"\n')
    assert problems == [
        "DIR/keys.toml:2:1: error: keys.filter: slash: already the key of 'search' "
        "(briefing); bind 'search' to another key too"
    ]
    assert keymap == {}


def test_swapping_two_keys_is_not_a_clash_and_other_scopes_do_not_clash(tmp_path: Path) -> None:
    keymap, problems = _load(tmp_path, '[keys]\nfilter = "/"\nsearch = "f"\ntable_filter = "f"\n')
    assert problems == []
    assert keymap == {"filter": "slash", "search": "f", "table_filter": "f"}


def test_syntax_errors_and_bad_encoding_are_located(tmp_path: Path) -> None:
    keymap, problems = _load(tmp_path, '[keys]\nsources = "s\n')
    assert keymap == {}
    assert len(problems) == 1 and problems[0].startswith("DIR/keys.toml:2:")
    assert "error: TOML syntax:" in problems[0]
    _, problems = _load(tmp_path, b'[keys]\nsources = "\xff"\n')
    assert problems == [
        "DIR/keys.toml:2:12: error: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    ]


def test_unknown_top_level_key_and_keys_not_a_table(tmp_path: Path) -> None:
    _, problems = _load(tmp_path, "key = 1\n")
    assert problems == ["DIR/keys.toml:1:1: error: key: unknown key 'key'; did you mean 'keys'?"]
    _, problems = _load(tmp_path, 'keys = "s"\n')
    assert problems == ["DIR/keys.toml:1:1: error: keys: expected a table, found a string"]


def test_unreadable_config_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "keys.toml").mkdir()
    config = load_key_config(tmp_path / "keys.toml", ACTIONS)
    assert config.keymap == {}
    assert len(config.diagnostics) == 1 and "cannot read" in str(config.diagnostics[0])


def test_an_action_in_several_scopes_is_checked_in_each(tmp_path: Path) -> None:
    actions = [
        KeyAction("quit", "app", ("q",)),
        KeyAction("quit", "briefing", ("q",)),
        KeyAction("filter", "briefing", ("f",)),
        KeyAction("cursor_down", "briefing", ("j",), rebindable=False),
    ]
    path = tmp_path / "keys.toml"
    path.write_text('[keys]\nquit = "f"\n', encoding="utf-8")
    config = load_key_config(path, actions)
    assert [d.message for d in config.diagnostics] == [
        "f: already the key of 'filter' (briefing); bind 'filter' to another key too"
    ]
    path.write_text('[keys]\nfilter = "j"\n', encoding="utf-8")
    config = load_key_config(path, actions)
    assert [d.message for d in config.diagnostics] == [
        "j: already the key of 'cursor_down' (briefing); bind 'cursor_down' to another key too"
    ]
    path.write_text('[keys]\ncursor_down = "x"\n', encoding="utf-8")
    config = load_key_config(path, actions)
    assert config.diagnostics[0].message.startswith("unknown action 'cursor_down'")
    path.write_text('[keys]\nquit = "ctrl+q"\n', encoding="utf-8")
    assert load_key_config(path, actions).textual_keymap() == {"quit": "ctrl+q"}
