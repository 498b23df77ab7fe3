"""Each private use of Textual (briefing/tui/compat.py) and textual-serve (serve_compat.py), run.

Checked on real widgets and apps. When a release of Textual (or textual-serve) renames or
changes one of them, the test for it fails with a message naming the private thing and
the compat function that needs updating.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
from asyncio.subprocess import PIPE, Process
from io import StringIO
from typing import ClassVar

import pytest
import textual.keys
from rich.console import Console
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, OptionList, SelectionList, Static, Tree
from textual.widgets.option_list import Option
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from briefing.tui import compat, serve_compat


def needs(condition: object, private: str, function: str, *, module: str = "compat") -> None:
    """Fail, naming the private thing and the compat function, unless `condition` holds."""
    package = "textual-serve" if module == "serve_compat" else "Textual"
    assert condition, (
        f"{package} no longer has {private} as briefing.{module}.{function} expects: "
        f"briefing.{module}.{function} needs updating"
    )


def takes(method: object, *parameters: str) -> bool:
    """Return True when `method` takes exactly these parameters after self."""
    assert callable(method)
    return list(inspect.signature(method).parameters)[1:] == list(parameters)


class One(App[None]):
    """An app with one widget in it, for a test to look at."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


# The app


class Failing(compat.AppWithErrorHook[None]):
    def __init__(self) -> None:
        super().__init__()
        self.told: list[Exception] = []

    def on_mount(self) -> None:
        raise ValueError("broken")

    def after_unhandled_error(self, error: Exception) -> None:
        self.told.append(error)


async def test_app_with_error_hook_is_told_of_an_unhandled_error() -> None:
    needs(takes(App._handle_exception, "error"), "App._handle_exception(error)", "AppWithErrorHook")
    app = Failing()
    with pytest.raises(ValueError, match="broken"):
        async with app.run_test():
            pass
    needs(
        [str(error) for error in app.told] == ["broken"],
        "App._handle_exception called with each unhandled error",
        "AppWithErrorHook",
    )


def test_replace_exit_messages_leaves_only_ours_to_print() -> None:
    app: App[None] = App()
    needs(
        isinstance(getattr(app, "_exit_renderables", None), list),
        "App._exit_renderables",
        "replace_exit_messages",
    )
    app.exit(message="Textual's own")
    compat.replace_exit_messages(app, "ours")
    out = StringIO()
    app.error_console = Console(file=out, width=40)
    app._print_error_renderables()
    needs(
        out.getvalue() == "ours\n",
        "App._exit_renderables, printed when the app closes",
        "replace_exit_messages",
    )


async def test_screen_lines_are_what_the_screen_shows() -> None:
    async with One(Static("hello, screen")).run_test(size=(30, 4)) as pilot:
        lines = compat.screen_lines(pilot.app.screen)
        needs(
            len(lines) == 4 and all(line.cell_length == 30 for line in lines),
            "Screen._compositor.render_strips(), one Strip a line of the screen",
            "screen_lines",
        )
        assert lines[0].text.startswith("hello, screen")


# Keys and bindings


class Base(Widget):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "base", "Base", id="base")]


class Keyed(Base):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("y", "own", "Own", id="own")]


def test_class_bindings_holds_a_class_s_own_and_inherited_keys() -> None:
    needs(hasattr(Widget, "_merge_bindings"), "DOMNode._merge_bindings()", "class_bindings")
    keys = compat.class_bindings(Keyed).key_to_bindings
    needs(
        {"x", "y"} <= set(keys) and keys["y"][0].action == "own",
        "DOMNode._merge_bindings() merging a class's bindings with its bases'",
        "class_bindings",
    )


async def test_bindings_in_force_apply_the_app_keymap_to_a_copy() -> None:
    widget = Keyed()
    app = One(widget)
    async with app.run_test():
        needs(hasattr(widget, "_bindings"), "DOMNode._bindings", "bindings_in_force")
        needs(hasattr(app, "_keymap"), "App._keymap", "bindings_in_force")
        app.set_keymap({"own": "z"})
        in_force = compat.bindings_in_force(app, widget).key_to_bindings
        needs(
            "z" in in_force and "y" not in in_force and "x" in in_force,
            "App._keymap (set by App.set_keymap) applied to DOMNode._bindings",
            "bindings_in_force",
        )
        # The node's own bindings are left as they were.
        app.set_keymap({})
        assert "y" in compat.bindings_in_force(app, widget).key_to_bindings


