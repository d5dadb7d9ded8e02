"""Line-protocol gateway: served forever with no SIGTERM handling."""
import asyncio
import logging
import signal

log = logging.getLogger("gateway")
CONFIG = {"greeting": "hello"}


def reload_config(signum, frame):
    CONFIG["greeting"] = "hello again"
    log.info("config reloaded on signal %s", signum)


async def handle(reader, writer):
    try:
        async with asyncio.timeout(30):
            line = await reader.readline()
        writer.write(f"{CONFIG['greeting']} {line.decode().strip()}\n".encode())
        await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()


async def main():
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    # Ctrl-C is handled, but the SIGTERM that systemd and Kubernetes send is not.
    loop.add_signal_handler(signal.SIGINT, stop.set)
    server = await asyncio.start_server(handle, "127.0.0.1", 7070)
    async with server:
        await server.serve_forever()  # expect: AIO160


if __name__ == "__main__":
    signal.signal(signal.SIGHUP, reload_config)  # expect: AIO160
    asyncio.run(main())
