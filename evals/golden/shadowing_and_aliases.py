"""Request router: names that look like blocking modules but are not, and aliases that are."""
import asyncio
import subprocess as sp
from subprocess import run as shell

import requests as http
from aiofiles import open

import requests


class Cache:
    def __init__(self):
        self.requests = {}

    async def lookup(self, key):
        await asyncio.sleep(0)
        return self.requests.get(key)


async def route(requests, key):
    """`requests` here is the table of pending requests, not the HTTP library."""
    await asyncio.sleep(0)
    return requests.get(key, "unknown")


async def route_many(table, keys):
    requests = dict(table)
    await asyncio.sleep(0)
    return [requests.get(k) for k in keys]


async def read_routes(path):
    # `open` is aiofiles.open here: the builtin is shadowed by the import.
    async with open(path) as fh:
        return await fh.read()


async def forward(url):
    resp = http.get(url, timeout=5)  # expect: AIO101
    await asyncio.sleep(0)
    return resp.status_code


async def deploy_hook():
    sp.check_call(["systemctl", "reload", "router"])  # expect: AIO103
    shell(["logger", "router reloaded"], check=True)  # expect: AIO103
    await asyncio.sleep(0)


async def health(url):
    return await asyncio.to_thread(requests.get, url, timeout=5)
