"""The shared semantic model: what rule callbacks are told about a position.

A probe rule records, for every call of a function named `probe`, what the
context says there; the tests assert on those answers for real parsed code.
"""

import ast
import textwrap

from aioskill_checker.semantic import Context
from aioskill_checker.walk import build_table, walk


class Probe:
    code = "PROBE"

    def __init__(self):
        self.seen = []
        self.functions = []

    def visit_Call(self, node, ctx):
        if isinstance(node.func, ast.Name) and node.func.id == "probe":
            arg = node.args[0] if node.args else None
            self.seen.append({
                "line": node.lineno,
                "coroutine": ctx.in_coroutine,
                "function": ctx.function_name,
                "qn": ctx.qualified_name(arg) if arg is not None else None,
                "origin": ctx.origin_name(arg) if isinstance(arg, (ast.Name, ast.Attribute)) else None,
                "loop": ctx.in_loop(node),
                "try": ctx.in_try_with_handler(),
                "finally": ctx.in_finally(),
                "timeout": ctx.in_timeout(node),
                "discarded": ctx.is_expression_statement(node),
                "awaited": ctx.is_awaited(node),
            })

    def leave_function(self, scope, ctx):
        self.functions.append((scope.name, scope.is_coroutine, len(scope.statements),
                               len(scope.calls), scope.has_await, scope.is_generator,
                               sorted(ctx.async_defs)))


def run(source):
    tree = ast.parse(textwrap.dedent(source))
    probe = Probe()
    ctx = Context("t.py", tree, source)
    walk(tree, ctx, build_table([probe]), (probe.leave_function,))
    return probe


def answers(source, key):
    return [seen[key] for seen in run(source).seen]


def test_import_aliases_resolve_to_module_paths():
    src = """
        import requests as rq
        import urllib.request
        import os.path
        from time import sleep as pause
        from asyncio import create_task
        from . import sibling
        from ..pkg import thing as other
        probe(rq.get)
        probe(urllib.request.urlopen)
        probe(os.path.join)
        probe(pause)
        probe(create_task)
        probe(sibling.x)
        probe(other)
        probe(open)
        probe(asyncio.sleep)
    """
    assert answers(src, "qn") == [
        "requests.get", "urllib.request.urlopen", "os.path.join", "time.sleep",
        "asyncio.create_task", ".sibling.x", "..pkg.thing", "open", "asyncio.sleep"]


def test_locals_parameters_and_targets_shadow_modules():
    src = """
        import time, requests
        async def by_param(time):
            probe(time.sleep)
        async def by_assignment(make):
            requests = make()
            probe(requests.get)
        async def by_for(items):
            for time in items:
                probe(time.sleep)
        async def by_with(cm):
            with cm as requests:
                probe(requests.get)
        async def by_except():
            try:
                pass
            except Exception as time:
                probe(time.sleep)
        async def by_walrus(f):
            if (time := f()):
                probe(time.sleep)
        def time_factory():
            pass
        async def attribute(self):
            probe(self.time.sleep)
        async def unshadowed():
            probe(time.sleep)
        async def by_kwonly(*, requests):
            probe(requests.get)
        lam = lambda time: probe(time.sleep)
    """
    assert answers(src, "qn") == [None, None, None, None, None, None, None, "time.sleep", None, None]


def test_module_level_rebinding_and_global():
    src = """
        import time
        time = object()
        probe(time.sleep)
        def f():
            global requests
            requests = 1
        probe(requests.get)
    """
    assert answers(src, "qn") == [None, None]


def test_class_scope_is_not_visible_from_methods():
    src = """
        import time
        class C:
            time = 3
            probe(time.sleep)
            async def m(self):
                probe(time.sleep)
    """
    assert answers(src, "qn") == [None, "time.sleep"]


def test_coroutine_context_excludes_nested_def_lambda_and_class():
    src = """
        async def outer():
            probe(1)
            def inner():
                probe(2)
            f = lambda: probe(3)
            class K:
                probe(4)
                async def m(self):
                    probe(5)
            [probe(6) for _ in range(2)]
            probe(7)
        def plain():
            probe(8)
        probe(9)
    """
    seen = run(src).seen
    assert [(s["coroutine"], s["function"]) for s in seen] == [
        (True, "outer"), (False, "inner"), (False, "<lambda>"), (False, None),
        (True, "m"), (True, "outer"), (True, "outer"), (False, "plain"), (False, None)]


def test_decorators_and_defaults_are_evaluated_outside_the_function():
    src = """
        async def outer():
            def inner(x=probe(1)):
                pass
            @probe(2)
            def deco():
                pass
    """
    assert answers(src, "coroutine") == [True, True]


def test_origin_tracks_constructor_of_names_and_self_attributes():
    src = """
        import threading
        lock = threading.Lock()
        class C:
            def __init__(self):
                self.ev = threading.Event()
            async def m(self):
                probe(lock)
                probe(self.ev)
                lock2 = lock
                probe(lock2)
        async def rebinding():
            x = threading.Lock()
            x = 5
            probe(x)
    """
    assert answers(src, "origin") == ["threading.Lock", "threading.Event", None, None]



