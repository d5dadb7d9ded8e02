"""Start-up, shutdown and threads (Ch 2-3): AIO160, AIO161, AIO170, AIO171.

AIO160 and AIO161 are module-wide questions (is SIGTERM handled anywhere, is
this executor shut down anywhere), so they collect facts during the walk and
decide in ``leave_module``. AIO170 needs to know which functions run in
another thread, which is usually said after the function is defined
(``Thread(target=poll)``), so it decides at the end too.
"""

from __future__ import annotations

import ast

from ..rule import ERROR, WARNING, Rule
from ..semantic import dotted

CHAPTER = "Ch 2-3"

LOOP_FACTORIES = frozenset({"asyncio.new_event_loop", "asyncio.get_event_loop",
                            "asyncio.get_running_loop", "uvloop.new_event_loop"})
LOOP_RUNNERS = frozenset({"asyncio.run", "uvloop.run", "aiohttp.web.run_app", "asyncio.Runner"})
DEFAULT_DISPOSITIONS = frozenset({"signal.SIG_IGN", "signal.SIG_DFL", "signal.Handlers.SIG_IGN",
                                  "signal.Handlers.SIG_DFL"})


def _is_loop(receiver, ctx) -> bool:
    """An event loop: made by an asyncio loop factory, or a variable named like one."""
    if receiver.__class__ is ast.Call:
        return ctx.qualified_name(receiver.func) in LOOP_FACTORIES
    text = dotted(receiver)
    if text is None:
        return False
    if ctx.origin_name(receiver) in LOOP_FACTORIES:
        return True
    last = text.rpartition(".")[2]
    return last == "loop" or last.endswith("_loop")


def _signal_names(expr, ctx) -> set | None:
    """{'SIGINT'} for ``signal.SIGINT`` (or ``signal.Signals.SIGINT``), None when
    the expression is not a named signal of the signal module."""
    if expr.__class__ not in (ast.Name, ast.Attribute):
        return None
    name = ctx.qualified_name(expr)
    if name is None or not name.startswith("signal.SIG"):
        name = name if name and name.startswith("signal.Signals.SIG") else None
    if name is None:
        return None
    return {name.rpartition(".")[2]}


