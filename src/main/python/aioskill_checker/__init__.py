"""aioskill_checker: an AST checker for asyncio anti-patterns (stdlib only).

Library use::

    from aioskill_checker import check_source, Checker
    findings = check_source(code, "app.py")          # list of finding dicts
    Checker(select=["AIO1"], ignore=["AIO106"]).check_bytes(data, "app.py")

Layout: ``source`` (decoding), ``walk`` (the one AST walk and dispatch),
``semantic`` (scopes, name resolution, positions: what rules ask),
``rule`` (rule unit contract), ``rules/`` (one module per family),
``engine`` (pipeline, noqa, ordering), ``catalog``/``sarif`` (outputs),
``cli``/``worker`` (front ends).
"""

__version__ = "0.1.0"

from .engine import Checker, CheckerInternalError, check_bytes, check_source  # noqa: E402

__all__ = ["Checker", "CheckerInternalError", "check_bytes", "check_source", "__version__"]
