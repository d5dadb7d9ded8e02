"""Coroutines and tasks (Ch 3): AIO110 to AIO118.

The heuristic rules here (AIO110, AIO115, AIO116) are tuned for precision:
each fires only on the shape its docstring describes and names the near
misses it leaves alone, because a suggestion that is wrong half the time
teaches people to ignore the checker.
"""

from __future__ import annotations

import ast

from ..rule import ERROR, SUGGESTION, WARNING, Rule

CHAPTER = "Ch 3"

_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)

SLEEPS = frozenset({"asyncio.sleep", "anyio.sleep", "anyio.sleep_until", "trio.sleep", "trio.sleep_until"})
#: Coroutine functions of asyncio whose call without await does nothing.
ASYNCIO_COROUTINES = frozenset({
    "asyncio.sleep", "asyncio.wait_for", "asyncio.wait", "asyncio.to_thread",
    "asyncio.open_connection", "asyncio.start_server", "asyncio.open_unix_connection",
    "asyncio.start_unix_server", "asyncio.create_subprocess_exec",
    "asyncio.create_subprocess_shell",
})
TASK_FACTORIES = frozenset({"asyncio.create_task", "asyncio.ensure_future"})
LOOP_FACTORIES = frozenset({
    "asyncio.get_event_loop", "asyncio.get_running_loop", "asyncio.new_event_loop",
    "asyncio.events.get_event_loop", "asyncio.events.get_running_loop",
    "asyncio.events.new_event_loop", "uvloop.new_event_loop",
})
TASK_GROUPS = frozenset({"asyncio.TaskGroup", "asyncio.taskgroups.TaskGroup"})
#: Calls that already run their awaitables concurrently.
CONCURRENT_WAITS = frozenset({"asyncio.gather", "asyncio.wait", "asyncio.as_completed"})
#: Wrappers whose first argument is the awaitable that does the work.
AWAIT_WRAPPERS = frozenset({"asyncio.wait_for", "asyncio.shield"})
SEMAPHORES = frozenset({
    "asyncio.Semaphore", "asyncio.BoundedSemaphore", "anyio.Semaphore",
    "anyio.CapacityLimiter", "aiolimiter.AsyncLimiter",
})
ASYNC_QUEUES = frozenset({"asyncio.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue"})
#: Method name prefixes that write to one ordered channel (a stream, socket,
#: connection, broker or queue): awaiting them item by item keeps the order.
ORDERED_METHOD_PREFIXES = ("send", "write", "drain", "put", "publish", "execute", "emit")
#: Receiver name parts of objects that serve one operation at a time (a
#: database connection, cursor or transaction, a websocket, stream or
#: process): their awaits cannot overlap anyway.
SERIAL_RECEIVERS = frozenset({
    "conn", "connection", "cursor", "cur", "db", "tx", "transaction", "ws", "websocket",
    "writer", "reader", "stream", "sock", "socket", "channel", "chan", "pipe", "proc", "process",
})
LOCKS = frozenset({"asyncio.Lock", "asyncio.Condition", "anyio.Lock"})


def _where(ctx) -> str:
    return f"in coroutine '{ctx.function_name}'" if ctx.in_coroutine else \
        (f"in function '{ctx.function_name}'" if ctx.function_name else "at module level")


def _keyword(call: ast.Call, name: str):
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def _text(expr) -> str:
    """Short source-like text of a name or attribute chain for messages."""
    if expr.__class__ is ast.Name:
        return expr.id
    if expr.__class__ is ast.Attribute:
        return f"{_text(expr.value)}.{expr.attr}"
    if expr.__class__ is ast.Call:
        return f"{_text(expr.func)}()"
    text = ast.unparse(expr)
    return text if len(text) <= 40 else text[:37] + "..."


def _local_nodes(nodes):
    """Yield every node under ``nodes`` (statements or expressions), not entering
    nested def, lambda or class bodies (their code runs at another time)."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _NESTED_SCOPES):
            continue
        children = list(ast.iter_child_nodes(node))
        children.reverse()
        stack.extend(children)


def _chain(expr):
    """Dotted text of a Name/Attribute chain (`self.cursor`), else None."""
    parts = []
    while expr.__class__ is ast.Attribute:
        parts.append(expr.attr)
        expr = expr.value
    if expr.__class__ is not ast.Name:
        return None
    parts.append(expr.id)
    return ".".join(reversed(parts))


def _keys_loaded(expr) -> set:
    """Names and attribute chains (`self.cursor`, and its prefix `self`) read in ``expr``."""
    keys = set()
    for node in _local_nodes([expr]):
        cls = node.__class__
        if cls is ast.Name and node.ctx.__class__ is ast.Load:
            keys.add(node.id)
        elif cls is ast.Attribute and node.ctx.__class__ is ast.Load:
            chain = _chain(node)
            if chain is not None:
                keys.add(chain)
    return keys


def _target_names(target) -> set:
    return {n.id for n in ast.walk(target) if n.__class__ is ast.Name}


def _target_keys(target) -> set:
    """What an assignment target writes: a name, an attribute chain, or for a
    subscript (`params["page"] = ...`) the container it mutates."""
    cls = target.__class__
    if cls is ast.Name:
        return {target.id}
    if cls is ast.Attribute:
        chain = _chain(target)
        return {chain} if chain is not None else set()
    if cls is ast.Subscript:
        return _target_keys(target.value)
    if cls is ast.Starred:
        return _target_keys(target.value)
    if cls in (ast.Tuple, ast.List):
        keys = set()
        for elt in target.elts:
            keys |= _target_keys(elt)
        return keys
    return set()


class _Span:
    """A report position narrower than a node (a loop or def header)."""

    __slots__ = ("lineno", "col_offset", "end_lineno", "end_col_offset")

    def __init__(self, lineno, col_offset, end_lineno, end_col_offset):
        self.lineno = lineno
        self.col_offset = col_offset
        self.end_lineno = end_lineno
        self.end_col_offset = end_col_offset


def _header(node, last):
    """Span from a compound statement's start to the end of ``last`` (its header)."""
    return _Span(node.lineno, node.col_offset, last.end_lineno, last.end_col_offset)


def _is_loop_receiver(expr, ctx) -> bool:
    """Is ``expr`` an event loop: made by get_event_loop()/get_running_loop()/
    new_event_loop() in view, or a name/attribute whose own name ends in 'loop'."""
    if expr.__class__ is ast.Call:
        return ctx.qualified_name(expr.func) in LOOP_FACTORIES
    if expr.__class__ in (ast.Name, ast.Attribute):
        made_by = ctx.origin_name(expr)
        if made_by is not None:
            return made_by in LOOP_FACTORIES
        last = expr.id if expr.__class__ is ast.Name else expr.attr
        return last.lower().endswith("loop")
    return False