async def test_key_name_of_character_names_keys_as_textual_s_key_events_do() -> None:
    needs(
        hasattr(textual.keys, "_character_to_key"),
        "textual.keys._character_to_key",
        "key_name_of_character",
    )
    needs(
        [compat.key_name_of_character(c) for c in "?/a+T"]
        == ["question_mark", "slash", "a", "plus", "T"],
        "textual.keys._character_to_key naming keys as Textual's bindings do",
        "key_name_of_character",
    )
    pressed: list[str] = []

    class Keys(App[None]):
        def on_key(self, event: object) -> None:
            pressed.append(getattr(event, "key", ""))

    async with Keys().run_test() as pilot:
        for character in "?/a+":
            await pilot.press(character)
    needs(
        [compat.key_name_of_character(character) for character in "?/a+"] == pressed,
        "textual.keys._character_to_key",
        "key_name_of_character",
    )


# Sizes and scrollbars


async def test_update_scrollbars_moves_the_scrollbar_to_a_new_virtual_size() -> None:
    needs(
        takes(Widget._scroll_update, "virtual_size"), "Widget._scroll_update", "update_scrollbars"
    )
    widget = Static("x")
    widget.styles.overflow_y = "scroll"
    async with One(widget).run_test():
        widget.set_reactive(Widget.virtual_size, Size(10, 400))
        compat.update_scrollbars(widget, Size(10, 400))
        needs(
            widget.vertical_scrollbar.window_virtual_size == 400,
            "Widget._scroll_update setting the scrollbar's virtual size",
            "update_scrollbars",
        )


class QuietTree(compat.TreeWithLineHook[str]):
    """Counts the hook's calls and, unless told to, does what Textual would."""

    def __init__(self) -> None:
        super().__init__("root")
        self.invalidations = 0
        self.default = True

    def invalidate_lines(self) -> None:
        self.invalidations += 1
        if self.default:
            super().invalidate_lines()


async def test_tree_with_line_hook_is_called_when_a_node_opens() -> None:
    needs(takes(Tree._invalidate), "Tree._invalidate()", "TreeWithLineHook")
    tree = QuietTree()
    tree.show_root = False
    section = tree.root.add("section")
    section.add_leaf("claim")
    async with One(tree).run_test() as pilot:
        before = tree.invalidations
        section.expand()
        await pilot.pause()
        needs(
            tree.invalidations > before,
            "Tree._invalidate, called when a node opens",
            "TreeWithLineHook",
        )
        needs(tree.last_line == 1, "Tree._invalidate (the default)", "TreeWithLineHook")


async def test_forget_tree_lines_makes_the_tree_build_its_lines_again() -> None:
    tree = QuietTree()
    tree.show_root = False
    tree.root.add_leaf("first")
    async with One(tree).run_test():
        assert tree.last_line == 0
        tree.default = False
        tree.root.add_leaf("second")
        assert tree.last_line == 0, "the hook, doing nothing, left the old lines"
        compat.forget_tree_lines(tree)
        needs(
            tree.last_line == 1,
            "Tree._clear_line_cache, Tree._updates and TreeNode._reset",
            "forget_tree_lines",
        )


# The footer


