"""Resources (Ch 3-4): AIO150 and AIO151.

Both rules start at the constructor of an async client resource and ask what
the code does with it: AIO150 whether every path closes it (or hands it to
someone who will), AIO151 how often the code that makes it runs.
"""

from __future__ import annotations

import ast

from ..rule import ERROR, WARNING, Rule
from ..semantic import dotted

CHAPTER = "Ch 3-4"

UNMANAGED = frozenset({
    "aiohttp.ClientSession", "aiohttp.client.ClientSession", "httpx.AsyncClient",
    "aiofiles.open", "asyncpg.connect", "asyncpg.create_pool",
})
SESSION_MAKERS = frozenset({
    "aiohttp.ClientSession", "aiohttp.client.ClientSession", "httpx.AsyncClient",
    "asyncpg.create_pool", "aiomysql.create_pool", "aiopg.create_pool",
})
CLOSERS = frozenset({"close", "aclose", "terminate"})
# Calls that take ownership of a resource: it is closed by whoever holds it then.
HANDOVER_METHODS = frozenset({"enter_async_context", "enter_context", "append", "add", "insert",
                              "push_async_callback", "callback", "push_async_exit"})
ROUTE_DECORATORS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "route",
                              "websocket", "api_route", "view", "ws"})
ROUTE_REGISTRARS = frozenset({"add_get", "add_post", "add_put", "add_patch", "add_delete",
                              "add_head", "add_route", "add_api_route", "add_view", "add_websocket_route"})
AIOHTTP_ROUTE_FUNCTIONS = frozenset({f"aiohttp.web.{m}" for m in
                                     ("get", "post", "put", "patch", "delete", "head", "route", "view")})
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _local_nodes(nodes):
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, _NESTED):
                stack.append(child)


def _mentions(expr, name: str) -> bool:
    return any(n.__class__ is ast.Name and n.id == name for n in _local_nodes([expr]))


def _whole_value(node, ctx):
    """(the expression standing for the call, its parent or None when it is the whole
    value of its statement): climbs over one ``await``."""
    expr = node
    parent = ctx.parent(node)
    if parent.__class__ is ast.Await:
        expr, parent = parent, ctx.parent(parent)
    return expr, (None if parent is ctx.statement else parent)


def _stored_assignment(stmt, ctx) -> bool | None:
    """For ``x = <resource>``: True when some target keeps it beyond the function
    (attribute, subscript, module or global name), False for a plain local, None
    when the statement is no simple assignment."""
    if stmt.__class__ is ast.Assign:
        targets = stmt.targets
    elif stmt.__class__ is ast.AnnAssign:
        targets = [stmt.target]
    else:
        return None
    for target in targets:
        if target.__class__ in (ast.Attribute, ast.Subscript):
            return True
        if target.__class__ is ast.Name and (ctx.function is None or target.id in ctx.scope.globals):
            return True
        if target.__class__ is not ast.Name:
            return True  # unpacking: ownership unclear, leave it alone
    return False