def _is_task_group(expr, ctx) -> bool:
    return expr.__class__ in (ast.Name, ast.Attribute) and ctx.origin_name(expr) in TASK_GROUPS


# ------------------------------------------------------------------ AIO110
class _LoopFacts:
    """What a ``for`` body does, read once from its statements (nested loops,
    comprehensions' own loops and nested functions excluded where noted)."""

    def __init__(self, loop: ast.For):
        self.awaits: list[ast.AST] = []      # awaited expressions of this loop's own body
        self.async_with: list[ast.AST] = []  # `async with` context expressions
        self.exits: list[ast.AST] = []       # break (of this loop) and return
        self.stores: dict[str, tuple] = {}   # name -> earliest store position
        self.loads: dict[str, tuple] = {}    # name -> earliest load position
        self.sources: dict[str, set] = {}    # name -> names its assigned values read
        self.has_yield = False
        self._read(loop.body, in_nested_loop=False)

    def _store(self, name, pos):
        if name not in self.stores or pos < self.stores[name]:
            self.stores[name] = pos

    def _load(self, name, pos):
        if name not in self.loads or pos < self.loads[name]:
            self.loads[name] = pos

    def _read(self, statements, in_nested_loop):
        stack = [(node, in_nested_loop) for node in reversed(statements)]
        while stack:
            node, nested = stack.pop()
            cls = node.__class__
            if isinstance(node, _NESTED_SCOPES):
                continue
            pos = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
            if cls in (ast.Assign, ast.AugAssign, ast.AnnAssign):
                # The target is written after the value is read: store at the end.
                end = (node.end_lineno, node.end_col_offset)
                targets = node.targets if cls is ast.Assign else [node.target]
                value_names = _keys_loaded(node.value) if node.value is not None else set()
                for target in targets:
                    for name in _target_keys(target):
                        self._store(name, end)
                        self.sources.setdefault(name, set()).update(value_names)
                        if cls is ast.AugAssign:
                            self._load(name, pos)
                            self.sources[name].add(name)
            elif cls is ast.NamedExpr:
                end = (node.end_lineno, node.end_col_offset)
                self._store(node.target.id, end)
                self.sources.setdefault(node.target.id, set()).update(_keys_loaded(node.value))
            elif cls in (ast.For, ast.AsyncFor):
                for name in _target_names(node.target):
                    self._store(name, pos)
                    self.sources.setdefault(name, set()).update(_keys_loaded(node.iter))
            elif cls in (ast.With, ast.AsyncWith):
                for item in node.items:
                    if item.optional_vars is not None:
                        for name in _target_names(item.optional_vars):
                            self._store(name, pos)
                            self.sources.setdefault(name, set()).update(_keys_loaded(item.context_expr))
                    if cls is ast.AsyncWith and not nested:
                        self.async_with.append(item.context_expr)
            elif cls is ast.Name and node.ctx.__class__ is ast.Load:
                self._load(node.id, pos)
            elif cls is ast.Attribute and node.ctx.__class__ is ast.Load:
                chain = _chain(node)
                if chain is not None:
                    self._load(chain, pos)
            elif cls is ast.Await and not nested:
                self.awaits.append(node)
            elif cls is ast.Return:
                self.exits.append(node)
            elif cls is ast.Break and not nested:
                self.exits.append(node)
            elif cls in (ast.Yield, ast.YieldFrom):
                self.has_yield = True
            repeats = cls in _LOOPS or cls in _COMPREHENSIONS
            children = list(ast.iter_child_nodes(node))
            for child in reversed(children):
                # a nested loop's iterable and a comprehension's first iterable
                # run once per iteration of this loop, not per inner iteration
                stack.append((child, nested or (repeats and not self._runs_once(node, child))))

    @staticmethod
    def _runs_once(owner, child) -> bool:
        if owner.__class__ in (ast.For, ast.AsyncFor):
            return child is owner.iter or child is owner.target
        if owner.__class__ is ast.While:
            return False
        if owner.__class__ in _COMPREHENSIONS:
            return child is owner.generators[0]
        return False

    def carried(self, loop_vars) -> set:
        """Names whose value one iteration leaves for the next: read in the body
        before the body first writes them, plus names computed from those."""
        carried = {name for name, store in self.stores.items()
                   if name not in loop_vars and name in self.loads and self.loads[name] < store}
        changed = True
        while changed:
            changed = False
            for name, sources in self.sources.items():
                if name not in carried and sources & carried:
                    carried.add(name)
                    changed = True
        return carried

    def derived(self, loop_vars) -> set:
        """The loop variables and names computed from them in the body."""
        derived = set(loop_vars)
        changed = True
        while changed:
            changed = False
            for name, sources in self.sources.items():
                if name not in derived and sources & derived:
                    derived.add(name)
                    changed = True
        return derived