class WithKeys(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "bell", "Ring"),
        Binding("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield compat.FooterThatLetsOldKeysGo()


async def redraw(pilot: Pilot[None]) -> None:
    """Have the footer composed anew, as it is when the keys in force change."""
    pilot.app.screen.refresh_bindings()  # the footer recomposes after the next refresh
    await pilot.pause()
    await pilot.pause()


def bound_keys(footer: Widget) -> list[Widget]:
    """Return the footer's keys that follow its `compact` (all but the palette's)."""
    return [key for key in footer.query("FooterKey") if not key.has_class("-command-palette")]


def compact_watchers(footer: Widget) -> list[tuple[object, object]]:
    watchers: dict[str, list[tuple[object, object]]] = getattr(footer, "__watchers", {})
    return watchers.get("compact", [])


async def test_footer_that_lets_old_keys_go_keeps_only_its_keys_watching() -> None:
    app = WithKeys()
    async with app.run_test() as pilot:
        footer = app.query_one(compat.FooterThatLetsOldKeysGo)
        for _ in range(5):
            await redraw(pilot)
        keys = bound_keys(footer)
        assert len(keys) >= 2
        watching = [node for node, _ in compact_watchers(footer)]
        needs(
            bool(watching) and all(key in watching for key in keys),
            "Footer.__watchers['compact'], where data_bind puts each FooterKey's watcher",
            "forget_closed_watchers",
        )
        assert len(watching) == len(keys)


async def test_footer_that_lets_old_keys_go_says_when_its_keys_are_composed() -> None:
    # It starts empty, and composes the keys in force once the bindings are ready: a
    # picture of a frame (briefing_screen/picture.py) waits for them.
    app = WithKeys()
    async with app.run_test() as pilot:
        footer = app.query_one(compat.FooterThatLetsOldKeysGo)
        await pilot.pause()
        await pilot.pause()
        needs(
            footer.keys_composed and len(bound_keys(footer)) >= 2,
            "Footer composing its keys through recompose() once bindings are ready",
            "FooterThatLetsOldKeysGo.keys_composed",
        )


async def test_forget_closed_watchers_drops_those_of_removed_widgets() -> None:
    # A plain Footer keeps the watchers of the keys it has removed (what the compat
    # footer is for): forget_closed_watchers drops exactly those.
    footer = Footer()
    async with One(footer).run_test() as pilot:
        app = pilot.app
        app.bind("a", "bell", description="Ring")
        for _ in range(3):
            await redraw(pilot)
        keys = bound_keys(footer)
        before = [node for node, _ in compact_watchers(footer)]
        needs(
            len(before) > len(keys),
            "Footer.__watchers kept for removed FooterKeys until `compact` changes",
            "FooterThatLetsOldKeysGo",
        )
        compat.forget_closed_watchers(footer)
        assert [node for node, _ in compact_watchers(footer)] == keys


# Option lists


class Measuring(compat.OptionListWithMeasureHook):
    def __init__(self, *options: Option | None) -> None:
        super().__init__(*options)
        self.measured = 0

    def measure_options(self) -> None:
        self.measured += 1
        super().measure_options()


def three_options() -> list[Option | None]:
    return [Option("one"), None, Option("two\nlines"), Option("three")]


async def test_option_list_with_measure_hook_measures_as_textual_does() -> None:
    needs(takes(OptionList._update_lines), "OptionList._update_lines()", "measure_options")
    option_list = Measuring(*three_options())
    async with One(option_list).run_test():
        needs(
            option_list.measured > 0,
            "OptionList._update_lines, called before the lines are read",
            "OptionListWithMeasureHook",
        )
        lines = compat.measured_lines(option_list)
        needs(
            lines.lines == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)]
            and lines.heights == {0: 2, 1: 2, 2: 1}
            and lines.index_to_line == {0: 0, 1: 2, 2: 4},
            "OptionList._line_cache (lines, heights, index_to_line)",
            "measured_lines",
        )


async def test_forget_measured_options_empties_both_caches() -> None:
    option_list = OptionList(*three_options())
    async with One(option_list).run_test() as pilot:
        await pilot.pause()
        needs(
            len(option_list._option_render_cache) > 0,
            "OptionList._option_render_cache",
            "forget_measured_options",
        )
        compat.forget_measured_options(option_list)
        needs(
            not compat.measured_lines(option_list).lines
            and not len(option_list._option_render_cache),
            "OptionList._line_cache and _option_render_cache",
            "forget_measured_options",
        )


async def test_option_visual_is_the_one_the_list_draws_and_keeps() -> None:
    option_list = OptionList(*three_options())
    async with One(option_list).run_test():
        option = option_list.get_option_at_index(1)
        visual = compat.option_visual(option_list, option)
        needs(
            visual is compat.option_visual(option_list, option)
            and visual.get_height(option_list.styles, 20) == 2,
            "OptionList._get_visual(option)",
            "option_visual",
        )