class NoGracefulShutdown(Rule):
    """
    ## What it does
    Flags a server or loop run forever in a module that never handles
    SIGTERM. That is `loop.run_forever()` and `await
    server.serve_forever()`; also `signal.signal(...)` in a module that runs
    an event loop.

    ## Why is this bad?
    systemd, Docker and Kubernetes stop a service with SIGTERM. Unhandled,
    it kills the process on the spot: no `finally` block runs, open
    connections are reset, queued work is lost. A handler installed with
    `signal.signal` runs between two bytecodes of whatever the loop is doing
    and cannot safely touch asyncio objects; `loop.add_signal_handler` runs
    it as a normal loop callback (Ch 2-3: a graceful shutdown sets an event,
    cancels tasks and waits for them).

    ## Example
    ```python
    import asyncio

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 7070)
        async with server:
            await server.serve_forever()
    ```

    ## Use instead
    ```python
    import asyncio
    import signal

    async def main():
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        server = await asyncio.start_server(handle, "127.0.0.1", 7070)
        async with server:
            await stop.wait()
    ```

    ## Not flagged
    SIGTERM counts as handled when the module calls
    `<x>.add_signal_handler(sig, ...)` with any `sig` that may be SIGTERM:
    only a named other signal (`signal.SIGINT`), or a loop variable over a
    literal tuple/list/set of named signals without SIGTERM, is a definite
    no; an argument the checker cannot resolve (`getattr(signal, name)`, a
    loop over a constant defined elsewhere) gets the benefit of the doubt
    (`signal.signal(signal.SIGTERM, ...)` does not count: RULES.md names
    `add_signal_handler`, and that call gets its own finding when the module
    runs a loop). `run_forever()` fires only on a receiver known to be an
    event loop (made by `asyncio.new_event_loop()`/
    `get_event_loop()`/`get_running_loop()`, or named `loop`/`*_loop`), so
    `websocket.WebSocketApp.run_forever()` is left alone; `serve_forever()`
    fires only when awaited (`socketserver`'s blocking one is not). A
    `run_forever()` preceded in its function by a call that schedules
    `loop.stop` (`loop.call_soon(loop.stop)`: run the pending callbacks,
    then return) is no server and is left alone, and so is a loop run
    forever in a background thread (the `run` method of a `threading.Thread`
    subclass or a `Thread(target=...)` function of this module): signal
    handlers can only be installed on the main thread. A module "runs an
    event loop" when it calls `asyncio.run`, `asyncio.Runner`, `uvloop.run`,
    `web.run_app`, or `run_until_complete`/`run_forever` on a loop. Left
    alone: `aiohttp.web.run_app` (it handles SIGINT and SIGTERM),
    `create_task(server.serve_forever())`, `signal.signal(sig, SIG_IGN)` and
    `SIG_DFL` (no Python handler runs). Not SIGTERM handling, so still
    flagged: `add_signal_handler` for SIGINT only.
    """

    code = "AIO160"
    name = "no-graceful-shutdown"
    severity = WARNING
    category = "LIFECYCLE"
    chapter = CHAPTER
    fix = ("Install loop.add_signal_handler(signal.SIGTERM, stop_event.set) (and SIGINT) in the main "
           "coroutine, wait on the event, then cancel and await tasks; or use asyncio.run() with "
           "aiohttp.web.run_app, which handle the signals.")

    def _state(self, ctx) -> dict:
        state = ctx.state(self)
        if not state:
            state.update(forever=[], signals=[], sigterm=False, runs_loop=False,
                         thread_classes=set(), thread_targets=set())
        return state

    calls = LOOP_RUNNERS | {"signal.signal", "threading.Thread"}
    methods = frozenset({"add_signal_handler", "run_forever", "run_until_complete", "serve_forever"})

    def visit_ClassDef(self, node, ctx):
        if any(ctx.qualified_name(base) == "threading.Thread" for base in node.bases):
            self._state(ctx)["thread_classes"].add(node.name)

    def check_call(self, node, ctx, name):
        if name == "threading.Thread":
            target = next((kw.value for kw in node.keywords if kw.arg == "target"), None)
            if target is not None:
                text = dotted(target)
                if text is not None:
                    self._state(ctx)["thread_targets"].add(text.rpartition(".")[2])
            return
        if name in LOOP_RUNNERS:
            self._state(ctx)["runs_loop"] = True
            return
        handler = node.args[1] if len(node.args) > 1 else None
        if handler is None or ctx.qualified_name(handler) not in DEFAULT_DISPOSITIONS:
            self._state(ctx)["signals"].append(node)

    def check_method_call(self, node, ctx, method):
        func = node.func
        if method == "add_signal_handler" and node.args:
            if self._handles_sigterm(node.args[0], ctx):
                self._state(ctx)["sigterm"] = True
        elif method in ("run_forever", "run_until_complete") and _is_loop(func.value, ctx):
            state = self._state(ctx)
            state["runs_loop"] = True
            if method == "run_forever" and not self._stop_scheduled(func.value, ctx):
                state["forever"].append((node, "loop.run_forever()", self._runner_of(ctx)))
        elif method == "serve_forever" and ctx.is_awaited(node):
            self._state(ctx)["forever"].append((node, f"await {dotted(func.value) or 'server'}.serve_forever()",
                                                (None, None)))

    @staticmethod
    def _runner_of(ctx) -> tuple:
        """(function name, class name) of the function running the loop, to tell at
        the end whether it runs in a background thread."""
        function = ctx.function
        if function is None:
            return None, None
        owner = function.parent
        return function.name, owner.name if owner is not None and owner.kind == "class" else None

    @staticmethod
    def _stop_scheduled(loop, ctx) -> bool:
        """``loop.call_soon(loop.stop); loop.run_forever()``: run until idle, not a server."""
        text = dotted(loop)
        if text is None or ctx.function is None:
            return False
        for call in ctx.function.calls:
            for arg in call.args:
                if arg.__class__ is ast.Attribute and arg.attr == "stop" and dotted(arg.value) == text:
                    return True
        return False

    @staticmethod
    def _handles_sigterm(sig, ctx) -> bool:
        """Could this signal argument be SIGTERM? Only a named other signal
        (``signal.SIGINT``), or a loop over a literal collection of named signals
        without SIGTERM, is a definite no: anything the checker cannot resolve
        (``getattr(signal, name)``, a loop over a module constant) counts as yes."""
        definite = _signal_names(sig, ctx)
        if definite is not None:
            return "SIGTERM" in definite
        if sig.__class__ is ast.Name:
            for owner, field in ctx.frames():
                if owner.__class__ in (ast.For, ast.AsyncFor) and dotted(owner.target) == sig.id:
                    items = owner.iter
                    if items.__class__ in (ast.Tuple, ast.List, ast.Set):
                        names = set()
                        for item in items.elts:
                            found = _signal_names(item, ctx)
                            if found is None:
                                return True
                            names |= found
                        return "SIGTERM" in names
                    return True
        return True

    def leave_module(self, module, ctx):
        state = ctx.state(self)
        if not state:
            return
        if not state["sigterm"]:
            for call, what, (function, owner) in state["forever"]:
                if function in state["thread_targets"] or (function == "run" and owner in state["thread_classes"]):
                    continue  # a loop in a background thread: signals belong to the main thread
                ctx.report(self, call, f"{what} in a module with no SIGTERM handler: the process "
                                       f"dies without cleanup on 'docker stop' or 'systemctl stop'")
        if state["runs_loop"] or state["forever"]:
            for call in state["signals"]:
                ctx.report(self, call, "signal.signal() in a module that runs an asyncio event loop: "
                                       "use loop.add_signal_handler() so the handler runs on the loop")


