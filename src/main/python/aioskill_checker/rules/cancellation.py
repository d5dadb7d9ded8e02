"""Cancellation (Ch 3): AIO140 and AIO141.

Both rules look at one coroutine at a time. The shared idea is "a task this
function cancelled": the receivers of ``.cancel()`` calls (and, for
``for t in tasks: t.cancel()``, the iterable ``tasks``). Awaiting such a
task afterwards is how a function waits for the cancellation to finish, so
AIO141 wants it and AIO140 tolerates the CancelledError it raises.
"""

from __future__ import annotations

import ast
from types import SimpleNamespace

from ..rule import ERROR, SUGGESTION, Rule
from ..semantic import dotted

CHAPTER = "Ch 3"

ASYNCIO_CANCELLED = frozenset({"asyncio.CancelledError", "asyncio.exceptions.CancelledError",
                               "CancelledError"})
BASE_EXCEPTIONS = frozenset({"BaseException", "builtins.BaseException"})
SUPPRESS = frozenset({"contextlib.suppress"})
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_TRIES = (ast.Try, ast.TryStar) if hasattr(ast, "TryStar") else (ast.Try,)


def _local_nodes(nodes):
    """Every node under ``nodes`` without entering nested functions or classes."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, _NESTED):
                stack.append(child)


def _awaits_something(body) -> bool:
    """Can cancellation be delivered in ``body``: does it await at all?"""
    for node in _local_nodes(body):
        if node.__class__ in (ast.Await, ast.AsyncWith, ast.AsyncFor):
            return True
    return False


def cancelled_names(scope, before_line: int) -> set:
    """Texts of what the function cancelled before ``before_line``: ``t`` for
    ``t.cancel()`` or a scheduled ``call_later(s, t.cancel)``, and ``tasks`` too
    when ``t`` is the target of ``for t in tasks``."""
    names = set()
    for call in scope.calls:
        if call.lineno >= before_line:
            continue
        func = call.func
        if func.__class__ is ast.Attribute and func.attr == "cancel":
            text = dotted(func.value)
            if text is not None:
                names.add(text)
        for arg in call.args:  # loop.call_later(5, task.cancel): a scheduled cancel
            if arg.__class__ is ast.Attribute and arg.attr == "cancel":
                text = dotted(arg.value)
                if text is not None:
                    names.add(text)
    if names:
        for stmt in scope.statements:
            if stmt.__class__ in (ast.For, ast.AsyncFor) and stmt.lineno < before_line:
                target = dotted(stmt.target)
                source = dotted(stmt.iter)
                if target in names and source is not None:
                    names.add(source)
    return names


def _mentions(expr, names) -> bool:
    for node in _local_nodes([expr]):
        if node.__class__ in (ast.Name, ast.Attribute) and dotted(node) in names:
            return True
    return False


def _awaits_cancelled(body, names) -> bool:
    """Does ``body`` await one of ``names`` (``await t``, ``await gather(*tasks)``...)?"""
    for node in _local_nodes(body):
        if node.__class__ is ast.Await and _mentions(node.value, names):
            return True
    return False


def _outcome(stmts) -> tuple[bool, bool]:
    """(can leave early without raising, can fall off the end) for a block."""
    escapes = False
    for stmt in stmts:
        leaves, falls = _statement_outcome(stmt)
        escapes = escapes or leaves
        if not falls:
            return escapes, False
    return escapes, True


def _statement_outcome(stmt) -> tuple[bool, bool]:
    cls = stmt.__class__
    if cls is ast.Raise:
        return False, False
    if cls in (ast.Return, ast.Break, ast.Continue):
        return True, False
    if cls is ast.If:
        leaves_a, falls_a = _outcome(stmt.body)
        leaves_b, falls_b = _outcome(stmt.orelse) if stmt.orelse else (False, True)
        return leaves_a or leaves_b, falls_a or falls_b
    if cls in (ast.With, ast.AsyncWith):
        return _outcome(stmt.body)
    if cls in _LOOPS:
        # break/continue inside stay inside the loop; a return leaves the handler
        leaves = any(n.__class__ is ast.Return for n in _local_nodes(stmt.body + stmt.orelse))
        return leaves, True
    if cls in _TRIES:
        leaves, falls = _outcome(stmt.body)
        if stmt.orelse:
            leaves_e, falls = _outcome(stmt.orelse) if falls else (False, False)
            leaves = leaves or leaves_e
        for handler in stmt.handlers:
            leaves_h, falls_h = _outcome(handler.body)
            leaves, falls = leaves or leaves_h, falls or falls_h
        if stmt.finalbody:
            leaves_f, falls_f = _outcome(stmt.finalbody)
            leaves = leaves or leaves_f
            if not falls_f:
                return leaves, False
        return leaves, falls
    if cls is ast.Match:
        leaves = False
        for case in stmt.cases:
            leaves = leaves or _outcome(case.body)[0]
        return leaves, True
    return False, True


FORWARDERS = frozenset({"sys.exc_info", "sys.exception"})
FORWARDING_METHODS = frozenset({"set_exception", "throw", "athrow"})


def forwards_exception(body, ctx) -> bool:
    """Does the handler hand the exception on (``fut.set_exception(exc)``,
    ``gen.athrow(*sys.exc_info())``, ``sys.exc_info()`` kept for a later raise)?"""
    for node in _local_nodes(body):
        if node.__class__ is ast.Call:
            func = node.func
            if func.__class__ is ast.Attribute and func.attr in FORWARDING_METHODS:
                return True
            if ctx.qualified_name(func) in FORWARDERS:
                return True
    return False


def except_header(handler) -> SimpleNamespace:
    """The span of an ``except ...`` header (not its whole body), for reporting."""
    if handler.type is None:
        end_line, end_col = handler.lineno, handler.col_offset + len("except")
    else:
        end_line, end_col = handler.type.end_lineno, handler.type.end_col_offset
    return SimpleNamespace(lineno=handler.lineno, col_offset=handler.col_offset,
                           end_lineno=end_line, end_col_offset=end_col)


def checks_own_cancellation(body) -> bool:
    """``if asyncio.current_task().cancelling(): raise``: the handler re-raises
    exactly when the running task itself is being cancelled (3.11+)."""
    asks = raises = False
    for node in _local_nodes(body):
        if node.__class__ is ast.Raise:
            raises = True
        elif node.__class__ is ast.Call and node.func.__class__ is ast.Attribute \
                and node.func.attr == "cancelling":
            asks = True
    return asks and raises


def handler_swallows(body) -> bool:
    """True when some path through an except body finishes without raising."""
    leaves, falls = _outcome(body)
    return leaves or falls


class CancellationSwallowed(Rule):
    """
    ## What it does
    Flags a coroutine that catches its own cancellation and carries on. That
    is an `except` clause catching `asyncio.CancelledError` (alone or in a
    tuple), `BaseException`, or everything (bare `except:`), whose handler
    can finish without raising, and `with
    contextlib.suppress(asyncio.CancelledError)` (or `BaseException`).

    ## Why is this bad?
    Cancellation is delivered as a `CancelledError` raised at an `await`. A
    coroutine that catches it and carries on has refused to be cancelled:
    `task.cancel()`, `asyncio.timeout`, `TaskGroup` and `asyncio.run`
    shutdown then wait on a task that never stops, or see it finish as if it
    had succeeded (Ch 3: clean up, then re-raise).

    ## Example
    ```python
    import asyncio

    async def sync_once(source):
        try:
            return await source.pull()
        except asyncio.CancelledError:
            return None
    ```

    ## Use instead
    ```python
    import asyncio

    async def sync_once(source):
        try:
            return await source.pull()
        except asyncio.CancelledError:
            await source.abort()
            raise
    ```

    ## Not flagged
    Fires only when the `try` body (or the `suppress` block) awaits
    something, since cancellation can only arrive at an await. A handler
    counts as re-raising when every path through it ends in a `raise` (any
    `raise`, including `raise Other() from exc`); a `return`, `break`,
    `continue` or falling off the end swallows. Left alone: `except
    Exception` (CancelledError is a BaseException since 3.8);
    `concurrent.futures.CancelledError`; code in a plain `def` or `lambda`;
    handlers that forward the exception instead of dropping it (they call
    `sys.exc_info()`/`sys.exception()` or a `set_exception`/`throw`/
    `athrow` method, as futures, retry libraries and exit stacks do);
    handlers in `__aexit__` (its return value decides whether the exception
    propagates); handlers that call `.cancelling()` and contain a `raise`
    (re-raising exactly when the running task is being cancelled); and
    catching the CancelledError of awaiting a task this same function
    cancelled earlier (`t.cancel()`, a scheduled `loop.call_later(s,
    t.cancel)`, or `for t in tasks: t.cancel()`, then `try: await t` /
    `await asyncio.gather(*tasks)` or the same under `contextlib.suppress`),
    whatever the handler does, including one that re-raises only when the
    current task is itself being cancelled.
    """

    code = "AIO140"
    name = "cancellation-swallowed"
    severity = ERROR
    category = "TASKS"
    chapter = CHAPTER
    fix = ("Re-raise CancelledError after cleaning up (end the handler with raise), catch Exception "
           "instead of BaseException or a bare except, or use try/finally for cleanup.")

    def _catches(self, expr, ctx) -> str | None:
        if expr is None:
            return "a bare except:"
        elts = expr.elts if expr.__class__ is ast.Tuple else [expr]
        for elt in elts:
            name = ctx.qualified_name(elt)
            if name in ASYNCIO_CANCELLED:
                return "except CancelledError"
            if name in BASE_EXCEPTIONS:
                return "except BaseException"
        return None

    def visit_ExceptHandler(self, node, ctx):
        if not ctx.in_coroutine:
            return
        what = self._catches(node.type, ctx)
        if what is None or not handler_swallows(node.body):
            return
        if ctx.function_name == "__aexit__" or forwards_exception(node.body, ctx) \
                or checks_own_cancellation(node.body):
            return
        owner = next(iter(ctx.frames()), (None, None))[0]
        if owner is None or not _awaits_something(owner.body):
            return
        names = cancelled_names(ctx.function, node.lineno)
        if names and _awaits_cancelled(owner.body, names):
            return
        ctx.report(self, except_header(node), f"{what} in coroutine '{ctx.function_name}' can finish without "
                               f"re-raising, so the task swallows its own cancellation")

    def visit_With(self, node, ctx):
        if not ctx.in_coroutine:
            return
        for item in node.items:
            expr = item.context_expr
            if expr.__class__ is not ast.Call or ctx.qualified_name(expr.func) not in SUPPRESS:
                continue
            if not any(self._catches(arg, ctx) for arg in expr.args if arg is not None):
                continue
            if not _awaits_something(node.body):
                return
            names = cancelled_names(ctx.function, node.lineno)
            if names and _awaits_cancelled(node.body, names):
                return
            # reported on the `with` line, spanning up to the suppress(...) call
            where = SimpleNamespace(lineno=node.lineno, col_offset=node.col_offset,
                                    end_lineno=expr.end_lineno, end_col_offset=expr.end_col_offset)
            ctx.report(self, where, f"contextlib.suppress() of CancelledError in coroutine "
                                   f"'{ctx.function_name}' swallows the task's own cancellation")
            return


TASK_FACTORIES = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.Task",
                            "asyncio.tasks.create_task", "asyncio.tasks.ensure_future"})
TASK_GROUPS = frozenset({"asyncio.TaskGroup", "asyncio.taskgroups.TaskGroup", "anyio.create_task_group"})
TASK_ANNOTATIONS = frozenset({"asyncio.Task", "asyncio.tasks.Task"})
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp)


class CancelNotAwaited(Rule):
    """
    ## What it does
    Flags `task.cancel()` in a coroutine that never awaits the task
    afterwards. Awaiting counts directly (`await task`) or through
    `asyncio.gather(...)`, `asyncio.wait(...)` or `asyncio.wait_for(...)`.

    ## Why is this bad?
    `cancel()` only requests cancellation: the task runs its `except` and
    `finally` blocks later, at its next await. Without awaiting it, the
    caller carries on (or the program exits) while the task is still
    cleaning up, its exceptions are never observed, and asyncio may log
    "Task was destroyed but it is pending" (Ch 3).

    ## Example
    ```python
    import asyncio

    async def probe(name):
        task = asyncio.create_task(heartbeat(name))
        await asyncio.sleep(1)
        task.cancel()
    ```

    ## Use instead
    ```python
    import asyncio

    async def probe(name):
        task = asyncio.create_task(heartbeat(name))
        await asyncio.sleep(1)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    ```

    ## Not flagged
    Fires only when the receiver is known to be a task: a name or
    `self.<attr>` last assigned from `asyncio.create_task(...)`,
    `asyncio.ensure_future(...)` or `<loop>.create_task(...)`; a parameter
    annotated `asyncio.Task`; or the loop variable of `for t in tasks` where
    `tasks` was assigned a comprehension of such calls. An await after the
    cancel that mentions the task, or for a loop variable the iterated
    collection (`for t in tasks: t.cancel()` then `await
    asyncio.gather(*tasks, ...)`), counts as awaiting it. Left alone:
    `.cancel()` on anything else (timer handles from `call_later`/`call_at`,
    futures, scopes, parameters without a Task annotation); tasks made by a
    `TaskGroup` (the group awaits them); cancels in a plain `def` or
    `lambda` (a callback cannot await); a task returned after the cancel
    (the caller owns it).
    """

    code = "AIO141"
    name = "cancel-not-awaited"
    severity = SUGGESTION
    category = "TASKS"
    chapter = CHAPTER
    fix = ("After task.cancel(), wait for the task to finish: await asyncio.gather(task, "
           "return_exceptions=True), or try: await task except asyncio.CancelledError: ... .")

    methods = frozenset({"cancel"})

    def check_method_call(self, node, ctx, method):
        if not ctx.in_coroutine:
            return
        receiver = node.func.value
        text = dotted(receiver)
        if text is None:
            return
        watched = self._task_texts(receiver, text, ctx)
        if watched:
            ctx.state(self).setdefault(ctx.function, []).append((node, text, watched))

    def _task_texts(self, receiver, text, ctx) -> set | None:
        """The texts whose awaiting would await this task, or None if it is no known task."""
        if self._is_task_value(ctx.assigned_value(receiver), ctx):
            return {text}
        if receiver.__class__ is not ast.Name:
            return None
        function = ctx.function
        if ctx.origin_scope(receiver) is None:
            for arg in function.node.args.args + function.node.args.kwonlyargs + function.node.args.posonlyargs:
                if arg.arg == receiver.id and arg.annotation is not None:
                    annotation = arg.annotation
                    if annotation.__class__ is ast.Subscript:
                        annotation = annotation.value
                    if ctx.qualified_name(annotation) in TASK_ANNOTATIONS:
                        return {text}
        for owner, field in ctx.frames():
            if owner.__class__ in (ast.For, ast.AsyncFor) and field == "body" and dotted(owner.target) == text:
                source = dotted(owner.iter)
                if source is not None:
                    value = ctx.assigned_value(owner.iter)
                    if value.__class__ in _COMPREHENSIONS and self._is_task_value(value.elt, ctx):
                        return {text, source}
                return None
        return None

    @staticmethod
    def _is_task_value(value, ctx) -> bool:
        if value.__class__ is not ast.Call:
            return False
        name = ctx.qualified_name(value.func)
        if name in TASK_FACTORIES:
            return True
        func = value.func
        if func.__class__ is ast.Attribute and func.attr == "create_task":
            owner = func.value
            if owner.__class__ in (ast.Name, ast.Attribute) and ctx.origin_name(owner) in TASK_GROUPS:
                return False
            return name != "asyncio.create_task"
        return False

    def leave_function(self, scope, ctx):
        pending = ctx.state(self).pop(scope, None)
        if not pending:
            return
        for call, text, watched in pending:
            after = (call.end_lineno, call.end_col_offset)
            if any((a.lineno, a.col_offset) >= after and _mentions(a.value, watched) for a in scope.awaits):
                continue
            if self._returned_after(scope, text, call.lineno):
                continue
            ctx.report(self, call, f"{text}.cancel() in coroutine '{scope.name}' is never followed by "
                                   f"awaiting {text}: the task may still be running its cleanup")

    @staticmethod
    def _returned_after(scope, text, line) -> bool:
        for stmt in scope.statements:
            if stmt.__class__ is ast.Return and stmt.lineno >= line and stmt.value is not None \
                    and _mentions(stmt.value, {text}):
                return True
        return False
