"""All-or-nothing fan-out with asyncio.TaskGroup (Python 3.11+).

``fan_out(items, worker)`` runs ``worker(item)`` for every item in a
``TaskGroup``: if any child fails, the group cancels every sibling that is
still running, waits for all of them, and raises an ``ExceptionGroup`` with
the failures (Ch 3). A ``Semaphore`` bounds how many workers run at once, and
the whole batch has a deadline (``asyncio.timeout`` around the group).
Callers split the failures by type with ``except*``.

Use this when a partial result is useless (all parts of one answer, one
transaction). When each item stands alone, report errors per item instead.

Run it::

    python3 taskgroup_fanout.py --fail-on 7
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TypeVar

log = logging.getLogger("taskgroup_fanout")

T = TypeVar("T")
R = TypeVar("R")


async def fan_out(
    items: Iterable[T],
    worker: Callable[[T], Awaitable[R]],
    *,
    limit: int = 10,
    timeout: float | None = 30.0,
) -> list[R]:
    """Run ``worker`` on every item concurrently; return results in input order.

    Raises ``ExceptionGroup`` (or ``BaseExceptionGroup``) holding every failure
    after cancelling the remaining workers, or ``TimeoutError`` when ``timeout``
    passes first (every worker is cancelled and awaited in that case too).
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    semaphore = asyncio.Semaphore(limit)

    async def bounded(item: T) -> R:
        async with semaphore:
            return await worker(item)

    async with asyncio.timeout(timeout):
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(bounded(item), name=f"fan-out {item!r}") for item in items]
    # Leaving the group means every task finished successfully.
    return [task.result() for task in tasks]


class LookupFailed(Exception):
    """A single lookup failed for a reason worth reporting (demo error type)."""


async def lookup(item: int, fail_on: int | None = None) -> str:
    """Demo worker: simulated I/O that fails for ``fail_on``."""
    await asyncio.sleep(random.uniform(0.01, 0.05))
    if item == fail_on:
        raise LookupFailed(f"record {item} is corrupt")
    return f"record-{item}"


async def gather_records(count: int, fail_on: int | None, limit: int, timeout: float) -> list[str] | None:
    """Fetch every record or none; report failures by kind with except*."""
    try:
        return await fan_out(range(count), lambda n: lookup(n, fail_on), limit=limit, timeout=timeout)
    except* LookupFailed as group:
        for error in group.exceptions:
            log.error("lookup failed: %s", error)
    except* OSError as group:
        for error in group.exceptions:
            log.error("I/O error: %s", error)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Fetch demo records all-or-nothing; exit 1 if the batch failed."""
    parser = argparse.ArgumentParser(description="TaskGroup fan-out demo")
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--fail-on", type=int, default=None)
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        records = asyncio.run(gather_records(args.count, args.fail_on, args.limit, args.timeout))
    except TimeoutError:
        log.error("batch timed out after %.1fs", args.timeout)
        return 1
    if records is None:
        return 1
    print(f"{len(records)} records" + (f": {records[0]} .. {records[-1]}" if records else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
