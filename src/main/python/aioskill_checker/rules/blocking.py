"""Blocking the event loop (Ch 2-3): AIO100 to AIO106.

Every rule here fires only lexically inside a coroutine (``ctx.in_coroutine``)
and asks the semantic model for the import-resolved name of what is called,
so aliases (``from time import sleep as pause``) are caught and shadowing
locals (a parameter named ``requests``) are not.
"""

from __future__ import annotations

import ast

from ..rule import ERROR, WARNING, Rule

CHAPTER = "Ch 2-3"


def _where(ctx) -> str:
    return f"inside coroutine '{ctx.function_name}'"


def _is_false(node) -> bool:
    return node.__class__ is ast.Constant and node.value in (False, 0) and node.value is not None


def _keyword(call: ast.Call, name: str):
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


class BlockingSleep(Rule):
    """
    ## What it does
    Flags `time.sleep(...)` called in a coroutine, under any import alias.

    ## Why is this bad?
    The event loop runs on one thread; `time.sleep` parks that thread, so no
    other task, callback or I/O completion runs until it returns (Ch 2-3: the
    loop only switches tasks at an `await`).

    ## Example
    ```python
    import time

    async def poll():
        time.sleep(1)
    ```

    ## Use instead
    ```python
    import asyncio

    async def poll():
        await asyncio.sleep(1)
    ```

    ## Not flagged
    `time.sleep` in a plain `def`, a `lambda` or a nested function (they may
    run in an executor via `asyncio.to_thread`), a local or parameter named
    `time`, and `asyncio.sleep`.
    """

    code = "AIO100"
    name = "blocking-sleep"
    severity = ERROR
    category = "BLOCKING"
    chapter = CHAPTER
    fix = "Replace time.sleep(s) with await asyncio.sleep(s)."
    calls = frozenset({"time.sleep"})

    def check_call(self, node, ctx, name):
        if ctx.in_coroutine:
            ctx.report(self, node, f"time.sleep() blocks the event loop {_where(ctx)}")


HTTP_CALLS = frozenset({
    "requests.get", "requests.post", "requests.put", "requests.patch", "requests.delete",
    "requests.head", "requests.options", "requests.request",
    "requests.api.get", "requests.api.post", "requests.api.put", "requests.api.patch",
    "requests.api.delete", "requests.api.head", "requests.api.options", "requests.api.request",
    "urllib.request.urlopen", "urllib.request.urlretrieve",
    "httpx.get", "httpx.post", "httpx.put", "httpx.patch", "httpx.delete", "httpx.head",
    "httpx.options", "httpx.request", "httpx.stream",
    "urllib3.request",
})
HTTP_CLIENTS = frozenset({
    "requests.Session", "requests.session", "requests.sessions.Session",
    "http.client.HTTPConnection", "http.client.HTTPSConnection",
    "httpx.Client",
    "urllib3.PoolManager", "urllib3.ProxyManager",
    "urllib3.HTTPConnectionPool", "urllib3.HTTPSConnectionPool",
})


class BlockingHttp(Rule):
    """
    ## What it does
    Flags synchronous HTTP calls and clients in a coroutine. Calls:
    `requests.get/post/...` (and `requests.request`), `urllib.request.urlopen`/`urlretrieve`,
    `httpx.get/post/...`/`httpx.stream`, `urllib3.request`. Constructors
    of blocking clients: `requests.Session()`,
    `http.client.HTTPConnection/HTTPSConnection(...)`, `httpx.Client(...)`,
    `urllib3.PoolManager(...)` (and its proxy and connection-pool siblings).

    ## Why is this bad?
    A synchronous request holds the event loop thread for the whole network
    round trip, often hundreds of milliseconds, freezing every other task
    (Ch 2-3). Async clients (aiohttp, httpx.AsyncClient) yield at each wait.

    ## Example
    ```python
    import requests

    async def fetch(url):
        return requests.get(url).text
    ```

    ## Use instead
    ```python
    import aiohttp

    async def fetch(session: aiohttp.ClientSession, url):
        async with session.get(url) as response:
            return await response.text()
    ```

    ## Not flagged
    Calls on a client object (`session.get(...)`): the client is reported
    once, at its constructor. `httpx.AsyncClient`, `aiohttp`, blocking HTTP in
    a plain `def`/`lambda` (for `asyncio.to_thread`), `requests.exceptions.*`
    and other non-I/O helpers, and locals named `requests` or `httpx`.
    """

    code = "AIO101"
    name = "blocking-http"
    severity = ERROR
    category = "BLOCKING"
    chapter = CHAPTER
    fix = ("Use an async HTTP client (aiohttp.ClientSession or httpx.AsyncClient) and await it, "
           "or move the blocking call to a thread with await asyncio.to_thread(...).")

    calls = HTTP_CALLS | HTTP_CLIENTS

    def check_call(self, node, ctx, name):
        if not ctx.in_coroutine:
            return
        if name in HTTP_CALLS:
            ctx.report(self, node, f"{name}() is a blocking HTTP call {_where(ctx)}")
        else:
            ctx.report(self, node, f"{name}() creates a blocking HTTP client {_where(ctx)}")


