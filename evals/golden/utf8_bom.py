"""Greeter saved with a UTF-8 byte order mark.

Python accepts the BOM, and it does not shift line numbers.
"""
import asyncio
import time

GREETING = "grüß dich"


async def greet(name):
    time.sleep(0.1)  # expect: AIO100
    await asyncio.sleep(0)
    return f"{GREETING}, {name}"


async def main():
    print(await greet("Welt"))


if __name__ == "__main__":
    asyncio.run(main())
