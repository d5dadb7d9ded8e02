"""Sync agent: handlers that eat CancelledError, and handlers that are fine."""
import asyncio
import concurrent.futures
import contextlib
import logging
from asyncio import CancelledError

log = logging.getLogger("sync")


async def pull(source):
    await asyncio.sleep(0.1)
    return source


async def sync_once(source):
    try:
        return await pull(source)
    except asyncio.CancelledError:  # expect: AIO140
        log.info("sync of %s cancelled", source)
        return None


async def sync_forever(source):
    while True:
        try:
            await pull(source)
        except (CancelledError, ConnectionError):  # expect: AIO140
            log.warning("pull interrupted, retrying")
        await asyncio.sleep(1)


async def sync_best_effort(source):
    try:
        await pull(source)
    except BaseException:  # expect: AIO140
        log.exception("sync failed")
    try:
        await pull(source)
    except:  # noqa: E722  # expect: AIO140
        pass
    with contextlib.suppress(asyncio.CancelledError):  # expect: AIO140
        await pull(source)


async def sync_correctly(source, job):
    try:
        await pull(source)
    except Exception:
        log.exception("sync failed, will retry later")
    try:
        await pull(source)
    except asyncio.CancelledError:
        log.info("cancelled, cleaning up")
        raise
    try:
        await pull(source)
    except BaseException:
        log.error("aborting")
        raise
    try:
        await asyncio.wrap_future(job)
    except concurrent.futures.CancelledError:
        log.info("the executor job was cancelled")


async def stop_helper(helper):
    helper.cancel()
    try:
        await helper
    except asyncio.CancelledError:
        pass


async def stop_helper_quietly(helper):
    helper.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await helper


def sync_in_thread(source):
    """Runs in a worker thread; a bare except here cannot swallow task cancellation."""
    try:
        return source.strip()
    except:  # noqa: E722
        return None