FILE_CALLS = frozenset({
    "open", "builtins.open", "io.open", "io.open_code",
    "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.copyfileobj",
    "shutil.copymode", "shutil.copystat", "shutil.move", "shutil.rmtree",
})
PATH_METHODS = frozenset({"open", "read_text", "read_bytes", "write_text", "write_bytes"})
PATH_TYPES = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})


def _is_path(expr, ctx, depth: int = 0) -> bool:
    """Is ``expr`` a pathlib.Path built in view: Path(...), Path.home(), p / 'x', or a
    name/self attribute last assigned from one of those."""
    if depth > 20:
        return False
    cls = expr.__class__
    if cls is ast.Call:
        name = ctx.qualified_name(expr.func)
        if name is None:
            return False
        return name in PATH_TYPES or name.rpartition(".")[0] in PATH_TYPES
    if cls is ast.BinOp and expr.op.__class__ is ast.Div:
        return _is_path(expr.left, ctx, depth + 1)
    if cls is ast.Name or cls is ast.Attribute:
        origin = ctx.assigned_value(expr)
        return origin is not None and _is_path(origin, ctx, depth + 1)
    return False


class BlockingFileIo(Rule):
    """
    ## What it does
    Flags synchronous file I/O in a coroutine. That is the builtin
    `open(...)`, `io.open(...)`, `io.open_code(...)`, the `pathlib.Path` methods `open`,
    `read_text`, `read_bytes`, `write_text`, `write_bytes` on a path built in view (`Path(...)`, `Path.home()`,
    `base / "name"`, or a name assigned from one), and
    `shutil.copy*/move/rmtree`.

    ## Why is this bad?
    Disk reads and writes block the calling thread; on slow or network file
    systems that is milliseconds to seconds during which the event loop
    serves nobody (Ch 2-3).

    ## Example
    ```python
    async def load(path):
        with open(path) as f:
            return f.read()
    ```

    ## Use instead
    ```python
    import asyncio
    import aiofiles

    async def load(path):
        async with aiofiles.open(path) as f:
            return await f.read()

    async def load_small(path):
        return await asyncio.to_thread(Path(path).read_text)
    ```

    ## Not flagged
    `aiofiles.open`, `anyio.Path`, file I/O in a plain `def` or `lambda`,
    passing `open` uncalled to `asyncio.to_thread`/`run_in_executor`, a local
    or parameter named `open`, and path methods on objects whose type the
    checker cannot see (a parameter `p.read_text()`).
    """

    code = "AIO102"
    name = "blocking-file-io"
    severity = ERROR
    category = "BLOCKING"
    chapter = CHAPTER
    fix = ("Use aiofiles (async with aiofiles.open(...)) or run the file work in a thread with "
           "await asyncio.to_thread(...).")

    calls = FILE_CALLS
    methods = PATH_METHODS

    def check_call(self, node, ctx, name):
        if ctx.in_coroutine:
            shown = "open" if name == "builtins.open" else name
            ctx.report(self, node, f"{shown}() is blocking file I/O {_where(ctx)}")

    def check_method_call(self, node, ctx, method):
        if ctx.in_coroutine and _is_path(node.func.value, ctx):
            ctx.report(self, node, f"pathlib.Path.{method}() is blocking file I/O {_where(ctx)}")


