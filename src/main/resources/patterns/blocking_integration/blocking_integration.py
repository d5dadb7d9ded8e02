"""Calling a blocking library from asyncio without blocking the event loop.

Blocking calls (here the standard ``sqlite3`` driver and ``hashlib`` over a
file) must never run on the event loop thread: every other task would stall
while they wait (Ch 2-3). Two tools move them to threads:

* ``asyncio.to_thread(func, ...)`` for occasional calls; it uses the loop's
  default executor.
* ``BlockingRunner``: an async context manager that owns a bounded
  ``ThreadPoolExecutor`` and calls ``loop.run_in_executor`` with a timeout and a
  ``Semaphore`` limiting how many calls may wait for a thread. The executor is
  shut down on exit, even on errors or cancellation.

A timeout stops *waiting* for a thread; Python cannot kill the thread, so the
blocking call should carry its own timeout too (sqlite3's ``timeout=``).

Run it::

    python3 blocking_integration.py notes.db FILE...
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import sqlite3
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import ParamSpec, TypeVar

log = logging.getLogger("blocking_integration")

P = ParamSpec("P")
R = TypeVar("R")


def _shutdown_executor(executor: ThreadPoolExecutor) -> None:
    # Blocking until running calls end; called through asyncio.to_thread.
    executor.shutdown(wait=True, cancel_futures=True)


class BlockingRunner:
    """Runs blocking callables on a private, bounded thread pool.

    Use it as ``async with BlockingRunner(max_workers=4) as runner:`` and call
    ``await runner.run(func, *args)``. At most ``max_workers`` calls run at once,
    at most ``max_pending`` wait for a thread (callers beyond that wait on the
    semaphore, which gives backpressure), and each call is bounded by
    ``call_timeout`` seconds.
    """

    def __init__(self, max_workers: int = 4, *, max_pending: int | None = None, call_timeout: float = 30.0) -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self._max_workers = max_workers
        self._slots = asyncio.Semaphore(max_pending or max_workers * 2)
        self._call_timeout = call_timeout
        self._executor: ThreadPoolExecutor | None = None

    async def __aenter__(self) -> BlockingRunner:
        self._executor = ThreadPoolExecutor(max_workers=self._max_workers, thread_name_prefix="blocking")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            # shutdown(wait=True) blocks until running calls end, so wait for it in a
            # thread; queued calls that never started are dropped.
            await asyncio.to_thread(_shutdown_executor, executor)
            log.debug("executor shut down")

    async def run(self, func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``func(*args, **kwargs)`` in the pool; raise TimeoutError after ``call_timeout``."""
        if self._executor is None:
            raise RuntimeError("BlockingRunner is not open; use 'async with BlockingRunner() as runner'")
        loop = asyncio.get_running_loop()
        async with self._slots:
            async with asyncio.timeout(self._call_timeout):
                return await loop.run_in_executor(self._executor, functools.partial(func, *args, **kwargs))


# --- the blocking library side: plain functions, safe to run in any thread ---------------


def file_sha256(path: str | Path, chunk_size: int = 1 << 16) -> str:
    """Hash a file with blocking reads (runs in a worker thread)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


class NoteStore:
    """A tiny blocking sqlite3 store; each call opens its own connection (thread-safe)."""

    def __init__(self, db_path: str | Path, busy_timeout: float = 5.0) -> None:
        self._db_path = str(db_path)
        self._busy_timeout = busy_timeout

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._db_path, timeout=self._busy_timeout)

    def create_schema(self) -> None:
        with self._connect() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS notes (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL)")

    def save(self, path: str, sha256: str) -> None:
        with self._connect() as conn:
            conn.execute("INSERT OR REPLACE INTO notes (path, sha256) VALUES (?, ?)", (path, sha256))

    def all(self) -> dict[str, str]:
        conn = self._connect()
        try:
            return dict(conn.execute("SELECT path, sha256 FROM notes ORDER BY path").fetchall())
        finally:
            conn.close()


# --- the async side ------------------------------------------------------------------------


async def index_files(db_path: str | Path, paths: Sequence[str | Path], *, max_workers: int = 4) -> dict[str, str]:
    """Hash every file (asyncio.to_thread) and record it in sqlite (bounded executor).

    Hashing and storing run concurrently for different files; the loop stays free.
    Returns the stored mapping path -> sha256.
    """
    store = NoteStore(db_path)
    async with BlockingRunner(max_workers=max_workers, call_timeout=30.0) as runner:
        await runner.run(store.create_schema)

        async def index_one(path: str | Path) -> None:
            async with asyncio.timeout(60):
                digest = await asyncio.to_thread(file_sha256, path)
            await runner.run(store.save, str(path), digest)

        # The runner's semaphore bounds the executor work; the TaskGroup cancels
        # the rest if one file fails, and the executor is still shut down.
        limit = asyncio.Semaphore(max_workers * 2)

        async def bounded(path: str | Path) -> None:
            async with limit:
                await index_one(path)

        async with asyncio.TaskGroup() as group:
            for path in paths:
                group.create_task(bounded(path))
        return await runner.run(store.all)


def main(argv: Sequence[str] | None = None) -> int:
    """Index the files named on the command line into an sqlite database."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        print("usage: blocking_integration.py DB FILE [FILE ...]", file=sys.stderr)
        return 2
    stored = asyncio.run(index_files(args[0], args[1:]))
    for path, digest in stored.items():
        print(f"{digest}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
