"""`briefing serve` in a real browser: the reader's text on screen, nothing from elsewhere."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from serving import TITLE, URL_LINE, free_port, serve, write_starter


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


async def test_the_reader_shows_the_briefing_in_a_browser(starter: Path, tmp_path: Path) -> None:
    port = free_port()
    with (
        serve(str(starter), "--port", str(port)) as server,
        chromium(tmp_path / "profile") as devtools_port,
    ):
        server.read_until(URL_LINE)
        base = f"http://127.0.0.1:{port}/"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{devtools_port}/json/list") as reply:
                targets = await reply.json()
            page = next(t for t in targets if t["type"] == "page")
            async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                tools = DevTools(ws)
                await tools.call("Network.enable")
                await tools.call("Page.navigate", url=base)
                text = None
                deadline = time.monotonic() + 45
                while time.monotonic() < deadline:
                    text = await tools.terminal_text()
                    if text and TITLE in text:
                        break
                    await asyncio.sleep(0.5)
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
