"""Webhook fan-in that reaches for every synchronous HTTP client there is."""
import asyncio
import http.client
import urllib.request
from urllib.request import urlopen

import httpx
import requests
import requests as rq
import urllib3

API = "https://api.example.test"


async def post_event(event):
    resp = requests.post(f"{API}/events", json=event, timeout=5)  # expect: AIO101
    await asyncio.sleep(0)
    return resp.status_code


async def fetch_profile(user_id):
    resp = rq.get(f"{API}/users/{user_id}", timeout=5)  # expect: AIO101
    await asyncio.sleep(0)
    return resp.json()


async def sync_batch(items):
    session = requests.Session()  # expect: AIO101
    session.headers["User-Agent"] = "fan-in/2"
    for item in items:
        session.put(f"{API}/items/{item['id']}", json=item, timeout=5)
    await asyncio.sleep(0)


async def legacy_calls(host, path):
    with urlopen(f"https://{host}{path}", timeout=5) as page:  # expect: AIO101
        body = page.read()
    raw = urllib.request.urlopen(f"https://{host}/ping", timeout=5).read()  # expect: AIO101
    conn = http.client.HTTPSConnection(host, timeout=5)  # expect: AIO101
    conn.request("GET", path)
    status = conn.getresponse().status
    await asyncio.sleep(0)
    return body, raw, status


async def third_party(url):
    first = httpx.get(url, timeout=5)  # expect: AIO101
    with httpx.Client(timeout=5) as client:  # expect: AIO101
        second = client.get(url)
    pool = urllib3.PoolManager()  # expect: AIO101
    third = await asyncio.to_thread(pool.request, "GET", url)
    return first, second, third


async def the_async_way(url):
    # Near misses: an async client, and the blocking client moved to a thread.
    async with httpx.AsyncClient() as client:
        first = await client.get(url)
    second = await asyncio.to_thread(requests.get, url, timeout=5)
    return first, second


def cli_fetch(url):
    """Synchronous entry point, no event loop involved."""
    return requests.get(url, timeout=5).text