EXECUTORS = frozenset({
    "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.thread.ThreadPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor",
})


class ExecutorNotShutDown(Rule):
    """
    ## What it does
    Flags a `ThreadPoolExecutor(...)` or `ProcessPoolExecutor(...)` created
    outside a `with` statement and never shut down.

    ## Why is this bad?
    Executor threads and worker processes outlive the work given to them.
    Without `shutdown()`, interpreter exit waits for them in an atexit hook
    (a hang if a job is stuck), process pools leak workers, and an executor
    made per call creates new threads every time (Ch 2-3).

    ## Example
    ```python
    import asyncio
    from concurrent.futures import ProcessPoolExecutor

    async def render(report_id):
        pool = ProcessPoolExecutor(max_workers=2)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool, render_pdf, report_id)
    ```

    ## Use instead
    ```python
    import asyncio
    from concurrent.futures import ProcessPoolExecutor

    async def render(report_id):
        loop = asyncio.get_running_loop()
        with ProcessPoolExecutor(max_workers=2) as pool:
            return await loop.run_in_executor(pool, render_pdf, report_id)
    ```

    ## Not flagged
    Decided per executor variable when the constructor is assigned to a name
    or `self.<attr>`: that variable is fine if the module anywhere calls
    `<var>.shutdown(...)`, references `<var>.shutdown` (for
    `atexit.register`), uses `with <var>:`, passes `<var>` to
    `set_default_executor(...)` (asyncio.run shuts the default executor
    down) or `enter_context(...)`, or returns it. A constructor not bound to
    a variable (passed straight to a call, for example) is flagged only when
    the module never calls `.shutdown()` on anything; one passed straight to
    `set_default_executor` or `enter_context`, or returned, is fine. Left
    alone: `with ThreadPoolExecutor() as pool`. When the module calls
    `.shutdown()` on something the checker cannot tie to one variable (a
    function parameter, as in a `_shutdown(executor)` helper, or a name
    unpacked from a tuple), no executor of that module is flagged: the
    executor may well reach that call, and a false alarm costs more here
    than a missed one.
    """

    code = "AIO161"
    name = "executor-not-shut-down"
    severity = WARNING
    category = "LIFECYCLE"
    chapter = CHAPTER
    fix = ("Use with ThreadPoolExecutor(...) as pool: ..., or call pool.shutdown(wait=True) in a "
           "finally/shutdown hook (cancel_futures=True on 3.9+), or loop.set_default_executor(pool).")

    def _state(self, ctx) -> dict:
        state = ctx.state(self)
        if not state:
            state.update(executors=[], managed=set(), any_shutdown=False, unresolved_shutdown=False)
        return state

    def visit_With(self, node, ctx):
        for item in node.items:
            text = dotted(item.context_expr)
            if text is not None:
                self._state(ctx)["managed"].add(text)

    def visit_Return(self, node, ctx):
        if node.value is not None:
            text = dotted(node.value)
            if text is not None:
                self._state(ctx)["managed"].add(text)

    calls = EXECUTORS | {"atexit.register", "weakref.finalize"}
    methods = frozenset({"shutdown", "set_default_executor", "enter_context", "callback", "push"})

    def check_call(self, node, ctx, name):
        if name in EXECUTORS:
            self._constructor(node, name, ctx)
        else:
            self._shutdown_registered(node, ctx)

    def check_method_call(self, node, ctx, method):
        func = node.func
        if func.attr == "shutdown":
            state = self._state(ctx)
            state["any_shutdown"] = True
            text = dotted(func.value)
            if text is not None:
                state["managed"].add(text)
            receiver = func.value
            if receiver.__class__ is ast.Name and (_is_parameter(receiver.id, ctx) or ctx.origin(receiver) is None):
                state["unresolved_shutdown"] = True
        elif func.attr in ("set_default_executor", "enter_context"):
            state = self._state(ctx)
            for arg in node.args:
                text = dotted(arg)
                if text is not None:
                    state["managed"].add(text)
        else:
            self._shutdown_registered(node, ctx)

    def _shutdown_registered(self, node, ctx):
        """``atexit.register(pool.shutdown)``, ``stack.callback(pool.shutdown)``."""
        for arg in node.args:
            if arg.__class__ is ast.Attribute and arg.attr == "shutdown":
                text = dotted(arg.value)
                if text is not None:
                    self._state(ctx)["managed"].add(text)

    def _constructor(self, node, name, ctx):
        stmt = ctx.statement
        parent = ctx.parent(node)
        parent = None if parent is ctx.statement else parent
        if stmt.__class__ in (ast.With, ast.AsyncWith) and any(i.context_expr is node for i in stmt.items):
            return
        if stmt.__class__ is ast.Return and parent is None:
            return
        if parent.__class__ is ast.Call and parent.func.__class__ is ast.Attribute \
                and parent.func.attr in ("set_default_executor", "enter_context"):
            return
        variable = None
        if parent is None and stmt.__class__ in (ast.Assign, ast.AnnAssign):
            target = stmt.targets[0] if stmt.__class__ is ast.Assign else stmt.target
            variable = dotted(target)
        self._state(ctx)["executors"].append((node, name.rpartition(".")[2], variable))

    def leave_module(self, module, ctx):
        state = ctx.state(self)
        if not state:
            return
        for call, kind, variable in state["executors"]:
            if variable is not None:
                if variable in state["managed"] or state["unresolved_shutdown"]:
                    continue
                ctx.report(self, call, f"{kind} '{variable}' is created outside 'with' and never "
                                       f"shut down in this module")
            elif not state["any_shutdown"]:
                ctx.report(self, call, f"{kind} is created outside 'with' and nothing in this module "
                                       f"calls shutdown()")


