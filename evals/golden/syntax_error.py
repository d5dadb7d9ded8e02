"""Half-edited worker: a missing colon stops the parser; nothing else is reported."""
import asyncio
import time


async def fetch(url):
    time.sleep(1)
    return url


async def process(items)  # expect: AIO000
    for item in items:
        await fetch(item)


async def main():
    asyncio.create_task(process(["a", "b"]))
    await asyncio.sleep(0.1)


if __name__ == "__main__":
    asyncio.run(main())
