"""Price labels saved by an editor in Latin-1 without a coding cookie: not UTF-8."""
import asyncio
import time

CURRENCY = "écu"  # expect: AIO000


async def label(price):
    time.sleep(0.1)
    return f"{price} {CURRENCY}"


async def labels(prices):
    return [await label(p) for p in prices]


async def main():
    print(await labels([1, 2, 3]))


if __name__ == "__main__":
    asyncio.run(main())