class SequentialAwaitInLoop(Rule):
    """
    ## What it does
    Flags a `for` loop in a coroutine that awaits independent items one at a
    time. Its body awaits a call that takes the loop variable (or a value
    computed from it) as an argument, and no iteration needs the previous
    one's result, so each item waits for nothing.

    ## Why is this bad?
    Awaiting inside the loop runs the operations one after another, so N
    network round trips take N times as long (Ch 3: coroutines only run
    concurrently when they are scheduled together, with `gather`, a
    `TaskGroup` or tasks). For independent items, schedule them together and
    bound the concurrency if the list can be long.

    ## Example
    ```python
    async def load_profiles(session, user_ids):
        profiles = []
        for user_id in user_ids:
            profiles.append(await get_profile(session, user_id))
        return profiles
    ```

    ## Use instead
    ```python
    async def load_profiles(session, user_ids):
        return await asyncio.gather(*(get_profile(session, u) for u in user_ids))
    ```

    ## Not flagged
    Fires only when all of these hold: the loop is a plain `for` lexically
    in a coroutine; its own body (not a nested loop, comprehension or
    function inside it) contains an `await` of a call, or an `async with` on
    a call, whose arguments read the loop variable or a name the body
    computes from it. Left alone:
    - cursor/pagination and chained loops: some name the body reads before
      it writes it (so its value comes from the previous iteration, like
      `cursor = body["next"]` or `version = await step(version)`) flows into
      an awaited expression;
    - retry, failover and search loops that exit on success: a `break` of
      this loop or a `return` placed after an `await` in the body;
    - `async for` loops, loops over `asyncio.as_completed(...)` (results are
      handled as they arrive), and loops whose body `yield`s (an async
      generator streams item by item on purpose);
    - paced or serialised loops: the body awaits `asyncio.sleep` (rate
      limiting, polite crawling, a schedule) or enters `async with` on a
      lock (an `asyncio.Lock`/`Condition`, or a name containing `lock`);
    - awaits that are sequential by nature: `gather`/`wait`/`as_completed`
      (already concurrent, e.g. batches), `wait_for`/`shield` of an existing
      task, methods writing to one ordered channel (names starting with
      `send`, `write`, `drain`, `put` (a bounded queue's backpressure),
      `publish`, `execute`, `emit`), and any method of a receiver named like
      one connection, cursor, socket or stream (a `_`-separated part of its
      name is `conn`, `connection`, `cursor`, `cur`, `db`, `tx`,
      `transaction`, `ws`, `websocket`, `writer`, `reader`, `stream`,
      `sock`, `socket`, `channel`, `chan`, `pipe`, `proc` or `process`:
      one asyncpg connection or websocket serves one operation at a time),
      as long as the receiver is not the loop variable;
    - a callee that is the loop variable (`for handler in handlers:
      await handler(event)`: ordered dispatch);
    - a loop variable used only as the receiver (`await ws.close()`) or an
      awaited bare name (`for t in tasks: await t`: the tasks already run).
    """

    code = "AIO110"
    name = "sequential-await-in-loop"
    severity = SUGGESTION
    category = "TASKS"
    chapter = CHAPTER
    fix = ("If the iterations are independent, run them concurrently: "
           "await asyncio.gather(*(work(x) for x in items)) or an asyncio.TaskGroup, "
           "bounded with an asyncio.Semaphore when the collection can be large.")

    def visit_For(self, node, ctx):
        if not ctx.in_coroutine:
            return
        it = node.iter
        if it.__class__ is ast.Call and ctx.qualified_name(it.func) == "asyncio.as_completed":
            return  # results are consumed as they arrive, on purpose
        facts = _LoopFacts(node)
        if facts.has_yield or (not facts.awaits and not facts.async_with):
            return
        if any(self._is_lock(expr, ctx) for expr in facts.async_with):
            return  # a lock serialises the iterations anyway
        for awaited in facts.awaits:
            value = awaited.value
            if value.__class__ is ast.Call and ctx.qualified_name(value.func) in SLEEPS:
                return  # paced on purpose (rate limiting, polite crawling)
        loop_vars = _target_names(node.target)
        derived = facts.derived(loop_vars)
        culprit = None
        for awaited in facts.awaits:
            call = self._work_call(awaited.value, ctx)
            if call is not None and self._takes(call, derived, ctx):
                culprit = call
                break
        if culprit is None:
            for expr in facts.async_with:
                if expr.__class__ is ast.Call and self._takes(expr, derived, ctx):
                    culprit = expr
                    break
        if culprit is None:
            return
        carried = facts.carried(loop_vars)
        if carried:
            for expr in [a.value for a in facts.awaits] + facts.async_with:
                if _keys_loaded(expr) & carried:
                    return  # each request needs what the previous one returned
        if facts.exits:
            first_await = min((a.lineno, a.col_offset) for a in facts.awaits + facts.async_with)
            for exit_node in facts.exits:
                if first_await < (exit_node.end_lineno, exit_node.end_col_offset):
                    return  # leaves on the first success: retry, failover or search
        ctx.report(self, _header(node, node.iter),
                   f"loop awaits {_text(culprit.func)}() once per item of "
                   f"{_text(node.iter)} one after another in coroutine '{ctx.function_name}'; "
                   f"the iterations do not depend on each other")

    @staticmethod
    def _work_call(expr, ctx):
        """The call that does the work behind an awaited expression, or None."""
        while expr.__class__ is ast.Call and ctx.qualified_name(expr.func) in AWAIT_WRAPPERS:
            expr = expr.args[0] if expr.args else None
        if expr.__class__ is not ast.Call:
            return None
        name = ctx.qualified_name(expr.func)
        if name in SLEEPS or name in CONCURRENT_WAITS:
            return None
        return expr

    @staticmethod
    def _takes(call, derived, ctx) -> bool:
        args = list(call.args) + [kw.value for kw in call.keywords]
        if not any(_keys_loaded(arg) & derived for arg in args):
            return False
        func = call.func
        if func.__class__ is ast.Attribute and not (_keys_loaded(func.value) & derived):
            if func.attr.startswith(ORDERED_METHOD_PREFIXES):
                return False  # one stream, socket, connection or queue: order matters
            if _serial_receiver(func.value):
                return False  # one connection serves one operation at a time
        return True

    @staticmethod
    def _is_lock(expr, ctx) -> bool:
        if expr.__class__ not in (ast.Name, ast.Attribute):
            return False
        made_by = ctx.origin_name(expr)
        if made_by is not None:
            return made_by in LOCKS
        last = expr.id if expr.__class__ is ast.Name else expr.attr
        return "lock" in last.lower()


