"""Price feed client: sessions and streams that can wait for minutes."""
import asyncio

import aiofiles
import aiohttp
import httpx

FEED = ("127.0.0.1", 9100)
TIMEOUT = aiohttp.ClientTimeout(total=20, sock_connect=5)


async def latest_prices(url):
    async with aiohttp.ClientSession() as session:  # expect: AIO130
        async with session.get(url) as resp:
            return await resp.json()


async def read_feed_header():
    reader, writer = await asyncio.open_connection(*FEED)  # expect: AIO130
    try:
        banner = await reader.readline()  # expect: AIO130
        size = int(banner.split()[1])
        payload = await reader.readexactly(size)  # expect: AIO130
        trailer = await reader.readuntil(b"\n\n")  # expect: AIO130
        return payload, trailer
    finally:
        writer.close()
        await writer.wait_closed()


async def read_feed_header_bounded():
    async with asyncio.timeout(5):
        reader, writer = await asyncio.open_connection(*FEED)
        banner = await reader.readline()
    try:
        size = int(banner.split()[1])
        payload = await asyncio.wait_for(reader.readexactly(size), timeout=5)
        return payload
    finally:
        writer.close()
        await writer.wait_closed()


async def connect_bounded():
    reader, writer = await asyncio.wait_for(asyncio.open_connection(*FEED), timeout=3)
    writer.close()
    await writer.wait_closed()
    return reader


async def latest_prices_bounded(url):
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        async with session.get(url) as resp:
            body = await resp.read()
    async with httpx.AsyncClient() as client:
        fallback = await client.get(url)
    async with aiofiles.open("/tmp/prices.cache", "rb") as cache:
        cached = await cache.read()
    return body, fallback.content, cached
