"""Run external commands from asyncio with timeouts, output limits and a sure kill.

``run_command`` starts a program with ``asyncio.create_subprocess_exec`` (no
shell, so arguments are never re-parsed), reads its output through pipes
while it runs, and waits under ``asyncio.timeout``. On timeout or cancellation
the child is terminated, given a grace period, then killed, and always reaped
with ``wait()`` so no zombie is left behind (Ch 3). Several commands run
concurrently under a ``Semaphore`` with ``run_many``; each gets its own result.
``subprocess.run`` would block the event loop for the whole run of the child.

Run it::

    python3 async_subprocess.py -- uname -a
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

log = logging.getLogger("async_subprocess")


@dataclass(frozen=True)
class CommandResult:
    """Outcome of one command. ``returncode`` is None only if the command never started."""

    argv: tuple[str, ...]
    returncode: int | None
    stdout: bytes
    stderr: bytes
    elapsed: float
    timed_out: bool = False
    truncated: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and self.error is None


async def _read_capped(stream: asyncio.StreamReader, cap: int, sink: bytearray, timeout: float) -> bool:
    """Read a pipe to EOF within ``timeout``, keeping at most ``cap`` bytes; True if output was dropped."""
    dropped = False
    async with asyncio.timeout(timeout):
        while chunk := await stream.read(64 * 1024):
            room = cap - len(sink)
            if room > 0:
                sink.extend(chunk[:room])
            if len(chunk) > room:
                dropped = True  # keep draining so the child never blocks on a full pipe
    return dropped


async def _stop(proc: asyncio.subprocess.Process, grace: float) -> None:
    """Terminate, wait up to ``grace`` seconds, then kill; always reap the child."""
    if proc.returncode is not None:
        return
    try:
        proc.terminate()
    except ProcessLookupError:
        pass
    try:
        async with asyncio.timeout(grace):
            await proc.wait()
            return
    except TimeoutError:
        log.warning("pid %d ignored SIGTERM; killing it", proc.pid)
    try:
        proc.kill()
    except ProcessLookupError:
        pass
    await proc.wait()


async def run_command(
    argv: Sequence[str],
    *,
    timeout: float = 30.0,
    grace: float = 2.0,
    max_output: int = 1024 * 1024,
    stdin: bytes | None = None,
) -> CommandResult:
    """Run ``argv`` and capture its output; never raises for a failing or hanging command.

    Cancellation still propagates, after the child has been stopped and reaped.
    """
    args = tuple(argv)
    started = time.monotonic()
    try:
        proc = await asyncio.create_subprocess_exec(
            *args,
            stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
    except OSError as exc:
        return CommandResult(args, None, b"", b"", time.monotonic() - started, error=f"{type(exc).__name__}: {exc}")

    out, err = bytearray(), bytearray()
    timed_out = False
    truncated = False
    try:
        async with asyncio.timeout(timeout):
            if stdin is not None and proc.stdin is not None:
                proc.stdin.write(stdin)
                await proc.stdin.drain()
                proc.stdin.close()
            if proc.stdout is None or proc.stderr is None:
                raise RuntimeError("subprocess pipes were not created")
            async with asyncio.TaskGroup() as group:
                out_task = group.create_task(_read_capped(proc.stdout, max_output, out, timeout))
                err_task = group.create_task(_read_capped(proc.stderr, max_output, err, timeout))
            truncated = out_task.result() or err_task.result()
            await proc.wait()
    except TimeoutError:
        timed_out = True
        log.warning("%s timed out after %.1fs", args[0], timeout)
    finally:
        # Runs on timeout, on errors and on cancellation: never leave the child running.
        await asyncio.shield(_stop(proc, grace))
    return CommandResult(
        args, proc.returncode, bytes(out), bytes(err), time.monotonic() - started, timed_out, truncated
    )


async def run_many(commands: Sequence[Sequence[str]], *, limit: int = 4, timeout: float = 30.0) -> list[CommandResult]:
    """Run commands concurrently, at most ``limit`` at once; one result per command, in order."""
    semaphore = asyncio.Semaphore(limit)

    async def bounded(argv: Sequence[str]) -> CommandResult:
        async with semaphore:
            return await run_command(argv, timeout=timeout)

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(bounded(argv)) for argv in commands]
    return [task.result() for task in tasks]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command with a timeout and print its output; exit with its status."""
    parser = argparse.ArgumentParser(description="run a command with a timeout")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    result = asyncio.run(run_command(command, timeout=args.timeout))
    print(result.stdout.decode(errors="replace"), end="")
    if result.error:
        log.error("%s", result.error)
        return 127
    if result.timed_out:
        return 124
    return result.returncode or 0


if __name__ == "__main__":
    raise SystemExit(main())