# ------------------------------------------------------------------ AIO111
class CoroutineNotAwaited(Rule):
    """
    ## What it does
    Flags a coroutine that is created and thrown away without being awaited.
    That is a bare expression statement, anywhere (coroutine, plain function
    or module level), calling an `async def` of the same module, an async
    method of the enclosing class through `self`/`cls`, or an asyncio
    coroutine function (`asyncio.sleep`, `wait_for`, `wait`, `to_thread`,
    `open_connection`, `start_server`, `create_subprocess_exec/shell`).

    ## Why is this bad?
    Calling an `async def` only builds a coroutine object; its body never
    runs unless it is awaited or wrapped in a task (Ch 3). Python warns
    "coroutine ... was never awaited" at garbage collection, long after the
    work silently did not happen.

    ## Example
    ```python
    async def notify_user(user):
        send_email(user.email, "Your order shipped")
        asyncio.sleep(0.5)
    ```

    ## Use instead
    ```python
    async def notify_user(user):
        await send_email(user.email, "Your order shipped")
        await asyncio.sleep(0.5)
    ```

    ## Not flagged
    A coroutine that is awaited, assigned, returned, passed on (to
    `create_task`, `gather`, `run`) or stored; calls of plain `def`
    functions; a name rebound after its `async def` (`f = wrap(f)`); method
    calls on objects other than `self`/`cls` (their type is unknown); a local
    or parameter that shadows an async def's name.
    """

    code = "AIO111"
    name = "coroutine-not-awaited"
    severity = ERROR
    category = "TASKS"
    chapter = CHAPTER
    fix = "Await the call (await f(...)), or schedule it with asyncio.create_task(...) and keep a reference."

    calls = ASYNCIO_COROUTINES

    def check_call(self, node, ctx, name):
        if ctx.is_expression_statement(node):
            ctx.report(self, node, f"{name}() creates a coroutine that is never awaited {_where(ctx)}; "
                                   f"it does nothing")

    def visit_Expr(self, node, ctx):
        call = node.value
        if call.__class__ is not ast.Call or not ctx.async_defs:
            return
        func = call.func
        if func.__class__ is ast.Name:
            if func.id in ctx.async_defs and self._is_async_def_name(func, ctx.qualified_name(func), ctx):
                ctx.report(self, call, f"{func.id}() is an async def: this call creates a coroutine that "
                                       f"is never awaited {_where(ctx)}, so its body never runs")
        elif (func.__class__ is ast.Attribute and func.attr in ctx.async_defs
              and func.value.__class__ is ast.Name and func.value.id in ("self", "cls")
              and self._is_async_method(func.attr, ctx)):
            ctx.report(self, call, f"{_text(func)}() is an async method: this call creates a coroutine "
                                   f"that is never awaited {_where(ctx)}, so its body never runs")

    @staticmethod
    def _is_async_def_name(func, qualified, ctx) -> bool:
        value = ctx.assigned_value(func)
        if value is not None:
            return value.__class__ is ast.AsyncFunctionDef
        # Not bound yet at this point of the file: a module-level async def
        # defined further down is what the name means when the call runs.
        return qualified == func.id and func.id in _module_async_defs(ctx)

    def _is_async_method(self, attr, ctx) -> bool:
        scope = ctx.scope
        while scope is not None and scope.kind != "class":
            scope = scope.parent
        if scope is None:
            return False
        cache = ctx.state(self)
        methods = cache.get(scope.node)
        if methods is None:  # name -> is async, last definition wins, once per class
            methods = cache[scope.node] = {
                stmt.name: stmt.__class__ is ast.AsyncFunctionDef for stmt in scope.node.body
                if stmt.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)}
        return methods.get(attr, False)


def _module_async_defs(ctx) -> dict:
    """Module-level ``async def`` nodes by name (last definition wins)."""
    cache = ctx.state(_module_async_defs)
    if "defs" not in cache:
        defs = {}
        for stmt in ctx.tree.body:
            if stmt.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                defs[stmt.name] = stmt
        cache["defs"] = {k: v for k, v in defs.items() if v.__class__ is ast.AsyncFunctionDef}
    return cache["defs"]


# ------------------------------------------------------------------ AIO112
class NestedEventLoop(Rule):
    """
    ## What it does
    Flags `asyncio.run(...)` and `<loop>.run_until_complete(...)` called
    lexically inside a coroutine.

    ## Why is this bad?
    A coroutine already runs on an event loop. `asyncio.run` refuses to start
    a second loop in that thread ("cannot be called from a running event
    loop") and `run_until_complete` on the running loop raises "This event
    loop is already running" (Ch 3). Even where a patched loop allows it, the
    outer loop freezes until the inner call returns.

    ## Example
    ```python
    async def load_plugin(name):
        config = asyncio.run(fetch_config(name))
        return config
    ```

    ## Use instead
    ```python
    async def load_plugin(name):
        config = await fetch_config(name)
        return config
    ```

    ## Not flagged
    These calls in a plain `def` (including one nested in a coroutine and
    handed to `asyncio.to_thread`, where no loop runs in that thread), in a
    `lambda`, or at module level; `asyncio.Runner`.
    """

    code = "AIO112"
    name = "nested-event-loop"
    severity = ERROR
    category = "TASKS"
    chapter = CHAPTER
    fix = "Await the coroutine directly (await coro) or schedule it with asyncio.create_task."

    calls = frozenset({"asyncio.run", "asyncio.runners.run"})
    methods = frozenset({"run_until_complete"})

    def check_call(self, node, ctx, name):
        if ctx.in_coroutine:
            ctx.report(self, node, f"asyncio.run() inside coroutine '{ctx.function_name}' tries to "
                                   f"start a second event loop in a thread that already runs one")

    def check_method_call(self, node, ctx, method):
        if ctx.in_coroutine:
            ctx.report(self, node, f"{_text(node.func)}() inside coroutine '{ctx.function_name}' runs a "
                                   f"loop from inside a running loop")


# ------------------------------------------------------------------ AIO113
class DanglingTask(Rule):
    """
    ## What it does
    Flags a task created as a bare expression statement, so no reference to
    it is kept. That is `asyncio.create_task(...)`,
    `asyncio.ensure_future(...)` or `<loop>.create_task(...)` whose result is
    thrown away, anywhere. The receiver of `create_task` counts as a
    loop when it was made by `get_event_loop()`, `get_running_loop()` or
    `new_event_loop()` in view, or when its name ends in `loop` (`loop`,
    `self._loop`).

    ## Why is this bad?
    The event loop keeps only a weak reference to tasks: a task nobody holds
    can be garbage-collected before it finishes, and its exception is never
    retrieved, so failures vanish (Ch 3; the asyncio docs say to keep a
    reference, for example in a set with `add_done_callback(set.discard)`).

    ## Example
    ```python
    async def place_order(order_id):
        asyncio.create_task(audit(order_id))
    ```

    ## Use instead
    ```python
    background = set()

    async def place_order(order_id):
        task = asyncio.create_task(audit(order_id))
        background.add(task)
        task.add_done_callback(background.discard)
    ```

    Also flagged: such a call assigned to a local name of a function that
    is never read afterwards (`task = asyncio.create_task(...)` and `task`
    unused), as ruff's RUF006 does.

    ## Not flagged
    `tg.create_task(...)` on an `asyncio.TaskGroup` (the group owns its
    tasks), also with any other receiver whose name does not end in `loop`
    and that was not made by a loop factory; a task that is assigned,
    awaited, returned, passed to a function or added to a collection; a
    local that is read anywhere in the function (nested functions included),
    or declared `global`; module-level assignments.
    """

    code = "AIO113"
    name = "dangling-task"
    severity = ERROR
    category = "TASKS"
    chapter = CHAPTER
    fix = ("Keep a reference: store the task (e.g. in a set, discarding it in add_done_callback) "
           "and await or cancel it at shutdown, or use an asyncio.TaskGroup.")

    calls = TASK_FACTORIES
    methods = frozenset({"create_task"})

    def check_call(self, node, ctx, name):
        self._check(node, name, ctx)

    def check_method_call(self, node, ctx, method):
        func = node.func
        if (ctx.qualified_name(func) not in TASK_FACTORIES
                and not _is_task_group(func.value, ctx) and _is_loop_receiver(func.value, ctx)):
            self._check(node, _text(func), ctx)

    def _check(self, node, shown, ctx):
        if ctx.is_expression_statement(node):
            ctx.report(self, node, f"the task from {shown}() is not stored {_where(ctx)}; it may be "
                                   f"garbage-collected before it finishes and its errors are lost")
            return
        stmt = ctx.statement
        function = ctx.function
        if (function is not None and function.kind == "function"
                and stmt.__class__ in (ast.Assign, ast.AnnAssign) and stmt.value is node):
            targets = stmt.targets if stmt.__class__ is ast.Assign else [stmt.target]
            if len(targets) == 1 and targets[0].__class__ is ast.Name and targets[0].id not in function.globals:
                ctx.state(self).setdefault(function.node, []).append((targets[0].id, node, shown))

    def leave_function(self, scope, ctx):
        assigned = ctx.state(self).pop(scope.node, None)
        if not assigned:
            return
        # Any read of the name, nested functions included (a closure keeps the task).
        read = {n.id for stmt in scope.node.body for n in ast.walk(stmt)
                if n.__class__ is ast.Name and n.ctx.__class__ is not ast.Store}
        for name, call, shown in assigned:
            if name not in read:
                ctx.report(self, call, f"the task from {shown}() is assigned to '{name}' but never used "
                                       f"{_where(ctx)}; once the function returns nothing holds it")