async def test_left_gutter_width_is_the_room_left_of_the_options() -> None:
    plain = OptionList(*three_options())
    selections: SelectionList[int] = SelectionList(("one", 1))
    async with One(plain).run_test() as pilot:
        await pilot.app.mount(selections)
        needs(
            compat.left_gutter_width(plain) == 0 and compat.left_gutter_width(selections) > 0,
            "OptionList._get_left_gutter_width()",
            "left_gutter_width",
        )


def test_has_divider_marks_the_option_above_a_separator() -> None:
    option_list = OptionList(*three_options())
    needs(
        [compat.has_divider(option) for option in option_list.options] == [True, False, False],
        "Option._divider",
        "has_divider",
    )


async def test_a_stored_drawn_option_is_what_the_list_draws() -> None:
    option_list = OptionList(Option("plain"), Option("other"))
    async with One(option_list).run_test():
        option_list.highlighted = None
        option = option_list.get_option_at_index(0)
        style = option_list.get_visual_style("option-list--option")
        padding = option_list.get_component_styles("option-list--option").padding
        width = option_list.scrollable_content_region.width
        compat.forget_measured_options(option_list)
        strip = Strip([Segment("drawn ahead".ljust(width))], width)
        compat.store_drawn_option(option_list, option, style, padding, [strip])
        needs(
            option_list.render_line(0).text.startswith("drawn ahead"),
            "OptionList._option_render_cache keyed (option, style, padding)",
            "store_drawn_option",
        )


# Rich


def test_rich_line_starts_are_where_rich_wraps() -> None:
    needs(
        list(compat.rich_line_starts("aaa bbb ccc", 4)) == [4, 8]
        and list(compat.rich_line_starts("abcdefghij", 4)) == [4, 8],
        "rich._wrap.divide_line(line, width, fold=True)",
        "rich_line_starts",
    )


# textual-serve (briefing/tui/serve_compat.py)

# A stand-in for the reader: says it is ready as a Textual app does, sends one data
# packet with what textual-serve's environment gave it, and ends on the quit packet.
ECHO_APP = """
import os, sys
payload = (os.environ["COLUMNS"] + " " + os.environ["TEXTUAL_DRIVER"]).encode()
sys.stdout.buffer.write(b"__GANGLION__\\n" + b"D" + len(payload).to_bytes(4, "big") + payload)
sys.stdout.buffer.flush()
sys.stdin.buffer.read(1)
"""


class EchoService(serve_compat.AppServiceWithOwnStart):
    def __init__(self, received: asyncio.Queue[bytes]) -> None:
        async def write_bytes(data: bytes) -> None:
            await received.put(data)

        async def write_str(text: str) -> None:
            pass

        async def close() -> None:
            pass

        super().__init__(
            "unused",
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=DownloadManager(),
        )

    async def start_app_process(self, environment: dict[str, str]) -> Process:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-c", ECHO_APP, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=environment
        )


async def test_app_service_with_own_start_runs_the_process_it_starts() -> None:
    needs(
        takes(AppService._open_app_process, "width", "height")
        and takes(AppService._build_environment, "width", "height"),
        "AppService._open_app_process(width, height) and _build_environment",
        "AppServiceWithOwnStart",
        module="serve_compat",
    )
    received: asyncio.Queue[bytes] = asyncio.Queue()
    service = EchoService(received)
    await service.start(100, 30)
    data = await asyncio.wait_for(received.get(), timeout=10)
    needs(
        data == b"100 textual.drivers.web_driver:WebDriver",
        "AppService._build_environment, given to the process AppService.start runs",
        "AppServiceWithOwnStart",
        module="serve_compat",
    )
    process = service.app_process
    needs(
        process is not None and service.stdin is process.stdin,
        "AppService._process and AppService._stdin",
        "AppServiceWithOwnStart",
        module="serve_compat",
    )
    # stop() sends the quit packet through the kept stdin and waits for the process.
    await asyncio.wait_for(service.stop(), timeout=10)
    assert process is not None and await asyncio.wait_for(process.wait(), timeout=10) == 0


def test_relay_browser_messages_calls_textual_serve_s_message_loop() -> None:
    needs(
        takes(Server._process_messages, "websocket", "app_service")
        and inspect.iscoroutinefunction(Server._process_messages),
        "Server._process_messages(websocket, app_service)",
        "relay_browser_messages",
        module="serve_compat",
    )
