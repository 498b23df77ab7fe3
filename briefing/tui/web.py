"""The web server behind `briefing serve`: textual-serve, bounded, guarded and offline.

textual-serve runs one reader process per browser connection and relays the
terminal to xterm.js in the page. Here, at most `max_sessions` readers run at once
(a further browser is told so in its page), each reader is started without a shell
and is sure to end when its browser leaves, and a server with a token answers
nothing without it. textual-serve's own page loads a web font from the internet;
ours loads only what the server itself serves (textual-serve's bundled script,
styles and fonts), and a Content-Security-Policy keeps it that way.
"""

from __future__ import annotations

import asyncio
import html
import logging
import secrets
import shlex
import socket
import sys
from asyncio.subprocess import PIPE, Process
from contextlib import suppress
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, web
from aiohttp.typedefs import Handler, Middleware
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server, to_int

from briefing.document.textsafe import visible
from briefing.tui.serve_compat import AppServiceWithOwnStart, relay_browser_messages

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="static/css/xterm.css{query}">
<style>
@font-face {{
  font-family: "Roboto Mono";
  font-style: normal;
  font-weight: 100 700;
  src: url("static/fonts/RobotoMono-VariableFont_wght.ttf{query}") format("truetype");
}}
@font-face {{
  font-family: "Roboto Mono";
  font-style: italic;
  font-weight: 100 700;
  src: url("static/fonts/RobotoMono-Italic-VariableFont_wght.ttf{query}") format("truetype");
}}
html, body {{ margin: 0; height: 100%; background: #0c181f; }}
.notice {{
  position: fixed; inset: 0; z-index: 10;
  display: flex; flex-direction: column; align-items: center; justify-content: center;
  color: #f0f0f0; font: 16px "Roboto Mono", monospace; text-align: center;
}}
body.-first-byte .notice.opening {{ display: none; }}
/* A bar, not a cover: what the server wrote last (why it closed) stays readable. */
.notice.closed {{
  display: none; top: auto; flex-direction: row; gap: 1em;
  padding: 0.5em; background: #12232d;
}}
body.-closed .notice.closed {{ display: flex; }}
.notice.closed p {{ margin: 0; }}
.notice button {{
  padding: 0.6em 1.4em; border: none; cursor: pointer;
  font: inherit; color: #fff; background: #3b5b73;
}}
#start {{ display: none; }}
</style>
<script src="static/js/textual.js{query}"></script>
</head>
<body>
<div class="notice opening"><p>{title}</p><p>Opening the reader&hellip;</p></div>
<div class="notice closed">
  <p>The reader has closed.</p>
  <button type="button" id="reopen">Open it again</button>
</div>
<button type="button" id="start"></button>
<div id="terminal" class="textual-terminal" data-font-size="{font_size}"
  data-socket="{socket}"></div>
<script nonce="{nonce}">
// The socket address comes from the address the browser used, so the page works
// under whatever host name the server is reached by. A token goes in its path:
// textual.js appends its own "?width=..." query to this address.
(function () {{
  var terminal = document.getElementById("terminal");
  var url = new URL(terminal.dataset.socket, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  terminal.dataset.sessionWebsocketUrl = url.href;
  document.getElementById("reopen").addEventListener("click", function () {{
    window.location.reload();
  }});
}})();
</script>
</body>
</html>
"""

# Only this server's own address: no font, script or socket from anywhere else.
_POLICY = (
    "default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


def page_html(title: str, font_size: int, nonce: str, token: str | None = None) -> str:
    """Return the page that hosts the reader's terminal, with `title` as plain text.

    With a `token`, every address the page uses carries it: the assets in their
    query, the socket in its path.
    """
    query = "" if token is None else f"?token={token}"
    return _PAGE.format(
        title=html.escape(visible(title, one_line=True)),
        font_size=font_size,
        nonce=nonce,
        query=html.escape(query),
        socket=html.escape("ws" if token is None else f"ws/{token}"),
    )


def font_size(query: str | None) -> int:
    """Return the page's font size from a `?fontsize=` value: 16 unless a sane number."""
    try:
        size = int(query or "")
    except ValueError:
        return 16
    return size if 6 <= size <= 48 else 16


def busy_message(max_sessions: int) -> str:
    """Return what a browser is shown when every reader the server allows is in use."""
    readers = "reader" if max_sessions == 1 else "readers"
    return (
        f"No reader is free: this server runs at most {max_sessions} {readers} at once, "
        "and all are in use. Try again when someone closes theirs."
    )


# A reader asked to quit gets this long to do so before it is killed.
QUIT_GRACE = 3.0

FORBIDDEN = (
    "403 Forbidden: this server needs its token. Open the address that "
    "`briefing serve` printed, token included.\n"
)
ELSEWHERE = "403 Forbidden: a page from another site cannot open a reader here.\n"


def same_origin(request: web.Request) -> bool:
    """Return whether a socket request comes from this server's own page (or no page).

    Browsers let any site open a socket to any address, this machine's included,
    and say which site did in Origin; programs other than browsers send none.
    """
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc.lower() == request.host.lower()


def _token_guard(token: str) -> Middleware:
    expected = token.encode()

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        # The socket's token is in its path (textual.js owns its query); the rest, in the query.
        given = request.match_info.get("token") or request.query.get("token", "")
        # Constant time: how long a refusal takes says nothing about how close a guess was.
        if not secrets.compare_digest(given.encode(), expected):
            raise web.HTTPForbidden(text=FORBIDDEN)
        return await handler(request)

    return guard


class _Plain(logging.Formatter):
    """One line per problem, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return f"briefing serve: {record.levelname.lower()}: {record.getMessage()}"


class ReaderProcess(AppServiceWithOwnStart):
    """One browser's reader: started without a shell, and sure to end when stopped."""

    def __init__(
        self,
        argv: list[str],
        websocket: web.WebSocketResponse,
        download_manager: DownloadManager,
    ) -> None:
        async def close() -> None:
            await websocket.close()

        super().__init__(
            shlex.join(argv),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=download_manager,
        )
        self.argv = argv

    async def start_app_process(self, environment: dict[str, str]) -> Process:
        """Start the reader itself, with no shell between.

        textual-serve starts the command through a shell, which stays as the reader's
        parent: ending the shell would leave the reader running. No shell, no orphan.
        """
        return await asyncio.create_subprocess_exec(
            *self.argv, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=environment
        )

    async def stop(self) -> None:
        """Ask the reader to quit; kill it if it has not within QUIT_GRACE seconds."""
        process = self.app_process
        if process is None:
            return
        # Waited for, never cancelled: textual-serve's reading task swallows a cancellation,
        # which would leave the wait for the quit unbounded.
        quitting = asyncio.ensure_future(self._quit(process))
        done: set[asyncio.Future[None]] = set()
        try:
            # A reader still starting, or stuck, never answers the polite quit in time.
            done, _ = await asyncio.wait({quitting}, timeout=QUIT_GRACE)
        finally:
            if process.returncode is None:
                with suppress(ProcessLookupError):
                    process.kill()
        if not done:
            # Killed, the reader closes its pipes, which ends the polite quit's reads.
            await asyncio.wait({quitting}, timeout=QUIT_GRACE)

    async def _quit(self, process: Process) -> None:
        await super().stop()
        await process.wait()


class ReaderServer(Server):
    """textual-serve's server with our page, a limit on readers, a token and plain logging."""

    def __init__(
        self,
        argv: list[str],
        *,
        title: str,
        url: str,
        loopback: bool,
        max_sessions: int,
        token: str | None = None,
    ) -> None:
        super().__init__(shlex.join(argv), title=title, public_url=url)
        self.argv = argv
        self.url = url
        self.loopback = loopback
        self.max_sessions = max_sessions
        self.token = token
        self.readers = 0
        self._sockets: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        """Report warnings and errors as plain lines on stderr; skip the access log."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Plain())
        logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

    def make_app(self) -> web.Application:
        """Return the web application: the page, the socket and the assets, nothing else.

        textual-serve's own app also lists its asset folders and serves downloads,
        which the reader never offers.
        """
        guards = [] if self.token is None else [_token_guard(self.token)]
        app = web.Application(middlewares=guards)
        app.router.add_get("/", self.handle_index)
        app.router.add_get("/ws", self.handle_websocket)
        if self.token is not None:
            app.router.add_get("/ws/{token}", self.handle_websocket)
        app.router.add_static("/static", self.statics_path)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Say where the reader is served, and to whom it is open."""
        print(f'briefing serve: serving "{visible(self.title, one_line=True)}" at {self.url}')
        if self.token is None:
            print(
                "  for trusted networks only: anyone who can open this address can read the "
                "briefing and start readers on this machine"
            )
        else:
            print(
                "  for trusted networks only: the token in this address is the only key, "
                "and it travels unencrypted; anyone who has the address can read the briefing"
            )
        if not self.loopback:
            print(
                "  listening beyond this machine: open it from others with this machine's "
                "address on the network"
            )
        readers = "reader" if self.max_sessions == 1 else "readers"
        print(f"  at most {self.max_sessions} {readers} at once; press Ctrl+C to stop", flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every browser's socket, so that each reader quits instead of lingering."""
        for sock in list(self._sockets):
            await sock.close(code=WSCloseCode.GOING_AWAY, message=b"the server stopped")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run a reader for this browser while its socket is open, if one is free."""
        if not same_origin(request):
            # Without this, any web page open in a browser here could read the briefing.
            raise web.HTTPForbidden(text=ELSEWHERE)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.readers >= self.max_sessions:
            # Said in the terminal, where the page shows it; the socket closes at once.
            text = busy_message(self.max_sessions)
            await websocket.send_bytes(f"\r\n  {text}\r\n".encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"no reader is free")
            return websocket
        # Counted from before the reader starts until after it has ended.
        self.readers += 1
        self._sockets.add(websocket)
        reader = ReaderProcess(self.argv, websocket, self.download_manager)
        try:
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await reader.start(width, height)
            await relay_browser_messages(self, websocket, reader)
        except Exception as error:
            # A malformed message from the browser, or a reader that could not start.
            logging.getLogger(__name__).warning("a reader's connection failed: %s", error)
        finally:
            self._sockets.discard(websocket)
            try:
                await reader.stop()
            finally:
                self.readers -= 1
            await websocket.close()
        return websocket

    async def handle_index(self, request: web.Request) -> web.Response:
        """Return the page that hosts the reader's terminal."""
        nonce = secrets.token_urlsafe(16)
        size = font_size(request.query.get("fontsize"))
        return web.Response(
            text=page_html(self.title, size, nonce, self.token),
            content_type="text/html",
            charset="utf-8",
            headers={
                "Content-Security-Policy": _POLICY.format(nonce=nonce),
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-store",
            },
        )

    def serve_on(self, sock: socket.socket) -> None:
        """Serve on an already bound socket until interrupted."""
        self.initialize_logging()
        # Readers get a few seconds to quit once their sockets are closed.
        web.run_app(
            self.make_app(), sock=sock, print=None, handle_signals=True, shutdown_timeout=10
        )