# ------------------------------------------------------------------ AIO114
#: Calls that return a future or task already: ensure_future on them is its job.
FUTURE_MAKERS = frozenset({
    "gather", "create_future", "run_in_executor", "wrap_future", "shield", "create_task",
    "ensure_future", "Future", "run_coroutine_threadsafe",
})


class EnsureFutureOnCoroutine(Rule):
    """
    ## What it does
    Flags `asyncio.ensure_future(f(...))` whose argument is a call, that is a
    coroutine being scheduled.

    ## Why is this bad?
    For a coroutine, `ensure_future` is a roundabout `create_task` that also
    accepts futures and awaitables, so it hides what is scheduled and type
    checkers cannot help; `asyncio.create_task` says what it does and is the
    documented API for running a coroutine concurrently (Ch 3).

    ## Example
    ```python
    first = asyncio.ensure_future(crawl(seed))
    ```

    ## Use instead
    ```python
    first = asyncio.create_task(crawl(seed))
    ```

    ## Not flagged
    `ensure_future` on a name or attribute (an existing future, task or
    awaitable: what it is for), and on calls that already return a future:
    `gather(...)`, `loop.create_future()`, `run_in_executor(...)`,
    `wrap_future(...)`, `shield(...)`, `create_task(...)`,
    `run_coroutine_threadsafe(...)`, `Future(...)`.
    """

    code = "AIO114"
    name = "ensure-future-on-coroutine"
    severity = WARNING
    category = "TASKS"
    chapter = CHAPTER
    fix = "Use asyncio.create_task(coro) (or tg.create_task in a TaskGroup) to schedule a coroutine."

    calls = frozenset({"asyncio.ensure_future", "asyncio.tasks.ensure_future"})

    def check_call(self, node, ctx, name):
        if not node.args:
            return
        arg = node.args[0]
        if arg.__class__ is not ast.Call:
            return
        callee = arg.func
        last = callee.attr if callee.__class__ is ast.Attribute else getattr(callee, "id", None)
        if last in FUTURE_MAKERS:
            return
        ctx.report(self, node, f"asyncio.ensure_future({_text(callee)}(...)) schedules a coroutine; "
                               f"use asyncio.create_task")


# ------------------------------------------------------------------ AIO115
class GatherUnhandledErrors(Rule):
    """
    ## What it does
    Flags `await asyncio.gather(...)` whose failures nobody handles. That is
    a gather of two or more awaitables without `return_exceptions=True`, not
    inside the body of a `try` with an `except` clause in the same function.

    ## Why is this bad?
    The first exception propagates out of `gather`, but `gather` does not
    cancel the other awaitables: they keep running unobserved, and their own
    failures are never retrieved (Ch 3). On 3.11+ an `asyncio.TaskGroup`
    cancels the siblings and reports every failure.

    ## Example
    ```python
    async def load_dashboard():
        return await asyncio.gather(revenue(), signups(), churn())
    ```

    ## Use instead
    ```python
    async def load_dashboard():
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(c) for c in (revenue(), signups(), churn())]
        return [t.result() for t in tasks]
    ```

    ## Not flagged
    Fires only on a `gather` call that is the direct operand of `await`.
    Left alone: `return_exceptions=True`, or any `return_exceptions` value
    that is not the constant `False`, or `**kwargs` (unknown); a `gather` in
    the body of a `try` that has an `except` (or `except*`) clause; a gather
    of a single non-starred awaitable or of none (no sibling can be left
    running); a gather stored unawaited or wrapped in `wait_for`. A `try`
    with only `finally` does not count (the error still propagates).
    """

    code = "AIO115"
    name = "gather-unhandled-errors"
    severity = SUGGESTION
    category = "TASKS"
    chapter = CHAPTER
    fix = ("Use an asyncio.TaskGroup (3.11+) so a failure cancels the siblings, pass "
           "return_exceptions=True and inspect the results, or handle the error around the gather.")

    calls = frozenset({"asyncio.gather", "asyncio.tasks.gather"})

    def check_call(self, node, ctx, name):
        if not ctx.is_awaited(node):
            return
        if len(node.args) < 2 and not any(a.__class__ is ast.Starred for a in node.args):
            return
        if any(kw.arg is None for kw in node.keywords):
            return
        flag = _keyword(node, "return_exceptions")
        if flag is not None and not (flag.__class__ is ast.Constant and flag.value in (False, None, 0)):
            return
        if ctx.in_try_with_handler():
            return
        ctx.report(self, node, f"asyncio.gather() in coroutine '{ctx.function_name}' has no error handling: "
                               f"the first failure propagates while the other awaitables keep running "
                               f"unobserved")


