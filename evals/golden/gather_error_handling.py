"""Dashboard loader: gather calls whose failures may go unobserved."""
import asyncio
import logging
from asyncio import gather

log = logging.getLogger("dashboard")


async def revenue():
    await asyncio.sleep(0.01)
    return 1200


async def signups():
    await asyncio.sleep(0.01)
    return 34


async def churn():
    await asyncio.sleep(0.01)
    raise ValueError("churn service down")


async def load_dashboard():
    rev, new, lost = await asyncio.gather(revenue(), signups(), churn())  # expect: AIO115
    return {"revenue": rev, "signups": new, "churn": lost}


async def load_totals():
    return await gather(revenue(), signups())  # expect: AIO115


async def load_with_cleanup():
    try:
        return await asyncio.gather(revenue(), churn())  # expect: AIO115
    finally:
        log.info("dashboard refresh finished")


async def load_tolerant():
    results = await asyncio.gather(revenue(), signups(), churn(), return_exceptions=True)
    return [r for r in results if not isinstance(r, BaseException)]


async def load_guarded():
    try:
        rev, new = await asyncio.gather(revenue(), signups())
    except ValueError:
        log.warning("a metric failed, showing placeholders")
        return {"revenue": None, "signups": None}
    return {"revenue": rev, "signups": new}


async def load_structured():
    async with asyncio.TaskGroup() as tg:
        rev = tg.create_task(revenue())
        new = tg.create_task(signups())
    return {"revenue": rev.result(), "signups": new.result()}
