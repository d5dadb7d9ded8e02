"""Link checker written the way the skill recommends: no findings are expected.

Reads URLs from a file, checks them with one shared session, a concurrency
limit, per-session timeouts and jittered retries, stops cleanly on SIGTERM or
SIGINT and writes a JSON report off the event loop.

    python clean_link_checker.py urls.txt report.json
"""
import asyncio
import json
import logging
import random
import signal
import sys
from pathlib import Path

import aiofiles
import aiohttp

log = logging.getLogger("linkcheck")

CONCURRENCY = 10
RETRIES = 3
TIMEOUT = aiohttp.ClientTimeout(total=30, sock_connect=5)


async def read_urls(path):
    urls = []
    async with aiofiles.open(path, encoding="utf-8") as fh:
        async for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                urls.append(line)
    return urls


async def check_once(session, url):
    async with session.head(url, allow_redirects=True) as resp:
        return resp.status


async def check(session, sem, url):
    """(url, status or error text), retrying transient failures with jittered backoff."""
    async with sem:
        for attempt in range(1, RETRIES + 1):
            try:
                return url, await check_once(session, url)
            except (aiohttp.ClientError, TimeoutError) as exc:
                if attempt == RETRIES:
                    return url, f"error: {exc.__class__.__name__}"
                await asyncio.sleep(0.5 * 2 ** attempt + random.random() / 10)


async def check_all(urls):
    sem = asyncio.Semaphore(CONCURRENCY)
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(check(session, sem, url)) for url in urls]
    return dict(task.result() for task in tasks)


def write_report(path, results):
    """Blocking file write; called through asyncio.to_thread."""
    Path(path).write_text(json.dumps(results, indent=2, sort_keys=True), encoding="utf-8")


async def run(source, report):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    urls = await read_urls(source)
    log.info("checking %d links", len(urls))
    work = asyncio.create_task(check_all(urls))
    stopper = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait({work, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if stopper in done:
        log.warning("signal received, cancelling the remaining checks")
        work.cancel()
    else:
        stopper.cancel()
    outcome = await asyncio.gather(work, stopper, return_exceptions=True)
    results = outcome[0]
    if isinstance(results, BaseException):
        log.error("no report written: %r", results)
        return 1
    await asyncio.to_thread(write_report, report, results)
    broken = sorted(url for url, status in results.items() if status != 200)
    log.info("%d links checked, %d not OK", len(results), len(broken))
    return 0 if not broken else 1


def main(argv):
    if len(argv) != 3:
        print("usage: clean_link_checker.py URLS.txt REPORT.json", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    return asyncio.run(run(argv[1], argv[2]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