SUBPROCESS_CALLS = frozenset({
    "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
    "subprocess.Popen", "subprocess.getoutput", "subprocess.getstatusoutput",
    "os.system", "os.popen", "os.wait", "os.waitpid", "os.wait3", "os.wait4", "os.waitid",
})


class BlockingSubprocess(Rule):
    """
    ## What it does
    Flags blocking process management in a coroutine. That is
    `subprocess.run`, `call`, `check_call`, `check_output`, `Popen`,
    `getoutput`, `getstatusoutput`, and `os.system`, `os.popen`, `os.wait*`,
    `os.spawn*`, `os.posix_spawn`, `os.posix_spawnp`.

    ## Why is this bad?
    These calls wait for a child process (or start one with blocking pipes),
    holding the event loop thread for as long as the child runs (Ch 2-3).
    asyncio has its own non-blocking subprocess API.

    ## Example
    ```python
    import subprocess

    async def build():
        subprocess.run(["make"], check=True)
    ```

    ## Use instead
    ```python
    import asyncio

    async def build():
        proc = await asyncio.create_subprocess_exec("make")
        await proc.wait()
    ```

    ## Not flagged
    `asyncio.create_subprocess_exec/shell`, these calls in a plain `def` or
    `lambda`, `subprocess.PIPE`/`CalledProcessError` and other non-call
    names, and a local named `subprocess` or `os`.
    """

    code = "AIO103"
    name = "blocking-subprocess"
    severity = ERROR
    category = "BLOCKING"
    chapter = CHAPTER
    fix = ("Use await asyncio.create_subprocess_exec(...) (or _shell) and await proc.wait() / "
           "proc.communicate(), or run the call in a thread with asyncio.to_thread.")

    calls = SUBPROCESS_CALLS
    call_prefixes = ("os.spawn", "os.posix_spawn")

    def check_call(self, node, ctx, name):
        if ctx.in_coroutine:
            ctx.report(self, node, f"{name}() blocks the event loop on a child process {_where(ctx)}")


DRIVER_CONNECTS = frozenset({
    "sqlite3.connect", "psycopg2.connect", "pymysql.connect",
    "redis.Redis", "redis.StrictRedis", "redis.client.Redis", "redis.client.StrictRedis",
    "redis.from_url", "redis.Redis.from_url", "redis.StrictRedis.from_url",
    "socket.create_connection",
})
SOCKET_MAKERS = frozenset({"socket.socket", "socket.create_connection"})
SOCKET_METHODS = frozenset({"recv", "sendall", "accept", "connect"})


