"""Timeouts (Ch 3): AIO130.

A heuristic rule, so it only fires where the checker can see both the thing
that may wait and the absence of a bound on it; the "Not flagged" section of
the rule lists the exact conditions.
"""

from __future__ import annotations

import ast

from ..rule import WARNING, Rule
from ..semantic import TIMEOUT_WRAPPERS, dotted

CHAPTER = "Ch 3"

CLIENT_SESSIONS = frozenset({"aiohttp.ClientSession", "aiohttp.client.ClientSession"})
OPEN_CONNECTION = frozenset({"asyncio.open_connection", "asyncio.streams.open_connection"})
STREAM_READERS = frozenset({"asyncio.StreamReader", "asyncio.streams.StreamReader"})
SERVER_STARTERS = frozenset({"asyncio.start_server", "asyncio.streams.start_server",
                             "asyncio.start_unix_server", "asyncio.streams.start_unix_server"})
CLIENT_TIMEOUTS = frozenset({"aiohttp.ClientTimeout", "aiohttp.client.ClientTimeout"})
READ_METHODS = frozenset({"read", "readline", "readexactly", "readuntil"})
REQUEST_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options",
                             "request", "ws_connect"})


def _enclosing_class(ctx):
    """The class scope whose method the walk is in, or None."""
    function = ctx.function
    owner = function.parent if function is not None else None
    return owner if owner is not None and owner.kind == "class" else None


def _has_keyword(call: ast.Call, name: str) -> bool:
    return any(kw.arg == name for kw in call.keywords)


def _has_double_star(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords)


def _is_none(node) -> bool:
    return node.__class__ is ast.Constant and node.value is None


def _unbounded_timeout(call: ast.Call, ctx) -> bool:
    """``timeout=None`` or ``timeout=aiohttp.ClientTimeout()`` with no bound at all
    (every field None), written right in the call."""
    value = next((kw.value for kw in call.keywords if kw.arg == "timeout"), None)
    if value is None:
        return False
    if _is_none(value):
        return True
    return (value.__class__ is ast.Call and ctx.qualified_name(value.func) in CLIENT_TIMEOUTS
            and all(_is_none(a) for a in value.args)
            and all(kw.arg is not None and _is_none(kw.value) for kw in value.keywords))


