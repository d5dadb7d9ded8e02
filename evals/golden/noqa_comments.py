"""Migration script: noqa comments that silence a finding, and ones that do not."""
import asyncio
import time

import requests

STATUS_URL = "http://127.0.0.1:8080/migration/status"


async def wait_for_database():
    # The database container needs a fixed head start; accepted on purpose.
    time.sleep(2)  # noqa: AIO100
    time.sleep(1)  # noqa
    time.sleep(0.5)  # noqa: E501  # expect: AIO100
    time.sleep(0.5)  # noqa: AIO101  # expect: AIO100
    await asyncio.sleep(0)


async def read_status(token_file):
    token = requests.get(STATUS_URL, headers={"X-Token": open(token_file).read().strip()}, timeout=5)  # noqa: AIO101,AIO102
    again = requests.get(STATUS_URL, headers={"X-Token": open(token_file).read().strip()}, timeout=5)  # noqa: AIO101  # expect: AIO102
    await asyncio.sleep(0)
    return token, again


async def multi_line_call():
    time.sleep(  # expect: AIO100
        0.25,
    )  # noqa: AIO100
    await asyncio.sleep(0)


async def migrate():
    await wait_for_database()
    await read_status("/etc/migrate/token")
    await multi_line_call()