# ------------------------------------------------------------------ AIO116
class UnboundedFanOut(Rule):
    """
    ## What it does
    Flags one task per item of a collection with no bound on how many run at
    once. The shapes: a comprehension passed to `asyncio.gather` (starred),
    `wait` or `as_completed` (directly, or through a name assigned from it in
    the same function), and a `create_task`/`ensure_future` call (on
    `asyncio`, a loop or a task group) inside a `for` loop body or a
    comprehension.

    ## Why is this bad?
    A thousand-item list becomes a thousand simultaneous connections, file
    handles or requests: servers rate-limit or ban you, sockets run out, and
    memory grows with the input (Ch 3). Bound the concurrency with a
    `Semaphore`, a bounded queue or a fixed pool of workers.

    ## Example
    ```python
    async def resize_all(session, urls):
        return await asyncio.gather(*(resize(session, u) for u in urls))
    ```

    ## Use instead
    ```python
    async def resize_all(session, urls):
        limit = asyncio.Semaphore(10)

        async def one(url):
            async with limit:
                return await resize(session, url)

        return await asyncio.gather(*(one(u) for u in urls))
    ```

    ## Not flagged
    Fires only when the iterated collection is not bounded and none of these
    bounds is in view:
    - a `Semaphore`/`BoundedSemaphore` (asyncio or anyio, or an
      `aiolimiter.AsyncLimiter`/`anyio.CapacityLimiter`) created in the
      function holding the fan-out or in a function enclosing it;
    - the fanned-out coroutine, an `async def` of this module (or a method of
      the enclosing class called through `self`), acquires a limiter:
      `async with X` or `await X.acquire()` where X was made by one of the
      calls above, or is named like one (contains `sem`, `limit` or
      `throttle`);
    - an `asyncio.Queue` created in that function with a `maxsize` (bounded
      queue);
    - a worker pool: the loop or comprehension iterates `range(N)` (any `N`
      but `len(...)`), or a literal tuple/list/set of fixed size;
    - work handed to a thread pool (`asyncio.to_thread`,
      `loop.run_in_executor`, `loop.getaddrinfo`/`getnameinfo`): the
      executor's workers bound it;
    - the `for` body awaits `gather`/`wait` (batches), or an `acquire()`,
      `put()` or `join()` (throttling);
    - `create_task` inside a `while` loop (a supervisor replacing one task),
      or inside an `async for` (one handler per incoming connection or
      message, bounded by the producer);
    - coroutines (not tasks) collected with `append` in a loop and gathered
      later: only the comprehension form is recognised.
    """

    code = "AIO116"
    name = "unbounded-fan-out"
    severity = SUGGESTION
    category = "TASKS"
    chapter = CHAPTER
    fix = ("Bound the concurrency: acquire an asyncio.Semaphore(N) in the fanned-out coroutine, "
           "or feed a bounded asyncio.Queue to a fixed pool of N worker tasks.")

    calls = SEMAPHORES | ASYNC_QUEUES | CONCURRENT_WAITS | TASK_FACTORIES
    methods = frozenset({"create_task"})

    def check_method_call(self, node, ctx, method):
        if ctx.qualified_name(node.func) not in TASK_FACTORIES:  # those come through check_call
            self.check_call(node, ctx, None)

    def check_call(self, node, ctx, name):
        if name in SEMAPHORES or (name in ASYNC_QUEUES and _has_maxsize(node)):
            if ctx.function is not None:
                ctx.state(self).setdefault("bounding", set()).add(ctx.function.node)
            return
        if name in CONCURRENT_WAITS:
            comp = self._fanned_comprehension(node, name, ctx)
            if comp is not None and not self._bounded_iteration(comp.generators, ctx):
                self._remember(node, self._element_callee(comp.elt, ctx), ctx,
                               f"{name}() starts one awaitable per item of "
                               f"{_text(comp.generators[0].iter)}")
            return
        if not self._is_task_creation(node, name, ctx):
            return
        comp, child = None, node
        for anc in ctx.ancestors(node):
            if isinstance(anc, _COMPREHENSIONS):
                if child is not anc.generators[0]:
                    comp = anc
                    holder = ctx.parent(comp)
                    if holder.__class__ is ast.Starred:
                        holder = ctx.parent(holder)
                    if holder.__class__ is ast.Call and ctx.qualified_name(holder.func) in CONCURRENT_WAITS:
                        return  # reported at the gather/wait call
                break
            if anc.__class__ is ast.Call and ctx.qualified_name(anc.func) in CONCURRENT_WAITS:
                return  # reported at the gather call
            child = anc
        if comp is not None:
            if self._bounded_iteration(comp.generators, ctx):
                return
            iterated = comp.generators[0].iter
        else:
            loop = ctx.enclosing_loop()
            if loop is None or loop.__class__ is not ast.For:
                return
            verdicts = ctx.state(self).setdefault("loops", {})
            bounded = verdicts.get(loop)
            if bounded is None:  # once per loop, however many tasks its body creates
                bounded = verdicts[loop] = (self._bounded_iteration([loop], ctx)
                                            or self._loop_throttles(loop, ctx))
            if bounded:
                return
            iterated = loop.iter
        target = node.args[0] if node.args else None
        self._remember(node, self._element_callee(target, ctx), ctx,
                       f"{_text(node.func)}() starts one task per item of {_text(iterated)}")

    # -- what is fanned out
    @staticmethod
    def _fanned_comprehension(node, name, ctx):
        if name == "asyncio.gather":
            candidates = [a.value for a in node.args if a.__class__ is ast.Starred]
        else:
            candidates = node.args[:1]
        for expr in candidates:
            via_name = expr.__class__ is ast.Name
            if via_name:
                value = ctx.assigned_value(expr)
                if value is None or ctx.origin_scope(expr) is not ctx.function:
                    continue
                expr = value
            if expr.__class__ in (ast.ListComp, ast.SetComp, ast.GeneratorExp) and expr.elt.__class__ is ast.Call:
                if via_name and UnboundedFanOut._is_task_creation(expr.elt, ctx.qualified_name(expr.elt.func), ctx):
                    continue  # already reported where the comprehension creates the tasks
                return expr
        return None

    @staticmethod
    def _is_task_creation(node, name, ctx) -> bool:
        # any receiver: a loop, a TaskGroup or a nursery-like object all start a task
        return name in TASK_FACTORIES or (node.func.__class__ is ast.Attribute
                                          and node.func.attr == "create_task")

    @staticmethod
    def _element_callee(expr, ctx):
        """The async def node the fanned-out coroutine runs, when it is in view:
        a def node, or ('module', name) / ('method', class node, name) to look
        up at the end of the module."""
        while expr is not None and expr.__class__ is ast.Call:
            name = ctx.qualified_name(expr.func)
            if name in TASK_FACTORIES or name in AWAIT_WRAPPERS or (
                    expr.func.__class__ is ast.Attribute and expr.func.attr == "create_task"):
                expr = expr.args[0] if expr.args else None
                continue
            func = expr.func
            if name == "asyncio.to_thread" or (func.__class__ is ast.Attribute and func.attr in EXECUTOR_METHODS):
                return POOLED
            if func.__class__ is ast.Name:
                value = ctx.assigned_value(func)
                if value is not None:
                    return value if value.__class__ is ast.AsyncFunctionDef else None
                if name == func.id:
                    return ("module", func.id)
                return None
            if func.__class__ is ast.Attribute and func.value.__class__ is ast.Name and func.value.id in ("self", "cls"):
                scope = ctx.scope
                while scope is not None and scope.kind != "class":
                    scope = scope.parent
                return ("method", scope.node, func.attr) if scope is not None else None
            return None
        return None

    # -- bounds
    @staticmethod
    def _bounded_iteration(generators, ctx) -> bool:
        """True when every iterable is range(N) (not range(len(...))) or a literal."""
        for gen in generators:
            it = gen.iter
            if it.__class__ is ast.Name:
                value = ctx.assigned_value(it)
                if value is not None and value.__class__ in (ast.Tuple, ast.List, ast.Set):
                    it = value
            if it.__class__ in (ast.Tuple, ast.List, ast.Set) and not any(
                    e.__class__ is ast.Starred for e in it.elts):
                continue
            if (it.__class__ is ast.Call and ctx.qualified_name(it.func) in ("range", "builtins.range")
                    and not any(a.__class__ is ast.Call and ctx.qualified_name(a.func) == "len"
                                for a in it.args)):
                continue
            return False
        return True

    @staticmethod
    def _loop_throttles(loop, ctx) -> bool:
        for node in _local_nodes(loop.body):
            if node.__class__ is ast.Await and node.value.__class__ is ast.Call:
                func = node.value.func
                if ctx.qualified_name(func) in CONCURRENT_WAITS:
                    return True
                if func.__class__ is ast.Attribute and func.attr in ("acquire", "put", "join"):
                    return True
        return False

    def _remember(self, node, callee, ctx, what):
        if callee is POOLED:
            return  # the executor's worker threads bound the concurrency
        scopes = []
        scope = ctx.function
        while scope is not None:
            if scope.kind in ("function", "lambda"):
                scopes.append(scope.node)
            scope = scope.parent
        ctx.state(self).setdefault("sites", []).append((node, callee, scopes, what, ctx.function_name))

    def visit_AsyncWith(self, node, ctx):
        if not ctx.in_coroutine:
            return
        for item in node.items:
            if _is_limiter(item.context_expr, ctx):
                ctx.state(self).setdefault("limited", set()).add(ctx.function.node)
                return

    def visit_Await(self, node, ctx):
        call = node.value
        if (ctx.in_coroutine and call.__class__ is ast.Call and call.func.__class__ is ast.Attribute
                and call.func.attr == "acquire" and _is_limiter(call.func.value, ctx)):
            ctx.state(self).setdefault("limited", set()).add(ctx.function.node)

    def leave_module(self, tree, ctx):
        state = ctx.state(self)
        sites = state.get("sites")
        if not sites:
            return
        limited = state.get("limited", set())
        bounding = state.get("bounding", set())
        module_defs = _module_async_defs(ctx)
        for node, callee, scopes, what, function in state.get("sites", ()):
            if any(s in bounding for s in scopes):
                continue
            target = callee
            if isinstance(callee, tuple):
                if callee[0] == "module":
                    target = module_defs.get(callee[1])
                else:
                    target = next((s for s in callee[1].body if s.__class__ is ast.AsyncFunctionDef
                                   and s.name == callee[2]), None)
            if target is not None and target in limited:
                continue
            where = f"coroutine '{function}'" if function else "module level"
            ctx.report(self, node, f"{what} in {where} with no bound on how many run at once")


