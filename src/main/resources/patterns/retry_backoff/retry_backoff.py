"""Retry with exponential backoff, full jitter, a cap and an overall deadline.

``retry(operation, policy)`` calls an async operation until it succeeds, the
attempts run out, or the overall deadline passes. Only exceptions listed in
``policy.retry_on`` are retried; anything else propagates at once. The delay
before attempt n+1 is drawn uniformly from ``[0, min(cap, base * 2**n)]``
("full jitter"), which spreads retries of many clients apart instead of
letting them hammer a recovering server in lockstep. Each attempt can have its
own timeout, and the whole call runs inside ``asyncio.timeout(deadline)``.

Cancellation is never swallowed: ``CancelledError`` is not an ``Exception``,
is rejected from ``retry_on``, and stops the retry loop immediately (Ch 3).

Run it::

    python3 retry_backoff.py
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

log = logging.getLogger("retry_backoff")

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How to retry; all times in seconds. ``deadline=None`` means no overall limit."""

    attempts: int = 5
    base_delay: float = 0.2
    max_delay: float = 10.0
    deadline: float | None = 30.0
    attempt_timeout: float | None = 10.0
    retry_on: tuple[type[Exception], ...] = (ConnectionError, TimeoutError)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("delays must not be negative")
        for kind in self.retry_on:
            # Retrying on these would swallow cancellation or interpreter exits.
            if not (isinstance(kind, type) and issubclass(kind, Exception)):
                raise ValueError(f"retry_on accepts Exception subclasses only, not {kind!r}")


class RetriesExhausted(Exception):
    """Every attempt failed with a retryable error; ``__cause__`` is the last one."""

    def __init__(self, attempts: int, last_error: BaseException) -> None:
        super().__init__(f"gave up after {attempts} attempts: {type(last_error).__name__}: {last_error}")
        self.attempts = attempts
        self.last_error = last_error


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Full-jitter delay after ``failures`` failed attempts (1 for the first failure)."""
    ceiling = min(cap, base * (2 ** (failures - 1)))
    return (rng or random).uniform(0, ceiling)


async def retry(
    operation: Callable[[], Awaitable[T]],
    policy: RetryPolicy | None = None,
    *,
    rng: random.Random | None = None,
) -> T:
    """Await ``operation()`` until it succeeds, following ``policy``.

    Raises the first non-retryable error unchanged, ``RetriesExhausted`` when the
    attempts run out, ``TimeoutError`` when the overall deadline passes, and
    ``CancelledError`` as soon as the caller is cancelled.
    """
    policy = policy or RetryPolicy()
    failures = 0
    async with asyncio.timeout(policy.deadline):
        while True:
            try:
                async with asyncio.timeout(policy.attempt_timeout):
                    return await operation()
            except policy.retry_on as exc:
                # The overall deadline arrives here as CancelledError, not TimeoutError,
                # so only this attempt's timeout or the operation's own errors match.
                failures += 1
                if failures >= policy.attempts:
                    raise RetriesExhausted(failures, exc) from exc
                delay = backoff_delay(failures, policy.base_delay, policy.max_delay, rng)
                log.warning(
                    "attempt %d/%d failed (%s: %s); retrying in %.3fs",
                    failures, policy.attempts, type(exc).__name__, exc, delay,
                )
                await asyncio.sleep(delay)


def retrying(policy: RetryPolicy | None = None) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Awaitable[T]]]:
    """Decorator form: ``@retrying(RetryPolicy(attempts=3))`` on an ``async def``."""

    def decorate(func: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(func)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return await retry(lambda: func(*args, **kwargs), policy)

        return wrapper

    return decorate


class FlakyService:
    """Demo dependency that fails a few times before answering."""

    def __init__(self, failures_before_success: int) -> None:
        self._remaining = failures_before_success

    async def call(self) -> str:
        await asyncio.sleep(0.01)
        if self._remaining > 0:
            self._remaining -= 1
            raise ConnectionResetError("connection reset by peer")
        return "ok"


async def _demo() -> str:
    service = FlakyService(failures_before_success=3)
    policy = RetryPolicy(attempts=5, base_delay=0.05, max_delay=1.0, deadline=5.0, attempt_timeout=1.0)
    return await retry(service.call, policy)


def main() -> int:
    """Call a flaky demo service with retries and print the outcome."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        print(asyncio.run(_demo()))
    except (RetriesExhausted, TimeoutError) as exc:
        print(f"failed: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
