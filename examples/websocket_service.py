"""Live ticker: relays an upstream price feed to browser websockets.

The feed is a line-oriented TCP stream (one JSON object per line). Every tick
is appended to the day's audit file and pushed to all connected websocket
clients. Operations probe the feed through /health.
"""
import asyncio
import json
import logging
import os
import weakref
from datetime import date
from pathlib import Path

from aiohttp import WSMsgType, web

log = logging.getLogger("ticker")

FEED_HOST = os.environ.get("FEED_HOST", "127.0.0.1")
FEED_PORT = int(os.environ.get("FEED_PORT", "9100"))
AUDIT_DIR = os.environ.get("AUDIT_DIR", "/var/log/ticker")
HTTP_HOST = os.environ.get("HTTP_HOST", "127.0.0.1")
HTTP_PORT = int(os.environ.get("HTTP_PORT", "8081"))
PROBE_TIMEOUT = 3

routes = web.RouteTableDef()


def audit_path():
    return os.path.join(AUDIT_DIR, f"{date.today():%Y-%m-%d}.jsonl")


async def probe_feed():
    """True when the feed accepts a connection and sends a line within the timeout."""
    try:
        async with asyncio.timeout(PROBE_TIMEOUT):
            reader, writer = await asyncio.open_connection(FEED_HOST, FEED_PORT)
        try:
            line = await asyncio.wait_for(reader.readline(), PROBE_TIMEOUT)
        finally:
            writer.close()
            await writer.wait_closed()
    except (OSError, TimeoutError):
        return False
    return bool(line)


@routes.get("/health")
async def health(request):
    feed_ok = await probe_feed()
    status = 200 if feed_ok else 503
    return web.json_response({"feed": feed_ok, "clients": len(request.app["clients"])}, status=status)


@routes.get("/audit/today")
async def audit_today(request):
    try:
        text = await asyncio.to_thread(Path(audit_path()).read_text, encoding="utf-8")
    except FileNotFoundError:
        text = ""
    return web.Response(text=text, content_type="application/x-ndjson")


@routes.get("/ws")
async def websocket(request):
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    clients = request.app["clients"]
    clients.add(ws)
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT and msg.data == "ping":
                await ws.send_str("pong")
            elif msg.type == WSMsgType.ERROR:
                log.warning("websocket closed with %s", ws.exception())
    finally:
        clients.discard(ws)
    return ws


async def send_tick(ws, message):
    try:
        await ws.send_str(message)
    except ConnectionResetError:
        log.info("client went away during send")


async def broadcast(app, tick):
    message = json.dumps(tick)
    for ws in list(app["clients"]):  # expect: AIO110
        await send_tick(ws, message)


async def relay_feed(app):
    loop = asyncio.get_event_loop()  # expect: AIO121
    started = loop.time()
    reader, writer = await asyncio.open_connection(FEED_HOST, FEED_PORT)  # expect: AIO130
    try:
        while True:
            line = await reader.readline()  # expect: AIO130
            if not line:
                log.warning("feed closed after %.0f s", loop.time() - started)
                break
            text = line.decode("utf-8").strip()
            try:
                tick = json.loads(text)
            except ValueError:
                log.warning("dropping malformed feed line %r", text[:80])
                continue
            with open(audit_path(), "a", encoding="utf-8") as audit:  # expect: AIO102
                audit.write(text + "\n")
            await broadcast(app, tick)
    finally:
        writer.close()
        await writer.wait_closed()


async def start_http(app):
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, HTTP_HOST, HTTP_PORT)
    await site.start()
    asyncio.ensure_future(relay_feed(app))  # expect: AIO113, AIO114
    log.info("ticker listening on http://%s:%d", HTTP_HOST, HTTP_PORT)
    return runner


def build_app():
    app = web.Application()
    app["clients"] = weakref.WeakSet()
    app.add_routes(routes)
    return app


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    runner = loop.run_until_complete(start_http(build_app()))  # expect: AIO120
    try:
        loop.run_forever()  # expect: AIO120, AIO160
    except KeyboardInterrupt:
        log.info("interrupted")
    finally:
        loop.run_until_complete(runner.cleanup())  # expect: AIO120
        loop.close()


if __name__ == "__main__":
    main()
