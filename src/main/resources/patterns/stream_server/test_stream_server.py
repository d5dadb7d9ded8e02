"""Tests for stream_server with real TCP clients on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time

import pytest

from stream_server import KeyValueProtocol, LineServer, serve

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


@pytest.fixture
async def server():
    line_server = LineServer(KeyValueProtocol(), idle_timeout=0.3, write_timeout=1, max_line=1024, max_clients=3)
    await line_server.start()
    try:
        yield line_server
    finally:
        await line_server.close(grace=0.5)


class Client:
    """A test client; every network wait is bounded."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, port: int) -> Client:
        async with asyncio.timeout(2):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def send(self, line: str) -> None:
        self.writer.write(line.encode() + b"\n")
        async with asyncio.timeout(2):
            await self.writer.drain()

    async def read_line(self) -> str:
        async with asyncio.timeout(2):
            return (await self.reader.readline()).decode().rstrip("\n")

    async def ask(self, line: str) -> str:
        await self.send(line)
        return await self.read_line()

    async def close(self) -> None:
        self.writer.close()
        async with asyncio.timeout(2):
            await self.writer.wait_closed()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


async def test_requests_get_replies_in_order(server):
    client = await Client.connect(server.port)
    assert await client.ask("PING") == "PONG"
    assert await client.ask("SET colour blue") == "OK"
    assert await client.ask("GET colour") == "VALUE blue"
    assert await client.ask("GET size") == "NOTFOUND"
    assert await client.ask("FLY") == "ERR unknown command 'FLY'"
    await client.close()


async def test_clients_are_served_concurrently(server):
    slow = await Client.connect(server.port)
    fast = await Client.connect(server.port)
    await slow.send("DELAY 500")
    started = time.monotonic()
    assert await fast.ask("PING") == "PONG"
    # The fast client is answered while the slow request is still running.
    assert time.monotonic() - started < 0.4
    assert await slow.read_line() == "OK"
    await slow.close()
    await fast.close()


async def test_a_failing_request_gets_an_error_and_the_connection_survives(server):
    async with await Client.connect(server.port) as client:
        assert await client.ask("DELAY soon") == "ERR internal error"
        assert await client.ask("PING") == "PONG"


async def test_idle_client_is_told_and_disconnected(server):
    client = await Client.connect(server.port)
    assert await client.read_line() == "ERR idle timeout"
    assert await client.read_line() == ""  # EOF: the server closed the connection
    await client.close()


async def test_overlong_line_is_rejected(server):
    client = await Client.connect(server.port)
    assert await client.ask("SET k " + "x" * 5000) == "ERR line too long"
    await client.close()


async def test_quit_closes_the_connection(server):
    client = await Client.connect(server.port)
    await client.send("QUIT")
    assert await client.read_line() == ""
    await client.close()


async def test_clients_beyond_the_limit_are_turned_away(server):
    async with contextlib.AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(await Client.connect(server.port)) for _ in range(3)]
        assert [await client.ask("PING") for client in clients] == ["PONG"] * 3
        extra = await stack.enter_async_context(await Client.connect(server.port))
        assert await extra.read_line() == "ERR server busy"


async def test_close_lets_running_requests_finish_and_drops_idle_clients(server):
    async with await Client.connect(server.port) as idle, await Client.connect(server.port) as busy:
        assert await idle.ask("PING") == "PONG"
        await busy.send("DELAY 150")
        await asyncio.sleep(0.05)
        await server.close(grace=1.0)
        assert await busy.read_line() == "OK"
        assert await idle.read_line() == ""
        assert server.client_count == 0


async def test_close_cancels_requests_that_outlast_the_grace(server):
    client = await Client.connect(server.port)
    await client.send("DELAY 5000")
    await asyncio.sleep(0.05)
    started = time.monotonic()
    await server.close(grace=0.1)
    assert time.monotonic() - started < 1
    assert await client.read_line() == ""
    await client.close()


async def test_serve_stops_on_sigterm():
    ready = asyncio.Event()
    task = asyncio.create_task(serve("127.0.0.1", 0, grace=0.5, ready=ready))
    async with asyncio.timeout(2):
        await ready.wait()
    os.kill(os.getpid(), signal.SIGTERM)
    async with asyncio.timeout(3):
        await task
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
