"""Connection keeper: tasks cancelled and left to finish whenever they like."""
import asyncio
import logging

log = logging.getLogger("keeper")


async def heartbeat(name):
    while True:
        log.debug("heartbeat from %s", name)
        await asyncio.sleep(5)


class Keeper:
    def __init__(self, name):
        self.name = name
        self._beat = None
        self._watchers = []

    async def open(self):
        self._beat = asyncio.create_task(heartbeat(self.name))
        self._watchers = [asyncio.create_task(heartbeat(f"{self.name}-{n}")) for n in range(3)]
        await asyncio.sleep(0)

    async def shutdown_fast(self):
        self._beat.cancel()  # expect: AIO141
        log.info("keeper %s stopped", self.name)
        await asyncio.sleep(0)

    async def shutdown(self):
        self._beat.cancel()
        try:
            await self._beat
        except asyncio.CancelledError:
            pass
        for task in self._watchers:
            task.cancel()
        await asyncio.gather(*self._watchers, return_exceptions=True)


async def probe(name, seconds):
    probe_task = asyncio.create_task(heartbeat(name))
    await asyncio.sleep(seconds)
    probe_task.cancel()  # expect: AIO141
    return name


async def probe_and_wait(name, seconds):
    probe_task = asyncio.create_task(heartbeat(name))
    await asyncio.sleep(seconds)
    probe_task.cancel()
    await asyncio.wait({probe_task})
    return probe_task.cancelled()


async def main():
    keeper = Keeper("primary")
    await keeper.open()
    await probe("probe", 0.1)
    await probe_and_wait("probe-2", 0.1)
    await keeper.shutdown()
