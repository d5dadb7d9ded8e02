"""Tests for websocket_server with real websocket clients over 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import WSCloseCode, WSMsgType
from aiohttp.test_utils import TestClient, TestServer

import websocket_server
from websocket_server import create_app, tracked_sockets

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


@pytest.fixture
async def client():
    test_client = TestClient(TestServer(create_app(), host="127.0.0.1"))
    await test_client.start_server()
    try:
        yield test_client
    finally:
        await test_client.close()


async def open_count(client: TestClient) -> int:
    response = await client.get("/health")
    assert response.status == 200
    return (await response.json())["connections"]


async def wait_for_count(client: TestClient, expected: int) -> None:
    # The server registers a socket just after the handshake: poll the health endpoint briefly.
    for _attempt in range(200):
        if await open_count(client) == expected:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"server never reported {expected} open websockets")


async def test_message_is_broadcast_to_every_other_client(client):
    async with contextlib.AsyncExitStack() as stack:
        alice, bob, carol = [await stack.enter_async_context(client.ws_connect("/ws")) for _ in range(3)]
        await wait_for_count(client, 3)
        await alice.send_str("hello")
        received = [await receiver.receive(timeout=2) for receiver in (bob, carol)]
        assert [msg.type for msg in received] == [WSMsgType.TEXT, WSMsgType.TEXT]
        assert [json.loads(msg.data)["text"] for msg in received] == ["hello", "hello"]
        # The sender gets no echo: the next thing alice sees is what bob says.
        await bob.send_str("hi alice")
        msg = await alice.receive(timeout=2)
        assert json.loads(msg.data)["text"] == "hi alice"


async def test_connections_are_tracked_and_forgotten(client):
    assert await open_count(client) == 0
    first = await client.ws_connect("/ws")
    second = await client.ws_connect("/ws")
    await wait_for_count(client, 2)
    await first.close()
    await wait_for_count(client, 1)
    await second.send_str("/close")
    msg = await second.receive(timeout=2)
    assert msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    await wait_for_count(client, 0)


async def test_shutdown_closes_every_socket_with_going_away(client):
    sockets = [await client.ws_connect("/ws") for _ in range(3)]
    await wait_for_count(client, 3)
    shutdown = asyncio.create_task(client.server.close())
    received = [await ws.receive(timeout=2) for ws in sockets]
    assert [msg.type for msg in received] == [WSMsgType.CLOSE] * 3
    assert [msg.data for msg in received] == [WSCloseCode.GOING_AWAY] * 3
    assert [msg.extra for msg in received] == ["server shutdown"] * 3
    async with asyncio.timeout(3):
        await shutdown
    assert len(tracked_sockets(client.server.app)) == 0


async def test_one_failing_client_does_not_stop_the_others():
    reached: list[str] = []

    async def action(name: str) -> None:
        if name == "broken":
            raise ConnectionResetError("peer went away")
        if name == "stuck":
            await asyncio.sleep(10)
        reached.append(name)

    succeeded = await websocket_server._for_each_socket(["a", "broken", "stuck", "b"], action, timeout=0.1)
    assert succeeded == 2
    assert sorted(reached) == ["a", "b"]


async def test_broadcast_with_nobody_connected_reaches_nobody(client):
    assert await websocket_server.broadcast(client.server.app, "anyone?") == 0


def test_app_registers_the_shutdown_hook():
    app = create_app()
    assert websocket_server.close_all_sockets in app.on_shutdown
    assert len(tracked_sockets(app)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_sigterm_to_a_running_server_closes_clients_and_exits_cleanly():
    port = free_port()
    script = Path(websocket_server.__file__)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(script), "--port", str(port),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    try:
        timeout = aiohttp.ClientTimeout(total=5)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with asyncio.timeout(5):
                while True:
                    try:
                        ws = await session.ws_connect(f"http://127.0.0.1:{port}/ws")
                        break
                    except aiohttp.ClientConnectionError:
                        await asyncio.sleep(0.05)
            proc.send_signal(signal.SIGTERM)
            msg = await ws.receive(timeout=5)
            assert msg.type == WSMsgType.CLOSE
            assert msg.data == WSCloseCode.GOING_AWAY
            await ws.close()
        async with asyncio.timeout(10):
            _, stderr = await proc.communicate()
        assert proc.returncode == 0, stderr.decode()
        assert b"shutdown: closed 1 of 1 websockets" in stderr
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
