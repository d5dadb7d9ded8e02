"""Legacy metrics daemon: hand-managed event loops, and the loop asked for from inside."""
import asyncio
import logging
import signal
from asyncio import get_event_loop as current_loop

log = logging.getLogger("metrics")


async def collect():
    loop = asyncio.get_event_loop()  # expect: AIO121
    started = loop.time()
    await asyncio.sleep(0.1)
    return loop.time() - started


async def flush():
    loop = current_loop()  # expect: AIO121
    await loop.run_in_executor(None, log.info, "flushed")


async def collect_properly():
    loop = asyncio.get_running_loop()
    started = loop.time()
    await asyncio.sleep(0.1)
    return loop.time() - started


def run_once():
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(collect())  # expect: AIO120


def run_daemon():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    task = loop.create_task(collect_until(stop))
    task.add_done_callback(lambda _: loop.stop())
    try:
        loop.run_forever()  # expect: AIO120
    finally:
        loop.close()


async def collect_until(stop):
    while not stop.is_set():
        await collect_properly()
        await flush()
        await asyncio.sleep(5)


def run_modern():
    return asyncio.run(collect_properly())


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    run_daemon()
