"""Tests for queue_pipeline: throughput, isolation, backpressure and clean shutdown."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest

import queue_pipeline
from queue_pipeline import run_pipeline

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this pattern as a program: main() calls asyncio.run, which must not share pytest's loop."""
    return subprocess.run(
        [sys.executable, queue_pipeline.__file__, *args], capture_output=True, text=True, timeout=60, check=False
    )


def pipeline_tasks() -> list[asyncio.Task]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith("pipeline-worker-")]


async def double(item: int) -> int:
    await asyncio.sleep(0.001)
    return item * 2


async def test_every_item_is_processed_once():
    result = await run_pipeline(range(40), double, workers=4, queue_size=5)
    assert sorted(result.succeeded) == [(n, n * 2) for n in range(40)]
    assert result.failed == []
    assert result.processed == 40


async def test_a_failing_item_does_not_stop_the_others():
    async def picky(item: int) -> int:
        await asyncio.sleep(0)
        if item in (3, 7):
            raise ValueError(f"bad item {item}")
        return item

    result = await run_pipeline(range(10), picky, workers=2)
    assert sorted(item for item, _ in result.failed) == [3, 7]
    assert dict(result.failed)[3] == "ValueError: bad item 3"
    assert sorted(item for item, _ in result.succeeded) == [0, 1, 2, 4, 5, 6, 8, 9]


async def test_slow_item_times_out_and_is_reported():
    async def sometimes_slow(item: int) -> int:
        await asyncio.sleep(5 if item == 1 else 0)
        return item

    result = await run_pipeline([0, 1, 2], sometimes_slow, workers=3, item_timeout=0.1)
    assert result.failed == [(1, "timeout")]
    assert result.elapsed < 1


async def test_workers_bound_the_concurrency():
    running = 0
    peak = 0

    async def tracked(item: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return item

    await run_pipeline(range(30), tracked, workers=3, queue_size=2)
    assert peak == 3


async def test_bounded_queue_holds_back_the_producer():
    produced = 0
    release = asyncio.Event()

    async def source():
        nonlocal produced
        for n in range(100):
            produced += 1
            yield n

    async def gated(item: int) -> int:
        await release.wait()
        return item

    run = asyncio.create_task(run_pipeline(source(), gated, workers=2, queue_size=3))
    await asyncio.sleep(0.05)
    # Two items are held by workers, three wait in the queue, one is blocked in put().
    assert produced <= 2 + 3 + 1
    release.set()
    result = await asyncio.wait_for(run, timeout=2)
    assert result.processed == 100


async def test_workers_are_gone_after_a_normal_run():
    await run_pipeline(range(5), double, workers=3)
    await asyncio.sleep(0)
    assert pipeline_tasks() == []


async def test_cancelling_the_pipeline_stops_its_workers():
    async def forever(item: int) -> int:
        await asyncio.sleep(10)
        return item

    run = asyncio.create_task(run_pipeline(range(10), forever, workers=2, item_timeout=30))
    await asyncio.sleep(0.05)
    run.cancel()
    with pytest.raises(asyncio.CancelledError):
        await run
    await asyncio.sleep(0)
    assert pipeline_tasks() == []


async def test_producer_error_propagates_after_workers_stop():
    async def broken_source():
        yield 1
        await asyncio.sleep(0)
        raise OSError("source went away")

    with pytest.raises(OSError, match="source went away"):
        await run_pipeline(broken_source(), double, workers=2)
    await asyncio.sleep(0)
    assert pipeline_tasks() == []


async def test_rejects_a_pipeline_without_workers():
    with pytest.raises(ValueError):
        await run_pipeline([1], double, workers=0)


def test_program_runs_the_demo_and_reports_failures():
    result = run_script("--items", "14", "--workers", "4")
    assert result.returncode == 1
    assert "12 succeeded, 2 failed" in result.stdout
