"""Producer/consumer pipeline over a bounded asyncio.Queue.

A producer puts items on a bounded ``asyncio.Queue``; a fixed pool of N worker
tasks takes them off and processes each one under a per-item timeout. The
bound gives backpressure: when the workers fall behind, ``put`` waits instead
of memory growing (Ch 3). One item's failure is recorded and the worker moves
on. Shutdown is clean: once the producer is done, ``queue.join()`` waits for
every item to be processed, then the idle workers are cancelled and awaited.
If the pipeline itself is cancelled, the workers are cancelled and awaited too.

Run it::

    python3 queue_pipeline.py --items 50 --workers 5
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import time
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

log = logging.getLogger("queue_pipeline")

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class PipelineResult(Generic[T, R]):
    """Outcome of a run: results and failures keyed by item, in completion order."""

    succeeded: list[tuple[T, R]] = field(default_factory=list)
    failed: list[tuple[T, str]] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def processed(self) -> int:
        return len(self.succeeded) + len(self.failed)


async def _iterate(items: Iterable[T] | AsyncIterable[T]) -> AsyncIterable[T]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item


async def run_pipeline(
    items: Iterable[T] | AsyncIterable[T],
    handler: Callable[[T], Awaitable[R]],
    *,
    workers: int = 4,
    queue_size: int = 100,
    item_timeout: float = 30.0,
) -> PipelineResult[T, R]:
    """Process every item with ``handler`` using ``workers`` concurrent consumers.

    ``items`` may be a normal or an async iterable (a source that itself awaits).
    Errors raised by ``handler`` (and per-item timeouts) are recorded in
    ``PipelineResult.failed``; they never stop the pipeline. Errors raised while
    producing items propagate after the workers are stopped.
    """
    if workers < 1 or queue_size < 1:
        raise ValueError("workers and queue_size must be at least 1")
    queue: asyncio.Queue[T] = asyncio.Queue(maxsize=queue_size)
    result: PipelineResult[T, R] = PipelineResult()
    started = time.monotonic()

    async def worker(number: int) -> None:
        while True:
            item = await queue.get()
            try:
                async with asyncio.timeout(item_timeout):
                    value = await handler(item)
            except Exception as exc:  # noqa: BLE001 - isolate one item's failure, keep the worker alive
                reason = "timeout" if isinstance(exc, TimeoutError) else f"{type(exc).__name__}: {exc}"
                log.warning("worker %d: item %r failed: %s", number, item, reason)
                result.failed.append((item, reason))
            else:
                result.succeeded.append((item, value))
            finally:
                queue.task_done()

    consumers = [asyncio.create_task(worker(n), name=f"pipeline-worker-{n}") for n in range(workers)]
    try:
        async for item in _iterate(items):
            await queue.put(item)  # waits while the queue is full: backpressure
        await queue.join()
    finally:
        # Workers are idle in queue.get() after join(); on errors or cancellation
        # they may be mid-item. Either way: cancel, then wait until they are gone.
        for consumer in consumers:
            consumer.cancel()
        await asyncio.gather(*consumers, return_exceptions=True)
        result.elapsed = time.monotonic() - started
    log.info(
        "pipeline done: %d ok, %d failed in %.3fs", len(result.succeeded), len(result.failed), result.elapsed
    )
    return result


async def simulated_job(item: int) -> int:
    """Example handler: pretend I/O, fail on every seventh item."""
    await asyncio.sleep(random.uniform(0.01, 0.05))
    if item % 7 == 6:
        raise RuntimeError(f"cannot process {item}")
    return item * item


def main(argv: Sequence[str] | None = None) -> int:
    """Run the example pipeline; exit 1 if any item failed."""
    parser = argparse.ArgumentParser(description="bounded queue pipeline demo")
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--queue-size", type=int, default=10)
    parser.add_argument("--item-timeout", type=float, default=5.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    result = asyncio.run(
        run_pipeline(
            range(args.items),
            simulated_job,
            workers=args.workers,
            queue_size=args.queue_size,
            item_timeout=args.item_timeout,
        )
    )
    print(f"{len(result.succeeded)} succeeded, {len(result.failed)} failed in {result.elapsed:.2f}s")
    return 1 if result.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