#: Loop methods whose work runs on the executor's bounded thread pool.
EXECUTOR_METHODS = frozenset({"run_in_executor", "getaddrinfo", "getnameinfo"})
POOLED = "pooled"


def _serial_receiver(expr) -> bool:
    """Is the receiver named like a single connection, cursor, socket or stream
    (`conn`, `self._db`, `ws`, `writer`, `pg_conn`...)?"""
    if expr.__class__ is ast.Call:
        expr = expr.func
    if expr.__class__ is ast.Name:
        last = expr.id
    elif expr.__class__ is ast.Attribute:
        last = expr.attr
    else:
        return False
    return any(part in SERIAL_RECEIVERS for part in last.lower().strip("_").split("_"))


def _is_limiter(expr, ctx) -> bool:
    if expr.__class__ not in (ast.Name, ast.Attribute):
        return False
    made_by = ctx.origin_name(expr)
    if made_by in SEMAPHORES:
        return True
    last = (expr.id if expr.__class__ is ast.Name else expr.attr).lower()
    return "sem" in last or "limit" in last or "throttle" in last


def _has_maxsize(call) -> bool:
    size = _keyword(call, "maxsize")
    if size is None and call.args:
        size = call.args[0]
    if size is None:
        return False
    return not (size.__class__ is ast.Constant and size.value in (0, None))


