"""Every use of Textual's (and Rich's) private API, each behind a name that says why we need it.

Textual gives no public way to do these things, and each was measured or needed (see
the docstrings). Nothing else in the package names a private attribute of Textual or
Rich: when Textual changes one, this module and tests/test_compat.py are the places to
look. Every function here has a test there that names it when the private thing it
reaches into has gone or changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

import textual.keys
from rich._wrap import divide_line
from rich.console import RenderableType
from textual.app import App
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.geometry import Size, Spacing
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Tree
from textual.widgets.option_list import Option

ReturnType = TypeVar("ReturnType")
NodeData = TypeVar("NodeData")


# The app


class AppWithErrorHook(App[ReturnType]):
    """An App that is told of an unexpected error after Textual has handled it.

    Textual's `App._handle_exception` is the one place every unhandled error of the
    app passes through (it then exits); it has no public hook.
    """

    def _handle_exception(self, error: Exception) -> None:
        super()._handle_exception(error)
        self.after_unhandled_error(error)

    def after_unhandled_error(self, error: Exception) -> None:
        """Called once Textual has handled `error` (and is exiting); nothing by default."""


def replace_exit_messages(app: App[Any], message: RenderableType) -> None:
    """Have `app` print only `message` once it has closed, instead of what it queued.

    Reaches into `App._exit_renderables`, the list Textual prints after it restores the
    terminal: after an unexpected error it holds the traceback, which the reader
    replaces with one line (`App.exit(message=...)` can only add to the list).
    """
    app._exit_renderables[:] = [message]


def screen_lines(screen: Screen[Any]) -> list[Strip]:
    """Return what `screen` shows now: one Strip a line, every widget on it composed.

    Reaches into `Screen._compositor.render_strips()`: Textual draws a screen only into
    its driver or an SVG, and the reader keeps a picture of its first frame of a briefing
    (briefing_screen/picture.py). The lines are as the widgets drew them, filters applied.
    """
    return list(screen._compositor.render_strips())


# Keys and bindings


def class_bindings(node_class: type[DOMNode]) -> BindingsMap:
    """Return the bindings a class of node has, its own and those it inherits.

    Calls `DOMNode._merge_bindings`, the classmethod Textual builds each node's bindings
    from: the key config checks a file against every screen's keys before any screen
    exists (the public `active_bindings` needs a running app and a mounted node).
    """
    return node_class._merge_bindings()


def bindings_in_force(app: App[Any], node: DOMNode) -> BindingsMap:
    """Return a copy of `node`'s bindings with the app's keymap (the user's key config) applied.

    Reads `DOMNode._bindings` and `App._keymap`, as Textual does when it resolves a key:
    the help screen lists the keys of every pane, focused or not, where the public
    `Screen.active_bindings` holds only those of the focused widget and its ancestors.
    """
    bindings = node._bindings.copy()
    if app._keymap:
        bindings.apply_keymap(app._keymap)
    return bindings


def key_name_of_character(character: str) -> str:
    """Return the name Textual gives the key that types `character`: "?" is "question_mark".

    Calls `textual.keys._character_to_key`, the function Textual names keys by, so that
    a key config may write a key either way and match Textual's bindings.
    """
    return textual.keys._character_to_key(character)


# The footer


class FooterThatLetsOldKeysGo(Footer):
    """A Footer whose recompose lets the keys it drew before be freed.

    Each FooterKey binds `compact` to its footer (`data_bind`), which adds a watcher to
    the footer's private `__watchers`; Textual drops the watchers of closed widgets only
    when `compact` changes, which it never does here. The footer is composed anew each
    time the keys in force change (every move of the focus), so each time it kept its
    old keys, with their styles and caches, for the rest of the session: 300 presses of
    Tab took a reader on a 2,000-claim briefing from 85 to 179 MB (75 to 88 MB with this).
    """

    keys_composed = False
    """True while the footer shows the keys in force: False until it first has, and
    from each change of them until it has composed them anew."""

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self.keys_composed = False
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        self.keys_composed = False
        await super().recompose()
        forget_closed_watchers(self)
        self.keys_composed = True


def forget_closed_watchers(node: DOMNode) -> None:
    """Drop `node`'s watchers that belong to closed widgets, as Textual does on a change.

    Rewrites the lists in `__watchers` (reactive name -> [(watching node, callback)]),
    the attribute `textual.reactive._watch` keeps them in.
    """
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(node, "__watchers", {})
    for found in watchers.values():
        found[:] = [(by, then) for by, then in found if not (by._closing or by._closed)]


# Widgets' sizes and scrollbars


def update_scrollbars(widget: Widget, virtual_size: Size) -> None:
    """Have the widget's scrollbars follow a new virtual size, without a layout of the screen.

    Calls `Widget._scroll_update`, what Textual calls when a size changes: widgets whose
    virtual size changes without a layout (see `Outline` and `SectionDetail`) call it
    themselves.
    """
    widget._scroll_update(virtual_size)


class TreeWithLineHook(Tree[NodeData]):
    """A Tree whose subclass decides what follows a change of its lines (a node opened or closed).

    Textual's `Tree._invalidate` runs on every such change and asks for a layout of the
    whole screen; `invalidate_lines` takes its place.
    """

    def _invalidate(self) -> None:
        self.invalidate_lines()

    def invalidate_lines(self) -> None:
        """Forget the tree's lines and redraw it; by default as Textual does."""
        super()._invalidate()


def forget_tree_lines(tree: Tree[NodeData]) -> None:
    """Make a tree build its lines afresh at its next use, and redraw every node.

    What `Tree._invalidate` does before its layout: `Tree._clear_line_cache`, a new
    `Tree._updates` count (which keys the rendered lines) and `TreeNode._reset` of the root.
    """
    tree._clear_line_cache()
    tree._updates += 1
    tree.root._reset()


# Option lists


class OptionLines(Protocol):
    """The lines an OptionList has measured: (option index, line in it), per-option heights,
    and the first line of each option."""

    lines: list[tuple[int, int]]
    heights: dict[int, int]
    index_to_line: dict[int, int]


class OptionListWithMeasureHook(OptionList):
    """An OptionList whose subclass decides how its options are measured into lines.

    Textual's `OptionList._update_lines` measures every option not yet measured; it is
    called before anything reads the lines (drawing, scrolling, moving the cursor).
    `measure_options` takes its place.
    """

    def _update_lines(self) -> None:
        self.measure_options()

    def measure_options(self) -> None:
        """Measure the options not yet measured; by default, all of them, as Textual does."""
        super()._update_lines()


def measured_lines(option_list: OptionList) -> OptionLines:
    """Return the option list's measured lines (`OptionList._line_cache`), to extend in place."""
    return option_list._line_cache


def forget_measured_options(option_list: OptionList) -> None:
    """Drop what the option list has measured and drawn, to measure and draw it afresh.

    Clears `OptionList._line_cache` and `OptionList._option_render_cache`, as Textual's
    `OptionList._clear_caches` does without the repaint it asks for.
    """
    option_list._line_cache.clear()
    option_list._option_render_cache.clear()


def option_visual(option_list: OptionList, option: Option) -> Visual:
    """Return the visual the option list draws `option` with, made once (`_get_visual`)."""
    return option_list._get_visual(option)


def left_gutter_width(option_list: OptionList) -> int:
    """Return the columns left of the options (`_get_left_gutter_width`): 0 in an OptionList."""
    return option_list._get_left_gutter_width()


def has_divider(option: Option) -> bool:
    """Return True when a separator line is drawn under `option` (`Option._divider`)."""
    return option._divider


def store_drawn_option(
    option_list: OptionList, option: Option, style: Style, padding: Spacing, strips: list[Strip]
) -> None:
    """Give the option list an option's drawn lines, as `_get_option_render` would draw them.

    Writes to `OptionList._option_render_cache`, keyed (option, style, padding): the
    claim pane draws the next claim's first screen before its key is pressed.
    """
    option_list._option_render_cache[(option, style, padding)] = strips


# Rich


def rich_line_starts(line: str, width: int) -> Sequence[int]:
    """Return where Rich starts a new line when it wraps `line` to `width` (folding long words).

    Calls `rich._wrap.divide_line`, the function Rich (and so Textual) wraps text by:
    the search results count a row's lines without making it into Rich text.
    """
    return divide_line(line, width, fold=True)
