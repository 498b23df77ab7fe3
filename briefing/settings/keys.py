"""Rebindable keys: a TOML file in the user's config folder maps actions to keys.

    # keys.toml
    [keys]
    sources  = "s"
    timeline = ["t", "f7"]      # several keys: a list, or "t,f7"

A bad file never stops the reader: every problem is reported as one located line,
`FILE:LINE:COL: error: KEYPATH: MESSAGE`, and the actions it concerns keep their
default keys. Nothing here imports Textual; the app passes in how it names keys.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from briefing.document.diagnostics import Diagnostic, format_keypath, type_name
from briefing.document.locate import KeyPath, Locator
from briefing.settings.userdirs import config_dir

CONFIG_FILE = "keys.toml"
MODIFIERS = ("ctrl", "alt", "shift", "super", "meta", "hyper")
_KEY_NAME = re.compile(r"[a-z][a-z0-9_]*")
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class KeyAction:
    """An action a key can be bound to: its id in the config, where it works, its keys.

    One id may stand in several scopes (quit is bound on the app and on a screen);
    rebinding it rebinds it everywhere.
    """

    id: str
    scope: str
    """Where the binding lives (a screen's name, or "app"): keys clash only within one."""
    default: tuple[str, ...]
    description: str = ""
    rebindable: bool = True
    """False for a key that only occupies its keys (a pane's own keys): not in the config."""


@dataclass
class KeyConfig:
    """What the config file gave: the keys to use per action id, and its problems."""

    path: Path
    keymap: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Action id -> its keys, for the actions the file rebinds (and validly)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def textual_keymap(self) -> dict[str, str]:
        """Return the keymap as Textual's `App.set_keymap` takes it: id -> "k1,k2"."""
        return {action: ",".join(keys) for action, keys in self.keymap.items()}


def key_config_path() -> Path:
    """Return where the key config file is looked for."""
    return config_dir() / CONFIG_FILE


def _plain_name(name: str) -> bool:
    return bool(_KEY_NAME.fullmatch(name))


def _same(key: str) -> str:
    return key


@dataclass
class _Entry:
    id: str
    scopes: tuple[str, ...]
    keys: tuple[str, ...]
    path: KeyPath


class _Reader:
    """One config file being checked; collects problems with their key paths."""

    def __init__(
        self,
        path: Path,
        actions: Sequence[KeyAction],
        is_key_name: Callable[[str], bool],
        normalize: Callable[[str], str],
    ) -> None:
        self.path = path
        self.actions: dict[str, list[KeyAction]] = {}
        self.occupants: list[KeyAction] = []
        for action in actions:
            if action.rebindable:
                self.actions.setdefault(action.id, []).append(action)
            else:
                self.occupants.append(action)
        self.is_key_name = is_key_name
        self.normalize = normalize
        self.problems: list[tuple[KeyPath, str]] = []

    def check_key(self, key: str) -> str | None:
        """Return what is wrong with one key string, or None."""
        if not key.strip():
            return "a key must not be empty"
        if key != key.strip():
            return f"key {key!r} has spaces around it"
        *modifiers, name = key.split("+") if len(key) > 1 else [key]
        for modifier in modifiers:
            if modifier not in MODIFIERS:
                return (
                    f"unknown modifier {modifier!r} in {key!r}; "
                    f"modifiers are {', '.join(MODIFIERS)}"
                )
        if len(name) == 1:
            if name.isprintable() and not name.isspace():
                return None
            return f"key {key!r} is not a printable character; write its name, such as 'space'"
        if name and self.is_key_name(name):
            return None
        return f"unknown key name {name!r} in {key!r}"

    def entry(self, name: str, value: Any) -> _Entry | None:
        """Return the checked entry for `name = value`, or None (with a problem noted)."""
        path: KeyPath = ("keys", name)
        scoped = self.actions.get(name)
        if scoped is None:
            message = f"unknown action {name!r}"
            close = difflib.get_close_matches(name, self.actions, n=1, cutoff=0.6)
            if close:
                message += f"; did you mean {close[0]!r}?"
            else:
                message += f"; actions are: {', '.join(sorted(self.actions))}"
            self.problems.append((path, message))
            return None
        items: list[tuple[KeyPath, str]]
        if isinstance(value, str):
            items = [(path, key.strip()) for key in value.split(",")] if value else [(path, "")]
        elif isinstance(value, list):
            if not value:
                self.problems.append((path, "give at least one key"))
                return None
            items = []
            for index, item in enumerate(value):
                if not isinstance(item, str):
                    found = type_name(item)
                    self.problems.append(((*path, index), f"expected a string, found {found}"))
                    return None
                items.append(((*path, index), item))
        else:
            found = type_name(value)
            self.problems.append((path, f"expected a key string or a list of them, found {found}"))
            return None
        keys: list[str] = []
        for where, key in items:
            problem = self.check_key(key)
            if problem is not None:
                self.problems.append((where, problem))
                return None
            normal = self.normalize(key)
            if normal not in keys:
                keys.append(normal)
        return _Entry(name, tuple(a.scope for a in scoped), tuple(keys), path)

    def without_clashes(self, entries: list[_Entry]) -> list[_Entry]:
        """Return the entries whose keys no other action in the same scope also uses."""
        entries = list(entries)
        while True:
            clash = self._first_clash(entries)
            if clash is None:
                return entries
            entry, other, scope = clash
            self.problems.append(
                (
                    entry.path,
                    f"{'/'.join(entry.keys)}: already the key of {other!r} "
                    f"({scope}); bind {other!r} to another key too",
                )
            )
            entries.remove(entry)

    def _first_clash(self, entries: list[_Entry]) -> tuple[_Entry, str, str] | None:
        configured = {entry.id for entry in entries}
        owners: dict[tuple[str, str], str] = {}
        # Defaults first: a configured key that takes a default key is the one at fault.
        defaults = [a for scoped in self.actions.values() for a in scoped] + self.occupants
        for action in defaults:
            if action.id not in configured:
                for key in action.default:
                    owners.setdefault((action.scope, self.normalize(key)), action.id)
        for entry in entries:
            for scope in entry.scopes:
                for key in entry.keys:
                    owner = owners.setdefault((scope, key), entry.id)
                    if owner != entry.id:
                        return entry, owner, scope
        return None


def load_key_config(
    path: Path,
    actions: Sequence[KeyAction],
    *,
    is_key_name: Callable[[str], bool] = _plain_name,
    normalize: Callable[[str], str] = _same,
) -> KeyConfig:
    """Return the keys `path` binds to `actions`, and every problem found, located.

    A missing file is no problem (every action keeps its default keys). `is_key_name`
    says whether a multi-letter name ("f7", "pageup") names a key; `normalize` gives
    the form two spellings of one key share ("?" and "question_mark").
    """
    config = KeyConfig(path)
    name = str(path)
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            message = "file is too large for a key config"
            config.diagnostics.append(Diagnostic(name, "error", message))
            return config
        data = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
        config.diagnostics.append(Diagnostic(name, "error", message))
        return config
    # Here, not at the top: the loader brings pydantic, which a reader with no key
    # config (or one opening from the cache's first frame) does not need yet.
    from briefing.document.loader import decode

    text, problem = decode(data, name)
    if problem is not None:
        config.diagnostics.append(problem)
        return config
    try:
        parsed = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = getattr(error, "msg", None) or str(error).split(" (at ")[0]
        line, col = getattr(error, "lineno", None), getattr(error, "colno", None)
        config.diagnostics.append(Diagnostic(name, "error", f"TOML syntax: {message}", line, col))
        return config
    reader = _Reader(path, actions, is_key_name, normalize)
    entries: list[_Entry] = []
    for key in parsed:
        if key != "keys":
            close = difflib.get_close_matches(key, ["keys"])
            suggestion = "; did you mean 'keys'?" if close else ""
            reader.problems.append(((key,), f"unknown key {key!r}{suggestion}"))
    table = parsed.get("keys", {})
    if not isinstance(table, dict):
        reader.problems.append((("keys",), f"expected a table, found {type_name(table)}"))
        table = {}
    for action_name, value in table.items():
        entry = reader.entry(action_name, value)
        if entry is not None:
            entries.append(entry)
    for entry in reader.without_clashes(entries):
        config.keymap[entry.id] = entry.keys
    if reader.problems:
        locator = Locator(text)
        for keypath, message in reader.problems:
            line, col = locator.position(keypath)
            config.diagnostics.append(
                Diagnostic(name, "error", message, line, col, format_keypath(keypath))
            )
        config.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0))
    return config
