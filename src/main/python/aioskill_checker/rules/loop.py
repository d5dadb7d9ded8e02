"""Event loop management (Ch 3): AIO120 and AIO121.

Since Python 3.7 `asyncio.run()` owns the loop's whole life (create, run,
shut down async generators and the default executor, close), and inside a
coroutine `asyncio.get_running_loop()` is the one correct way to reach it.
"""

from __future__ import annotations

import ast

from ..rule import WARNING, Rule

CHAPTER = "Ch 3"

#: Calls that hand out a loop the caller then has to drive and close by hand.
MANUAL_LOOPS = frozenset({
    "asyncio.get_event_loop", "asyncio.new_event_loop",
    "asyncio.events.get_event_loop", "asyncio.events.new_event_loop",
    "uvloop.new_event_loop",
})
GET_EVENT_LOOP = frozenset({"asyncio.get_event_loop", "asyncio.events.get_event_loop"})


def _made_by(expr, ctx):
    """Qualified name of the call that made ``expr``: the receiver call itself
    (`asyncio.new_event_loop().run_forever()`) or what a name/attribute was
    last assigned from."""
    if expr.__class__ is ast.Call:
        return ctx.qualified_name(expr.func)
    if expr.__class__ in (ast.Name, ast.Attribute):
        return ctx.origin_name(expr)
    return None


class ManualLoopManagement(Rule):
    """
    ## What it does
    Flags an event loop driven by hand instead of by `asyncio.run()`. That is
    `run_until_complete(...)` or `run_forever()` called outside any coroutine
    on a loop obtained from `asyncio.get_event_loop()` or
    `asyncio.new_event_loop()` (or `uvloop.new_event_loop()`): directly on
    the call, or on a name or `self.<attr>` assigned from it. Every such run
    call is reported.

    ## Why is this bad?
    Driving a loop by hand means also shutting down async generators and the
    default executor, cancelling leftover tasks and closing the loop, which
    hand-written code rarely does (Ch 3). `asyncio.run()` does all of it.
    `get_event_loop()` with no running loop warns from 3.12 and raises from
    3.14, and event loop policies are deprecated in 3.14.

    ## Example
    ```python
    def main():
        loop = asyncio.get_event_loop()
        loop.run_until_complete(serve())
    ```

    ## Use instead
    ```python
    def main():
        asyncio.run(serve())
    ```

    ## Not flagged
    `asyncio.run(...)` and `asyncio.Runner`; run calls on a loop whose origin
    is not in view (a parameter, a loop from a framework); run calls inside a
    coroutine (that is AIO112 nested-event-loop); the loop factories alone.
    """

    code = "AIO120"
    name = "manual-loop-management"
    severity = WARNING
    category = "LIFECYCLE"
    chapter = CHAPTER
    fix = ("Let asyncio.run(main()) create, run and close the loop (asyncio.Runner for several "
           "calls); get_event_loop() without a running loop warns from 3.12 and raises from 3.14.")

    methods = frozenset({"run_until_complete", "run_forever"})

    def check_method_call(self, node, ctx, method):
        if ctx.in_coroutine:
            return
        func = node.func
        made_by = _made_by(func.value, ctx)
        if made_by in MANUAL_LOOPS:
            where = f"function '{ctx.function_name}'" if ctx.function_name else "module level"
            ctx.report(self, node, f"{func.attr}() drives a loop from {made_by}() by hand in {where}; "
                                   f"asyncio.run() creates, runs and closes it for you")


class GetEventLoopInCoroutine(Rule):
    """
    ## What it does
    Flags `asyncio.get_event_loop()` called lexically inside a coroutine,
    under any import alias.

    ## Why is this bad?
    Inside a coroutine a loop is always running, and
    `asyncio.get_running_loop()` returns it without the policy machinery and
    deprecation paths of `get_event_loop()` (which warns without a running
    loop from 3.12 and raises from 3.14) (Ch 3). It also states the intent:
    this code only works on a running loop.

    ## Example
    ```python
    async def collect():
        loop = asyncio.get_event_loop()
        return await loop.run_in_executor(None, read_sensors)
    ```

    ## Use instead
    ```python
    async def collect():
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, read_sensors)
    ```

    ## Not flagged
    `get_event_loop()` in a plain `def`, a `lambda` or at module level (see
    AIO120 for what to do there); `asyncio.get_running_loop()`; a local
    function named `get_event_loop`.
    """

    code = "AIO121"
    name = "get-event-loop-in-coroutine"
    severity = WARNING
    category = "TASKS"
    chapter = CHAPTER
    fix = "Use asyncio.get_running_loop() inside coroutines."

    calls = GET_EVENT_LOOP

    def check_call(self, node, ctx, name):
        if ctx.in_coroutine:
            ctx.report(self, node, f"asyncio.get_event_loop() in coroutine '{ctx.function_name}': "
                                   f"use asyncio.get_running_loop()")