class MissingTimeout(Rule):
    """
    ## What it does
    Flags network waits with no upper bound. That is an
    `aiohttp.ClientSession(...)` built without `timeout=`, and, in a
    coroutine, `await asyncio.open_connection(...)` or `await
    reader.read/readline/readexactly/readuntil(...)` on an asyncio stream
    reader, outside `asyncio.timeout(...)`/`asyncio.timeout_at(...)` (or
    `async_timeout`, anyio and trio deadlines) and not wrapped in
    `asyncio.wait_for(...)`.

    ## Why is this bad?
    A peer that stops answering without closing the connection makes these
    awaits wait for minutes (aiohttp's default total timeout is 5 minutes)
    or forever (stream reads have no timeout at all). The task, its
    connection and whatever it holds are stuck meanwhile (Ch 3: every
    network wait needs a deadline).

    ## Example
    ```python
    import asyncio

    async def banner(host, port):
        reader, writer = await asyncio.open_connection(host, port)
        return await reader.readline()
    ```

    ## Use instead
    ```python
    import asyncio

    async def banner(host, port):
        async with asyncio.timeout(5):
            reader, writer = await asyncio.open_connection(host, port)
            return await reader.readline()
    ```

    ## Not flagged
    Fires only for: a `ClientSession(...)` call with no `timeout=` keyword
    and no `**kwargs`, or with `timeout=None` or
    `timeout=aiohttp.ClientTimeout()` with every field None written in the
    call (no bound at all); an awaited `asyncio.open_connection(...)`; an
    awaited read method on a receiver known to be a stream reader: the first
    name unpacked from `await asyncio.open_connection(...)` in the same
    function, `self.<attr>` when a method of the same class unpacks the
    reader into it (`self._reader, self._writer = await
    asyncio.open_connection(...)`), a parameter annotated `asyncio.StreamReader`, or the first
    parameter of a coroutine of this module passed to
    `asyncio.start_server(...)` or `start_unix_server(...)`. Left alone: a
    `ClientTimeout` with at least one bound (`sock_read=30` alone is a
    deliberate streaming setup) or held in a variable; a session whose every
    request in the function passes its own `timeout=` (at least one
    request); reads on aiohttp responses (`resp.read()`), aiofiles files and
    any receiver of unknown type; `httpx.AsyncClient` (it has a 5 second
    default); subprocess pipes; anything inside `async with
    asyncio.timeout(...)`/`timeout_at(...)` or passed to
    `asyncio.wait_for(...)`; reads the walk cannot tie to a reader.
    """

    code = "AIO130"
    name = "missing-timeout"
    severity = WARNING
    category = "TASKS"
    chapter = CHAPTER
    fix = ("Bound the wait: aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=...)), and wrap "
           "stream connects and reads in async with asyncio.timeout(seconds) (3.11+) or "
           "asyncio.wait_for(..., timeout=seconds).")

    # --- per-file state: readers by (function scope, name), sessions to judge later,
    # reads on parameters waiting to learn whether the function is a server callback
    def _state(self, ctx) -> dict:
        state = ctx.state(self)
        if not state:
            state.update(readers=set(), sessions=[], param_reads=[], callbacks=set(),
                         reader_attrs=set(), attr_reads=[])
        return state

    def visit_Assign(self, node, ctx):
        # reader, writer = await asyncio.open_connection(...), possibly inside wait_for
        value = node.value
        if value.__class__ is ast.Await:
            value = value.value
        if value.__class__ is ast.Call and ctx.qualified_name(value.func) in TIMEOUT_WRAPPERS and value.args:
            value = value.args[0]  # await asyncio.wait_for(asyncio.open_connection(...), 5)
        if value.__class__ is not ast.Call or ctx.qualified_name(value.func) not in OPEN_CONNECTION:
            return
        target = node.targets[0]
        if target.__class__ not in (ast.Tuple, ast.List) or not target.elts:
            return
        first = target.elts[0]
        if first.__class__ is ast.Name:
            self._state(ctx)["readers"].add((ctx.function, first.id))
        elif first.__class__ is ast.Attribute and dotted(first) == f"self.{first.attr}":
            owner = _enclosing_class(ctx)
            if owner is not None:
                self._state(ctx)["reader_attrs"].add((owner, first.attr))

    calls = CLIENT_SESSIONS | OPEN_CONNECTION | SERVER_STARTERS
    methods = READ_METHODS

    def check_call(self, node, ctx, name):
        if name in CLIENT_SESSIONS:
            if _unbounded_timeout(node, ctx):
                ctx.report(self, node, "aiohttp.ClientSession() with a timeout that has no bound at all "
                                       "waits forever for a silent server")
            elif not _has_keyword(node, "timeout") and not _has_double_star(node):
                if ctx.function is None:
                    ctx.report(self, node, "aiohttp.ClientSession() without timeout= waits up to "
                                           "5 minutes for a silent server")
                else:
                    self._state(ctx)["sessions"].append((ctx.function, node, ctx.statement_of(node)))
        elif name in SERVER_STARTERS:
            if node.args and node.args[0].__class__ is ast.Name:
                self._state(ctx)["callbacks"].add(node.args[0].id)
        elif ctx.in_coroutine and ctx.is_awaited(node) and not ctx.in_timeout(node):
            ctx.report(self, node, f"asyncio.open_connection() has no timeout in coroutine "
                                   f"'{ctx.function_name}': a silent host keeps it waiting")

    def check_method_call(self, node, ctx, method):
        receiver = node.func.value
        if not ctx.in_coroutine or not ctx.is_awaited(node):
            return
        if receiver.__class__ is ast.Attribute:
            # self._reader.readline(): judged at the end, once every method was seen
            owner = _enclosing_class(ctx)
            if owner is not None and dotted(receiver) == f"self.{receiver.attr}" and not ctx.in_timeout(node):
                message = (f"self.{receiver.attr}.{method}() on a stream reader has no timeout in "
                           f"coroutine '{ctx.function_name}': a peer that stops sending keeps it "
                           f"waiting forever")
                self._state(ctx)["attr_reads"].append((owner, receiver.attr, node, message))
            return
        if receiver.__class__ is not ast.Name:
            return
        kind = self._reader_kind(receiver, ctx)
        if kind is None or ctx.in_timeout(node):
            return
        message = (f"{receiver.id}.{method}() on a stream reader has no timeout in coroutine "
                   f"'{ctx.function_name}': a peer that stops sending keeps it waiting forever")
        if kind == "reader":
            ctx.report(self, node, message)
        else:
            self._state(ctx)["param_reads"].append((ctx.function.name, node, message))

    def _reader_kind(self, receiver: ast.Name, ctx) -> str | None:
        function = ctx.function
        state = self._state(ctx)
        if (function, receiver.id) in state["readers"] and ctx.function.names.get(receiver.id, "") is None:
            # still the unpacked reader unless rebound from a call we can see
            if ctx.origin(receiver) is None:
                return "reader"
        args = function.node.args
        params = args.posonlyargs + args.args
        for index, arg in enumerate(params):
            if arg.arg != receiver.id:
                continue
            if ctx.origin_scope(receiver) is not None:
                return None  # rebound in the body
            if arg.annotation is not None and self._annotated_reader(arg.annotation, ctx):
                return "reader"
            if index == 0 and function.node.__class__ is ast.AsyncFunctionDef:
                return "first-param"
        return None

    @staticmethod
    def _annotated_reader(annotation, ctx) -> bool:
        if annotation.__class__ is ast.Constant and isinstance(annotation.value, str):
            return annotation.value in ("asyncio.StreamReader", "StreamReader")
        return ctx.qualified_name(annotation) in STREAM_READERS

    def leave_function(self, scope, ctx):
        state = ctx.state(self)
        if not state or not state["sessions"]:
            return
        keep = []
        for function, call, statement in state["sessions"]:
            if function is not scope:
                keep.append((function, call, statement))
                continue
            if not self._every_request_has_timeout(scope, call, statement):
                ctx.report(self, call, f"aiohttp.ClientSession() without timeout= in "
                                       f"'{scope.name}' waits up to 5 minutes for a silent server")
        state["sessions"] = keep

    @staticmethod
    def _every_request_has_timeout(scope, call, statement) -> bool:
        name = None
        if statement.__class__ in (ast.With, ast.AsyncWith):
            for item in statement.items:
                if item.context_expr is call and item.optional_vars.__class__ is ast.Name:
                    name = item.optional_vars.id
        elif statement.__class__ is ast.Assign and statement.value is call:
            target = statement.targets[0]
            if target.__class__ is ast.Name:
                name = target.id
        if name is None:
            return False
        requests = [c for c in scope.calls
                    if c.func.__class__ is ast.Attribute and c.func.attr in REQUEST_METHODS
                    and dotted(c.func.value) == name]
        return bool(requests) and all(_has_keyword(c, "timeout") for c in requests)

    def leave_module(self, module, ctx):
        state = ctx.state(self)
        if not state:
            return
        for function_name, call, message in state["param_reads"]:
            if function_name in state["callbacks"]:
                ctx.report(self, call, message)
        for owner, attr, call, message in state["attr_reads"]:
            if (owner, attr) in state["reader_attrs"]:
                ctx.report(self, call, message)
