"""Order pipeline: background tasks started and forgotten, and kept properly."""
import asyncio
import logging

log = logging.getLogger("orders")

background = set()


async def audit(order_id):
    await asyncio.sleep(0.1)
    log.info("audited %s", order_id)


async def warm_cache(order_id):
    await asyncio.sleep(0.1)
    log.info("cache warm for %s", order_id)


async def place_order(order_id):
    asyncio.create_task(audit(order_id))  # expect: AIO113
    loop = asyncio.get_running_loop()
    loop.create_task(warm_cache(order_id))  # expect: AIO113
    await asyncio.sleep(0)
    return order_id


async def place_order_kept(order_id):
    task = asyncio.create_task(audit(order_id))
    background.add(task)
    task.add_done_callback(background.discard)
    background.add(asyncio.create_task(warm_cache(order_id)))
    await asyncio.sleep(0)
    return order_id


async def place_order_structured(order_id):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(audit(order_id))
        tg.create_task(warm_cache(order_id))
    return order_id


async def place_order_and_wait(order_id):
    await asyncio.create_task(audit(order_id))
    return order_id


def schedule_from_callback(order_id):
    """Called by loop.call_soon on the loop thread: the task still needs an owner."""
    asyncio.ensure_future(audit(order_id))  # expect: AIO113, AIO114


async def main():
    await place_order(1)
    await place_order_kept(2)
    await place_order_structured(3)
    await place_order_and_wait(4)
    asyncio.get_running_loop().call_soon(schedule_from_callback, 5)
    await asyncio.sleep(0.3)


if __name__ == "__main__":
    asyncio.run(main())