THREAD_CLASSES = frozenset({"threading.Thread", "threading.Timer"})
ASYNCIO_QUEUES = frozenset({"asyncio.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue",
                            "asyncio.queues.Queue"})
ASYNCIO_FUTURES = frozenset({"asyncio.Future", "asyncio.futures.Future"})


def _is_parameter(name: str, ctx) -> bool:
    """A parameter of the current function (``executor.submit(fn)`` inside a
    wrapper): it names whatever the caller passes, not a def of this module."""
    function = ctx.function
    if function is None:
        return False
    args = function.node.args
    every = args.posonlyargs + args.args + args.kwonlyargs
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    return any(a.arg == name for a in every)


def _made_here(receiver, text, call, ctx) -> bool:
    """Was the receiver made by this function before ``call``: a local assigned
    from a call, or ``self.<attr>`` assigned in this function earlier?"""
    if receiver.__class__ is ast.Name:
        return ctx.origin(receiver) is not None and ctx.origin_scope(receiver) is ctx.function
    if receiver.__class__ is ast.Attribute and text.startswith("self."):
        for stmt in ctx.function.statements:
            if stmt.lineno >= call.lineno:
                break
            if stmt.__class__ is ast.Assign and stmt.value.__class__ is ast.Call \
                    and any(dotted(t) == text for t in stmt.targets):
                return True
    return False


