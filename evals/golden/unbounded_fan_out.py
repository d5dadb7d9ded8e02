"""Image resizer: one task per item, with and without a bound."""
import asyncio

import aiohttp

LIMIT = asyncio.Semaphore(8)
WORKERS = 6


async def resize(session, url):
    async with session.post("http://127.0.0.1:8090/resize", json={"url": url}) as resp:
        resp.raise_for_status()
        return await resp.json()


async def resize_limited(session, url):
    async with LIMIT:
        return await resize(session, url)


async def resize_all(session, urls):
    return await asyncio.gather(*(resize(session, u) for u in urls), return_exceptions=True)  # expect: AIO116


async def resize_all_tasks(session, urls):
    tasks = []
    for url in urls:
        tasks.append(asyncio.create_task(resize(session, url)))  # expect: AIO116
    done, _ = await asyncio.wait(tasks)
    return [t.result() for t in done if t.exception() is None]


async def resize_all_bounded_here(session, urls):
    sem = asyncio.Semaphore(10)

    async def one(url):
        async with sem:
            return await resize(session, url)

    return await asyncio.gather(*[one(u) for u in urls], return_exceptions=True)


async def resize_all_bounded_there(session, urls):
    return await asyncio.gather(*[resize_limited(session, u) for u in urls], return_exceptions=True)


async def resize_all_pool(session, urls):
    queue = asyncio.Queue()
    results = []

    async def worker():
        while True:
            url = await queue.get()
            try:
                results.append(await resize(session, url))
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(WORKERS)]
    for url in urls:
        queue.put_nowait(url)
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return results


async def keep_one_running(session, url, stop):
    """A supervisor that restarts a single task: not a fan-out."""
    task = asyncio.create_task(resize(session, url))
    while not stop.is_set():
        await asyncio.wait({task}, timeout=5)
        if task.done():
            task = asyncio.create_task(resize(session, url))
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def main(urls):
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        await resize_all_pool(session, urls)
