"""The shared semantic model every rule asks: scopes, names and positions.

One :class:`Context` exists per checked file. The single walk
(:mod:`aioskill_checker.walk`) keeps it current, so when a rule callback runs
for a node, the context describes that node's position:

Scope and coroutine context
    ``ctx.in_coroutine``: lexically inside an ``async def`` body. A nested
    plain ``def``, a ``lambda`` or a class body is not a coroutine, even
    inside an ``async def``. Comprehensions do not change it.
    ``ctx.scope``: the innermost :class:`Scope` (module, class, function or
    lambda). ``ctx.function``: the innermost function or lambda scope, or
    ``None`` at module level and directly in a class body.
    ``ctx.function_name``: its name (``'<lambda>'`` for a lambda) or ``None``.

Names
    ``ctx.qualified_name(expr)``: the dotted name of a ``Name``/``Attribute``
    chain with imports resolved, or ``None`` when the chain starts from a
    local value. ``from time import sleep as pause; pause`` gives
    ``time.sleep``; ``import requests as rq; rq.get`` gives ``requests.get``;
    ``import urllib.request; urllib.request.urlopen`` gives
    ``urllib.request.urlopen``. A parameter, assignment, ``for``/``with``/
    ``except`` target, ``def``/``class`` or walrus named like a module shadows
    it (``None``). A name bound nowhere resolves to itself (``open`` ->
    ``open``; ``asyncio.sleep`` in a snippet without imports ->
    ``asyncio.sleep``), so pasted snippets are still understood. Binding is
    flow-ordered: a name counts as bound from the statement that binds it.
    ``ctx.assigned_value(expr)``: the expression last assigned to a name or
    ``self.<attr>`` (single targets only; tuple unpacking records nothing);
    for a name bound by ``def``/``async def`` it is that def node.
    ``ctx.origin(expr)``: the ``ast.Call`` whose result was last bound to a
    name (``lock = threading.Lock()``, ``with socket.socket() as s``), looked
    up like a name, or to ``self.<attr>`` in the enclosing class; ``None``
    otherwise. ``ctx.origin_name(expr)`` is the qualified name of that call's
    callee (``'threading.Lock'``), resolved where the call was written;
    ``ctx.origin_scope(expr)`` is the scope holding that binding.
    Known simplifications: comprehension targets, ``match`` capture names and
    ``del`` do not change bindings; ``global`` is honoured, ``nonlocal`` makes
    the name local to the inner function.
    ``dotted(expr)`` (a module function): the unresolved source text of a
    ``Name``/``Attribute`` chain, to compare two mentions of one variable.
    ``ctx.async_defs``: names of ``async def`` functions of the module (module
    level, methods of module-level classes, and nested ones once seen);
    ``ctx.async_methods``: names of async methods of module-level classes.

Position
    ``ctx.statement``: the innermost statement containing the node (an
    ``ExceptHandler`` or ``match_case`` counts as a statement for its own
    header). ``ctx.is_expression_statement(node)``: the node is the whole
    value of an expression statement (its result is thrown away).
    ``ctx.is_awaited(node)``: the node is the operand of ``await``.
    ``ctx.parent(node)`` / ``ctx.ancestors(node)``: expression parents inside
    the node's statement (computed lazily, per statement).
    ``ctx.frames()``: enclosing ``(statement, field)`` block frames of the
    current statement, innermost first, within the current function
    (``(for_node, 'body')``, ``(try_node, 'handlers')``...). Helpers on top:
    ``ctx.in_loop(node)``, ``ctx.enclosing_loop()``,
    ``ctx.in_try_with_handler()``, ``ctx.in_timeout(node)``
    (inside ``async with asyncio.timeout(...)`` and friends, or an argument of
    ``asyncio.wait_for``), ``ctx.in_finally()``.

Function facts (see ``leave_function`` in :mod:`aioskill_checker.rule`)
    :class:`Scope` collects, for its own body only (not nested functions):
    ``statements`` (every statement, in source order), ``calls`` (every
    ``Call`` node, in order), ``awaits`` (every ``Await`` node),
    ``has_await`` (an ``await``, ``async for``, ``async with`` or async
    comprehension), ``is_generator`` (a ``yield``). ``ctx.statement_of(call)``
    gives the statement a recorded call sits in, ``ctx.frames(stmt)`` its
    block frames. ``ctx.functions`` lists every function and lambda scope
    entered so far (all of them in ``leave_module``), in source order, so
    module-wide rules can relate functions (thread targets, handlers).

Reporting
    ``ctx.report(rule, node, message)`` records a finding at the node's
    position; ``ctx.state(rule)`` is a per-file dict a rule may keep data in.
"""