# ------------------------------------------------------------------ AIO117
class BusyWait(Rule):
    """
    ## What it does
    Flags a `while` loop in a coroutine that polls a condition with
    `asyncio.sleep`. Its body does nothing but check the condition and
    sleep, waiting for state that another task will change.

    ## Why is this bad?
    Polling wakes the loop every interval for nothing and reacts late by up
    to one interval; with `sleep(0)` it burns a CPU core (Ch 3). An
    `asyncio.Event`, `Condition` or queue wakes the waiter exactly when the
    state changes.

    ## Example
    ```python
    async def wait_until_ready(replica):
        while not replica.ready:
            await asyncio.sleep(0.05)
    ```

    ## Use instead
    ```python
    async def wait_until_ready(replica):
        await replica.ready_event.wait()
    ```

    ## Not flagged
    Fires when every statement of the body is `await asyncio.sleep(...)`
    (at least one; also `anyio`/`trio` `sleep`/`sleep_until`), `pass`, or
    `if <check>: break|continue|return|raise ...` with no `else`, whatever the
    conditions are (this covers every loop ruff's ASYNC110 flags, which is
    a body of exactly one sleep). Left alone: loops whose body does any
    other work (logging, updating state, sending a heartbeat: periodic
    work), and loops in a plain `def` or `lambda`. Polling
    state no task can signal (a file appearing, a child process, a remote
    job) is flagged too; if no notification exists, silence it with
    `# noqa: AIO117`.
    """

    code = "AIO117"
    name = "busy-wait"
    severity = WARNING
    category = "BLOCKING"
    chapter = CHAPTER
    fix = "Wait on an asyncio.Event (await event.wait()), an asyncio.Condition or a queue instead of polling."

    def visit_While(self, node, ctx):
        if not ctx.in_coroutine:
            return
        sleeps = 0
        for stmt in node.body:
            cls = stmt.__class__
            if cls is ast.Pass:
                continue
            if (cls is ast.Expr and stmt.value.__class__ is ast.Await and stmt.value.value.__class__ is ast.Call
                    and ctx.qualified_name(stmt.value.value.func) in SLEEPS):
                sleeps += 1
                continue
            if cls is ast.If and not stmt.orelse and all(
                    s.__class__ in (ast.Break, ast.Continue, ast.Pass, ast.Return, ast.Raise)
                    for s in stmt.body):
                continue
            return
        if sleeps:
            ctx.report(self, _header(node, node.test),
                       f"coroutine '{ctx.function_name}' polls a condition with asyncio.sleep() "
                       f"instead of waiting to be told it changed")


# ------------------------------------------------------------------ AIO118
#: Async generator protocol methods (not dunders, but named by the protocol).
ASYNC_PROTOCOL_METHODS = frozenset({"aclose", "asend", "athrow"})
#: Calls that only work while an event loop runs in this thread.
LOOP_BOUND = frozenset({
    "asyncio.create_task", "asyncio.ensure_future", "asyncio.get_running_loop",
    "asyncio.current_task", "asyncio.all_tasks",
})


def _is_stub(body) -> bool:
    for stmt in body:
        cls = stmt.__class__
        if cls is ast.Pass:
            continue
        if cls is ast.Expr and stmt.value.__class__ is ast.Constant and (
                stmt.value.value is Ellipsis or isinstance(stmt.value.value, str)):
            continue
        if cls is ast.Raise and stmt.exc is not None:
            exc = stmt.exc.func if stmt.exc.__class__ is ast.Call else stmt.exc
            if exc.__class__ is ast.Name and exc.id == "NotImplementedError":
                continue
        return False
    return True


class AsyncWithoutAwait(Rule):
    """
    ## What it does
    Flags an `async def` that never awaits. Its own body (not counting nested
    functions) has no `await`, `async for`, `async with` or async
    comprehension.

    ## Why is this bad?
    Such a function never suspends, so making it a coroutine only adds
    overhead and forces every caller to `await` it; worse, it often means
    blocking work was written where async I/O was intended (Ch 3).

    ## Example
    ```python
    async def is_enabled(name):
        return FLAGS.get(name, False)
    ```

    ## Use instead
    ```python
    def is_enabled(name):
        return FLAGS.get(name, False)
    ```

    ## Not flagged
    - decorated functions (route handlers, fixtures, `@abstractmethod`,
      `@override`: a framework or interface asks for a coroutine);
    - dunder methods (`__aenter__`, `__aexit__`, `__anext__`...) and the
      async generator protocol methods `aclose`, `asend`, `athrow`;
    - async generators (a `yield` in the body);
    - stubs whose body is only a docstring, `pass`, `...` or
      `raise NotImplementedError`;
    - overrides, read as: any method of a class that lists a base class other
      than `object` or a keyword (`metaclass=...`), since the base may
      require the coroutine signature;
    - functions that need the running loop without awaiting: they call
      `asyncio.create_task`, `ensure_future`, `get_running_loop`,
      `current_task`, `all_tasks`, or a `create_task`/`create_future` method
      (`async def start(self): self._task = asyncio.create_task(...)`);
    - callbacks: a function whose name (or `self.<name>`) is passed uncalled
      as an argument of some call in the module
      (`app.router.add_get("/", index)`, `app.on_startup.append(init)`):
      the receiver expects a coroutine function.
    A coroutine whose only `await` is inside a nested function is flagged.
    """

    code = "AIO118"
    name = "async-without-await"
    severity = SUGGESTION
    category = "TASKS"
    chapter = CHAPTER
    fix = "Make it a plain def (and drop the await at call sites), or await the async I/O it was meant to do."

    def leave_function(self, scope, ctx):
        node = scope.node
        if node.__class__ is not ast.AsyncFunctionDef or scope.has_await or scope.is_generator:
            return
        name = node.name
        if (node.decorator_list or (name.startswith("__") and name.endswith("__"))
                or name in ASYNC_PROTOCOL_METHODS or _is_stub(node.body)):
            return
        for call in scope.calls:
            func = call.func
            if ctx.qualified_name(func) in LOOP_BOUND or (
                    func.__class__ is ast.Attribute and func.attr in ("create_task", "create_future")):
                return  # needs the running loop: callers can only use it from async code
        parent = scope.parent
        if parent is not None and parent.kind == "class":
            cls = parent.node
            if cls.keywords or any(not (b.__class__ is ast.Name and b.id == "object") for b in cls.bases):
                return
        ctx.state(self).setdefault("candidates", []).append(node)

    def leave_module(self, tree, ctx):
        candidates = ctx.state(self).get("candidates")
        if not candidates:
            return
        passed = _passed_as_argument(ctx)
        for node in candidates:
            name = node.name
            if name in passed:
                continue  # handed to a framework as a callback: it must stay a coroutine function
            header = _Span(node.lineno, node.col_offset, node.lineno,
                           node.col_offset + len("async def ") + len(name))
            ctx.report(self, header, f"async def '{name}' never awaits: it runs to completion without "
                                     f"suspending, so it need not be a coroutine")


def _passed_as_argument(ctx) -> set:
    """Names (and `self.<name>` methods) passed uncalled as an argument of any
    call of the module, like `app.router.add_get("/", index)`."""
    passed = set()
    for scope in [ctx.module, *ctx.functions]:
        for call in scope.calls:
            for arg in [*call.args, *(kw.value for kw in call.keywords)]:
                if arg.__class__ is ast.Starred:
                    arg = arg.value
                if arg.__class__ is ast.Name:
                    passed.add(arg.id)
                elif (arg.__class__ is ast.Attribute and arg.value.__class__ is ast.Name
                      and arg.value.id in ("self", "cls")):
                    passed.add(arg.attr)
    return passed