class BlockingDriver(Rule):
    """
    ## What it does
    Flags synchronous database, cache and socket clients in a coroutine.
    Connects: `sqlite3.connect`, `psycopg2.connect`, `pymysql.connect`,
    `redis.Redis(...)`/`StrictRedis(...)`/`redis.from_url(...)` (not
    `redis.asyncio`), `socket.create_connection(...)`. Blocking
    methods `recv`, `sendall`, `accept`, `connect` on a socket made in the
    same function (`socket.socket()`, `socket.create_connection()`, or the
    connection returned by that socket's `accept()`).

    ## Why is this bad?
    Every query or socket operation of a synchronous driver waits on the
    network or disk on the event loop thread, stalling all tasks (Ch 2-3).
    The connection is reported once, at the connect call.

    ## Example
    ```python
    import sqlite3

    async def count_users():
        db = sqlite3.connect("app.db")
        return db.execute("select count(*) from users").fetchone()
    ```

    ## Use instead
    ```python
    import aiosqlite

    async def count_users():
        async with aiosqlite.connect("app.db") as db:
            async with db.execute("select count(*) from users") as cursor:
                return await cursor.fetchone()
    ```

    ## Not flagged
    `redis.asyncio.Redis`, `asyncpg`, `aiosqlite`; socket methods on a socket
    the function did not create (a parameter, or a socket handed to
    `loop.sock_recv`); `socket.socket()` itself (creating one does not
    block); these calls in a plain `def` or `lambda`.
    """

    code = "AIO104"
    name = "blocking-driver"
    severity = ERROR
    category = "BLOCKING"
    chapter = CHAPTER
    fix = ("Use an async driver (aiosqlite, asyncpg, aiomysql, redis.asyncio) or asyncio streams "
           "(asyncio.open_connection), or run the blocking client in a thread with asyncio.to_thread.")

    def visit_Assign(self, node, ctx):
        # conn, addr = server.accept(): conn is a socket made in this function too
        if not ctx.in_coroutine:
            return
        value = node.value
        if (value.__class__ is ast.Call and value.func.__class__ is ast.Attribute
                and value.func.attr == "accept" and self._local_socket(value.func.value, ctx)):
            target = node.targets[0]
            if target.__class__ in (ast.Tuple, ast.List) and target.elts and target.elts[0].__class__ is ast.Name:
                ctx.state(self)[(ctx.function, target.elts[0].id)] = node
                return
        state = ctx.state(self)
        if state:
            for target in node.targets:
                if target.__class__ is ast.Name:
                    state.pop((ctx.function, target.id), None)

    def _local_socket(self, expr, ctx) -> bool:
        if expr.__class__ is not ast.Name:
            return False
        if ctx.origin_name(expr) in SOCKET_MAKERS and ctx.origin_scope(expr) is ctx.function:
            return True
        return (ctx.function, expr.id) in ctx.state(self) and ctx.origin(expr) is None \
            and ctx.scope.names.get(expr.id, "") is None

    calls = DRIVER_CONNECTS
    methods = SOCKET_METHODS

    def check_call(self, node, ctx, name):
        if ctx.in_coroutine:
            ctx.report(self, node, f"{name}() opens a blocking client connection {_where(ctx)}")

    def check_method_call(self, node, ctx, method):
        if ctx.in_coroutine and self._local_socket(node.func.value, ctx):
            ctx.report(self, node, f"socket.{method}() on blocking socket '{node.func.value.id}' "
                                   f"blocks the event loop {_where(ctx)}")


class BlockingInput(Rule):
    """
    ## What it does
    Flags the builtin `input(...)` called in a coroutine.

    ## Why is this bad?
    `input` waits for a human to type a line; the event loop thread waits
    with it, and every task stops (Ch 2-3).

    ## Example
    ```python
    async def repl():
        line = input("> ")
    ```

    ## Use instead
    ```python
    import asyncio

    async def repl():
        line = await asyncio.to_thread(input, "> ")
    ```

    ## Not flagged
    `input` passed uncalled to `asyncio.to_thread`/`run_in_executor`,
    `input` in a plain `def` or `lambda`, and a local or parameter named
    `input`.
    """

    code = "AIO105"
    name = "blocking-input"
    severity = ERROR
    category = "BLOCKING"
    chapter = CHAPTER
    fix = ("Read the terminal in a thread: line = await asyncio.to_thread(input, prompt), "
           "or use an asyncio stream reader on stdin.")

    calls = frozenset({"input", "builtins.input"})

    def check_call(self, node, ctx, name):
        if ctx.in_coroutine:
            ctx.report(self, node, f"input() blocks the event loop waiting for the terminal {_where(ctx)}")


THREAD_PRIMITIVES = frozenset({
    "threading.Lock", "threading.RLock", "threading.Semaphore", "threading.BoundedSemaphore",
    "threading.Event", "threading.Condition",
})
THREAD_QUEUES = frozenset({"queue.Queue", "queue.LifoQueue", "queue.PriorityQueue", "queue.SimpleQueue"})
THREADS = frozenset({"threading.Thread"})


