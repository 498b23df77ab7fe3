"""`briefing serve`: loopback by default, an offline page, clear refusals, a clean stop."""

from __future__ import annotations

import asyncio
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from serving import TITLE, URL_LINE, group_commands, serve, write_starter

from briefing.bundled import bundled_briefings
from briefing.commands.new import starter_text
from briefing.commands.serve import reader_command
from briefing.loader import load_file
from briefing.textsafe import visible


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    return write_starter(tmp_path)


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


def test_the_reader_command_quotes_the_path_and_makes_it_absolute(tmp_path: Path) -> None:
    awkward = tmp_path / "-a briefing; rm -rf ~.toml"
    words = shlex.split(reader_command(awkward))
    assert words == [sys.executable, "-m", "briefing", str(awkward.resolve())]
    assert shlex.split(reader_command(None)) == [sys.executable, "-m", "briefing"]
