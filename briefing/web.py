"""The web server behind `briefing serve`: textual-serve, with a page that works offline.

textual-serve runs one reader process per browser connection and relays the
terminal to xterm.js in the page. Its own page loads a web font from the internet;
ours loads only what the server itself serves (textual-serve's bundled script,
styles and fonts), and a Content-Security-Policy keeps it that way.
"""

from __future__ import annotations

import html
import logging
import secrets
import socket
import sys
from typing import Any

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from briefing.textsafe import visible

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="static/css/xterm.css">
<style>
@font-face {{
  font-family: "Roboto Mono";
  font-style: normal;
  font-weight: 100 700;
  src: url("static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
}}
@font-face {{
  font-family: "Roboto Mono";
  font-style: italic;
  font-weight: 100 700;
  src: url("static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
}}
html, body {{ margin: 0; height: 100%; background: #0c181f; }}
.notice {{
  position: fixed; inset: 0; z-index: 10;
  display: flex; flex-direction: column; align-items: center; justify-content: center;
  color: #f0f0f0; font: 16px "Roboto Mono", monospace; text-align: center;
}}
body.-first-byte .notice.opening {{ display: none; }}
.notice.closed {{ display: none; background: #0c181f; }}
body.-closed .notice.closed {{ display: flex; }}
.notice button {{
  margin-top: 1em; padding: 0.6em 1.4em; border: none; cursor: pointer;
  font: inherit; color: #fff; background: #3b5b73;
}}
#start {{ display: none; }}
</style>
<script src="static/js/textual.js"></script>
</head>
<body>
<div class="notice opening"><p>{title}</p><p>Opening the reader&hellip;</p></div>
<div class="notice closed">
  <p>The reader has closed.</p>
  <button type="button" id="reopen">Open it again</button>
</div>
<button type="button" id="start"></button>
<div id="terminal" class="textual-terminal" data-font-size="{font_size}"></div>
<script nonce="{nonce}">
// The socket address comes from the address the browser used, so the page works
// under whatever host name the server is reached by.
(function () {{
  var url = new URL("ws", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  document.getElementById("terminal").dataset.sessionWebsocketUrl = url.href;
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


def page_html(title: str, font_size: int, nonce: str) -> str:
    """Return the page that hosts the reader's terminal, with `title` as plain text."""
    return _PAGE.format(
        title=html.escape(visible(title, one_line=True)), font_size=font_size, nonce=nonce
    )


def font_size(query: str | None) -> int:
    """Return the page's font size from a `?fontsize=` value: 16 unless a sane number."""
    try:
        size = int(query or "")
    except ValueError:
        return 16
    return size if 6 <= size <= 48 else 16


class _Plain(logging.Formatter):
    """One line per problem, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return f"briefing serve: {record.levelname.lower()}: {record.getMessage()}"


class ReaderServer(Server):
    """textual-serve's server with our page, our start-up lines and plain logging."""

    def __init__(self, command: str, *, title: str, url: str, loopback: bool) -> None:
        super().__init__(command, title=title, public_url=url)
        self.url = url
        self.loopback = loopback
        self._sockets: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        """Report warnings and errors as plain lines on stderr; skip the access log."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Plain())
        logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

    async def on_startup(self, app: web.Application) -> None:
        """Say where the reader is served, and to whom it is open."""
        print(f'briefing serve: serving "{visible(self.title, one_line=True)}" at {self.url}')
        print(
            "  for trusted networks only: anyone who can open this address can read the "
            "briefing and start readers on this machine"
        )
        if not self.loopback:
            print(
                "  listening beyond this machine: open it from others with this machine's "
                "address on the network"
            )
        print("  press Ctrl+C to stop", flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every browser's socket, so that each reader quits instead of lingering."""
        for sock in list(self._sockets):
            await sock.close(code=WSCloseCode.GOING_AWAY, message=b"the server stopped")

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        # Each browser's socket, remembered while its reader runs, for on_shutdown.
        self._sockets.add(websocket)
        try:
            await super()._process_messages(websocket, app_service)
        finally:
            self._sockets.discard(websocket)

    async def handle_index(self, request: web.Request) -> web.Response:
        """Return the page that hosts the reader's terminal."""
        nonce = secrets.token_urlsafe(16)
        page = page_html(self.title, font_size(request.query.get("fontsize")), nonce)
        return web.Response(
            text=page,
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
        # The server's own app builder: routes for the page, the socket and the assets.
        app: Any = self._make_app()
        # Readers get a few seconds to quit once their sockets are closed.
        web.run_app(app, sock=sock, print=None, handle_signals=True, shutdown_timeout=10)
