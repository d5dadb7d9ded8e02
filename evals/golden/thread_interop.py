"""Serial-port bridge: threads that touch the event loop, and threads started from coroutines."""
import asyncio
import threading
import time
from threading import Thread

readings = asyncio.Queue()


def read_port(loop, port):
    """Thread target: polls the (simulated) serial port."""
    for n in range(10):
        time.sleep(0.1)
        readings.put_nowait((port, n))  # expect: AIO170
        loop.call_soon(print, "reading", n)  # expect: AIO170


def read_port_safely(loop, port):
    for n in range(10):
        time.sleep(0.1)
        loop.call_soon_threadsafe(readings.put_nowait, (port, n))


def calibrate(fut, offset):
    """Runs in the default executor."""
    time.sleep(0.2)
    fut.set_result(offset * 2)  # expect: AIO170


def calibrate_value(offset):
    time.sleep(0.2)
    return offset * 2


async def start_bridge(port):
    loop = asyncio.get_running_loop()
    threading.Thread(target=read_port, args=(loop, port), daemon=True).start()  # expect: AIO171
    fut = loop.create_future()
    await loop.run_in_executor(None, calibrate, fut, 3)
    return await fut


async def start_bridge_checked(port):
    loop = asyncio.get_running_loop()
    reader = Thread(target=read_port_safely, args=(loop, port), daemon=True)  # expect: AIO171
    reader.start()
    return await asyncio.to_thread(calibrate_value, 3)


async def start_bridge_properly(port):
    loop = asyncio.get_running_loop()
    offset = await asyncio.to_thread(calibrate_value, 3)
    await asyncio.to_thread(read_port_safely, loop, port)
    return offset


def start_sync_bridge(loop, port):
    """Called from the synchronous launcher before the loop runs."""
    worker = threading.Thread(target=read_port_safely, args=(loop, port), daemon=True)
    worker.start()
    return worker
