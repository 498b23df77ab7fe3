"""The help screen: every key in force where it was opened, and what the badges mean.

The list is made from the bindings themselves, so it cannot fall behind the code;
`docs/keys.md` is made from the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from briefing.query.badges import BADGE_LEGEND
from briefing.tui.compat import bindings_in_force

NOTES = (
    "A claim with denials starts with ✗. Following a 'see also' link, a relation (→ one the "
    "claim states, ← one stated about it) or a search result is a step in the history that "
    "backspace undoes and alt+→ redoes. The palette (ctrl+p) "
    "jumps to any section or claim by a few letters of it. Search is case-insensitive unless "
    "the query has a capital letter. The assessment (A) counts, for scrutiny, claims that rest "
    "on a single source (one piece of evidence, or every piece citing the same source), denied "
    "claims none of whose evidence names a source, and judgements with a confidence but no "
    "likelihood. Sources (s) and who says what (w) open as an overview, "
    "every row closed with its counts: → or enter opens a row, ← closes it, + opens them all "
    "and - closes them all. The argument map (a) starts each row with its relation: "
    "+ supports, − contradicts, ⊘ undercuts, ~ qualifies, = same as; ↻ marks a claim "
    "already shown above it on its branch."
)

KeyRow = tuple[str, str, str, str]
"""A help row: its group, the keys (joined by ` / `), what they do, and its name in keys.toml."""


def _rows_of(app: App[object], node: DOMNode, group: str) -> list[KeyRow]:
    # One row per action, with every key bound to it.
    keys: dict[str, list[str]] = {}
    descriptions: dict[str, str] = {}
    names: dict[str, str] = {}
    # The keys in force: the user's key config (the app's keymap) replaces defaults.
    for bindings in bindings_in_force(app, node).key_to_bindings.values():
        for binding in bindings:
            if binding.system or not binding.description:
                continue
            descriptions.setdefault(binding.action, binding.description)
            if binding.id:
                names.setdefault(binding.action, binding.id)
            shown = app.get_key_display(binding)
            action_keys = keys.setdefault(binding.action, [])
            if shown not in action_keys:
                action_keys.append(shown)
    return [
        (group, " / ".join(keys[action]), descriptions[action], names.get(action, ""))
        for action in keys
    ]


def binding_rows(screen: Screen[object]) -> list[KeyRow]:
    """Return the keys in force on `screen`: its own, its panes', and the app's."""
    app = screen.app
    rows = _rows_of(app, screen, "This screen")
    seen: set[str] = set()
    for widget in screen.query("*"):
        group = getattr(widget, "HELP_GROUP", None)
        if isinstance(group, str) and group not in seen:
            seen.add(group)
            rows.extend(_rows_of(app, widget, group))
    rows.extend(_rows_of(app, app, "Everywhere"))
    # A key the screen repeats from the app (to order the footer) is listed once.
    listed: set[tuple[str, str]] = set()
    unique: list[KeyRow] = []
    for group, keys, description, name in rows:
        if (keys, description) not in listed:
            listed.add((keys, description))
            unique.append((group, keys, description, name))
    return unique


def keys_markdown(rows: Iterable[KeyRow]) -> str:
    """Return the rows as Markdown tables, one per group."""
    out: list[str] = ["# Keys", ""]
    group = None
    for row_group, keys, description, name in rows:
        if row_group != group:
            group = row_group
            out += [
                "",
                f"## {group}",
                "",
                "| Keys | What they do | Name in keys.toml |",
                "| --- | --- | --- |",
            ]
        out.append(f"| {_md(keys)} | {_md(description)} | {f'`{name}`' if name else ''} |")
    out += ["", "## Badges", "", "| Badge | Meaning |", "| --- | --- |"]
    out += [f"| `{badge}` | {_md(meaning)} |" for badge, meaning in BADGE_LEGEND]
    out += ["", NOTES]
    return "\n".join(out).replace("# Keys\n\n\n", "# Keys\n\n") + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def help_text(rows: Iterable[KeyRow]) -> Text:
    """Return the rows as aligned text, one group after another, then the badge legend."""
    rows = list(rows)
    width = max((len(keys) for _, keys, _, _ in rows), default=8) + 2
    out = Text()
    group = None
    for row_group, keys, description, name in rows:
        if row_group != group:
            if group is not None:
                out.append("\n")
            group = row_group
            out.append(f"{group}\n", "bold underline")
        out.append(f"  {keys:<{width}}", "bold")
        out.append(description)
        if name:
            # The name to rebind it by, in keys.toml.
            out.append(f"  [{name}]", "dim")
        out.append("\n")
    out.append("\nBadges (on every claim row)\n", "bold underline")
    for badge, meaning in BADGE_LEGEND:
        out.append(f"  {badge:<{width}}", "bold")
        out.append(f"{meaning}\n")
    out.append("\n" + NOTES)
    return out


class HelpScreen(ModalScreen[None]):
    """Every key, grouped where it works; Escape, q or ? closes."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", key_display="esc"),
    ]

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        """Lay out the key list in a scrolling box."""
        with VerticalScroll(id="help-box"):
            yield Static(help_text(self._rows), id="help-text")

    def on_mount(self) -> None:
        """Title the box and let the arrow keys scroll it."""
        box = self.query_one("#help-box")
        box.border_title = "Keys"
        box.border_subtitle = "esc to close"
        box.focus()

    def action_close(self) -> None:
        """Close the help screen."""
        self.dismiss(None)
