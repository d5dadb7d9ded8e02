"""Thumbnail cache: blocking code in nested functions, lambdas and classes inside coroutines."""
import asyncio
import json
import time

import requests


async def load_index(path):
    def read_index():
        # Plain def: runs in the worker thread, not on the loop.
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)

    return await asyncio.to_thread(read_index)


async def refresh(url):
    loop = asyncio.get_running_loop()
    resp = await loop.run_in_executor(None, lambda: requests.get(url, timeout=5))
    await loop.run_in_executor(None, lambda: time.sleep(0.1))
    return resp.status_code


async def build_handler(path):
    class Reader:
        def read(self):
            with open(path, "rb") as fh:
                return fh.read()

    await asyncio.sleep(0)
    return Reader()


def make_endpoint(path):
    """Plain factory, but the function it returns is a coroutine."""

    async def endpoint(request):
        with open(path, encoding="utf-8") as fh:  # expect: AIO102
            body = fh.read()
        await asyncio.sleep(0)
        return body

    return endpoint


async def outer(url):
    async def inner():
        time.sleep(0.1)  # expect: AIO100
        await asyncio.sleep(0)

    def sync_helper():
        async def deep():  # expect: AIO118
            return requests.get(url, timeout=5)  # expect: AIO101

        return deep

    await inner()
    return await sync_helper()()
