"""Thumbnail worker: consumes image jobs and renders thumbnails.

A polling thread watches the spool directory for job files (one JSON object
each), hands them to a pool of asyncio workers, which render the thumbnail
with ImageMagick in a thread pool and report the result to the job API.
"""
import asyncio
import json
import logging
import os
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import aiohttp

log = logging.getLogger("thumbs")

SPOOL_DIR = os.environ.get("SPOOL_DIR", "/var/spool/thumbs")
API_URL = os.environ.get("JOB_API", "http://127.0.0.1:8080/jobs")
WORKERS = 4
POLL_INTERVAL = 2.0
HEARTBEAT_EVERY = 15

render_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="render")  # expect: AIO161
stats_lock = threading.Lock()
stats = {"done": 0, "failed": 0}


def count(key):
    """Called from the workers and the render threads alike, hence the thread lock."""
    with stats_lock:
        stats[key] += 1


def render_thumbnail(source, size):
    """Runs in render_pool: ImageMagick does the work in a child process."""
    target = f"{source}.thumb.png"
    subprocess.run(["convert", source, "-thumbnail", f"{size}x{size}", target], check=True, timeout=120)
    return target


def poll_spool(loop, jobs, stop):
    """Runs in its own thread and feeds job files to the asyncio queue."""
    seen = set()
    while not stop.is_set():
        for name in sorted(os.listdir(SPOOL_DIR)):
            if not name.endswith(".json") or name in seen:
                continue
            seen.add(name)
            with open(os.path.join(SPOOL_DIR, name), encoding="utf-8") as fh:
                job = json.load(fh)
            loop.call_soon(jobs.put_nowait, job)  # expect: AIO170
        time.sleep(POLL_INTERVAL)


async def process(job, session):
    loop = asyncio.get_running_loop()
    thumb = await loop.run_in_executor(render_pool, render_thumbnail, job["source"], job.get("size", 256))
    async with session.post(f"{API_URL}/{job['id']}/result", json={"thumbnail": thumb}) as resp:
        resp.raise_for_status()
    count("done")


async def worker(number, jobs, session):
    while True:
        job = await jobs.get()
        try:
            await process(job, session)
        except asyncio.CancelledError:  # expect: AIO140
            log.info("worker %d stopping", number)
            break
        except Exception:
            log.exception("job %s failed", job.get("id"))
            count("failed")
        finally:
            jobs.task_done()


async def send_heartbeats(session):
    while True:
        async with session.post(f"{API_URL}/heartbeat", json={"pid": os.getpid()}) as resp:
            resp.raise_for_status()
        await asyncio.sleep(HEARTBEAT_EVERY)


async def report_stats():
    while True:
        await asyncio.sleep(60)
        with stats_lock:  # expect: AIO106
            snapshot = dict(stats)
        log.info("thumbnails done=%(done)d failed=%(failed)d", snapshot)


async def run_service():
    jobs = asyncio.Queue(maxsize=100)
    stop = threading.Event()
    loop = asyncio.get_event_loop()  # expect: AIO121
    poller = threading.Thread(target=poll_spool, args=(loop, jobs, stop), daemon=True)  # expect: AIO171
    poller.start()
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        workers = [asyncio.create_task(worker(n, jobs, session)) for n in range(WORKERS)]
        heartbeat = asyncio.create_task(send_heartbeats(session))
        asyncio.create_task(report_stats())  # expect: AIO113
        try:
            await asyncio.Event().wait()
        finally:
            stop.set()
            heartbeat.cancel()
            try:
                await heartbeat
            except asyncio.CancelledError:
                pass
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            poller.join()  # expect: AIO106


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    loop = asyncio.get_event_loop()
    loop.create_task(run_service())  # expect: AIO113
    try:
        loop.run_forever()  # expect: AIO120, AIO160
    except KeyboardInterrupt:
        log.info("interrupted, exiting")
    finally:
        loop.close()


if __name__ == "__main__":
    main()
