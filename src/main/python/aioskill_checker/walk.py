"""The one walk of a module's AST that feeds every rule.

Iterative and pre-order (a node before its children, statements in source
order), so deep nesting cannot exhaust the C stack or the recursion limit.
Dispatch is a dict from node class to a tuple of callbacks, built once per
rule selection (:func:`build_table`); nodes with no callback cost one dict
lookup. Scope entry/exit travels on the same stack as small tuples.

Internal hooks keep :class:`aioskill_checker.semantic.Context` current before
rule callbacks run for the same node: the current statement, bindings
(imports, assignments, ``for``/``with``/``except`` targets, defs, walrus,
``global``), the per-scope fact lists and the statement -> block frame links.
"""

from __future__ import annotations

import ast
import re

from .semantic import Context

_SKIPPED_TYPES = {"identifier", "string", "constant", "int", "expr_context", "operator",
                  "unaryop", "cmpop", "boolop", "type_ignore"}
_BLOCK_TYPES = {"stmt", "excepthandler", "match_case"}
_FIELD = re.compile(r"(\w+)([*?]?) (\w+)")

SINGLE, LIST, BLOCK, GENERIC = 0, 1, 2, 3
_ENTER, _LEAVE = "enter", "leave"


def _plan_for(cls: type) -> tuple:
    """Child fields of ``cls`` worth visiting, in source order: (name, kind)."""
    doc = cls.__doc__ or ""
    match = re.match(r"\w+\((.*)\)\s*$", doc.strip().splitlines()[0] if doc.strip() else "")
    if not match:
        return tuple((f, GENERIC) for f in cls._fields)  # unknown shape: inspect at run time
    plan = []
    for type_name, mark, field in _FIELD.findall(match.group(1)):
        if type_name in _SKIPPED_TYPES:
            continue
        if mark == "*":
            plan.append((field, BLOCK if type_name in _BLOCK_TYPES else LIST))
        else:
            plan.append((field, SINGLE))
    return tuple(plan)


def _all_node_classes() -> list[type]:
    found, todo = [], [ast.AST]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


_PLANS: dict[type, tuple] = {cls: _plan_for(cls) for cls in _all_node_classes()}
_PLANS[type(None)] = ()
# Decorators, defaults, annotations and bases are evaluated in the enclosing
# scope; the body runs in the new one, so scope nodes get hand-written plans.
_SCOPE_PLANS = {
    ast.FunctionDef: ("decorator_list", "args", "returns"),
    ast.AsyncFunctionDef: ("decorator_list", "args", "returns"),
    ast.ClassDef: ("decorator_list", "bases", "keywords"),
    ast.Lambda: ("args",),
}
_PLANS[ast.arguments] = (("posonlyargs", LIST), ("args", LIST), ("vararg", SINGLE),
                         ("kwonlyargs", LIST), ("kw_defaults", LIST), ("kwarg", SINGLE),
                         ("defaults", LIST))


# ------------------------------------------------------------ internal hooks
def _stmt(node, ctx):
    ctx.statement = node
    ctx.scope.statements.append(node)


def _assign(node, ctx):
    _stmt(node, ctx)
    value = node.value
    for target in node.targets:
        ctx.bind_target(target, value)


def _ann_assign(node, ctx):
    _stmt(node, ctx)
    ctx.bind_target(node.target, node.value)


def _aug_assign(node, ctx):
    _stmt(node, ctx)
    ctx.bind_target(node.target, None)


def _for(node, ctx):
    _stmt(node, ctx)
    if node.__class__ is ast.AsyncFor:
        ctx.scope.has_await = True
    ctx.bind_target(node.target, None)


def _with(node, ctx):
    _stmt(node, ctx)
    if node.__class__ is ast.AsyncWith:
        ctx.scope.has_await = True
    for item in node.items:
        if item.optional_vars is not None:
            ctx.bind_target(item.optional_vars, item.context_expr)


def _import(node, ctx):
    _stmt(node, ctx)
    for alias in node.names:
        if alias.asname:
            ctx.bind(alias.asname, alias.name)
        else:
            top = alias.name.partition(".")[0]
            ctx.bind(top, top)


def _import_from(node, ctx):
    _stmt(node, ctx)
    prefix = "." * (node.level or 0) + (node.module or "")
    joiner = "." if node.module else ""
    for alias in node.names:
        if alias.name != "*":
            ctx.bind(alias.asname or alias.name, prefix + joiner + alias.name)


def _def(node, ctx):
    _stmt(node, ctx)
    # A def's node is its "assigned value", so rules can tell a call of a
    # local async def from a call of any other local.
    ctx.bind(node.name, None, node if node.__class__ is not ast.ClassDef else None)
    if node.__class__ is ast.AsyncFunctionDef:
        ctx.async_defs.add(node.name)