class UnmanagedAsyncResource(Rule):
    """
    ## What it does
    Flags an async client, pool or file that is not guaranteed to be closed.
    That is `aiohttp.ClientSession()`, `httpx.AsyncClient()`,
    `aiofiles.open()`, `asyncpg.connect()` and `asyncpg.create_pool()` not
    used with `async with`, not closed in a `finally`, not returned, not
    stored for later closing.

    ## Why is this bad?
    These objects own sockets, connection pools or file descriptors. If an
    exception (or a cancellation) skips the `close()`, they leak until the
    garbage collector finds them, with "Unclosed client session" warnings,
    exhausted connection limits or half-written files (Ch 3-4: async context
    managers tie the lifetime to a block).

    ## Example
    ```python
    import asyncpg

    async def count(dsn):
        conn = await asyncpg.connect(dsn)
        total = await conn.fetchval("SELECT count(*) FROM report")
        await conn.close()
        return total
    ```

    ## Use instead
    ```python
    import asyncpg

    async def count(dsn):
        conn = await asyncpg.connect(dsn)
        try:
            return await conn.fetchval("SELECT count(*) FROM report")
        finally:
            await conn.close()
    ```

    ## Not flagged
    Fires when the (possibly awaited) constructor call is thrown away, has a
    method called on it directly (`ClientSession().get(...)`), or is
    assigned to a local name of a function where none of the following
    holds: the name is used in `async with name:`; a `finally` block calls
    `name.close()`/`aclose()`/`terminate()`; a `return` mentions it; it is
    assigned onward to an attribute (`self.x`, `obj.x`), a subscript (a
    mapping such as `app["client"]`: counted as stored for later closing, as
    aiohttp's cleanup contexts do) or a global; it is handed to
    `enter_async_context`, `push_async_callback`, `append`/`add`/`insert`;
    `name.close` is referenced uncalled (a registered callback) or called in
    a nested function; or it is yielded by a `*.fixture`-decorated function.
    A `close()` on the straight-line path does not count: an exception
    before it skips it. Left alone: `async with <constructor>`, a
    constructor returned, stored on an attribute, subscript, global or class
    attribute, passed as an argument to another call, or unpacked into
    several names.
    """

    code = "AIO150"
    name = "unmanaged-async-resource"
    severity = ERROR
    category = "RESOURCES"
    chapter = CHAPTER
    fix = ("Use async with (async with aiohttp.ClientSession() as session: ...), or close it in a "
           "finally block; long-lived clients belong to an object or app that closes them on shutdown.")

    calls = UNMANAGED

    def check_call(self, node, ctx, name):
        stmt = ctx.statement
        expr, parent = _whole_value(node, ctx)
        if stmt.__class__ in (ast.With, ast.AsyncWith) and any(i.context_expr is expr for i in stmt.items):
            return
        where = f"in '{ctx.function_name}'" if ctx.function is not None else "at module level"
        if parent is not None:
            if parent.__class__ is ast.Attribute and stmt.__class__ is not ast.Return:
                ctx.report(self, node, f"{name}() {where} is used without ever being closed")
            return
        if stmt.__class__ is ast.Expr:
            ctx.report(self, node, f"{name}() {where} is created and dropped without being closed")
            return
        stored = _stored_assignment(stmt, ctx)
        if stored is False:
            ctx.state(self).setdefault(ctx.function, []).append((node, name, stmt))

    def leave_function(self, scope, ctx):
        pending = ctx.state(self).pop(scope, None)
        if not pending:
            return
        for call, name, stmt in pending:
            local = stmt.targets[0].id if stmt.__class__ is ast.Assign else stmt.target.id
            if not self._managed(scope, local, stmt, ctx):
                ctx.report(self, call, f"{name}() in '{scope.name}' is not closed on every path: "
                                       f"'{local}' is neither used with async with nor closed in a finally")

    def _managed(self, scope, local: str, made, ctx) -> bool:
        line = made.lineno
        for stmt in scope.statements:
            cls = stmt.__class__
            if cls is ast.AsyncWith and stmt.lineno >= line:
                if any(dotted(i.context_expr) == local for i in stmt.items):
                    return True
            elif cls in (ast.Try, getattr(ast, "TryStar", ast.Try)) and stmt.finalbody:
                for node in _local_nodes(stmt.finalbody):
                    if node.__class__ is ast.Call and self._closes(node.func, local):
                        return True
            elif cls is ast.Return and stmt.value is not None and stmt.lineno >= line:
                if _mentions(stmt.value, local):
                    return True
            elif cls in (ast.Assign, ast.AnnAssign) and stmt is not made and stmt.value is not None \
                    and stmt.lineno >= line and _mentions(stmt.value, local) \
                    and _stored_assignment(stmt, ctx) is not False:
                return True
        for call in scope.calls:
            func = call.func
            if call.lineno < line:
                continue
            if func.__class__ is ast.Attribute and func.attr in HANDOVER_METHODS \
                    and any(dotted(a) == local for a in call.args):
                return True
        return self._closed_elsewhere(scope, local)

    @staticmethod
    def _closes(func, local: str) -> bool:
        return func.__class__ is ast.Attribute and func.attr in CLOSERS and dotted(func.value) == local

    def _closed_elsewhere(self, scope, local: str) -> bool:
        """``local.close`` referenced uncalled, called in a nested function, or
        ``local`` yielded by a pytest fixture."""
        function = scope.node
        is_fixture = any((dotted(d.func if d.__class__ is ast.Call else d) or "").endswith("fixture")
                         for d in getattr(function, "decorator_list", ()))
        called = set()
        nested_depth = {}
        stack = [(function, 0)]
        while stack:
            node, depth = stack.pop()
            if node.__class__ is ast.Call:
                called.add(node.func)
            if node.__class__ is ast.Attribute and node.attr in CLOSERS and dotted(node.value) == local:
                nested_depth[node] = depth
            if is_fixture and node.__class__ in (ast.Yield, ast.YieldFrom) and node.value is not None \
                    and _mentions(node.value, local):
                return True
            for child in ast.iter_child_nodes(node):
                stack.append((child, depth + (1 if isinstance(child, _NESTED) else 0)))
        return any(node not in called or depth > 0 for node, depth in nested_depth.items())


