"""Account sync: for loops that await one item at a time, and loops that must."""
import asyncio

import aiohttp

API = "http://127.0.0.1:8080"
RETRIES = 4


async def get_json(session, path, **params):
    async with session.get(f"{API}{path}", params=params) as resp:
        resp.raise_for_status()
        return await resp.json()


async def load_profiles(session, user_ids):
    profiles = []
    for user_id in user_ids:  # expect: AIO110
        profile = await get_json(session, f"/users/{user_id}")
        profiles.append(profile)
    return profiles


async def load_orders(session, user_ids):
    orders = {}
    for index, user_id in enumerate(user_ids):  # expect: AIO110
        orders[index] = await get_json(session, "/orders", user=user_id)
    return orders


async def all_invoices(session):
    """Cursor pagination: each request needs the cursor the previous one returned."""
    invoices, cursor = [], ""
    for page in range(1, 1000):
        body = await get_json(session, "/invoices", page=page, cursor=cursor)
        invoices.extend(body["items"])
        cursor = body.get("next")
        if not cursor:
            break
    return invoices


async def get_with_retry(session, path):
    """A retry loop that leaves on the first success."""
    for attempt in range(RETRIES):
        try:
            return await get_json(session, path)
        except aiohttp.ClientError:
            if attempt == RETRIES - 1:
                raise
            await asyncio.sleep(0.2 * 2 ** attempt)


async def apply_migrations(session, steps):
    """Each step starts from the schema version the previous step produced."""
    version = 0
    for step in steps:
        version = await post_step(session, step, version)
    return version


async def post_step(session, step, version):
    async with session.post(f"{API}/migrate", json={"step": step, "from": version}) as resp:
        resp.raise_for_status()
        return (await resp.json())["version"]


async def stream_events(session):
    seen = []
    async with session.get(f"{API}/events") as resp:
        async for line in resp.content:
            seen.append(await decode(line))
    return seen


async def decode(line):
    await asyncio.sleep(0)
    return line.decode().strip()
