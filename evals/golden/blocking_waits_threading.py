"""Metrics bridge: thread primitives parked inside coroutines."""
import asyncio
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

registry_lock = threading.Lock()
flushed = threading.Event()
outbox = queue.Queue(maxsize=1000)
registry = {}


def flush_forever():
    while True:
        batch = outbox.get()
        with registry_lock:
            registry.update(batch)
        flushed.set()


flusher = threading.Thread(target=flush_forever, name="flusher", daemon=True)


def start_flusher():
    """Called once at import time of the service, before the event loop starts."""
    flusher.start()


async def record(name, value):
    with registry_lock:  # expect: AIO106
        registry[name] = value
    outbox.put({name: value})  # expect: AIO106
    await asyncio.sleep(0)


async def wait_flushed():
    flushed.wait(timeout=5)  # expect: AIO106
    if registry_lock.acquire(timeout=1):  # expect: AIO106
        registry_lock.release()
    await asyncio.sleep(0)


async def snapshot():
    with ThreadPoolExecutor(max_workers=2) as pool:
        future = pool.submit(dict, registry)
        copy = future.result()  # expect: AIO106
        other = await asyncio.wrap_future(pool.submit(sorted, registry))
    flusher.join(timeout=1)  # expect: AIO106
    return copy, other


async def record_properly(name, value):
    # The thread primitives are reached through worker threads only.
    await asyncio.to_thread(outbox.put, {name: value})
    await asyncio.to_thread(flushed.wait, 5)


async def local_pipeline(items):
    lock = asyncio.Lock()
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    seen = []
    while not queue.empty():
        item = await queue.get()
        async with lock:
            seen.append(item)
    return seen