from __future__ import annotations

import ast

_FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_TRIES = (ast.Try, ast.TryStar) if hasattr(ast, "TryStar") else (ast.Try,)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)

#: Context managers and calls that bound how long the awaits inside them wait.
TIMEOUT_CONTEXTS = frozenset({
    "asyncio.timeout", "asyncio.timeout_at", "async_timeout.timeout",
    "anyio.fail_after", "anyio.move_on_after", "trio.fail_after", "trio.move_on_after",
})
TIMEOUT_WRAPPERS = frozenset({"asyncio.wait_for"})


class Scope:
    """A module, class, function or lambda body and the facts gathered in it."""

    __slots__ = ("kind", "node", "parent", "name", "is_coroutine", "names", "origins",
                 "attr_origins", "globals", "statements", "calls", "awaits",
                 "has_await", "is_generator")

    def __init__(self, kind: str, node: ast.AST, parent: "Scope | None", name: str):
        self.kind = kind  # "module" | "class" | "function" | "lambda"
        self.node = node
        self.parent = parent
        self.name = name
        self.is_coroutine = node.__class__ is ast.AsyncFunctionDef
        # name -> qualified module path for imports, None for plain local values
        self.names: dict[str, str | None] = {}
        # name -> expression last assigned to it (flow-ordered)
        self.origins: dict[str, ast.AST] = {}
        # class scopes: attribute of self -> expression assigned to it in any method
        self.attr_origins: dict[str, ast.AST] = {}
        self.globals: set[str] = set()
        self.statements: list[ast.stmt] = []
        self.calls: list[ast.Call] = []
        self.awaits: list[ast.Await] = []
        self.has_await = False
        self.is_generator = False

    def __repr__(self) -> str:
        return f"<scope {self.kind} {self.name}>"


