"""`briefing serve` in a real browser: the reader's text on screen, nothing from elsewhere,
the token's address working as printed, and a clear word when no reader is free."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from serving import (
    TITLE,
    URL_LINE,
    free_port,
    serve,
    socket_url,
    token_of,
    via_loopback,
    write_starter,
)

# In the slow layer: headless Chromium against `briefing serve`.
pytestmark = pytest.mark.slow


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    return write_starter(tmp_path)


# Reads the terminal's text from xterm.js's buffer: the page draws on a canvas, so
# the text is in no DOM element. The Terminal object is found among the page's objects.
READ_TERMINAL = """function () {
  for (const o of this) {
    try {
      if (o && o._core && o.buffer && o.buffer.active && o.buffer.active.getLine) {
        const b = o.buffer.active, lines = [];
        for (let y = 0; y < b.length; y++) {
          const line = b.getLine(y);
          if (line) lines.push(line.translateToString(true));
        }
        return lines.join("\\n");
      }
    } catch (e) {}
  }
  return null;
}"""


class DevTools:
    """A minimal Chrome DevTools Protocol client over one page's socket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        ident = self.next_id
        await self.socket.send_json({"id": ident, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.socket.receive_json(), timeout=30)
            if message.get("id") == ident:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                result: dict[str, Any] = message["result"]
                return result
            if "method" in message:
                self.events.append(message)

    async def terminal_text(self) -> str | None:
        everything = await self.call("Runtime.evaluate", expression="Object.prototype")
        found = await self.call(
            "Runtime.queryObjects", prototypeObjectId=everything["result"]["objectId"]
        )
        text = await self.call(
            "Runtime.callFunctionOn",
            objectId=found["objects"]["objectId"],
            functionDeclaration=READ_TERMINAL,
            returnByValue=True,
        )
        value = text["result"].get("value")
        return value if isinstance(value, str) else None

    async def evaluate(self, expression: str) -> Any:
        """Return the value of a JavaScript expression in the page."""
        found = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return found["result"].get("value")

    async def wait_for_terminal(self, text: str) -> str | None:
        """Return the terminal's text once it shows `text`, or what it shows after 45 s."""
        shown = None
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            shown = await self.terminal_text()
            if shown and text in shown:
                break
            await asyncio.sleep(0.5)
        return shown

    def statuses(self) -> dict[str, int]:
        """Return the HTTP status of every response the page received, by address."""
        return {
            event["params"]["response"]["url"]: event["params"]["response"]["status"]
            for event in self.events
            if event["method"] == "Network.responseReceived"
        }

    def requested_urls(self) -> list[str]:
        urls = []
        for event in self.events:
            if event["method"] == "Network.requestWillBeSent":
                urls.append(event["params"]["request"]["url"])
            elif event["method"] == "Network.webSocketCreated":
                urls.append(event["params"]["url"])
        return urls


@contextmanager
def chromium(profile: Path) -> Iterator[int]:
    """Run headless Chromium with a DevTools port; yield the port; always end it."""
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("chromium is not installed (CI installs Debian's chromium package)")
    process = subprocess.Popen(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,800",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (active.exists() and active.read_text().count("\n") >= 1):
            assert process.poll() is None, "chromium exited at start"
            assert time.monotonic() < deadline, "chromium never opened its DevTools port"
            time.sleep(0.1)
        yield int(active.read_text().splitlines()[0])
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@asynccontextmanager
async def page_tools(devtools_port: int) -> AsyncIterator[DevTools]:
    """Yield a DevTools client on the browser's page, with network events recorded."""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{devtools_port}/json/list") as reply:
            targets = await reply.json()
        page = next(t for t in targets if t["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            tools = DevTools(ws)
            await tools.call("Network.enable")
            yield tools


async def test_the_reader_shows_the_briefing_in_a_browser(starter: Path, tmp_path: Path) -> None:
    port = free_port()
    with (
        serve(str(starter), "--port", str(port)) as server,
        chromium(tmp_path / "profile") as devtools_port,
    ):
        server.read_until(URL_LINE)
        base = f"http://127.0.0.1:{port}/"
        async with page_tools(devtools_port) as tools:
            await tools.call("Page.navigate", url=base)
            text = await tools.wait_for_terminal(TITLE)
            assert text is not None and TITLE in text, f"terminal shows: {text!r}"
            # The reader's outline is there too, not only a title somewhere.
            assert "Will the ferry run?" in text

            urls = tools.requested_urls()
            assert base in urls
            assert f"ws://127.0.0.1:{port}/ws" in {u.split("?")[0] for u in urls}
            elsewhere = [
                u for u in urls if not u.startswith((base, f"ws://127.0.0.1:{port}/", "data:"))
            ]
            assert elsewhere == [], "the page loaded something from elsewhere"


async def test_beyond_loopback_the_printed_address_works_in_a_browser(
    starter: Path, tmp_path: Path
) -> None:
    # Listening on every interface makes a token; the browser still only goes to loopback.
    with (
        serve(str(starter), "--host", "0.0.0.0", "--port", "0") as server,
        chromium(tmp_path / "profile") as devtools_port,
    ):
        printed = server.read_until(URL_LINE)[1]
        token = token_of(printed)
        address = via_loopback(printed)
        async with page_tools(devtools_port) as tools:
            await tools.call("Page.navigate", url=address)
            text = await tools.wait_for_terminal(TITLE)
            statuses = tools.statuses()
            sockets = [u for u in tools.requested_urls() if u.startswith("ws://")]
    assert text is not None and "Will the ferry run?" in text, f"terminal shows: {text!r}"
    # The page, its script, styles and fonts: all asked for with the token, all served.
    assert len(statuses) >= 4, statuses
    assert all(f"token={token}" in url for url in statuses), statuses
    assert set(statuses.values()) == {200}, statuses
    assert [u.split("?")[0] for u in sockets] == [socket_url(address, token).split("?")[0]]


async def test_a_browser_beyond_the_limit_is_told_so_in_the_page(
    starter: Path, tmp_path: Path
) -> None:
    with (
        serve(str(starter), "--port", "0", "--max-sessions", "1") as server,
        chromium(tmp_path / "profile") as devtools_port,
    ):
        base = server.read_until(URL_LINE)[1]
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(socket_url(base)) as taken,
        ):
            # The one reader allowed, in use until this block ends.
            received = b""
            while TITLE.encode() not in received:
                received += await taken.receive_bytes(timeout=60)
            async with page_tools(devtools_port) as tools:
                await tools.call("Page.navigate", url=base)
                text = await tools.wait_for_terminal("Try again when someone closes theirs.")
                closed = False
                deadline = time.monotonic() + 20
                while not closed and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                    closed = await tools.evaluate("document.body.classList.contains('-closed')")
                # What sits where the message is: the terminal, not a notice over it.
                covering = await tools.evaluate(
                    "document.elementFromPoint(100, 40).closest('.notice') !== null"
                )
                bar = await tools.evaluate("document.querySelector('.notice.closed').innerText")
    assert text is not None
    assert "No reader is free: this server runs at most 1 reader at once" in text, text
    assert closed is True
    assert covering is False
    assert "The reader has closed." in bar
