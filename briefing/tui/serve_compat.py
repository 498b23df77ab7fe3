"""Every use of textual-serve's private API, each behind a name that says why we need it.

The sibling of briefing/tui/compat.py for `briefing serve`, kept apart so that the reader
never imports textual-serve and aiohttp. textual-serve is pinned exactly (pyproject);
tests/test_compat.py names the function here that needs updating when it changes.
"""

from __future__ import annotations

import asyncio
from asyncio.subprocess import PIPE, Process

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server


class AppServiceWithOwnStart(AppService):
    """textual-serve's AppService whose subclass decides how the app's process starts.

    `AppService._open_app_process` starts the app through a shell with the environment
    of `AppService._build_environment` (the web driver, the size), and keeps the process
    in `AppService._process` and its input in `AppService._stdin`, which the service's
    other methods use. `start_app_process` takes the place of the start alone.
    """

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        process = await self.start_app_process(self._build_environment(width=width, height=height))
        self._process = process
        self._stdin = process.stdin
        return process

    async def start_app_process(self, environment: dict[str, str]) -> Process:
        """Start the app with `environment`, its pipes open; by default through a shell."""
        return await asyncio.create_subprocess_shell(
            self.command, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=environment
        )

    @property
    def app_process(self) -> Process | None:
        """The app's process once started (`AppService._process`), or None."""
        return self._process


async def relay_browser_messages(
    server: Server, websocket: web.WebSocketResponse, service: AppService
) -> None:
    """Pass what the browser sends (keys, resizes) to the app until the socket closes.

    Calls `Server._process_messages`, the loop of textual-serve's own websocket handler,
    which the reader's handler (with its limits and checks) replaces around it.
    """
    await server._process_messages(websocket, service)