def _global(node, ctx):
    _stmt(node, ctx)
    ctx.scope.globals.update(node.names)


def _handler(node, ctx):
    ctx.statement = node
    if node.name:
        ctx.bind(node.name, None)


def _match_case(node, ctx):
    ctx.statement = node


def _call(node, ctx):
    ctx.scope.calls.append(node)
    ctx._call_stmt[node] = ctx.statement


def _call_dispatcher(by_name: dict, prefixes: tuple, by_method: dict):
    """The Call hook: record the call, then route it by callee to interested rules.

    Resolving the callee once and looking it up in a dict costs far less than
    asking every rule to resolve and compare it (ruff's approach, too).
    """
    prefix_starts = tuple(p for p, _ in prefixes)
    qualified_name = Context.qualified_name
    attribute = ast.Attribute

    def dispatch(node, ctx):
        ctx.scope.calls.append(node)
        ctx._call_stmt[node] = ctx.statement
        func = node.func
        if by_name or prefix_starts:
            name = qualified_name(ctx, func)
            if name is not None:
                callbacks = by_name.get(name)
                if callbacks is not None:
                    for callback in callbacks:
                        callback(node, ctx, name)
                if prefix_starts and name.startswith(prefix_starts):
                    for prefix, callback in prefixes:
                        if name.startswith(prefix):
                            callback(node, ctx, name)
        if by_method and func.__class__ is attribute:
            callbacks = by_method.get(func.attr)
            if callbacks is not None:
                for callback in callbacks:
                    callback(node, ctx, func.attr)
    return dispatch


def _await(node, ctx):
    scope = ctx.scope
    scope.awaits.append(node)
    scope.has_await = True
    ctx._awaited.add(node.value)


def _yield(node, ctx):
    ctx.scope.is_generator = True


def _comprehension(node, ctx):
    if node.is_async:
        ctx.scope.has_await = True


def _named_expr(node, ctx):
    # A walrus in a comprehension binds in the enclosing function, which is
    # where our comprehensions live anyway (they are not scopes here).
    ctx.bind_target(node.target, node.value)


_INTERNAL: dict[type, object] = {}
for _cls in _all_node_classes():
    if issubclass(_cls, ast.stmt):
        _INTERNAL[_cls] = _stmt
_INTERNAL.update({
    ast.Assign: _assign, ast.AnnAssign: _ann_assign, ast.AugAssign: _aug_assign,
    ast.For: _for, ast.AsyncFor: _for, ast.With: _with, ast.AsyncWith: _with,
    ast.Import: _import, ast.ImportFrom: _import_from,
    ast.FunctionDef: _def, ast.AsyncFunctionDef: _def, ast.ClassDef: _def,
    ast.Global: _global, ast.ExceptHandler: _handler, ast.match_case: _match_case,
    ast.Call: _call, ast.Await: _await, ast.Yield: _yield, ast.YieldFrom: _yield,
    ast.comprehension: _comprehension, ast.NamedExpr: _named_expr,
})


def _compile_expander(cls: type, plan: tuple, leaves: frozenset = frozenset()):
    """Generate ``expand(node, push, extend, stmt_parent)`` pushing the children of
    ``cls`` so they pop in source order. Straight-line generated code is
    markedly faster than interpreting the plan for every node; ``None``
    marks a leaf (nothing to push)."""
    if not plan:
        return None
    lines = ["def expand(node, push, extend, stmt_parent):"]
    for field, kind in reversed(plan):
        lines.append(f"    v = node.{field}")
        if kind == SINGLE:
            # leaves (no children, no callbacks) are common (Name, Constant):
            # not pushing them saves a full trip round the walk loop
            lines.append("    if v is not None and v.__class__ not in leaves: push(v)")
        elif kind == LIST:
            lines.append("    if v:")
            lines.append("        for c in v[::-1]:")
            lines.append("            if c.__class__ not in leaves: push(c)")
        elif kind == BLOCK:
            lines.append("    if v:")
            lines.append(f"        frame = (node, {field!r})")
            lines.append("        for child in v: stmt_parent[child] = frame")
            lines.append("        extend(v[::-1])")
        else:
            lines.append("    _generic(v, push)")
    namespace = {"_generic": _push_generic, "leaves": leaves}
    exec(compile("\n".join(lines), f"<walk plan {cls.__name__}>", "exec"), namespace)
    return namespace["expand"]


def _push_generic(value, push) -> None:
    if value.__class__ is list:
        for item in reversed(value):
            if isinstance(item, ast.AST):
                push(item)
    elif isinstance(value, ast.AST) and not isinstance(value, ast.expr_context):
        push(value)


