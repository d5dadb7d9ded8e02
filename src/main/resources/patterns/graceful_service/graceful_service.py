"""Skeleton of a long-running asyncio service that shuts down gracefully.

The service installs ``loop.add_signal_handler`` for SIGTERM and SIGINT; a
signal only sets an ``asyncio.Event`` (never raises inside some random
coroutine). Background tasks are started through ``spawn`` and kept in a set,
so none is garbage-collected mid-flight or forgotten at exit; a task that
crashes is logged and stops the service instead of dying silently. On
shutdown every background task is cancelled and awaited with a timeout, then
cleanup callbacks run in reverse order (connections, the executor), each under
its own timeout (Ch 3).

Run it and stop it with Ctrl-C or ``kill -TERM``::

    python3 graceful_service.py --interval 1
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger("graceful_service")

Cleanup = Callable[[], Awaitable[None]]


class Service:
    """Owns the background tasks, the stop event, the signal handlers and the cleanups."""

    def __init__(self, *, shutdown_timeout: float = 10.0, cleanup_timeout: float = 5.0) -> None:
        self.shutdown_timeout = shutdown_timeout
        self.cleanup_timeout = cleanup_timeout
        self.stopping = asyncio.Event()
        self.started = asyncio.Event()
        self.stop_reason: str | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._cleanups: list[tuple[str, Cleanup]] = []

    # --- registration ---------------------------------------------------------------------

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """Start a background task and keep a strong reference until it ends."""
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def add_cleanup(self, name: str, cleanup: Cleanup) -> None:
        """Register an async cleanup; cleanups run in reverse order of registration."""
        self._cleanups.append((name, cleanup))

    def request_stop(self, reason: str) -> None:
        """Ask the service to stop; safe to call many times, from signal handlers or tasks."""
        if not self.stopping.is_set():
            log.info("stop requested: %s", reason)
            self.stop_reason = reason
            self.stopping.set()

    @property
    def task_count(self) -> int:
        return len(self._tasks)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            # A crashed background task must not leave a half-working service running.
            log.error("task %s crashed", task.get_name(), exc_info=error)
            self.request_stop(f"task {task.get_name()} crashed: {error!r}")

    # --- lifecycle -------------------------------------------------------------------------

    async def run(self, startup: Callable[[Service], Awaitable[None]]) -> str:
        """Install signal handlers, run ``startup``, wait for a stop request, shut down.

        Returns the stop reason.
        """
        loop = asyncio.get_running_loop()
        installed: list[signal.Signals] = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(sig, self.request_stop, f"signal {sig.name}")
                installed.append(sig)
            except (NotImplementedError, RuntimeError):
                # Windows, or not the main thread: stop via request_stop() only.
                log.debug("cannot install a handler for %s here", sig.name)
        try:
            await startup(self)
            self.started.set()
            log.info("service started with %d background tasks", self.task_count)
            await self.stopping.wait()
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)
            await self.shutdown()
        return self.stop_reason or "stopped"

    async def shutdown(self) -> None:
        """Cancel and await every background task, then run the cleanups, all bounded."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=self.shutdown_timeout)
            for task in pending:
                log.error("task %s did not stop within %.1fs", task.get_name(), self.shutdown_timeout)
        while self._cleanups:
            name, cleanup = self._cleanups.pop()
            try:
                async with asyncio.timeout(self.cleanup_timeout):
                    await cleanup()
                log.info("cleanup %s done", name)
            except Exception:  # noqa: BLE001 - one failed cleanup must not skip the others
                log.exception("cleanup %s failed", name)
        log.info("service stopped")


# --- an example service built on the skeleton ---------------------------------------------------


def shutdown_executor(executor: ThreadPoolExecutor) -> None:
    """Blocking: wait for running calls, drop queued ones. Call it through to_thread."""
    executor.shutdown(wait=True, cancel_futures=True)


def blocking_report(counter: int) -> str:
    """Stand-in for blocking work (a report, a sync SDK call); runs in the executor."""
    time.sleep(0.01)
    return f"report #{counter}"


async def periodic_reporter(executor: ThreadPoolExecutor, interval: float, stopping: asyncio.Event) -> None:
    """Every ``interval`` seconds, run blocking work in the executor, until stopping is set."""
    loop = asyncio.get_running_loop()
    counter = 0
    while not stopping.is_set():
        counter += 1
        async with asyncio.timeout(max(interval, 1.0) * 5):
            report = await loop.run_in_executor(executor, blocking_report, counter)
        log.info("%s", report)
        # Waiting on the event (not a bare sleep) lets a stop request end the wait at once.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(interval):
                await stopping.wait()


async def queue_consumer(queue: asyncio.Queue[str], handled: list[str]) -> None:
    """Consume messages until cancelled; a real service would handle requests here."""
    while True:
        message = await queue.get()
        try:
            handled.append(message)
            log.info("handled %s", message)
        finally:
            queue.task_done()


def example_startup(interval: float) -> Callable[[Service], Awaitable[None]]:
    """Startup hook wiring an executor, a periodic job and a consumer into the service."""

    async def startup(service: Service) -> None:
        executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="service")

        async def close_executor() -> None:
            await asyncio.to_thread(shutdown_executor, executor)

        service.add_cleanup("executor", close_executor)
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        service.spawn(periodic_reporter(executor, interval, service.stopping), name="reporter")
        service.spawn(queue_consumer(queue, []), name="consumer")
        await queue.put("hello")

    return startup


def main(argv: Sequence[str] | None = None) -> int:
    """Run the example service until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(description="graceful asyncio service skeleton")
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--shutdown-timeout", type=float, default=10.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    async def run() -> str:
        service = Service(shutdown_timeout=args.shutdown_timeout)
        return await service.run(example_startup(args.interval))

    reason = asyncio.run(run())
    log.info("exit: %s", reason)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
