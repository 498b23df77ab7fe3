"""`briefing serve`: loopback by default, an offline page, bounded readers, a token beyond
loopback, clear refusals, a clean stop."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest
from serving import (
    TITLE,
    URL_LINE,
    child_commands,
    group_commands,
    group_pids,
    serve,
    socket_url,
    token_of,
    via_loopback,
    write_starter,
)

from briefing.commands.new import starter_text
from briefing.commands.serve import reader_argv
from briefing.document.bundled import bundled_briefings
from briefing.document.loader import load_file
from briefing.document.textsafe import visible

linux_only = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="counts processes in Linux's /proc"
)
STARTED = re.compile("press Ctrl\\+C to stop")


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    return write_starter(tmp_path)


async def shown(ws: aiohttp.ClientWebSocketResponse) -> tuple[str, int | None]:
    """Return what a socket showed, up to the briefing's title or its closing, and its close code.

    The close code is None for a socket whose reader showed the title.
    """
    received = b""
    while TITLE.encode() not in received:
        message = await ws.receive(timeout=60)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            return received.decode("utf-8", "replace"), ws.close_code
        assert message.type == aiohttp.WSMsgType.BINARY, message
        received += message.data
    return received.decode("utf-8", "replace"), None


async def eventually(condition: Callable[[], bool], seconds: float = 20) -> bool:
    """Return whether `condition` became true within `seconds` (a deadline, not a measure)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.2)
    return True


async def test_the_page_is_offline_and_shows_the_title_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    # TOML escapes: the title holds real double quotes and a real ESC character.
    hostile = starter_text().replace(TITLE, '<b>Bold</b> & \\"quoted\\" \\u001b[31m')
    path.write_text(hostile, encoding="utf-8")
    with serve(str(path), "--port", "0") as server:
        base = server.read_until(URL_LINE)[1]
        async with aiohttp.ClientSession() as session:
            async with session.get(base) as reply:
                assert reply.status == 200
                policy = reply.headers["Content-Security-Policy"]
                page = await reply.text()
            found = re.findall(r'(?:href|src)="([^"]+)"', page)
            assets = [asset for asset in found if not asset.startswith("data:")]
            assert assets
            for asset in assets:
                async with session.get(base + asset) as reply:
                    assert reply.status == 200, asset
    assert "<title>&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; \\x1b[31m</title>" in page
    assert "<b>" not in page and "\x1b" not in page
    # Nothing from the internet: no absolute URL in the page, and a policy that forbids it.
    assert re.findall(r"[a-z]+://", page) == []
    assert all(asset.startswith("static/") for asset in assets), assets
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    # The title printed on the console is escaped too.
    assert "\x1b" not in server.output
    assert 'serving "<b>Bold</b> & "quoted" \\x1b[31m" at' in server.output


def test_it_listens_on_loopback_by_default_and_says_it_is_for_trusted_networks(
    starter: Path,
) -> None:
    with serve(str(starter), "--port", "0") as server:
        url = server.read_until(URL_LINE)[1]
        server.read_until(re.compile("press Ctrl\\+C to stop"))
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
    assert "for trusted networks only" in server.output
    assert "listening beyond this machine" not in server.output


def test_without_a_path_it_serves_the_bundled_briefing() -> None:
    bundled = bundled_briefings()[0]
    loaded = load_file(bundled).briefing
    assert loaded is not None
    with serve("--port", "0") as server:
        server.read_until(URL_LINE)
    assert f'serving "{visible(loaded.briefing.title, one_line=True)}" at' in server.output


def test_a_folder_is_served_as_a_library(starter: Path) -> None:
    with serve(str(starter.parent), "--port", "0") as server:
        server.read_until(URL_LINE)
    assert f'serving "Briefings in {starter.parent.name}" at' in server.output


def test_a_host_beyond_loopback_is_called_out(starter: Path) -> None:
    with serve(str(starter), "--host", "0.0.0.0", "--port", "0") as server:
        server.read_until(re.compile("press Ctrl\\+C to stop"))
    assert "for trusted networks only" in server.output
    assert "listening beyond this machine" in server.output