def test_assigned_value_of_a_def_name_is_its_def_node_until_rebound():
    src = """
        async def job():
            pass
        def plain():
            pass
        probe(job)
        probe(plain)
        job = wrap(job)
        probe(job)
    """
    tree = ast.parse(textwrap.dedent(src))
    kinds = []

    class DefProbe:
        def visit_Call(self, node, ctx):
            if isinstance(node.func, ast.Name) and node.func.id == "probe":
                value = ctx.assigned_value(node.args[0])
                kinds.append(type(value).__name__ if value is not None else None)

    ctx = Context("t.py", tree, src)
    walk(tree, ctx, build_table([DefProbe()]))
    assert kinds == ["AsyncFunctionDef", "FunctionDef", "Call"]

def test_position_helpers():
    src = """
        import asyncio
        async def f(items):
            probe(0)
            for i in items:
                probe(1)
            while probe(2):
                pass
            [probe(3) for i in probe(4)]
            try:
                probe(5)
            except ValueError:
                probe(6)
            finally:
                probe(7)
            try:
                probe(8)
            finally:
                pass
            async with asyncio.timeout(1):
                probe(9)
            await asyncio.wait_for(probe(10), 1)
            x = probe(11)
            await probe(12)
    """
    seen = run(src).seen
    assert [s["loop"] for s in seen] == [False, True, True, True, False, False, False, False,
                                         False, False, False, False, False]
    assert [s["try"] for s in seen] == [False] * 5 + [True] + [False] * 7
    assert [s["finally"] for s in seen] == [False] * 7 + [True] + [False] * 5
    assert [s["timeout"] for s in seen][9:11] == [True, True]
    assert [s["timeout"] for s in seen][:9] == [False] * 9
    assert [s["discarded"] for s in seen][11:] == [False, False]
    assert seen[0]["discarded"] is True
    assert [s["awaited"] for s in seen][10:] == [False, False, True]


def test_leave_function_sees_collected_facts():
    src = """
        async def a():
            x = 1
            await b()
        async def gen():
            yield 1
        def b():
            return [c() for c in ()]
        class K:
            async def method(self):
                async with self:
                    pass
    """
    functions = run(src).functions
    assert functions[0][:6] == ("a", True, 2, 1, True, False)
    assert functions[1][:6] == ("gen", True, 1, 0, False, True)
    assert functions[2][:6] == ("b", False, 1, 1, False, False)
    assert functions[3][:5] == ("method", True, 2, 0, True)
    assert functions[0][6] == ["a", "gen", "method"]


def test_all_function_scopes_are_listed_for_module_rules():
    src = """
        def a():
            f = lambda: 1
        class K:
            async def m(self):
                def inner():
                    pass
    """
    tree = ast.parse(textwrap.dedent(src))
    ctx = Context("t.py", tree, src)
    walk(tree, ctx, build_table([]))
    assert [(f.name, f.kind, f.parent.name) for f in ctx.functions] == [
        ("a", "function", "<module>"), ("<lambda>", "lambda", "a"), ("m", "function", "K"),
        ("inner", "function", "m")]


def test_walk_survives_very_deep_nesting_without_recursion():
    depth = 5000
    tree = ast.parse("x = 1")
    node = ast.Constant(1)
    for _ in range(depth):
        node = ast.UnaryOp(ast.USub(), node)
    tree.body[0].value = node
    probe = Probe()
    walk(tree, Context("t.py", tree, ""), build_table([probe]))
    assert probe.seen == []


def test_dotted_gives_the_unresolved_text_of_name_and_attribute_chains():
    from aioskill_checker.semantic import dotted

    def expr(text):
        return ast.parse(text, mode="eval").body

    assert dotted(expr("task")) == "task"
    assert dotted(expr("self._beat")) == "self._beat"
    assert dotted(expr("a.b.c")) == "a.b.c"
    assert dotted(expr("make().attr")) is None
    assert dotted(expr("items[0]")) is None
    assert dotted(expr("1")) is None


def test_rules_on_leaf_nodes_see_every_one_of_them():
    class Leaves:
        def __init__(self):
            self.names, self.constants = [], []

        def visit_Name(self, node, ctx):
            self.names.append(node.id)

        def visit_Constant(self, node, ctx):
            self.constants.append(node.value)

    src = "a = f(b, c=d)\nx[e] = {g: 1, **h}\nprint(i, 2, *j)\n"
    tree = ast.parse(src)
    leaves = Leaves()
    walk(tree, Context("t.py", tree, src), build_table([leaves]))
    assert leaves.names == ["a", "f", "b", "d", "x", "e", "g", "h", "print", "i", "j"]
    assert leaves.constants == [1, 2]
