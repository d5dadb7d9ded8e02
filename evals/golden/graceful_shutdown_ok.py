"""Two services that shut down cleanly on SIGTERM: a stream server and an aiohttp app."""
import asyncio
import contextlib
import logging
import signal

from aiohttp import web

log = logging.getLogger("services")


async def handle(reader, writer):
    try:
        line = await asyncio.wait_for(reader.readline(), timeout=30)
        writer.write(line.upper())
        await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()


async def serve_streams():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, "127.0.0.1", 7071)
    serving = asyncio.create_task(server.serve_forever())
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    log.info("stopping stream server")
    serving.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await serving
    server.close()
    await server.wait_closed()


async def hello(request):
    await asyncio.sleep(0)
    return web.Response(text="hello")


def run_http():
    app = web.Application()
    app.router.add_get("/", hello)
    # run_app installs SIGINT and SIGTERM handlers and runs the cleanup hooks.
    web.run_app(app, host="127.0.0.1", port=8089)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(serve_streams())
