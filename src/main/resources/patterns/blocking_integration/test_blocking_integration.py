"""Tests for blocking_integration: bounded threads, a free event loop, clean shutdown."""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
import time

import pytest

import blocking_integration
from blocking_integration import BlockingRunner, index_files

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


def runner_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("blocking")]


class ThreadGauge:
    """Counts concurrent calls of a blocking function from inside the worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current = 0
        self.peak = 0

    def work(self, seconds: float) -> str:
        with self._lock:
            self.current += 1
            self.peak = max(self.peak, self.current)
        time.sleep(seconds)
        with self._lock:
            self.current -= 1
        return threading.current_thread().name


def fail(message: str) -> None:
    raise KeyError(message)


async def test_run_returns_the_value_from_a_worker_thread():
    async with BlockingRunner(max_workers=2) as runner:
        name = await runner.run(ThreadGauge().work, 0)
    assert name.startswith("blocking")


async def test_exceptions_cross_back_to_the_caller():
    async with BlockingRunner() as runner:
        with pytest.raises(KeyError, match="missing"):
            await runner.run(fail, "missing")


async def test_no_more_than_max_workers_calls_run_at_once():
    gauge = ThreadGauge()
    async with BlockingRunner(max_workers=2) as runner:
        async with asyncio.TaskGroup() as group:
            for _ in range(8):
                group.create_task(runner.run(gauge.work, 0.02))
    assert gauge.peak == 2


async def test_event_loop_keeps_running_during_a_blocking_call():
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    tick_task = asyncio.create_task(ticker())
    try:
        async with BlockingRunner() as runner:
            await runner.run(time.sleep, 0.2)
    finally:
        tick_task.cancel()
        await asyncio.gather(tick_task, return_exceptions=True)
    assert ticks >= 5


async def test_slow_call_times_out():
    async with BlockingRunner(call_timeout=0.05) as runner:
        with pytest.raises(TimeoutError):
            await runner.run(time.sleep, 0.15)


async def test_threads_are_gone_and_runner_refuses_work_after_exit():
    runner = BlockingRunner(max_workers=3)
    async with runner:
        async with asyncio.TaskGroup() as group:
            for _ in range(3):
                group.create_task(runner.run(time.sleep, 0.01))
        assert runner_threads()
    assert runner_threads() == []
    with pytest.raises(RuntimeError, match="not open"):
        await runner.run(time.sleep, 0)


@pytest.fixture
def files(tmp_path) -> dict:
    """Five files on disk, mapped to the sha256 of their content (written synchronously, outside the loop)."""
    expected = {}
    for n in range(5):
        path = tmp_path / f"f{n}.txt"
        content = f"content {n}\n".encode() * 1000
        path.write_bytes(content)
        expected[str(path)] = hashlib.sha256(content).hexdigest()
    return expected


async def test_to_thread_and_executor_index_files_into_sqlite(files, tmp_path):
    stored = await index_files(tmp_path / "notes.db", list(files), max_workers=2)
    assert stored == files
    assert runner_threads() == []


async def test_a_missing_file_fails_the_batch_and_still_shuts_down(files, tmp_path):
    with pytest.raises(ExceptionGroup) as caught:
        await index_files(tmp_path / "notes.db", [*files, tmp_path / "missing.txt"])
    assert caught.value.subgroup(FileNotFoundError) is not None
    assert runner_threads() == []


def test_main_without_arguments_prints_usage(capsys):
    assert blocking_integration.main([]) == 2
    assert "usage" in capsys.readouterr().err
