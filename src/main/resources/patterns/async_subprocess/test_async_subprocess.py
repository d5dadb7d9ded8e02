"""Tests for async_subprocess with real child processes (the running Python interpreter)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import pytest

import async_subprocess
from async_subprocess import run_command, run_many

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this pattern as a program: main() calls asyncio.run, which must not share pytest's loop."""
    return subprocess.run(
        [sys.executable, async_subprocess.__file__, *args], capture_output=True, text=True, timeout=60, check=False
    )

PY = sys.executable


def wait_for_pid_file(path, timeout: float) -> int:
    """Blocking poll for a file another process writes; runs in a thread via to_thread."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and (text := path.read_text()):
            return int(text)
        time.sleep(0.02)
    raise TimeoutError(f"{path} was not written within {timeout}s")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_captures_output_and_exit_code():
    result = await run_command([PY, "-c", "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)"])
    assert result.returncode == 3
    assert result.stdout == b"out\n" and result.stderr == b"err\n"
    assert not result.ok and not result.timed_out


async def test_arguments_are_not_interpreted_by_a_shell():
    result = await run_command([PY, "-c", "import sys; print(sys.argv[1])", "$HOME; rm -rf /"])
    assert result.stdout == b"$HOME; rm -rf /\n"


async def test_stdin_is_fed_to_the_child():
    result = await run_command([PY, "-c", "import sys; print(sys.stdin.read().upper())"], stdin=b"hello")
    assert result.ok and result.stdout == b"HELLO\n"


async def test_hanging_command_is_terminated_at_the_timeout():
    started = time.monotonic()
    result = await run_command([PY, "-c", "import time; time.sleep(30)"], timeout=0.3)
    assert result.timed_out
    assert result.returncode is not None and result.returncode < 0
    assert time.monotonic() - started < 3


async def test_child_ignoring_sigterm_is_killed_after_the_grace_period():
    code = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(30)"
    result = await run_command([PY, "-c", code], timeout=0.5, grace=0.2)
    assert result.timed_out
    assert result.returncode == -9


async def test_output_beyond_the_cap_is_dropped_but_drained():
    result = await run_command([PY, "-c", "import sys; sys.stdout.write('x' * 200000)"], max_output=1000)
    assert result.ok and result.truncated
    assert result.stdout == b"x" * 1000


async def test_missing_program_is_reported_not_raised():
    result = await run_command(["/nonexistent/program"])
    assert result.returncode is None
    assert result.error is not None and "FileNotFoundError" in result.error


async def test_cancellation_kills_the_child_and_propagates(tmp_path):
    pid_file = tmp_path / "pid"
    code = "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(30)"
    task = asyncio.create_task(run_command([PY, "-c", code, str(pid_file)], timeout=30))
    async with asyncio.timeout(5):
        pid = await asyncio.to_thread(wait_for_pid_file, pid_file, 5.0)
    assert pid_alive(pid)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not pid_alive(pid)


async def test_run_many_bounds_concurrency_and_keeps_order():
    code = "import time, sys; start = time.monotonic(); time.sleep(0.15); print(sys.argv[1], start, time.monotonic())"
    results = await run_many([[PY, "-c", code, str(n)] for n in range(6)], limit=2)
    rows = [r.stdout.split() for r in results]
    assert [int(row[0]) for row in rows] == list(range(6))
    intervals = [(float(row[1]), float(row[2])) for row in rows]
    # At any child's start, count the children running: never more than the limit, and
    # at some point more than one (they really overlap).
    running = [sum(1 for s, e in intervals if s <= start < e) for start, _ in intervals]
    assert max(running) == 2


def test_program_returns_the_exit_status():
    ok = run_script("--", PY, "-c", "print('hi')")
    assert ok.returncode == 0 and ok.stdout == "hi\n"
    assert run_script("--timeout", "0.2", "--", PY, "-c", "import time; time.sleep(5)").returncode == 124
