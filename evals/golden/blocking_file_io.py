"""Report archiver: file system work inside coroutines, and the ways around it."""
import asyncio
import io
import json
import pathlib
import shutil
from pathlib import Path

import aiofiles

ARCHIVE = Path("/var/lib/reports/archive")


async def load_settings(path):
    with open(path, encoding="utf-8") as fh:  # expect: AIO102
        settings = json.load(fh)
    await asyncio.sleep(0)
    return settings


async def render_and_store(report, target):
    text = json.dumps(report, indent=2)
    Path(target).write_text(text, encoding="utf-8")  # expect: AIO102
    raw = pathlib.Path(target).read_bytes()  # expect: AIO102
    with io.open(target + ".bak", "wb") as backup:  # expect: AIO102
        backup.write(raw)
    await asyncio.sleep(0)


async def rotate(current, keep):
    shutil.copy2(current, ARCHIVE / Path(current).name)  # expect: AIO102
    shutil.move(current, str(current) + ".old")  # expect: AIO102
    if not keep:
        shutil.rmtree(ARCHIVE / "tmp", ignore_errors=True)  # expect: AIO102
    await asyncio.sleep(0)


async def load_settings_async(path):
    async with aiofiles.open(path, encoding="utf-8") as fh:
        return json.loads(await fh.read())


async def rotate_in_thread(current):
    # Passing the bound method, not calling it: the copy runs in a worker thread.
    await asyncio.to_thread(shutil.copy2, current, ARCHIVE)
    text = await asyncio.to_thread(Path(current).read_text, encoding="utf-8")

    def count_lines(path):
        with open(path, encoding="utf-8") as fh:
            return sum(1 for _ in fh)

    lines = await asyncio.to_thread(count_lines, current)
    return len(text), lines


def archive_sync(current):
    """Used by the nightly cron script, which has no event loop."""
    shutil.copy2(current, ARCHIVE)
    return Path(current).read_text(encoding="utf-8")