class LoopCallFromThread(Rule):
    """
    ## What it does
    Flags loop-thread-only asyncio calls made in a function run by another
    thread. Those are `<loop>.call_soon(...)`, `<loop>.create_task(...)`,
    `<fut>.set_result(...)`/`set_exception(...)`, and `put_nowait(...)` on
    an `asyncio.Queue`.

    ## Why is this bad?
    The event loop and its futures and queues are not thread-safe. Called
    from another thread, these calls race with the loop, may never wake it
    (the callback sits in the ready queue until something else happens), and
    corrupt state in ways that show up rarely and far away (Ch 2-3).
    `call_soon_threadsafe` and `run_coroutine_threadsafe` exist for this.

    ## Example
    ```python
    import threading

    def poll(loop, queue):
        for line in read_device():
            loop.call_soon(queue.put_nowait, line)

    async def main(loop, queue):
        threading.Thread(target=poll, args=(loop, queue)).start()
    ```

    ## Use instead
    ```python
    import threading

    def poll(loop, queue):
        for line in read_device():
            loop.call_soon_threadsafe(queue.put_nowait, line)
    ```

    ## Not flagged
    A function counts as running in another thread when this module passes
    it (by name, `self.<method>`, `functools.partial(f, ...)` or as a
    lambda) as `target=` (or second positional argument) of
    `threading.Thread`, as the function of `threading.Timer`,
    `loop.run_in_executor(executor, f, ...)`, `asyncio.to_thread(f, ...)` or
    `executor.submit(f, ...)`, or when it is the `run` method of a
    `threading.Thread` subclass (a parameter passed along, as in a wrapper's
    `executor.submit(fn)`, names no function of the module). Only that
    function's own body is checked, not functions it calls. Receivers:
    `call_soon` and `create_task` on anything but the `asyncio` module
    itself and a TaskGroup; `set_result`/`set_exception` only on a receiver
    shown to be an asyncio future, and `put_nowait` only on one shown to be
    an `asyncio.Queue`: a name assigned from `loop.create_future()`/
    `asyncio.Future()` (or `asyncio.Queue()`), or a parameter in whose
    position some registration of this function passes one
    (`run_in_executor(None, calibrate, fut)` with `fut =
    loop.create_future()`; `Thread(target=f, args=(...))`). Futures and
    queues of unknown type (a `concurrent.futures.Future` or `queue.Queue`
    is thread-safe) are left alone, as are parameters passed by keyword.
    Left alone: objects the thread function
    made itself (a local or `self.<attr>` assigned from a call earlier in
    that function: a loop from `new_event_loop()` it runs, a future or queue
    of that loop), the `*_threadsafe` calls, these calls passed uncalled
    (`loop.call_soon_threadsafe(fut.set_result, x)`), callbacks a
    thread-based library calls (not visible to the checker), and all of this
    in coroutines.
    """

    code = "AIO170"
    name = "loop-call-from-thread"
    severity = ERROR
    category = "CONCURRENCY"
    chapter = CHAPTER
    fix = ("From another thread use loop.call_soon_threadsafe(callback, *args) (also for "
           "fut.set_result and queue.put_nowait) or asyncio.run_coroutine_threadsafe(coro, loop).")

    calls = THREAD_CLASSES | {"asyncio.to_thread", "asyncio.threads.to_thread"}
    methods = frozenset({"run_in_executor", "submit", "call_soon", "create_task", "set_result",
                         "set_exception", "put_nowait"})

    def _state(self, ctx) -> dict:
        state = ctx.state(self)
        if not state:
            # targets: function name -> {parameter index: kinds of what callers pass}
            state.update(calls=[], targets={}, lambdas=set(), thread_classes=set())
        return state

    def visit_ClassDef(self, node, ctx):
        for base in node.bases:
            if ctx.qualified_name(base) == "threading.Thread":
                self._state(ctx)["thread_classes"].add(node.name)

    def check_call(self, node, ctx, name):
        if name in THREAD_CLASSES:
            target = next((kw.value for kw in node.keywords if kw.arg in ("target", "function")), None)
            if target is None and len(node.args) > 1:
                target = node.args[1]
            passed = next((kw.value for kw in node.keywords if kw.arg == "args"), None)
            if passed is None and len(node.args) > 2 and name == "threading.Timer":
                passed = node.args[2]
            args = passed.elts if passed.__class__ in (ast.Tuple, ast.List) else []
        else:
            target = node.args[0] if node.args else None
            args = node.args[1:]
        if target is not None:
            self._thread_function(target, args, ctx)

    def check_method_call(self, node, ctx, method):
        if method == "run_in_executor":
            if len(node.args) > 1:
                self._thread_function(node.args[1], node.args[2:], ctx)
            return
        if method == "submit":
            if node.args:
                self._thread_function(node.args[0], node.args[1:], ctx)
            return
        if ctx.in_coroutine or ctx.function is None:
            return
        found = self._unsafe(node, node.func, ctx)
        if found is None:
            return
        message, needs = found
        function = ctx.function
        if function.node in self._state(ctx)["lambdas"]:
            if needs is None:
                ctx.report(self, node, f"{message} in a lambda that runs in another thread")
            return
        owner = function.parent
        in_thread_class = owner is not None and owner.kind == "class" and function.name == "run"
        self._state(ctx)["calls"].append((function.name, node, message, needs,
                                          owner.name if in_thread_class else None))

    def _thread_function(self, target, args, ctx):
        state = self._state(ctx)
        if target.__class__ is ast.Call and ctx.qualified_name(target.func) == "functools.partial" and target.args:
            args = list(target.args[1:]) + list(args)
            target = target.args[0]
        if target.__class__ is ast.Lambda:
            state["lambdas"].add(target)
            return
        if target.__class__ is ast.Name and not _is_parameter(target.id, ctx):
            name = target.id
        elif target.__class__ is ast.Attribute and dotted(target.value) == "self":
            name = target.attr
        else:
            return
        kinds = state["targets"].setdefault(name, {})
        for index, arg in enumerate(args):
            kind = _asyncio_kind(arg, ctx)
            if kind is not None:
                kinds.setdefault(index, set()).add(kind)

    @staticmethod
    def _unsafe(node, func, ctx):
        """(message, what the receiver must be shown to be) for an unsafe call, where
        the second item is None (always unsafe), or ("future"|"queue", parameter
        index) when only callers can tell what the parameter holds."""
        method = func.attr
        receiver = func.value
        text = dotted(receiver) or "..."
        if _made_here(receiver, text, node, ctx):
            return None  # made in this very thread (its own loop, future or queue)
        if method in ("call_soon", "create_task"):
            if ctx.qualified_name(receiver) == "asyncio":
                return None
            if receiver.__class__ in (ast.Name, ast.Attribute) and ctx.origin_name(receiver) in (
                    "asyncio.TaskGroup", "asyncio.taskgroups.TaskGroup"):
                return None
            return f"{text}.{method}() is not thread-safe", None
        kind = "future" if method in ("set_result", "set_exception") else "queue"
        what = "an asyncio future" if kind == "future" else "an asyncio.Queue"
        message = f"{text}.{method}() on {what} is not thread-safe"
        if _asyncio_kind(receiver, ctx) == kind:
            return message, None
        index = _parameter_index(receiver, ctx)
        if index is not None:
            return message, (kind, index)
        return None

    def leave_module(self, module, ctx):
        state = ctx.state(self)
        if not state:
            return
        targets = state["targets"]
        for function_name, call, message, needs, thread_class in state["calls"]:
            if function_name in targets:
                if needs is None or needs[0] in targets[function_name].get(needs[1], ()):
                    ctx.report(self, call, f"{message} in '{function_name}', which runs in another thread")
            elif thread_class is not None and thread_class in state["thread_classes"] and needs is None:
                ctx.report(self, call, f"{message} in {thread_class}.run(), which runs in another thread")