def _route_handler(function_node, ctx) -> bool:
    for decorator in function_node.decorator_list:
        if decorator.__class__ is not ast.Call or decorator.func.__class__ is not ast.Attribute:
            continue
        if decorator.func.attr not in ROUTE_DECORATORS or not decorator.args:
            continue
        first = decorator.args[0]
        if first.__class__ is ast.JoinedStr or (first.__class__ is ast.Constant and isinstance(first.value, str)):
            return True
    return False


def _loop_exits_early(loop) -> bool:
    """A retry loop: a ``return`` in the body, or a ``break`` of this very loop."""
    stack = [(n, False) for n in loop.body]
    while stack:
        node, nested_loop = stack.pop()
        cls = node.__class__
        if cls is ast.Return or (cls is ast.Break and not nested_loop):
            return True
        inner = nested_loop or cls in (ast.For, ast.AsyncFor, ast.While)
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, _NESTED):
                stack.append((child, inner))
    return False


def per_item_position(node, ctx, statement=None) -> str | None:
    """Is ``node`` evaluated once per item: in a comprehension's element, or in the
    body of a ``for``/``async for`` of this function that is not a retry loop?
    ``statement`` is the node's statement when asked after the walk passed it."""
    child = node
    for ancestor in ctx.ancestors(node, statement):
        if isinstance(ancestor, _COMPREHENSIONS) and child is not ancestor.generators[0]:
            return "in a comprehension"
        if ancestor.__class__ is ast.comprehension and child is not ancestor.iter:
            return "in a comprehension"
        child = ancestor
    for owner, field in ctx.frames(statement):
        if field != "body":
            continue
        if owner.__class__ in (ast.For, ast.AsyncFor):
            return None if _loop_exits_early(owner) else "in a loop body"
        if owner.__class__ is ast.While and _consumes_queue(owner):
            return "in a queue-consumer loop body"
    return None


def _consumes_queue(loop) -> bool:
    """A ``while`` whose body awaits ``<x>.get()`` with no arguments: one item per
    iteration (an HTTP ``get`` always names a URL)."""
    for node in _local_nodes(loop.body):
        if node.__class__ is ast.Await:
            call = node.value
            if call.__class__ is ast.Call and call.func.__class__ is ast.Attribute \
                    and call.func.attr == "get" and not call.args and not call.keywords:
                return True
    return False


