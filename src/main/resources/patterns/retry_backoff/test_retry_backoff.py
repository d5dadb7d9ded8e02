"""Tests for retry_backoff: retries, filters, jitter bounds, deadlines and cancellation."""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time

import pytest

import retry_backoff
from retry_backoff import RetriesExhausted, RetryPolicy, backoff_delay, retry, retrying

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this pattern as a program: main() calls asyncio.run, which must not share pytest's loop."""
    return subprocess.run(
        [sys.executable, retry_backoff.__file__, *args], capture_output=True, text=True, timeout=60, check=False
    )

QUICK = RetryPolicy(attempts=4, base_delay=0.001, max_delay=0.01, deadline=2.0, attempt_timeout=1.0)


class Scripted:
    """An operation that raises the scripted errors in order, then returns 'done'."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        await asyncio.sleep(0)
        if self.errors:
            raise self.errors.pop(0)
        return "done"


async def test_transient_failures_are_retried_until_success():
    op = Scripted(ConnectionResetError(), TimeoutError())
    assert await retry(op, QUICK) == "done"
    assert op.calls == 3


async def test_non_retryable_error_propagates_on_first_attempt():
    op = Scripted(ValueError("bad input"))
    with pytest.raises(ValueError, match="bad input"):
        await retry(op, QUICK)
    assert op.calls == 1


async def test_exhausted_attempts_raise_with_the_last_error_as_cause():
    op = Scripted(*(ConnectionRefusedError(f"try {n}") for n in range(10)))
    with pytest.raises(RetriesExhausted) as caught:
        await retry(op, QUICK)
    assert op.calls == QUICK.attempts
    assert caught.value.attempts == 4
    assert str(caught.value.__cause__) == "try 3"


async def test_attempt_timeout_counts_as_a_retryable_failure():
    calls = 0

    async def hangs_once() -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            await asyncio.sleep(5)
        return "second try"

    policy = RetryPolicy(attempts=3, base_delay=0.001, attempt_timeout=0.05, deadline=2.0)
    assert await retry(hangs_once, policy) == "second try"
    assert calls == 2


async def test_overall_deadline_stops_retrying():
    policy = RetryPolicy(attempts=1000, base_delay=0.05, max_delay=0.05, deadline=0.2, attempt_timeout=None)
    op = Scripted(*(ConnectionError() for _ in range(1000)))
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        await retry(op, policy)
    assert time.monotonic() - started < 0.5
    assert 2 <= op.calls < 1000


async def test_cancellation_during_backoff_stops_at_once():
    op = Scripted(*(ConnectionError() for _ in range(10)))
    policy = RetryPolicy(attempts=10, base_delay=10.0, max_delay=10.0, deadline=None)
    task = asyncio.create_task(retry(op, policy, rng=random.Random(1)))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert op.calls == 1


async def test_decorator_retries_the_wrapped_coroutine():
    op = Scripted(ConnectionResetError())

    @retrying(QUICK)
    async def call_service(suffix: str) -> str:
        return await op() + suffix

    assert await call_service("!") == "done!"
    assert op.calls == 2


def test_full_jitter_stays_within_the_exponential_ceiling_and_cap():
    rng = random.Random(42)
    for failures, ceiling in [(1, 0.1), (2, 0.2), (3, 0.4), (4, 0.8), (10, 1.0)]:
        delays = [backoff_delay(failures, 0.1, 1.0, rng) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        # Full jitter uses the whole range, not just values near the ceiling.
        assert min(delays) < ceiling * 0.2 and max(delays) > ceiling * 0.8


def test_jitter_is_reproducible_with_a_seeded_rng():
    first = [backoff_delay(n, 0.1, 5.0, random.Random(7)) for n in range(1, 6)]
    second = [backoff_delay(n, 0.1, 5.0, random.Random(7)) for n in range(1, 6)]
    assert first == second


@pytest.mark.parametrize("kind", [asyncio.CancelledError, BaseException, KeyboardInterrupt])
def test_policy_refuses_to_retry_on_cancellation_or_base_exceptions(kind):
    with pytest.raises(ValueError, match="Exception subclasses"):
        RetryPolicy(retry_on=(kind,))


def test_program_demo_succeeds_after_retries():
    result = run_script()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert result.stderr.count("retrying in") == 3
