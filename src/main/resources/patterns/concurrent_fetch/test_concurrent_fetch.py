"""Tests for concurrent_fetch against a real aiohttp server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import socket
import time

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

import concurrent_fetch
from concurrent_fetch import FetchConfig, fetch_all

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]

FAST = FetchConfig(max_concurrency=3, request_timeout=0.3, connect_timeout=0.3, read_timeout=0.3, overall_timeout=5.0)


class Gauge:
    """Counts requests in flight on the server side and remembers the peak."""

    def __init__(self) -> None:
        self.current = 0
        self.peak = 0

    def enter(self) -> None:
        self.current += 1
        self.peak = max(self.peak, self.current)

    def leave(self) -> None:
        self.current -= 1


@pytest.fixture
async def server():
    gauge = Gauge()
    release = asyncio.Event()

    async def ok(request: web.Request) -> web.Response:
        gauge.enter()
        try:
            await asyncio.sleep(0.05)
            return web.Response(text=f"hello {request.match_info['n']}")
        finally:
            gauge.leave()

    async def slow(request: web.Request) -> web.Response:
        # Hangs until the fixture tears down, so no handler outlives the test's event loop.
        async with asyncio.timeout(10):
            await release.wait()
        return web.Response(text="too late")

    async def missing(request: web.Request) -> web.Response:
        await asyncio.sleep(0)
        raise web.HTTPNotFound()

    async def big(request: web.Request) -> web.Response:
        await asyncio.sleep(0)
        return web.Response(body=b"x" * 4096)

    app = web.Application()
    app.router.add_get("/ok/{n}", ok)
    app.router.add_get("/slow", slow)
    app.router.add_get("/missing", missing)
    app.router.add_get("/big", big)
    test_server = TestServer(app, host="127.0.0.1")
    test_server.gauge = gauge
    await test_server.start_server()
    try:
        yield test_server
    finally:
        release.set()
        # Let released handlers finish writing before the server and the loop go away.
        await asyncio.sleep(0.05)
        await test_server.close()


def closed_port_url() -> str:
    # Bind then close: nothing listens on the port afterwards, so connecting is refused.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


async def test_every_url_gets_a_result_in_input_order(server):
    urls = [str(server.make_url(f"/ok/{n}")) for n in range(6)]
    results = await fetch_all(urls, FAST)
    assert [r.url for r in results] == urls
    assert all(r.ok and r.status == 200 for r in results)
    assert [r.body for r in results] == [f"hello {n}".encode() for n in range(6)]


async def test_concurrency_never_exceeds_the_semaphore(server):
    urls = [str(server.make_url(f"/ok/{n}")) for n in range(12)]
    results = await fetch_all(urls, FAST)
    assert all(r.ok for r in results)
    assert server.gauge.peak == FAST.max_concurrency


async def test_errors_are_reported_per_url_without_failing_the_batch(server):
    urls = [
        str(server.make_url("/ok/1")),
        str(server.make_url("/missing")),
        closed_port_url(),
        str(server.make_url("/slow")),
    ]
    results = await fetch_all(urls, FAST)
    by_url = {r.url: r for r in results}
    assert by_url[urls[0]].ok
    assert by_url[urls[1]].status == 404 and by_url[urls[1]].error == "HTTP 404"
    assert by_url[urls[2]].error is not None and "Connect" in by_url[urls[2]].error
    assert by_url[urls[3]].error == "timeout"


async def test_overall_timeout_cancels_unfinished_requests(server):
    config = FetchConfig(request_timeout=5.0, read_timeout=5.0, overall_timeout=0.3)
    urls = [str(server.make_url("/ok/1")), str(server.make_url("/slow"))]
    started = time.monotonic()
    results = await fetch_all(urls, config)
    assert time.monotonic() - started < 1.5
    assert results[0].ok
    assert results[1].error == "overall timeout"


async def test_oversized_body_is_an_error_for_that_url(server):
    config = FetchConfig(max_body_bytes=1024)
    results = await fetch_all([str(server.make_url("/big"))], config)
    assert results[0].error is not None and "BodyTooLarge" in results[0].error


async def test_invalid_url_is_reported_not_raised():
    results = await fetch_all(["not a url"], FAST)
    assert results[0].error is not None


async def test_cancelling_the_batch_cancels_every_request(server):
    batch = asyncio.create_task(fetch_all([str(server.make_url("/slow"))] * 3, FAST))
    await asyncio.sleep(0.1)
    batch.cancel()
    with pytest.raises(asyncio.CancelledError):
        await batch
    await asyncio.sleep(0)
    leftovers = [t for t in asyncio.all_tasks() if t.get_name().startswith("fetch ")]
    assert leftovers == []


async def test_empty_input_returns_empty_list():
    assert await fetch_all([]) == []


def test_config_rejects_nonsense():
    with pytest.raises(ValueError):
        FetchConfig(max_concurrency=0)
    with pytest.raises(ValueError):
        FetchConfig(overall_timeout=0)


def test_main_without_urls_prints_usage(capsys):
    assert concurrent_fetch.main([]) == 2
    assert "usage" in capsys.readouterr().err