def test_ctrl_c_stops_the_server(starter: Path) -> None:
    with serve(str(starter), "--port", "0") as server:
        server.read_until(re.compile("press Ctrl\\+C to stop"))
        server.process.send_signal(signal.SIGINT)
        assert server.process.wait(timeout=15) == 0
        server.read_until(re.compile("briefing serve: stopped"))
    assert "Traceback" not in server.output


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
async def test_stopping_the_server_ends_the_readers_it_started(starter: Path) -> None:
    with serve(str(starter), "--port", "0") as server:
        base = server.read_until(URL_LINE)[1]
        async with aiohttp.ClientSession() as session:
            socket_url = base.replace("http://", "ws://") + "ws?width=80&height=24"
            async with session.ws_connect(socket_url) as ws:
                received = b""
                while TITLE.encode() not in received:
                    message = await ws.receive(timeout=30)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    received += message.data
                readers = [c for c in group_commands(server.process.pid) if " serve " not in c]
                assert any(str(starter.resolve()) in c for c in readers), readers
                server.process.send_signal(signal.SIGINT)
                code = await asyncio.to_thread(server.process.wait, 15)
        assert code == 0
        deadline = time.monotonic() + 10
        while group_commands(server.process.pid) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert group_commands(server.process.pid) == []


def test_a_busy_port_is_one_clear_line(starter: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with serve(str(starter), "--port", str(port)) as server:
            assert server.process.wait(timeout=30) == 1
            server.read_until(re.compile("in use"))
    assert server.output == (
        f"briefing serve: cannot listen on 127.0.0.1 port {port}: "
        "the port is in use (choose another with --port)\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.toml", None, "missing.toml: no such file or folder"),
        ("broken.toml", 'format = 1\n[briefing]\ntitle = ""\n', "has errors; not serving it"),
    ],
)
def test_what_the_reader_would_refuse_is_refused_before_serving(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "serve", str(path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert message in done.stderr
    assert "serving" not in done.stdout and "Traceback" not in done.stderr


def test_a_folder_without_briefings_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "serve", str(tmp_path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "no *.toml briefing files in this folder" in done.stderr


def test_a_bad_port_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "serve", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "not a port number: '70000'" in done.stderr


def test_the_reader_command_line_makes_the_path_absolute(tmp_path: Path) -> None:
    awkward = tmp_path / "-a briefing; rm -rf ~.toml"
    assert reader_argv(awkward) == [sys.executable, "-m", "briefing", str(awkward.resolve())]
    assert reader_argv(None) == [sys.executable, "-m", "briefing"]


@pytest.mark.slow  # three real readers at once, seven browsers refused
@linux_only
async def test_at_most_max_sessions_readers_run_and_the_others_are_told_so(
    starter: Path,
) -> None:
    with serve(str(starter), "--port", "0", "--max-sessions", "3") as server:
        page = server.read_until(URL_LINE)[1]
        pid = server.process.pid
        counted: list[int] = []

        async def count_readers() -> None:
            while True:
                counted.append(len(child_commands(pid)))
                await asyncio.sleep(0.05)

        counting = asyncio.create_task(count_readers())
        async with aiohttp.ClientSession() as session:
            sockets = [await session.ws_connect(socket_url(page)) for _ in range(10)]
            seen = await asyncio.gather(*(shown(ws) for ws in sockets))
            readers = child_commands(pid)
            counting.cancel()
            for ws in sockets:
                await ws.close()
            gone = await eventually(lambda: child_commands(pid) == [])
            # A freed place is given to the next browser.
            async with session.ws_connect(socket_url(page)) as again:
                _, again_closed = await shown(again)

    assert max(counted) <= 3, counted
    assert len(readers) == 3 and all(str(starter.resolve()) in c for c in readers), readers
    opened = [text for text, code in seen if code is None]
    refused = [(text, code) for text, code in seen if code is not None]
    assert len(opened) == 3 and len(refused) == 7
    for text, code in refused:
        assert code == aiohttp.WSCloseCode.TRY_AGAIN_LATER
        assert "No reader is free: this server runs at most 3 readers at once" in text
        assert "Try again when someone closes theirs." in text
    assert gone, f"readers left after their sockets closed: {child_commands(pid)}"
    assert again_closed is None


@pytest.mark.slow  # waits out the grace period given to a hung reader
@linux_only
async def test_a_reader_that_hangs_is_still_ended_when_its_browser_leaves(starter: Path) -> None:
    with serve(str(starter), "--port", "0") as server:
        page = server.read_until(URL_LINE)[1]
        group = server.process.pid
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(socket_url(page)) as ws,
        ):
            await shown(ws)
            readers = [pid for pid in group_pids(group) if pid != group]
            assert readers
            # Stopped, a reader cannot answer a request to quit: like one stuck.
            for reader in readers:
                os.kill(reader, signal.SIGSTOP)

        def left() -> list[int]:
            return [pid for pid in group_pids(group) if pid in readers]

        gone = await eventually(lambda: left() == [])
        remaining = left()
    assert gone, f"readers still there: {remaining}"
    assert "Traceback" not in server.output


async def test_beyond_loopback_nothing_is_served_without_the_token(starter: Path) -> None:
    # The rule is about the address listened on; the test itself only talks to loopback.
    with serve(str(starter), "--host", "0.0.0.0", "--port", "0") as server:
        printed = server.read_until(URL_LINE)[1]
        server.read_until(STARTED)
        token = token_of(printed)
        page = via_loopback(printed)
        base = page.split("?")[0]
        wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
        async with aiohttp.ClientSession() as session:
            refusals = []
            for url in (base, f"{base}?token={wrong}", f"{base}static/js/textual.js"):
                async with session.get(url) as reply:
                    refusals.append((reply.status, await reply.text()))
            for url in (socket_url(base), socket_url(base, wrong)):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await session.ws_connect(url)
                refusals.append((refused.value.status, ""))
            started = child_commands(server.process.pid)

            async with session.get(page) as reply:
                status = reply.status
                html = await reply.text()
            assets = re.findall(r'(?:href=|src=|url\()"([^"]+)"', html)
            assets = [asset for asset in assets if not asset.startswith("data:")]
            statuses = []
            for asset in assets:
                async with session.get(base + asset) as reply:
                    statuses.append(reply.status)
            async with session.ws_connect(socket_url(base, token)) as ws:
                _, closed = await shown(ws)

    assert len(token) >= 43  # 32 random bytes
    assert [code for code, _ in refusals] == [403] * 5
    assert "needs its token" in refusals[0][1]
    assert started == []
    assert status == 200
    assert len(assets) == 4 and all(asset.endswith(f"?token={token}") for asset in assets)
    assert statuses == [200] * 4
    assert f'data-socket="ws/{token}"' in html
    assert closed is None
    # Shown once, in the address; in no other line, whatever was asked.
    assert server.output.count(token) == 1
    assert wrong not in server.output


async def test_a_chosen_token_is_required_on_loopback_too(starter: Path) -> None:
    chosen = "correct-horse-battery-staple"
    with serve(str(starter), "--port", "0", "--token", chosen) as server:
        printed = server.read_until(URL_LINE)[1]
        base = printed.split("?")[0]
        async with aiohttp.ClientSession() as session:
            async with session.get(base) as without:
                pass
            async with session.get(printed) as with_token:
                pass
    assert re.fullmatch(rf"http://127\.0\.0\.1:\d+/\?token={chosen}", printed)
    assert (without.status, with_token.status) == (403, 200)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--max-sessions", "0", "--max-sessions: '0': at least one reader must be allowed"),
        ("--max-sessions", "-3", "--max-sessions: '-3': at least one reader must be allowed"),
        ("--max-sessions", "many", "--max-sessions: not a number: 'many'"),
        ("--token", "tooshort", "--token: too short: 8 characters (at least 16)"),
        (
            "--token",
            "spaces are <not> allowed",
            "--token: a token is made of A-Z a-z 0-9 . _ ~ - only",
        ),
    ],
)
def test_a_bad_limit_or_token_is_a_usage_error(option: str, value: str, message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "serve", "--port", "0", option, value],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    # argparse's usage line, then the one line that says what is wrong.
    assert done.stderr.splitlines()[-1] == f"briefing serve: error: argument {message}"
    assert "Traceback" not in done.stderr
    if option == "--token":
        assert value not in done.stderr


@linux_only
async def test_a_page_from_another_site_cannot_open_a_reader(starter: Path) -> None:
    with serve(str(starter), "--port", "0") as server:
        page = server.read_until(URL_LINE)[1]
        async with aiohttp.ClientSession() as session:
            # What a browser sends when a page from elsewhere opens a socket to this server.
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(socket_url(page), origin="http://elsewhere.example")
            started = child_commands(server.process.pid)
            # The server's own page, as the browser names it, is let in.
            own = page.rstrip("/")
            async with session.ws_connect(socket_url(page), origin=own) as ws:
                _, closed = await shown(ws)
    assert refused.value.status == 403
    assert started == []
    assert closed is None
