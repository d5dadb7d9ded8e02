"""Tests for taskgroup_fanout: ordering, sibling cancellation, except*, bounds, deadlines."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys

import pytest

import taskgroup_fanout
from taskgroup_fanout import LookupFailed, fan_out, gather_records

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this pattern as a program: main() calls asyncio.run, which must not share pytest's loop."""
    return subprocess.run(
        [sys.executable, taskgroup_fanout.__file__, *args], capture_output=True, text=True, timeout=60, check=False
    )


def fan_out_tasks() -> list[asyncio.Task]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith("fan-out ")]


async def test_results_come_back_in_input_order():
    async def slower_for_small(n: int) -> int:
        await asyncio.sleep((10 - n) / 1000)
        return n * n

    assert await fan_out(range(10), slower_for_small, limit=10) == [n * n for n in range(10)]


async def test_first_failure_cancels_the_running_siblings():
    cancelled: list[int] = []
    finished: list[int] = []

    async def worker(n: int) -> int:
        if n == 0:
            await asyncio.sleep(0.01)
            raise LookupFailed("boom")
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            cancelled.append(n)
            raise
        finished.append(n)
        return n

    with pytest.raises(ExceptionGroup) as caught:
        await fan_out(range(4), worker, limit=4)
    assert [type(e) for e in caught.value.exceptions] == [LookupFailed]
    assert sorted(cancelled) == [1, 2, 3]
    assert finished == []
    assert fan_out_tasks() == []


async def test_simultaneous_failures_are_all_reported():
    async def worker(n: int) -> int:
        await asyncio.sleep(0.01)
        if n == 1:
            raise LookupFailed("one")
        if n == 2:
            raise ConnectionResetError("two")
        return n

    with pytest.raises(ExceptionGroup) as caught:
        await fan_out(range(3), worker)
    kinds = {type(e) for e in caught.value.exceptions}
    assert kinds == {LookupFailed, ConnectionResetError}


async def test_except_star_handles_each_failure_kind(caplog):
    caplog.set_level(logging.ERROR)
    assert await gather_records(10, fail_on=3, limit=5, timeout=5) is None
    assert "record 3 is corrupt" in caplog.text


async def test_success_returns_every_record():
    records = await gather_records(8, fail_on=None, limit=3, timeout=5)
    assert records == [f"record-{n}" for n in range(8)]


async def test_concurrency_is_bounded_by_the_limit():
    running = 0
    peak = 0

    async def worker(n: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return n

    await fan_out(range(20), worker, limit=4)
    assert peak == 4


async def test_deadline_cancels_everything_and_raises_timeout():
    async def slow(n: int) -> int:
        await asyncio.sleep(5)
        return n

    with pytest.raises(TimeoutError):
        await fan_out(range(5), slow, timeout=0.05)
    assert fan_out_tasks() == []


async def test_cancelling_the_caller_cancels_the_children():
    async def slow(n: int) -> int:
        await asyncio.sleep(5)
        return n

    batch = asyncio.create_task(fan_out(range(3), slow))
    await asyncio.sleep(0.02)
    assert len(fan_out_tasks()) == 3
    batch.cancel()
    with pytest.raises(asyncio.CancelledError):
        await batch
    assert fan_out_tasks() == []


async def test_empty_input_gives_empty_result():
    async def never(n: int) -> int:
        await asyncio.sleep(0)
        raise AssertionError("not called")

    assert await fan_out([], never) == []


def test_program_exit_codes():
    ok = run_script("--count", "5")
    assert ok.returncode == 0 and "5 records" in ok.stdout
    failed = run_script("--count", "5", "--fail-on", "2")
    assert failed.returncode == 1 and "record 2 is corrupt" in failed.stderr
