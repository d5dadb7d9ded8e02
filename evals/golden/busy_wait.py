"""Replica warm-up: polling a flag with sleep instead of waiting on an event."""
import asyncio
import logging

log = logging.getLogger("replica")


class Replica:
    def __init__(self):
        self.ready = False
        self.synced = asyncio.Event()
        self.lag = 100

    async def catch_up(self):
        while self.lag > 0:
            await asyncio.sleep(0.01)
            self.lag -= 10
        self.ready = True
        self.synced.set()


async def wait_until_ready(replica):
    while not replica.ready:  # expect: AIO117
        await asyncio.sleep(0.05)
    return replica


async def wait_until_caught_up(replica):
    while True:  # expect: AIO117
        if replica.lag <= 0:
            break
        await asyncio.sleep(0.05)
    return replica.lag


async def wait_properly(replica):
    await replica.synced.wait()
    return replica


async def report_lag(replica, stop):
    """Periodic work, not a busy wait: every round does something."""
    while not stop.is_set():
        log.info("replica lag %d", replica.lag)
        await asyncio.sleep(1)


async def main():
    replica = Replica()
    stop = asyncio.Event()
    catch_up = asyncio.create_task(replica.catch_up())
    reporter = asyncio.create_task(report_lag(replica, stop))
    await wait_properly(replica)
    await wait_until_ready(replica)
    await wait_until_caught_up(replica)
    stop.set()
    await asyncio.gather(catch_up, reporter, return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(main())
