"""A line-based TCP server on asyncio streams with timeouts and graceful shutdown.

``LineServer`` wraps ``asyncio.start_server``: each client gets a coroutine
that reads one line at a time under an idle timeout, answers through an async
handler, and bounds every ``drain()`` with a write timeout so a client that
stops reading cannot pin the server (Ch 3). Lines are capped by the stream
``limit``; the number of clients is capped too. Connection tasks are tracked,
so shutdown can stop accepting, give in-flight requests a grace period, then
cancel and await what is left. ``serve`` installs SIGTERM/SIGINT handlers with
``loop.add_signal_handler`` that set an Event; nothing calls ``serve_forever``.

The example protocol is a tiny in-memory key-value store::

    PING -> PONG | SET k v -> OK | GET k -> VALUE v / NOTFOUND | DELAY ms -> OK | QUIT

Run it, then ``nc 127.0.0.1 8888``::

    python3 stream_server.py --port 8888
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence

log = logging.getLogger("stream_server")

Handler = Callable[[str], Awaitable[str | None]]


class LineServer:
    """Serves a line protocol: one request line in, one reply line out (``None`` closes)."""

    def __init__(
        self,
        handler: Handler,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        idle_timeout: float = 60.0,
        write_timeout: float = 10.0,
        max_line: int = 64 * 1024,
        max_clients: int = 100,
    ) -> None:
        self._handler = handler
        self._host = host
        self._port = port
        self.idle_timeout = idle_timeout
        self.write_timeout = write_timeout
        self.max_line = max_line
        self.max_clients = max_clients
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._busy: set[asyncio.Task[None]] = set()  # connections inside a request right now
        self._closing = False

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("server is not started")
        return self._server.sockets[0].getsockname()[1]

    @property
    def client_count(self) -> int:
        return len(self._connections)

    async def start(self) -> None:
        """Bind and start accepting connections."""
        self._server = await asyncio.start_server(self._serve_client, self._host, self._port, limit=self.max_line)
        log.info("listening on %s:%d", self._host, self.port)

    async def close(self, grace: float = 5.0) -> None:
        """Stop accepting, close idle clients now, give running requests ``grace`` seconds, cancel the rest."""
        if self._server is None:
            return
        self._closing = True  # busy connections end after their current reply
        self._server.close()
        await self._server.wait_closed()
        idle = [task for task in self._connections if task not in self._busy]
        for task in idle:
            task.cancel()
        busy = list(self._busy)
        pending: set[asyncio.Task[None]] = set()
        if busy:
            _done, pending = await asyncio.wait(busy, timeout=grace)
            for task in pending:
                task.cancel()
        if idle or pending:
            await asyncio.gather(*idle, *pending, return_exceptions=True)
        log.info("closed %d idle connections, cancelled %d after %.1fs grace", len(idle), len(pending), grace)
        self._server = None

    async def _send(self, writer: asyncio.StreamWriter, line: str) -> None:
        writer.write(line.encode() + b"\n")
        async with asyncio.timeout(self.write_timeout):
            await writer.drain()

    async def _serve_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        task = asyncio.current_task()
        try:
            if task is None or len(self._connections) >= self.max_clients:
                await self._send(writer, "ERR server busy")
                return
            self._connections.add(task)
            log.info("client %s connected", peer)
            while not self._closing:
                try:
                    async with asyncio.timeout(self.idle_timeout):
                        raw = await reader.readline()
                except TimeoutError:
                    await self._send(writer, "ERR idle timeout")
                    return
                except ValueError:
                    # readline raises ValueError when a line exceeds the stream limit.
                    await self._send(writer, "ERR line too long")
                    return
                if not raw:
                    return  # the client closed its side
                self._busy.add(task)
                try:
                    try:
                        reply = await self._handler(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
                    except Exception:  # noqa: BLE001 - one bad request must not drop the client silently
                        log.exception("handler failed for client %s", peer)
                        reply = "ERR internal error"
                    if reply is None:
                        return
                    await self._send(writer, reply)
                finally:
                    self._busy.discard(task)
        except (ConnectionError, TimeoutError) as exc:
            log.info("client %s dropped: %s", peer, exc or type(exc).__name__)
        finally:
            if task is not None:
                self._connections.discard(task)
                self._busy.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError, TimeoutError):
                async with asyncio.timeout(self.write_timeout):
                    await writer.wait_closed()
            log.info("client %s disconnected", peer)


class KeyValueProtocol:
    """The example handler: a tiny in-memory key-value store."""

    def __init__(self) -> None:
        self._data: dict[str, str] = {}

    async def __call__(self, line: str) -> str | None:
        command, _, rest = line.partition(" ")
        command = command.upper()
        if command == "PING":
            return "PONG"
        if command == "SET":
            key, _, value = rest.partition(" ")
            if not key:
                return "ERR usage: SET key value"
            self._data[key] = value
            return "OK"
        if command == "GET":
            return f"VALUE {self._data[rest]}" if rest in self._data else "NOTFOUND"
        if command == "DELAY":
            # Stands in for slow I/O (a database call) to exercise timeouts and shutdown.
            await asyncio.sleep(min(float(rest or 0), 10_000) / 1000)
            return "OK"
        if command == "QUIT":
            return None
        return f"ERR unknown command {command!r}"


async def serve(host: str, port: int, *, grace: float = 5.0, ready: asyncio.Event | None = None) -> None:
    """Run the key-value server until SIGTERM or SIGINT, then shut down gracefully."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    installed = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
        except (NotImplementedError, RuntimeError):
            log.debug("no handler for %s here", sig.name)
    server = LineServer(KeyValueProtocol(), host=host, port=port)
    try:
        await server.start()
        if ready is not None:
            ready.set()
        await stop.wait()
        log.info("stop requested")
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
        await server.close(grace)


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the key-value protocol until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(description="line-based asyncio TCP server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--grace", type=float, default=5.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(serve(args.host, args.port, grace=args.grace))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
