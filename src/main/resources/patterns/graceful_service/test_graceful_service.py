"""Tests for graceful_service: signals, task tracking, bounded shutdown and cleanups."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

import graceful_service
from graceful_service import Service, example_startup

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


async def idle_forever() -> None:
    await asyncio.Event().wait()


def startup_with(*coros_factories):
    async def startup(service: Service) -> None:
        for n, factory in enumerate(coros_factories):
            service.spawn(factory(), name=f"job-{n}")
        await asyncio.sleep(0)

    return startup


async def wait_started(service: Service) -> None:
    async with asyncio.timeout(2):
        await service.started.wait()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_signal_stops_the_service_and_cancels_its_tasks(sig):
    service = Service(shutdown_timeout=1)
    run = asyncio.create_task(service.run(startup_with(idle_forever, idle_forever)))
    await wait_started(service)
    assert service.task_count == 2
    os.kill(os.getpid(), sig)
    async with asyncio.timeout(2):
        reason = await run
    assert reason == f"signal {sig.name}"
    assert service.task_count == 0


async def test_signal_handlers_are_removed_after_the_run():
    service = Service()
    run = asyncio.create_task(service.run(startup_with(idle_forever)))
    await wait_started(service)
    service.request_stop("test")
    await run
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


async def test_a_crashing_background_task_stops_the_service():
    async def crash() -> None:
        await asyncio.sleep(0.01)
        raise RuntimeError("database gone")

    service = Service(shutdown_timeout=1)
    async with asyncio.timeout(2):
        reason = await service.run(startup_with(crash, idle_forever))
    assert "job-0 crashed" in reason and "database gone" in reason
    assert service.task_count == 0


async def test_shutdown_waits_at_most_the_shutdown_timeout():
    finishing = asyncio.Event()

    async def slow_to_stop() -> None:
        try:
            await idle_forever()
        finally:
            # Cleanup that takes longer than the service is willing to wait.
            await asyncio.sleep(1)
            finishing.set()

    service = Service(shutdown_timeout=0.1)
    run = asyncio.create_task(service.run(startup_with(slow_to_stop)))
    await wait_started(service)
    straggler = next(t for t in asyncio.all_tasks() if t.get_name() == "job-0")
    started = time.monotonic()
    service.request_stop("test")
    await run
    assert time.monotonic() - started < 0.5
    assert not straggler.done()
    straggler.cancel()
    await asyncio.gather(straggler, return_exceptions=True)


async def test_cleanups_run_in_reverse_order_and_survive_failures():
    order: list[str] = []

    def recorder(name: str, *, fail: bool = False, hang: bool = False):
        async def cleanup() -> None:
            if hang:
                await asyncio.sleep(10)
            await asyncio.sleep(0)
            order.append(name)
            if fail:
                raise OSError(f"{name} failed")

        return cleanup

    async def startup(service: Service) -> None:
        service.add_cleanup("database", recorder("database"))
        service.add_cleanup("cache", recorder("cache", fail=True))
        service.add_cleanup("slow", recorder("slow", hang=True))
        service.add_cleanup("http", recorder("http"))
        service.request_stop("done")
        await asyncio.sleep(0)

    service = Service(cleanup_timeout=0.05)
    assert await service.run(startup) == "done"
    assert order == ["http", "cache", "database"]


async def test_failing_startup_still_shuts_down():
    async def startup(service: Service) -> None:
        service.spawn(idle_forever(), name="early")
        await asyncio.sleep(0)
        raise ConnectionRefusedError("cannot reach the broker")

    service = Service()
    with pytest.raises(ConnectionRefusedError):
        await service.run(startup)
    assert service.task_count == 0


async def test_example_service_reports_and_shuts_its_executor_down():
    service = Service(shutdown_timeout=1)
    run = asyncio.create_task(service.run(example_startup(interval=0.02)))
    await wait_started(service)
    await asyncio.sleep(0.1)
    service.request_stop("test")
    async with asyncio.timeout(2):
        await run
    assert [t for t in threading.enumerate() if t.name.startswith("service")] == []


async def test_script_exits_cleanly_on_sigterm():
    script = Path(graceful_service.__file__)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(script), "--interval", "0.05",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(5):
            while True:
                line = await proc.stderr.readline()
                assert line, "service exited before it started"
                if b"service started" in line:
                    break
        proc.send_signal(signal.SIGTERM)
        async with asyncio.timeout(5):
            rest = await proc.stderr.read()
            await proc.wait()
        assert proc.returncode == 0
        assert b"stop requested: signal SIGTERM" in rest
        assert b"cleanup executor done" in rest
        assert b"service stopped" in rest
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
