# -*- coding: latin-1 -*-
"""Price labels in Latin-1 with a PEP 263 cookie: decodes fine, so rules apply."""
import asyncio
import time

CURRENCY = "écu"


async def label(price):
    time.sleep(0.1)  # expect: AIO100
    await asyncio.sleep(0)
    return f"{price} {CURRENCY}"


async def labels(prices):
    results = []
    for price in prices:  # expect: AIO110
        results.append(await label(price))
    return results


async def main():
    print(await labels([1, 2, 3]))


if __name__ == "__main__":
    asyncio.run(main())
