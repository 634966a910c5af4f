"""`workbench serve`: the page and textual.js are served, and a websocket session draws the editor."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, make_alignment, run_cli

from workbench.store.alignment_file import save_alignment


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc [1].yaml"  # a name a shell would misread, unquoted
    save_alignment(make_alignment(), path)
    return path


def start(doc: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", str(doc), *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        start_new_session=True,  # its editor processes too are stopped with the group below
    )


def stop(proc: subprocess.Popen) -> tuple[str, str]:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    return out.decode(errors="replace"), err.decode(errors="replace")


async def session(url: str, host: str) -> tuple[str, bytes, bytes]:
    """The page, textual.js, and what the editor draws over the websocket (until it shows both columns)."""
    import aiohttp

    async with aiohttp.ClientSession() as client:
        for _ in range(100):
            try:
                async with client.get(url) as r:
                    page = await r.text()
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
        else:
            raise AssertionError("the server did not start")
        async with client.get(f"{url}static/js/textual.js") as r:
            assert r.status == 200
            script = await r.read()
        async def draw(ws, *wanted: bytes) -> bytes:
            drawn = b""
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not all(w in drawn for w in wanted):
                msg = await ws.receive(timeout=30)
                if msg.type == aiohttp.WSMsgType.BINARY:
                    drawn += msg.data
            return drawn

        async with client.ws_connect(f"{url}ws?width=100&height=30") as ws:
            drawn = await draw(ws, b"English", "中文".encode())
            # a second tab on the same file meets the single-writer lock, as a second terminal does
            async with client.ws_connect(f"{url}ws?width=100&height=30") as ws2:
                second = await draw(ws2, b"read-only")
        return page, script, drawn, second


def test_serve_draws_the_editor_in_a_websocket_session(doc: Path) -> None:
    port = free_port()
    proc = start(doc, "--port", str(port))
    try:
        page, script, drawn, second = asyncio.run(session(f"http://127.0.0.1:{port}/", "127.0.0.1"))
    finally:
        _, err = stop(proc)
    assert "textual.js" in page and len(script) > 10_000
    assert b"Ladies and gentlemen" in drawn and "女士们".encode() in drawn
    assert b"read-only" in second  # the second tab: the lock dialog
    assert f"serving {doc.name} on http://127.0.0.1:{port}" in err
    assert "no authentication" not in err


def test_another_address_needs_saying_and_is_warned_about(doc: Path) -> None:
    port = free_port()
    proc = start(doc, "--host", "127.0.0.2", "--port", str(port))  # loopback, but not "this computer only" by name
    try:
        time.sleep(0.5)
        for _ in range(100):
            if proc.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.2", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
    finally:
        _, err = stop(proc)
    assert "warning: listening on 127.0.0.2" in err and "no authentication" in err


def test_serve_refuses_a_bad_file_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("pairs: [\n")
    r = run_cli("serve", bad, "--port", str(free_port()))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "bad.yaml" in r.stderr


def test_serve_without_textual_serve_says_how_to_install(doc: Path) -> None:
    code = ("import sys; sys.modules['textual_serve'] = None; sys.modules['textual_serve.server'] = None; "
            "from workbench.cli import main; sys.exit(main(sys.argv[1:]))")
    r = subprocess.run([sys.executable, "-c", code, "serve", str(doc)], cwd=ROOT, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == "workbench: workbench serve needs textual-serve, which is missing here: pip install textual-serve==1.1.3"
