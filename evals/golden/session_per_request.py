"""Weather proxy: a new client session for every request or item."""
import asyncio

import aiohttp
import httpx
from aiohttp import web

UPSTREAM = "http://127.0.0.1:8070"
TIMEOUT = aiohttp.ClientTimeout(total=10)
routes = web.RouteTableDef()


@routes.get("/weather/{city}")
async def weather(request):
    city = request.match_info["city"]
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:  # expect: AIO151
        async with session.get(f"{UPSTREAM}/now/{city}") as resp:
            return web.json_response(await resp.json())


async def forecast(city):
    async with httpx.AsyncClient(base_url=UPSTREAM) as client:  # expect: AIO151
        resp = await client.get(f"/forecast/{city}")
        return resp.json()


async def forecasts(cities):
    results = {}
    for city in cities:  # expect: AIO110
        results[city] = await forecast(city)
    return results


async def warm_caches(cities):
    for city in cities:  # expect: AIO110
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session:  # expect: AIO151
            await session.post(f"{UPSTREAM}/warm", json={"city": city})


@routes.get("/cities")
async def cities(request):
    session = request.app["client"]
    async with session.get(f"{UPSTREAM}/cities") as resp:
        return web.json_response(await resp.json())


async def client_session(app):
    """Cleanup context: one session for the whole application lifetime."""
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        app["client"] = session
        yield


def build_app():
    app = web.Application()
    app.cleanup_ctx.append(client_session)
    app.add_routes(routes)
    return app


if __name__ == "__main__":
    web.run_app(build_app(), host="127.0.0.1", port=8088)
