"""Crawler bootstrap: ensure_future used where create_task is meant."""
import asyncio


async def crawl(seed):
    await asyncio.sleep(0.01)
    return f"crawled {seed}"


async def index(doc):
    await asyncio.sleep(0.01)
    return len(doc)


async def start(seeds):
    first = asyncio.ensure_future(crawl(seeds[0]))  # expect: AIO114
    second = asyncio.ensure_future(index(seeds[1]))  # expect: AIO114
    # Wrapping something that already is a future or task is what ensure_future is for.
    pending = asyncio.get_running_loop().create_future()
    wrapped = asyncio.ensure_future(pending)
    pending.set_result("ready")
    third = asyncio.create_task(crawl(seeds[2]))
    try:
        return await asyncio.gather(first, second, wrapped, third)
    except ValueError:
        # A malformed seed fails one crawl; the caller treats it as "nothing crawled".
        return []


if __name__ == "__main__":
    print(asyncio.run(start(["a", "b", "c"])))
