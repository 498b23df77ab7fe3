"""`briefing serve [PATH]`: serve the reader to web browsers, for trusted networks only."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import re
import secrets
import socket
import sys
from pathlib import Path

from briefing.document.bundled import bundled_briefings
from briefing.document.cache import NO_CACHE_HELP, load_file_cached
from briefing.document.loader import iter_briefing_files

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8
# A chosen token must not be guessable by trying: 16 URL-safe characters are 96 bits.
MIN_TOKEN_LENGTH = 16
TOKEN_CHARACTERS = re.compile(r"[A-Za-z0-9._~-]+")

DESCRIPTION = f"""Serve the reader to web browsers: each browser that opens the address gets
its own reader, running on this machine. PATH is a briefing file or a folder of
briefings (default: the bundled briefing).

For trusted networks only: the connection is not encrypted. The default host,
{DEFAULT_HOST}, is reachable from this machine only, and the address works as printed.
To share on a network you trust, give --host with this machine's address there (or
0.0.0.0 for every interface): then the address printed carries a random token, and
nothing is served without it. Give it only to the people you share with."""


def main(args: list[str]) -> int:
    """Run `briefing serve`; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="briefing serve",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="a briefing file or a folder of briefings"
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"the port to listen on, 0 for any free one (default: {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--max-sessions",
        type=_max_sessions,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help="the most readers running at once; a further browser is told to try again "
        f"later (default: {DEFAULT_MAX_SESSIONS})",
    )
    parser.add_argument(
        "--token",
        type=_token,
        help="the token the address must carry (default: a random one, and none on "
        f"loopback; at least {MIN_TOKEN_LENGTH} of A-Z a-z 0-9 . _ ~ -)",
    )
    parser.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    options = parser.parse_args(args)
    use_cache = not options.no_cache

    target, title = _target(options.path, use_cache=use_cache)
    if target is None:
        return 1
    try:
        sock = _listen(options.host, options.port)
    except OSError as error:
        print(
            f"briefing serve: cannot listen on {options.host} port {options.port}: "
            f"{_reason(error)}",
            file=sys.stderr,
        )
        return 1
    # Imported only now: the web server's libraries are large and only this command needs them.
    from briefing.tui.web import ReaderServer

    bound = sock.getsockname()
    loopback = ipaddress.ip_address(bound[0]).is_loopback
    token = options.token
    if token is None and not loopback:
        # Beyond this machine, an address alone must not be enough to read the briefing.
        token = secrets.token_urlsafe(32)
    server = ReaderServer(
        reader_argv(None if options.path is None else target, use_cache=use_cache),
        title=title,
        url=_url(options.host, bound[1], token),
        loopback=loopback,
        max_sessions=options.max_sessions,
        token=token,
    )
    with sock:
        server.serve_on(sock)
    print("briefing serve: stopped", file=sys.stderr)
    return 0


def reader_argv(path: Path | None, *, use_cache: bool = True) -> list[str]:
    """Return the command line that opens the reader on `path` (the bundled one if None)."""
    words = [sys.executable, "-m", "briefing"]
    if not use_cache:
        words.append("--no-cache")
    if path is not None:
        # Absolute: the reader's working folder does not matter, and a name starting
        # with '-' cannot be taken for an option.
        words.append(str(path.resolve()))
    return words


def _target(path: str | None, *, use_cache: bool) -> tuple[Path | None, str]:
    # Refuse here what the reader would refuse, so the browser never shows a dead page.
    if path is None:
        found = bundled_briefings()
        if not found:
            print("briefing serve: no bundled briefing found", file=sys.stderr)
            return None, ""
        return _briefing_title(found[0], use_cache=use_cache)
    target = Path(path)
    if target.is_dir():
        if next(iter_briefing_files(target), None) is None:
            print(
                f"briefing serve: {target}: no *.toml briefing files in this folder",
                file=sys.stderr,
            )
            return None, ""
        return target, f"Briefings in {target.resolve().name or target}"
    if not target.exists():
        print(f"briefing serve: {target}: no such file or folder", file=sys.stderr)
        return None, ""
    return _briefing_title(target, use_cache=use_cache)


def _briefing_title(path: Path, *, use_cache: bool) -> tuple[Path | None, str]:
    result = load_file_cached(path, use_cache=use_cache)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if result.briefing is None:
        print(f"briefing serve: {path} has errors; not serving it", file=sys.stderr)
        return None, ""
    return path, result.briefing.briefing.title


def _listen(host: str, port: int) -> socket.socket:
    # Bound before the server starts, so that a busy port is one clear line, and
    # port 0 gives a real port to print.
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name == "posix":
            # Lets a restarted server take its port back at once; Windows means otherwise.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _url(host: str, port: int, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    query = "" if token is None else f"?token={token}"
    return f"http://{shown}:{port}/{query}"


def _reason(error: OSError) -> str:
    if isinstance(error, socket.gaierror):
        return "unknown host"
    if error.errno == errno.EADDRINUSE:
        return "the port is in use (choose another with --port)"
    if error.errno == errno.EACCES:
        return "permission denied (ports below 1024 need privileges)"
    return error.strerror or str(error)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r} (0-65535)")
    return port


def _max_sessions(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: at least one reader must be allowed")
    return count


def _token(text: str) -> str:
    # Shown in a URL and in HTML: only characters that need no escaping anywhere.
    if not TOKEN_CHARACTERS.fullmatch(text):
        raise argparse.ArgumentTypeError("a token is made of A-Z a-z 0-9 . _ ~ - only")
    if len(text) < MIN_TOKEN_LENGTH:
        raise argparse.ArgumentTypeError(
            f"too short: {len(text)} characters (at least {MIN_TOKEN_LENGTH})"
        )
    return text