def _asyncio_kind(expr, ctx) -> str | None:
    """'future' for an asyncio future (``loop.create_future()``, ``asyncio.Future()``),
    'queue' for an ``asyncio.Queue``: the expression itself or what a name holds."""
    call = expr if expr.__class__ is ast.Call else (
        ctx.origin(expr) if expr.__class__ in (ast.Name, ast.Attribute) else None)
    if call is None:
        return None
    func = call.func
    name = ctx.qualified_name(func)
    if name in ASYNCIO_FUTURES or (func.__class__ is ast.Attribute and func.attr == "create_future"):
        return "future"
    if name in ASYNCIO_QUEUES:
        return "queue"
    return None


def _parameter_index(receiver, ctx) -> int | None:
    """Position of a parameter among the ones a caller passes (``self`` skipped)."""
    if receiver.__class__ is not ast.Name or ctx.origin_scope(receiver) is not None:
        return None
    function = ctx.function
    params = [a.arg for a in function.node.args.posonlyargs + function.node.args.args]
    if function.parent is not None and function.parent.kind == "class" and params[:1] == ["self"]:
        params = params[1:]
    return params.index(receiver.id) if receiver.id in params else None


class ThreadForIo(Rule):
    """
    ## What it does
    Flags a `threading.Thread(...)` (or a `threading.Thread` subclass of
    this module) created and started in a coroutine.

    ## Why is this bad?
    A coroutine already runs on an event loop that can wait on many things
    at once. A hand-made thread adds a second concurrency model: its errors
    are lost, it cannot be cancelled, it is not awaited at shutdown, and
    anything it shares with the loop needs thread-safe calls (Ch 2-3). A
    task does async work; `asyncio.to_thread` runs blocking work on a
    managed pool and returns its result or exception to the awaiting
    coroutine.

    ## Example
    ```python
    import threading

    async def start_bridge(loop, port):
        threading.Thread(target=read_port, args=(loop, port), daemon=True).start()
    ```

    ## Use instead
    ```python
    import asyncio

    async def start_bridge(loop, port):
        await asyncio.to_thread(read_port, loop, port)
    ```

    ## Not flagged
    Fires when the constructor call is in a coroutine and the thread is
    started in that same coroutine: `Thread(...).start()` chained, or the
    name or `self.<attr>` it was assigned to gets `.start()` called later in
    the function. Left alone: threads created in a plain `def` (start-up
    code before the loop runs), threads created in a coroutine but started
    elsewhere or collected in a list first, `threading.Timer`, and
    `asyncio.to_thread`/`run_in_executor`.
    """

    code = "AIO171"
    name = "thread-for-io"
    severity = WARNING
    category = "CONCURRENCY"
    chapter = CHAPTER
    fix = ("Run async work as a task (asyncio.create_task or a TaskGroup) and blocking work with "
           "await asyncio.to_thread(func, *args) or loop.run_in_executor.")

    def visit_ClassDef(self, node, ctx):
        for base in node.bases:
            if ctx.qualified_name(base) == "threading.Thread":
                ctx.state(self).setdefault("classes", set()).add(node.name)

    calls = frozenset({"threading.Thread"})

    def check_call(self, node, ctx, name):
        if ctx.in_coroutine:
            self._made(node, "threading.Thread", ctx.function, ctx)

    def _made(self, node, shown, function, ctx):
        statement = ctx.statement_of(node)
        parent = ctx.parent(node, statement)
        parent = None if parent is statement else parent
        if parent.__class__ is ast.Attribute and parent.attr == "start":
            ctx.report(self, node, f"{shown}() started in coroutine '{function.name}'")
            return
        if parent is None and statement.__class__ in (ast.Assign, ast.AnnAssign):
            target = statement.targets[0] if statement.__class__ is ast.Assign else statement.target
            text = dotted(target)
            if text is not None:
                ctx.state(self).setdefault(function, []).append((node, text, shown))

    def leave_function(self, scope, ctx):
        classes = ctx.state(self).get("classes")
        if classes and scope.is_coroutine:
            # Thread subclasses of this module: a def binds no import, so the
            # routed call hook cannot see them
            for call in scope.calls:
                func = call.func
                if func.__class__ is ast.Name and func.id in classes and ctx.qualified_name(func) is None:
                    self._made(call, func.id, scope, ctx)
        pending = ctx.state(self).pop(scope, None)
        if not pending:
            return
        for call, text, shown in pending:
            for other in scope.calls:
                func = other.func
                if other.lineno >= call.lineno and func.__class__ is ast.Attribute \
                        and func.attr == "start" and dotted(func.value) == text:
                    ctx.report(self, call, f"{shown}() started in coroutine '{scope.name}'")
                    break
