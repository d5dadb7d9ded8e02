"""Rate-limited status poller: time.sleep in its plain and aliased forms."""
import asyncio
import time
import time as clock
from time import sleep as pause

import aiohttp

POLL_EVERY = 5.0


async def wait_for_green(session, url):
    while True:
        async with session.get(url) as resp:
            status = (await resp.json())["status"]
        if status == "green":
            return status
        time.sleep(POLL_EVERY)  # expect: AIO100


async def cool_down(seconds):
    started = clock.monotonic()
    pause(seconds)  # expect: AIO100
    clock.sleep(0.1)  # expect: AIO100
    await asyncio.sleep(0)
    return clock.monotonic() - started


async def gentle_cool_down(seconds):
    # The right way: the loop keeps running other tasks while this one waits.
    await asyncio.sleep(seconds)


async def settle_in_thread(seconds):
    loop = asyncio.get_running_loop()
    # A lambda is not the coroutine's own code: it runs in the executor thread.
    await loop.run_in_executor(None, lambda: time.sleep(seconds))

    def settle():
        pause(seconds)
        return clock.monotonic()

    return await asyncio.to_thread(settle)


def blocking_backoff(attempt):
    """Plain function for the synchronous CLI path: sleeping here is fine."""
    time.sleep(min(2 ** attempt, 30))


async def main():
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await wait_for_green(session, "http://127.0.0.1:8080/status")
    await cool_down(1)
    await gentle_cool_down(1)
    await settle_in_thread(1)


if __name__ == "__main__":
    asyncio.run(main())
