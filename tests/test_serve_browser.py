"""`briefing serve` in a real browser: the reader's text on screen, nothing from elsewhere,
the token's address working as printed, and a clear word when no reader is free.

The system's Chromium, driven by Playwright (tests/browser.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from browser import chromium
from playwright.async_api import CDPSession, Page
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


class Tab:
    """One browser page on the server, and what it asked for and received."""

    def __init__(self, page: Page, devtools: CDPSession) -> None:
        self.page = page
        self.devtools = devtools
        self.requested: list[str] = []
        self.statuses: dict[str, int] = {}
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("websocket", lambda socket: self.requested.append(socket.url))
        page.on("response", lambda response: self.statuses.update({response.url: response.status}))

    async def terminal_text(self) -> str | None:
        # Only the DevTools protocol lists every object of the page (queryObjects);
        # Playwright passes the calls on, over its own connection to the browser.
        everything = await self.devtools.send(
            "Runtime.evaluate", {"expression": "Object.prototype"}
        )
        found = await self.devtools.send(
            "Runtime.queryObjects", {"prototypeObjectId": everything["result"]["objectId"]}
        )
        text = await self.devtools.send(
            "Runtime.callFunctionOn",
            {
                "objectId": found["objects"]["objectId"],
                "functionDeclaration": READ_TERMINAL,
                "returnByValue": True,
            },
        )
        value = text["result"].get("value")
        return value if isinstance(value, str) else None

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


@asynccontextmanager
async def browser_tab() -> AsyncIterator[Tab]:
    """Yield a page of the system's Chromium, its requests and responses recorded."""
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        devtools = await page.context.new_cdp_session(page)
        yield Tab(page, devtools)


async def test_the_reader_shows_the_briefing_in_a_browser(starter: Path) -> None:
    port = free_port()
    with serve(str(starter), "--port", str(port)) as server:
        server.read_until(URL_LINE)
        base = f"http://127.0.0.1:{port}/"
        async with browser_tab() as tools:
            await tools.page.goto(base)
            text = await tools.wait_for_terminal(TITLE)
            assert text is not None and TITLE in text, f"terminal shows: {text!r}"
            # The reader's outline is there too, not only a title somewhere.
            assert "Will the ferry run?" in text

            urls = tools.requested
            assert base in urls
            assert f"ws://127.0.0.1:{port}/ws" in {u.split("?")[0] for u in urls}
            elsewhere = [
                u for u in urls if not u.startswith((base, f"ws://127.0.0.1:{port}/", "data:"))
            ]
            assert elsewhere == [], "the page loaded something from elsewhere"


async def test_beyond_loopback_the_printed_address_works_in_a_browser(starter: Path) -> None:
    # Listening on every interface makes a token; the browser still only goes to loopback.
    with serve(str(starter), "--host", "0.0.0.0", "--port", "0") as server:
        printed = server.read_until(URL_LINE)[1]
        token = token_of(printed)
        address = via_loopback(printed)
        async with browser_tab() as tools:
            await tools.page.goto(address)
            text = await tools.wait_for_terminal(TITLE)
            statuses = dict(tools.statuses)
            sockets = [u for u in tools.requested if u.startswith("ws://")]
    assert text is not None and "Will the ferry run?" in text, f"terminal shows: {text!r}"
    # The page, its script, styles and fonts: all asked for with the token, all served.
    assert len(statuses) >= 4, statuses
    assert all(f"token={token}" in url for url in statuses), statuses
    assert set(statuses.values()) == {200}, statuses
    assert [u.split("?")[0] for u in sockets] == [socket_url(address, token).split("?")[0]]


async def test_a_browser_beyond_the_limit_is_told_so_in_the_page(starter: Path) -> None:
    with serve(str(starter), "--port", "0", "--max-sessions", "1") as server:
        base = server.read_until(URL_LINE)[1]
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(socket_url(base)) as taken,
        ):
            # The one reader allowed, in use until this block ends.
            received = b""
            while TITLE.encode() not in received:
                received += await taken.receive_bytes(timeout=60)
            async with browser_tab() as tools:
                page = tools.page
                await page.goto(base)
                text = await tools.wait_for_terminal("Try again when someone closes theirs.")
                closed = False
                deadline = time.monotonic() + 20
                while not closed and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                    closed = await page.evaluate("document.body.classList.contains('-closed')")
                # What sits where the message is: the terminal, not a notice over it.
                covering = await page.evaluate(
                    "document.elementFromPoint(100, 40).closest('.notice') !== null"
                )
                bar = await page.evaluate("document.querySelector('.notice.closed').innerText")
    assert text is not None
    assert "No reader is free: this server runs at most 1 reader at once" in text, text
    assert closed is True
    assert covering is False
    assert "The reader has closed." in bar