class Context:
    """Per-file semantic model handed to every rule callback (module docstring)."""

    def __init__(self, path: str, tree: ast.Module, source: str):
        self.path = path
        self.tree = tree
        self.source = source
        self.module = Scope("module", tree, None, "<module>")
        self.scope = self.module
        self.function: Scope | None = None
        self.in_coroutine = False
        self.statement: ast.AST | None = None
        self.findings: list[tuple] = []
        self.async_defs: set[str] = set()
        self.functions: list[Scope] = []
        self.async_methods: set[str] = set()
        self._qn: dict[ast.AST, str | None] = {}
        self._awaited: set[ast.AST] = set()
        self._stmt_parent: dict[ast.AST, tuple[ast.AST, str]] = {}
        self._call_stmt: dict[ast.AST, ast.AST] = {}
        self._parents_for: ast.AST | None = None
        self._parents: dict[ast.AST, ast.AST] = {}
        self._state: dict[object, dict] = {}
        self._prescan(tree)

    # ----------------------------------------------------------------- names
    @property
    def function_name(self) -> str | None:
        return self.function.name if self.function is not None else None

    def resolve(self, name: str) -> str | None:
        """Qualified meaning of a bare name at the current position (see module doc)."""
        scope = self.scope
        first = True
        while scope is not None:
            if first or scope.kind != "class":
                names = scope.names
                if name in names:
                    return names[name]
            first = False
            scope = scope.parent
        return name

    def qualified_name(self, expr: ast.AST) -> str | None:
        """Dotted, import-resolved name of a Name/Attribute chain, else None."""
        cache = self._qn
        if expr in cache:
            return cache[expr]
        parts = []
        node = expr
        while node.__class__ is ast.Attribute:
            parts.append(node.attr)
            node = node.value
        result = None
        if node.__class__ is ast.Name:
            base = self.resolve(node.id)
            if base is not None:
                if parts:
                    parts.append(base)
                    parts.reverse()
                    result = ".".join(parts)
                else:
                    result = base
        cache[expr] = result
        return result

    def assigned_value(self, expr: ast.AST) -> ast.AST | None:
        """The expression last assigned to ``expr`` (a name or ``self.attr``), if known."""
        found = self._origin_binding(expr)
        return found[0] if found else None

    def origin(self, expr: ast.AST) -> ast.Call | None:
        """The call whose result ``expr`` (a name or ``self.attr``) holds, if known."""
        found = self._origin_binding(expr)
        return found[0] if found and found[0].__class__ is ast.Call else None

    def origin_name(self, expr: ast.AST) -> str | None:
        """Qualified callee name of :meth:`origin`, e.g. ``'threading.Lock'``."""
        found = self._origin_binding(expr)
        if found and found[0].__class__ is ast.Call:
            return self._qn.get(found[0].func)
        return None

    def origin_scope(self, expr: ast.AST) -> Scope | None:
        """The scope where the origin binding of ``expr`` lives."""
        found = self._origin_binding(expr)
        return found[1] if found else None

    def _origin_binding(self, expr):
        cls = expr.__class__
        if cls is ast.Name:
            name = expr.id
            scope = self.scope
            first = True
            while scope is not None:
                if (first or scope.kind != "class") and name in scope.names:
                    call = scope.origins.get(name)
                    return (call, scope) if call is not None else None
                first = False
                scope = scope.parent
            return None
        if cls is ast.Attribute and expr.value.__class__ is ast.Name and expr.value.id == "self":
            owner = self._enclosing_class()
            if owner is not None:
                call = owner.attr_origins.get(expr.attr)
                return (call, owner) if call is not None else None
        return None

    def _enclosing_class(self) -> Scope | None:
        scope = self.scope
        while scope is not None and scope.kind != "class":
            scope = scope.parent
        return scope

    # -------------------------------------------------------------- position
    def is_expression_statement(self, node: ast.AST) -> bool:
        stmt = self.statement
        return stmt.__class__ is ast.Expr and stmt.value is node

    def is_awaited(self, node: ast.AST) -> bool:
        return node in self._awaited

    def statement_of(self, call: ast.AST) -> ast.AST | None:
        """Statement a Call node was found in (any call of this file)."""
        return self._call_stmt.get(call)

    def parent(self, node: ast.AST, statement: ast.AST | None = None) -> ast.AST | None:
        """Expression-level parent of ``node`` within its statement (None at the top)."""
        stmt = statement or self._call_stmt.get(node) or self.statement
        if stmt is None:
            return None
        if self._parents_for is not stmt:
            self._parents = _expression_parents(stmt)
            self._parents_for = stmt
        return self._parents.get(node)

    def ancestors(self, node: ast.AST, statement: ast.AST | None = None):
        """Yield expression parents of ``node`` up to (and including) its statement."""
        stmt = statement or self._call_stmt.get(node) or self.statement
        current = self.parent(node, stmt)
        while current is not None:
            yield current
            current = self._parents.get(current)

    def frames(self, statement: ast.AST | None = None):
        """Yield enclosing ``(stmt, field)`` block frames, innermost first, stopping
        at the enclosing def/lambda/class (whose own frame is not yielded)."""
        if self.scope.kind == "lambda" and statement is None:
            return
        stmt = statement if statement is not None else self.statement
        parents = self._stmt_parent
        frame = parents.get(stmt)
        while frame is not None:
            owner = frame[0]
            if isinstance(owner, _SCOPE_NODES):
                return
            yield frame
            frame = parents.get(owner)

    def enclosing_loop(self, statement: ast.AST | None = None) -> ast.AST | None:
        """Innermost for/async for/while whose body holds the statement."""
        for owner, field in self.frames(statement):
            if field == "body" and isinstance(owner, _LOOPS):
                return owner
        return None

    def in_loop(self, node: ast.AST | None = None) -> bool:
        """True in a loop body, a ``while`` test, or a comprehension's repeated part."""
        if node is not None:
            child = node
            for anc in self.ancestors(node):
                if isinstance(anc, _COMPREHENSIONS):
                    if child is not anc.generators[0]:
                        return True
                elif anc.__class__ is ast.comprehension and child is not anc.iter:
                    return True
                elif anc.__class__ is ast.While and child is anc.test:
                    return True
                child = anc
        return self.enclosing_loop() is not None

    def in_try_with_handler(self, statement: ast.AST | None = None) -> bool:
        """True in the body of a ``try`` that has at least one ``except`` clause."""
        for owner, field in self.frames(statement):
            if field == "body" and isinstance(owner, _TRIES) and owner.handlers:
                return True
        return False

    def in_finally(self, statement: ast.AST | None = None) -> bool:
        for owner, field in self.frames(statement):
            if field == "finalbody":
                return True
        return False

    def in_timeout(self, node: ast.AST | None = None) -> bool:
        """True inside ``async with asyncio.timeout(...)`` (and similar) or as an
        argument of ``asyncio.wait_for(...)``."""
        if node is not None:
            for anc in self.ancestors(node):
                if anc.__class__ is ast.Call and self.qualified_name(anc.func) in TIMEOUT_WRAPPERS:
                    return True
        for owner, field in self.frames():
            if field == "body" and owner.__class__ in (ast.AsyncWith, ast.With):
                for item in owner.items:
                    expr = item.context_expr
                    if expr.__class__ is ast.Call and self.qualified_name(expr.func) in TIMEOUT_CONTEXTS:
                        return True
        return False

    # ------------------------------------------------------------- reporting
    def report(self, rule, node: ast.AST, message: str) -> None:
        """Record a finding of ``rule`` at ``node``'s position."""
        line = getattr(node, "lineno", 1) or 1
        col = getattr(node, "col_offset", 0) or 0
        end_line = getattr(node, "end_lineno", None) or line
        end_col = getattr(node, "end_col_offset", None)
        if end_col is None:
            end_col = col
        self.findings.append((rule, line, col, end_line, end_col, message))

    def state(self, rule) -> dict:
        """A per-file dict private to ``rule`` (created on first use)."""
        data = self._state.get(rule)
        if data is None:
            data = self._state[rule] = {}
        return data

    # --------------------------------------------------- walk-side mutations
    def _prescan(self, tree: ast.Module) -> None:
        for stmt in tree.body:
            cls = stmt.__class__
            if cls is ast.AsyncFunctionDef:
                self.async_defs.add(stmt.name)
            elif cls is ast.ClassDef:
                for inner in stmt.body:
                    if inner.__class__ is ast.AsyncFunctionDef:
                        self.async_defs.add(inner.name)
                        self.async_methods.add(inner.name)

    def bind(self, name: str, value: str | None = None, origin: ast.AST | None = None) -> None:
        scope = self.scope
        if name in scope.globals:
            scope = self.module
        scope.names[name] = value
        if origin is not None:
            scope.origins[name] = origin
        elif scope.origins:
            scope.origins.pop(name, None)

    def bind_target(self, target: ast.AST, origin: ast.AST | None = None) -> None:
        """Bind an assignment target; ``origin`` is the assigned value expression."""
        cls = target.__class__
        if cls is ast.Name:
            if origin.__class__ is ast.Call:
                self.qualified_name(origin.func)  # resolve where the call is written
            self.bind(target.id, None, origin)
        elif cls is ast.Tuple or cls is ast.List:
            for elt in target.elts:
                self.bind_target(elt, None)
        elif cls is ast.Starred:
            self.bind_target(target.value, None)
        elif cls is ast.Attribute and target.value.__class__ is ast.Name and target.value.id == "self":
            owner = self._enclosing_class()
            if owner is not None:
                if origin is not None:
                    if origin.__class__ is ast.Call:
                        self.qualified_name(origin.func)
                    owner.attr_origins[target.attr] = origin
                else:
                    owner.attr_origins.pop(target.attr, None)

    def enter_scope(self, node: ast.AST) -> None:
        cls = node.__class__
        if cls is ast.ClassDef:
            scope = Scope("class", node, self.scope, node.name)
        elif cls is ast.Lambda:
            scope = Scope("lambda", node, self.scope, "<lambda>")
        else:
            scope = Scope("function", node, self.scope, node.name)
        self.scope = scope
        if cls is ast.ClassDef:
            self.function = None
            self.in_coroutine = False
            return
        self.function = scope
        self.functions.append(scope)
        self.in_coroutine = scope.is_coroutine
        args = node.args
        names = scope.names
        for arg in args.posonlyargs:
            names[arg.arg] = None
        for arg in args.args:
            names[arg.arg] = None
        for arg in args.kwonlyargs:
            names[arg.arg] = None
        if args.vararg is not None:
            names[args.vararg.arg] = None
        if args.kwarg is not None:
            names[args.kwarg.arg] = None

    def leave_scope(self, node: ast.AST) -> None:
        scope = self.scope.parent
        self.scope = scope
        while scope is not None and scope.kind not in ("function", "lambda"):
            if scope.kind == "class":
                scope = None
                break
            scope = scope.parent
        self.function = scope
        self.in_coroutine = scope is not None and scope.is_coroutine and self.scope is scope
        self.statement = node if isinstance(node, ast.stmt) else self.statement


def dotted(expr: ast.AST) -> str | None:
    """Source text of a plain ``Name``/``Attribute`` chain (``'self._task'``), without
    import resolution; ``None`` for anything else. Rules use it to tell whether two
    expressions name the same variable (``t.cancel()`` ... ``await t``)."""
    parts = []
    node = expr
    while node.__class__ is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if node.__class__ is not ast.Name:
        return None
    parts.append(node.id)
    parts.reverse()
    return ".".join(parts)


def _expression_parents(stmt: ast.AST) -> dict:
    """Map each expression-level node of ``stmt`` (not nested statements) to its parent."""
    parents: dict = {}
    stack = [stmt]
    while stack:
        node = stack.pop()
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST) and not isinstance(item, (ast.stmt, ast.excepthandler, ast.match_case)):
                        parents[item] = node
                        stack.append(item)
            elif isinstance(value, ast.AST) and not isinstance(value, (ast.expr_context, ast.stmt)):
                parents[value] = node
                stack.append(value)
    return parents
