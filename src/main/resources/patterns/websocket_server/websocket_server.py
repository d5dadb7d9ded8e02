"""A broadcasting websocket server on aiohttp with graceful shutdown.

Every open websocket is tracked in a ``weakref.WeakSet`` stored on the
application, so a broadcast reaches every connected client and a socket that
is gone can never leak. Text messages from one client are sent to all the
others; sends run concurrently under a ``Semaphore`` and each has a timeout, so
one slow client cannot stall the rest (Ch 3). Heartbeats detect dead peers.
On shutdown (SIGINT/SIGTERM are handled by ``web.run_app``) an ``on_shutdown``
hook closes every socket with code 1001 "going away" before the server stops,
so clients see a clean close instead of a reset (Ch 4).

Run it::

    python3 websocket_server.py --port 8080
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import weakref
from collections.abc import Awaitable, Callable, Iterable, Sequence

from aiohttp import WSCloseCode, WSMsgType, web

log = logging.getLogger("websocket_server")

# aiohttp 3.8 has no AppKey yet; a module constant keeps the key in one place.
SOCKETS = "websockets"
SHUTTING_DOWN = "websockets_shutting_down"
SEND_TIMEOUT = 5.0
CLOSE_TIMEOUT = 5.0
SEND_CONCURRENCY = 100
HEARTBEAT = 20.0
MAX_MESSAGE_BYTES = 64 * 1024

routes = web.RouteTableDef()


def tracked_sockets(app: web.Application) -> weakref.WeakSet[web.WebSocketResponse]:
    """The live sockets of ``app`` (a WeakSet, so closed sockets drop out by themselves)."""
    return app[SOCKETS]


async def _for_each_socket(
    sockets: Iterable[web.WebSocketResponse],
    action: Callable[[web.WebSocketResponse], Awaitable[None]],
    timeout: float,
) -> int:
    """Run ``action`` on every socket concurrently, bounded, each under ``timeout``.

    Returns how many actions succeeded; failures are logged, never raised, so one
    broken client does not affect the others.
    """
    semaphore = asyncio.Semaphore(SEND_CONCURRENCY)

    async def guarded(ws: web.WebSocketResponse) -> None:
        async with semaphore:
            async with asyncio.timeout(timeout):
                await action(ws)

    targets = list(sockets)
    outcomes = await asyncio.gather(*(guarded(ws) for ws in targets), return_exceptions=True)
    succeeded = 0
    for ws, outcome in zip(targets, outcomes):
        if isinstance(outcome, asyncio.CancelledError):
            raise outcome
        if isinstance(outcome, BaseException):
            log.warning("websocket %s: %s", id(ws), outcome or type(outcome).__name__)
        else:
            succeeded += 1
    return succeeded


async def broadcast(app: web.Application, message: str, exclude: web.WebSocketResponse | None = None) -> int:
    """Send ``message`` to every open socket except ``exclude``; returns the number reached."""
    targets = [ws for ws in tracked_sockets(app) if ws is not exclude and not ws.closed]

    async def send(ws: web.WebSocketResponse) -> None:
        await ws.send_str(message)

    return await _for_each_socket(targets, send, SEND_TIMEOUT)


@routes.get("/ws")
async def websocket_handler(request: web.Request) -> web.WebSocketResponse:
    """Accept a client, relay its text messages to everyone else, untrack it when it leaves."""
    ws = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE_BYTES, timeout=CLOSE_TIMEOUT)
    await ws.prepare(request)
    sockets = tracked_sockets(request.app)
    sockets.add(ws)
    peer = request.remote
    log.info("client %s connected (%d open)", peer, len(sockets))
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                if msg.data == "/close":
                    await ws.close()
                    break
                payload = json.dumps({"from": peer, "text": msg.data})
                await broadcast(request.app, payload, exclude=ws)
            elif msg.type == WSMsgType.ERROR:
                log.warning("client %s: connection error %s", peer, ws.exception())
        if request.app[SHUTTING_DOWN].is_set() and not ws.closed:
            # The shutdown hook's close() wakes this loop first; closing here with 1001
            # avoids aiohttp 3.8 closing the socket with 1000 when the handler returns.
            await _close_going_away(ws)
    finally:
        # Runs on normal close, on errors and when the handler task is cancelled.
        sockets.discard(ws)
        log.info("client %s disconnected (%d open)", peer, len(sockets))
    return ws


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    """Report liveness and the number of open websockets."""
    return web.json_response({"status": "ok", "connections": len(tracked_sockets(request.app))})


async def _close_going_away(ws: web.WebSocketResponse) -> None:
    await ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")


async def close_all_sockets(app: web.Application) -> None:
    """on_shutdown hook: close every socket with 1001 going-away before the server stops."""
    app[SHUTTING_DOWN].set()
    sockets = list(tracked_sockets(app))
    if not sockets:
        return
    closed = await _for_each_socket(sockets, _close_going_away, CLOSE_TIMEOUT)
    log.info("shutdown: closed %d of %d websockets", closed, len(sockets))


def create_app() -> web.Application:
    """Build the application: routes, the socket registry and the shutdown hook."""
    app = web.Application()
    app[SOCKETS] = weakref.WeakSet()
    # An Event, not a bool: a started application's mapping must not be changed.
    app[SHUTTING_DOWN] = asyncio.Event()
    app.add_routes(routes)
    app.on_shutdown.append(close_all_sockets)
    return app


def main(argv: Sequence[str] | None = None) -> None:
    """Serve until SIGINT/SIGTERM; run_app installs the signal handlers and runs shutdown hooks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    web.run_app(create_app(), host=args.host, port=args.port, shutdown_timeout=CLOSE_TIMEOUT + 1)


if __name__ == "__main__":
    main()