def _generic_expander(cls: type):
    return _compile_expander(cls, tuple((f, GENERIC) for f in cls._fields))


def _scope_expander(cls: type):
    """Outer-scope parts first, then an enter marker, the body, a leave marker."""
    outer = _SCOPE_PLANS[cls]

    def expand(node, push, extend, stmt_parent):
        push((_LEAVE, node))
        if cls is ast.Lambda:
            push(node.body)
        else:
            body = node.body
            frame = (node, "body")
            for child in body:
                stmt_parent[child] = frame
            extend(body[::-1])
        push((_ENTER, node))
        for field in reversed(outer):
            value = getattr(node, field)
            if value.__class__ is list:
                if value:
                    extend(value[::-1])
            elif value is not None:
                push(value)
    return expand


_EXPANDERS = {cls: (_scope_expander(cls) if cls in _SCOPE_PLANS else _compile_expander(cls, plan))
              for cls, plan in _PLANS.items()}


def build_table(rules, wrap=None) -> dict:
    """Dispatch table {node class: (callbacks, expander)} for the rule instances.

    Besides ``visit_<Class>`` methods, rules may route calls by callee:
    ``calls`` (exact qualified names) and ``call_prefixes`` with a
    ``check_call(node, ctx, name)`` hook, and ``methods`` (attribute names,
    receiver unresolved) with ``check_method_call(node, ctx, method)``.

    ``wrap(rule, callback)`` may return a replacement callback (used to time
    rule families in benchmarks); it is not applied to internal hooks.
    """
    per_class: dict[type, list] = {}
    for rule in rules:
        for attr in dir(rule):
            if not attr.startswith("visit_"):
                continue
            cls = getattr(ast, attr[len("visit_"):], None)
            if not (isinstance(cls, type) and issubclass(cls, ast.AST)):
                raise ValueError(f"{rule!r}: {attr} names no ast node class")
            callback = getattr(rule, attr)
            per_class.setdefault(cls, []).append(wrap(rule, callback) if wrap else callback)
    by_name: dict[str, list] = {}
    prefixes: list = []
    by_method: dict[str, list] = {}
    for rule in rules:
        hook = getattr(rule, "check_call", None)
        if hook is not None:
            hook = wrap(rule, hook) if wrap else hook
            for name in getattr(rule, "calls", ()):
                by_name.setdefault(name, []).append(hook)
            for prefix in getattr(rule, "call_prefixes", ()):
                prefixes.append((prefix, hook))
        hook = getattr(rule, "check_method_call", None)
        if hook is not None:
            hook = wrap(rule, hook) if wrap else hook
            for method in getattr(rule, "methods", ()):
                by_method.setdefault(method, []).append(hook)
    internal = dict(_INTERNAL)
    if by_name or prefixes or by_method:
        internal[ast.Call] = _call_dispatcher({k: tuple(v) for k, v in by_name.items()}, tuple(prefixes),
                                              {k: tuple(v) for k, v in by_method.items()})
    callbacks_of = {}
    for cls in _EXPANDERS:
        callbacks = []
        if cls in internal:
            callbacks.append(internal[cls])
        callbacks.extend(per_class.get(cls, ()))
        callbacks_of[cls] = tuple(callbacks)
    leaves = frozenset(cls for cls, expander in _EXPANDERS.items()
                       if expander is None and not callbacks_of[cls])
    table = {}
    for cls, expander in _EXPANDERS.items():
        if expander is not None and cls not in _SCOPE_PLANS:
            expander = _compile_expander(cls, _PLANS[cls], leaves)
        table[cls] = (callbacks_of[cls], expander)
    return table


def walk(tree: ast.Module, ctx: Context, table: dict, leave_function=(), leave_module=()) -> None:
    """Visit every node of ``tree`` once, calling the table's callbacks."""
    stack = tree.body[::-1]
    push = stack.append
    pop = stack.pop
    extend = stack.extend
    stmt_parent = ctx._stmt_parent
    while stack:
        node = pop()
        cls = node.__class__
        if cls is tuple:
            op, owner = node
            if op is _ENTER:
                ctx.enter_scope(owner)
            else:
                if owner.__class__ is not ast.ClassDef:
                    scope = ctx.scope
                    for callback in leave_function:
                        callback(scope, ctx)
                ctx.leave_scope(owner)
            continue
        entry = table.get(cls)
        if entry is None:  # a node class newer than this table: visit generically
            entry = table[cls] = ((), _generic_expander(cls))
        callbacks, expand = entry
        for callback in callbacks:
            callback(node, ctx)
        if expand is not None:
            expand(node, push, extend, stmt_parent)
    for callback in leave_module:
        callback(tree, ctx)
