"""Fetch many URLs concurrently with one aiohttp session.

One ``aiohttp.ClientSession`` is shared by every request so that connections are
pooled and reused (Ch 4). Concurrency is bounded twice: a ``Semaphore`` caps how
many requests are in flight, and the ``TCPConnector`` caps open sockets overall
and per host. Every request has its own deadline (``asyncio.timeout`` around the
whole request, plus aiohttp's connect and socket-read timeouts), and the batch
has an overall deadline. A failure never aborts the batch: each URL gets a
``FetchResult`` that carries either the response or the error (Ch 3).

Run it::

    python3 concurrent_fetch.py https://example.org https://example.com
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

import aiohttp

log = logging.getLogger("concurrent_fetch")


@dataclass(frozen=True)
class FetchConfig:
    """Limits and deadlines for one batch of requests (all times in seconds)."""

    max_concurrency: int = 10
    connection_limit: int = 20
    connection_limit_per_host: int = 5
    request_timeout: float = 10.0
    connect_timeout: float = 3.0
    read_timeout: float = 5.0
    overall_timeout: float = 60.0
    max_body_bytes: int = 5 * 1024 * 1024

    def __post_init__(self) -> None:
        if self.max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        if min(self.request_timeout, self.connect_timeout, self.read_timeout, self.overall_timeout) <= 0:
            raise ValueError("every timeout must be positive")


@dataclass(frozen=True)
class FetchResult:
    """What happened to one URL: a status and body, or an error message."""

    url: str
    status: int | None = None
    body: bytes = b""
    error: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


class BodyTooLarge(Exception):
    """The response body exceeded ``FetchConfig.max_body_bytes``."""


async def _read_limited(response: aiohttp.ClientResponse, limit: int) -> bytes:
    # Reading chunk by chunk lets us stop early instead of buffering a huge body.
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(f"body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def fetch_one(
    session: aiohttp.ClientSession,
    url: str,
    semaphore: asyncio.Semaphore,
    config: FetchConfig,
) -> FetchResult:
    """Fetch one URL under the semaphore; errors become part of the result."""
    async with semaphore:
        started = time.monotonic()
        try:
            async with asyncio.timeout(config.request_timeout):
                async with session.get(url) as response:
                    body = await _read_limited(response, config.max_body_bytes)
                    elapsed = time.monotonic() - started
                    if response.status >= 400:
                        return FetchResult(url, response.status, body, f"HTTP {response.status}", elapsed)
                    log.debug("fetched %s: %s in %.3fs", url, response.status, elapsed)
                    return FetchResult(url, response.status, body, None, elapsed)
        except TimeoutError:
            # asyncio.TimeoutError is TimeoutError on 3.11; CancelledError is not caught here.
            elapsed = time.monotonic() - started
            log.warning("timeout fetching %s after %.3fs", url, elapsed)
            return FetchResult(url, error="timeout", elapsed=elapsed)
        except (aiohttp.ClientError, BodyTooLarge, ValueError) as exc:
            elapsed = time.monotonic() - started
            log.warning("failed fetching %s: %s", url, exc)
            return FetchResult(url, error=f"{type(exc).__name__}: {exc}", elapsed=elapsed)


def make_session(config: FetchConfig) -> aiohttp.ClientSession:
    """Build the one session for a batch; the caller must close it (``async with``)."""
    timeout = aiohttp.ClientTimeout(
        total=config.request_timeout,
        connect=config.connect_timeout,
        sock_read=config.read_timeout,
    )
    connector = aiohttp.TCPConnector(
        limit=config.connection_limit,
        limit_per_host=config.connection_limit_per_host,
    )
    return aiohttp.ClientSession(timeout=timeout, connector=connector, raise_for_status=False)


async def fetch_all(urls: Sequence[str], config: FetchConfig | None = None) -> list[FetchResult]:
    """Fetch every URL concurrently and return one result per URL, in input order.

    URLs still running when ``config.overall_timeout`` expires are cancelled and
    reported with the error ``"overall timeout"``. If the caller cancels this
    coroutine, every request is cancelled and awaited before the cancellation
    propagates.
    """
    config = config or FetchConfig()
    if not urls:
        return []
    semaphore = asyncio.Semaphore(config.max_concurrency)
    async with make_session(config) as session:
        tasks = [
            asyncio.create_task(fetch_one(session, url, semaphore, config), name=f"fetch {url}")
            for url in urls
        ]
        try:
            _done, pending = await asyncio.wait(tasks, timeout=config.overall_timeout)
        finally:
            # Runs on the overall timeout and when we are cancelled ourselves:
            # never leave requests running against a closing session.
            unfinished = [task for task in tasks if not task.done()]
            for task in unfinished:
                task.cancel()
            if unfinished:
                await asyncio.gather(*unfinished, return_exceptions=True)
        if pending:
            log.warning("overall timeout: %d of %d requests unfinished", len(pending), len(tasks))
    results: list[FetchResult] = []
    for url, task in zip(urls, tasks):
        if task.cancelled():
            results.append(FetchResult(url, error="overall timeout", elapsed=config.overall_timeout))
        elif (exc := task.exception()) is not None:
            # An error fetch_one did not anticipate still stays attached to its URL.
            log.error("unexpected error fetching %s", url, exc_info=exc)
            results.append(FetchResult(url, error=f"{type(exc).__name__}: {exc}"))
        else:
            results.append(task.result())
    return results


async def _amain(urls: Sequence[str]) -> int:
    results = await fetch_all(urls)
    for result in results:
        if result.ok:
            print(f"{result.status} {len(result.body):>9} B {result.elapsed:6.3f}s {result.url}")
        else:
            print(f"ERR {result.error} {result.url}")
    return 0 if all(result.ok for result in results) else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Fetch the URLs given on the command line; exit 1 if any failed."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    urls = list(sys.argv[1:] if argv is None else argv)
    if not urls:
        print("usage: concurrent_fetch.py URL [URL ...]", file=sys.stderr)
        return 2
    return asyncio.run(_amain(urls))


if __name__ == "__main__":
    sys.exit(main())
