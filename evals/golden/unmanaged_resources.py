"""Reporting jobs: clients and files opened without a guaranteed close."""
import asyncio

import aiofiles
import aiohttp
import asyncpg
import httpx

DSN = "postgresql://reports@127.0.0.1/reports"
TIMEOUT = aiohttp.ClientTimeout(total=30)

_shared_session = None


async def daily_totals(url):
    session = aiohttp.ClientSession(timeout=TIMEOUT)  # expect: AIO150
    async with session.get(url) as resp:
        totals = await resp.json()
    await session.close()
    return totals


async def export(rows, path):
    out = await aiofiles.open(path, "w")  # expect: AIO150
    await out.write("\n".join(rows))
    await out.close()


async def ping_partner(url):
    client = httpx.AsyncClient()  # expect: AIO150
    resp = await client.get(url)
    return resp.status_code


async def count_reports():
    conn = await asyncpg.connect(DSN)  # expect: AIO150
    total = await conn.fetchval("SELECT count(*) FROM report")
    await conn.close()
    return total


async def count_reports_safely():
    conn = await asyncpg.connect(DSN)
    try:
        return await conn.fetchval("SELECT count(*) FROM report")
    finally:
        await conn.close()


def make_session():
    """Factory: the caller owns the session and closes it."""
    return aiohttp.ClientSession(timeout=TIMEOUT, raise_for_status=True)


def shared_session():
    global _shared_session
    if _shared_session is None:
        _shared_session = aiohttp.ClientSession(timeout=TIMEOUT)
    return _shared_session


class ReportClient:
    def __init__(self, base_url):
        self.base_url = base_url
        self._session = None

    async def start(self):
        self._session = aiohttp.ClientSession(base_url=self.base_url, timeout=TIMEOUT)
        await asyncio.sleep(0)

    async def aclose(self):
        if self._session is not None:
            await self._session.close()


async def main():
    async with make_session() as session:
        async with session.get("http://127.0.0.1:8080/ping") as resp:
            print(resp.status)
    async with asyncpg.create_pool(DSN) as pool:
        print(await pool.fetchval("SELECT 1"))
    async with aiofiles.open("/tmp/report.txt", "w") as out:
        await out.write("ok")
    client = ReportClient("http://127.0.0.1:8080")
    await client.start()
    try:
        await shared_session().close()
    finally:
        await client.aclose()