class SessionPerRequest(Rule):
    """
    ## What it does
    Flags a client session or pool created once per item or per request.
    Sessions and pools are `aiohttp.ClientSession`, `httpx.AsyncClient` and
    `asyncpg`/`aiomysql`/`aiopg` `create_pool`; per item means in the body
    of a `for`/`async for` loop or a comprehension, in a route handler, or
    in a coroutine of this module that is called once per item.

    ## Why is this bad?
    A session is a connection pool. Making one per request throws away
    keep-alive connections, DNS cache and TLS sessions, so every request
    pays a fresh TCP and TLS handshake, and bursts open thousands of sockets
    (Ch 3-4: create one session per application and share it).

    ## Example
    ```python
    import aiohttp

    async def fetch(url):
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as resp:
                return await resp.text()

    async def fetch_all(urls):
        return [await fetch(url) for url in urls]
    ```

    ## Use instead
    ```python
    import aiohttp

    async def fetch(session, url):
        async with session.get(url) as resp:
            return await resp.text()

    async def fetch_all(urls):
        async with aiohttp.ClientSession() as session:
            return [await fetch(session, url) for url in urls]
    ```

    ## Not flagged
    Fires for a constructor: in a comprehension's element or a `for`/`async
    for` body of its own function or a queue-consumer `while` body (below);
    in a coroutine decorated as a route (`@routes.get("/path")`,
    `@app.post(...)`, `@app.route(...)`, `@app.websocket(...)`: a decorator
    call named after an HTTP method or route whose first argument is a
    string) or registered with `add_get`/`add_route`/... or `web.get(path,
    handler)`; in a coroutine of this module whose call sits in a
    comprehension's element or a `for`/`async for` body (awaited, or wrapped
    in `create_task`/`gather`). A `while` loop counts only as a queue
    consumer (its body awaits `<x>.get()` with no arguments: one item per
    iteration). Left alone: other `while` loops (reconnect loops
    legitimately build a new session per connection), retry loops (a `for`
    whose body has a `return` or a `break` of that loop), a constructor
    whose result is stored on an attribute, subscript or global (lazy
    one-time creation), cleanup contexts and other coroutines called once,
    and per-item calls in a plain `def`.
    """

    code = "AIO151"
    name = "session-per-request"
    severity = WARNING
    category = "LIBRARY"
    chapter = CHAPTER
    fix = ("Create one session/pool for the application (at start-up, in a cleanup context or "
           "lifespan handler) and pass it to the code that makes requests.")

    def _state(self, ctx) -> dict:
        state = ctx.state(self)
        if not state:
            state.update(candidates=[], per_item=set(), handlers=set())
        return state

    calls = SESSION_MAKERS | AIOHTTP_ROUTE_FUNCTIONS
    methods = ROUTE_REGISTRARS

    def check_call(self, node, ctx, name):
        if name in SESSION_MAKERS:
            self._constructor(node, name, ctx)
        else:
            self._register_handlers(node, ctx)

    def check_method_call(self, node, ctx, method):
        self._register_handlers(node, ctx)

    def _register_handlers(self, node, ctx):
        """``router.add_get("/path", handler)``, ``web.get("/path", handler)``."""
        state = self._state(ctx)
        for arg in node.args[1:]:
            if arg.__class__ is ast.Name:
                state["handlers"].add(arg.id)
        for kw in node.keywords:
            if kw.arg in ("handler", "endpoint") and kw.value.__class__ is ast.Name:
                state["handlers"].add(kw.value.id)

    def leave_function(self, scope, ctx):
        """Calls of this module's coroutines made once per item (a loop body, a
        comprehension element) in this function."""
        async_defs = ctx.async_defs
        for call in scope.calls:
            func = call.func
            callee = func.id if func.__class__ is ast.Name else (
                func.attr if func.__class__ is ast.Attribute and dotted(func.value) == "self" else None)
            if callee is not None and callee in async_defs \
                    and per_item_position(call, ctx, ctx.statement_of(call)):
                self._state(ctx)["per_item"].add(callee)

    def _constructor(self, node, name, ctx):
        function = ctx.function
        if function is None:
            return
        _, parent = _whole_value(node, ctx)
        if parent is None and _stored_assignment(ctx.statement, ctx):
            return
        where = per_item_position(node, ctx)
        if where:
            ctx.report(self, node, f"{name}() is created {where} in '{function.name}': one new "
                                   f"connection pool per item")
            return
        if not function.is_coroutine:
            return
        if _route_handler(function.node, ctx):
            ctx.report(self, node, f"{name}() is created in request handler '{function.name}': "
                                   f"one new connection pool per request")
            return
        self._state(ctx)["candidates"].append((function.name, node, name))

    def leave_module(self, module, ctx):
        state = ctx.state(self)
        if not state:
            return
        for function_name, call, name in state["candidates"]:
            if function_name in state["handlers"]:
                ctx.report(self, call, f"{name}() is created in request handler '{function_name}': "
                                       f"one new connection pool per request")
            elif function_name in state["per_item"]:
                ctx.report(self, call, f"{name}() is created in '{function_name}', which is called "
                                       f"once per item: one new connection pool per item")
