"""The user's key config (keys.toml) applied to the reader at start.

Every binding with an `id` can be rebound; the id is the name the config file
uses (`sources = "S"`). A pane's own keys (the outline's j and k) cannot be
rebound but still count, so that a new key that would be shadowed is refused.
Textual's keymap does the rebinding; the help screen and footer show the result.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from textual.app import App
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, Keys

from briefing.settings.keys import KeyAction, KeyConfig, key_config_path, load_key_config
from briefing.tui.compat import class_bindings, key_name_of_character

MAX_SHOWN = 5
"""At most this many config problems are listed on screen; the rest are counted."""


def _actions_of(cls: type[DOMNode], scope: str, *, rebindable: bool) -> Iterable[KeyAction]:
    for key, bindings in class_bindings(cls).key_to_bindings.items():
        for binding in bindings:
            if binding.system:
                continue
            if rebindable and binding.id:
                yield KeyAction(binding.id, scope, (key,), binding.description)
            else:
                yield KeyAction(binding.action, scope, (key,), binding.description, False)


def key_actions(app_class: type[App[None]]) -> list[KeyAction]:
    """Return every action the config may rebind, and the keys that only occupy a place.

    `app_class` is the reader's app (passed in: the app imports this module), whose
    keys work everywhere.
    """
    from briefing.tui.briefing_screen.screen import BriefingScreen
    from briefing.tui.views.argument_map import ArgumentMapScreen
    from briefing.tui.views.assessment import AssessmentScreen
    from briefing.tui.views.claims_table import ClaimsTableScreen
    from briefing.tui.views.parties import PartiesScreen
    from briefing.tui.views.sources import SourcesScreen
    from briefing.tui.views.timeline import TimelineScreen
    from briefing.tui.widgets.claim_detail import ClaimDetail
    from briefing.tui.widgets.outline import Outline
    from briefing.tui.widgets.virtual_table import VirtualTable

    screens: list[tuple[str, type[DOMNode], list[type[DOMNode]]]] = [
        ("everywhere", app_class, []),
        ("briefing screen", BriefingScreen, [Outline, ClaimDetail]),
        ("sources view", SourcesScreen, []),
        ("who says what", PartiesScreen, []),
        ("timeline", TimelineScreen, [VirtualTable]),
        ("claims table", ClaimsTableScreen, [VirtualTable]),
        ("assessment", AssessmentScreen, []),
        ("argument map", ArgumentMapScreen, []),
    ]
    actions: list[KeyAction] = []
    for scope, screen, panes in screens:
        actions.extend(_actions_of(screen, scope, rebindable=True))
        for pane in panes:
            actions.extend(_actions_of(pane, scope, rebindable=False))
    return _merged(actions)


def _merged(actions: list[KeyAction]) -> list[KeyAction]:
    # One binding per key above: join the keys of one action in one scope.
    joined: dict[tuple[str, str, bool], KeyAction] = {}
    for action in actions:
        place = (action.id, action.scope, action.rebindable)
        before = joined.get(place)
        if before is None:
            joined[place] = action
        else:
            keys = before.default + tuple(k for k in action.default if k not in before.default)
            joined[place] = KeyAction(
                action.id, action.scope, keys, before.description, action.rebindable
            )
    return list(joined.values())


_NAMES = (
    {key.value for key in Keys if "<" not in key.value}
    | set(KEY_TO_UNICODE_NAME)
    | set(KEY_NAME_REPLACEMENTS.values())
)


def is_key_name(name: str) -> bool:
    """Return True when `name` names a key Textual knows: "f7", "pageup", "question_mark"."""
    if name in _NAMES:
        return True
    try:
        character = unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return key_name_of_character(character) == name


def normalize_key(key: str) -> str:
    """Return the name Textual matches a key by: "?" becomes "question_mark"."""
    if len(key) == 1:
        return key_name_of_character(key)
    modifiers, plus, last = key.rpartition("+")
    if plus and len(last) == 1:
        return f"{modifiers}+{key_name_of_character(last)}"
    return key


def read_key_config(app_class: type[App[None]]) -> KeyConfig:
    """Return the user's key config, checked against the actions of `app_class` and its screens."""
    path = key_config_path()
    if not path.exists():
        # Most readers have no config: skip gathering every screen's bindings (and
        # importing the analyst views), a quarter of the reader's start-up otherwise.
        return KeyConfig(path)
    return load_key_config(
        path, key_actions(app_class), is_key_name=is_key_name, normalize=normalize_key
    )


def apply_key_config(app: App[None], config: KeyConfig) -> None:
    """Rebind the keys the config sets, and show its problems (the defaults stay for them)."""
    if config.keymap:
        app.set_keymap(config.textual_keymap())
    problems = config.diagnostics
    if not problems:
        return
    lines = [str(problem) for problem in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(f"… and {len(problems) - MAX_SHOWN} more")
    app.notify(
        "\n".join(lines),
        title="Key config: the default keys are used where it is wrong",
        severity="error",
        timeout=15,
        markup=False,
    )