class BlockingWait(Rule):
    """
    ## What it does
    Flags waits that park the event loop thread in a coroutine. That is
    `acquire()`/`wait()` or a plain `with` on a `threading.Lock`, `RLock`,
    `Semaphore`, `BoundedSemaphore`, `Event` or `Condition`, `get()`/`put()` on a `queue.Queue` (and its Lifo,
    Priority and Simple variants), `.result()` on a future returned by
    `executor.submit(...)`, and `join()` on a `threading.Thread`. The object
    must be traceable to its constructor: a name or `self.<attr>` assigned
    from it in view.

    ## Why is this bad?
    These primitives block the OS thread until another thread acts. On the
    event loop thread that stops every task, and if the other side needs the
    loop to make progress it is a deadlock (Ch 2-3).

    ## Example
    ```python
    import threading

    lock = threading.Lock()

    async def update(state):
        with lock:
            state.count += 1
    ```

    ## Use instead
    ```python
    import asyncio

    lock = asyncio.Lock()

    async def update(state):
        async with lock:
            state.count += 1
    ```

    ## Not flagged
    asyncio primitives and `asyncio.Queue`; non-blocking calls
    (`acquire(blocking=False)`, `acquire(False)`, `get(block=False)`,
    `put(x, block=False)`, `get_nowait()`); a `.result()` on an asyncio
    future or task; objects whose constructor the checker cannot see (a
    parameter); waits in a plain `def` or `lambda`.
    """

    code = "AIO106"
    name = "blocking-wait"
    severity = WARNING
    category = "BLOCKING"
    chapter = CHAPTER
    fix = ("Use the asyncio equivalent (asyncio.Lock/Event/Condition/Semaphore/Queue with await), "
           "await asyncio.wrap_future(fut) or loop.run_in_executor instead of fut.result(), "
           "and await asyncio.to_thread(thread.join) instead of thread.join().")

    def visit_With(self, node, ctx):
        if not ctx.in_coroutine:
            return
        for item in node.items:
            kind = ctx.origin_name(item.context_expr) if item.context_expr.__class__ in (ast.Name, ast.Attribute) else None
            if kind in THREAD_PRIMITIVES:
                ctx.report(self, node, f"'with {_text(item.context_expr)}' on a {kind} parks the "
                                       f"event loop thread {_where(ctx)}")
                return

    methods = frozenset({"acquire", "wait", "get", "put", "result", "join"})

    def check_method_call(self, node, ctx, method):
        if not ctx.in_coroutine:
            return
        receiver = node.func.value
        if method == "result":
            if self._is_executor_future(receiver, ctx):
                ctx.report(self, node, f"{_text(receiver)}.result() blocks until the executor job "
                                       f"finishes {_where(ctx)}")
            return
        if receiver.__class__ not in (ast.Name, ast.Attribute):
            return
        kind = ctx.origin_name(receiver)
        if kind is None:
            return
        if method in ("acquire", "wait") and kind in THREAD_PRIMITIVES:
            if method == "acquire" and self._non_blocking(node, "blocking"):
                return
            ctx.report(self, node, f"{_text(receiver)}.{method}() on a {kind} parks the event loop "
                                   f"thread {_where(ctx)}")
        elif method in ("get", "put") and kind in THREAD_QUEUES:
            if self._non_blocking(node, "block", positional=0 if method == "get" else 1):
                return
            ctx.report(self, node, f"{_text(receiver)}.{method}() on a {kind} parks the event loop "
                                   f"thread {_where(ctx)}")
        elif method == "join" and kind in THREADS:
            ctx.report(self, node, f"{_text(receiver)}.join() waits for a thread on the event loop "
                                   f"thread {_where(ctx)}")

    @staticmethod
    def _non_blocking(call, keyword: str, positional: int = 0) -> bool:
        value = _keyword(call, keyword)
        if value is None and len(call.args) > positional:
            value = call.args[positional]
        return value is not None and _is_false(value)

    @staticmethod
    def _is_executor_future(receiver, ctx) -> bool:
        call = receiver if receiver.__class__ is ast.Call else (
            ctx.origin(receiver) if receiver.__class__ in (ast.Name, ast.Attribute) else None)
        return (call is not None and call.func.__class__ is ast.Attribute
                and call.func.attr == "submit")


def _text(expr) -> str:
    """Short source-like text of a name or attribute chain for messages."""
    if expr.__class__ is ast.Name:
        return expr.id
    if expr.__class__ is ast.Attribute:
        return f"{_text(expr.value)}.{expr.attr}"
    return "..."
