"""The check pipeline: bytes -> text -> AST -> one walk -> findings.

:class:`Checker` is built once (it compiles the dispatch table for its rule
selection) and then checks any number of files. Findings are plain dicts with
exactly the keys of ``schemas/finding.schema.json``, reported once per
(rule, line), filtered by ``# noqa``, sorted by line, column and rule.

Robustness: any input yields findings or one AIO000 finding. Undecodable
bytes, bad coding cookies, NUL bytes, Python 2 code and syntax newer than the
running interpreter (for example PEP 695 ``type X = ...`` on 3.11) are AIO000
at the line the decoder or parser names; nesting too deep for the parser or
for the walk is AIO000 at line 1. A bug inside a rule raises
:class:`CheckerInternalError` (the front ends turn it into a one-line error),
never a half-finished result.
"""

from __future__ import annotations

import ast
import gc
import re
import sys
import time
import warnings

from . import rules as rule_registry
from .noqa import is_suppressed
from .semantic import Context
from .source import SourceDecodeError, decode_source
from .walk import build_table, walk

SYNTAX_RULE = "AIO000"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class CheckerInternalError(Exception):
    """A rule failed on some input: a checker bug; report it with the file."""


def matches(code: str, name: str, patterns) -> bool:
    """True when a rule id or name matches any select/ignore pattern (id prefix or name)."""
    for pattern in patterns:
        pattern = pattern.strip()
        if pattern and (code.startswith(pattern.upper()) or name == pattern):
            return True
    return False


class Checker:
    """Checks sources with a fixed rule selection; reusable and cheap per file.

    ``select``/``ignore`` take rule ids, id prefixes (``AIO1``) or rule names.
    AIO000 (unreadable file) is reported whatever ``select`` says, unless
    ``ignore`` matches it.
    ``profile=True`` times every rule callback by family into ``timings``
    (seconds), for the benchmark; it slows checking down, so it is off by default.
    """

    def __init__(self, select=None, ignore=None, profile: bool = False):
        self.rules = [r for r in rule_registry.rule_instances()
                      if (not select or matches(r.code, r.name, select))
                      and not (ignore and matches(r.code, r.name, ignore))]
        self._by_code = {r.code: r for r in rule_registry.rule_instances()}
        # A file Python cannot read is reported even when --select names other
        # rules (otherwise a broken file would pass as clean); only an explicit
        # ignore silences AIO000.
        self.report_syntax = not (ignore and matches(SYNTAX_RULE, "syntax-error", ignore))
        self.timings: dict[str, float] = {}
        wrap = self._timer if profile else None
        self._table = build_table(self.rules, wrap)
        self._leave_function = tuple(self._hooks("leave_function", wrap))
        self._leave_module = tuple(self._hooks("leave_module", wrap))

    def _hooks(self, name, wrap):
        for rule in self.rules:
            hook = getattr(rule, name, None)
            if hook is not None:
                yield wrap(rule, hook) if wrap else hook

    def _timer(self, rule, callback):
        family = rule_registry.family_of(rule)
        timings = self.timings
        timings.setdefault(family, 0.0)
        clock = time.perf_counter

        def timed(*args):
            start = clock()
            try:
                callback(*args)
            finally:
                timings[family] += clock() - start
        return timed

    # ------------------------------------------------------------------ API
    def check_bytes(self, data: bytes, path: str = "<bytes>") -> list[dict]:
        """Check raw file bytes, decoded as CPython decodes source files."""
        try:
            text = decode_source(data)
        except SourceDecodeError as exc:
            return self._syntax_finding(path, str(exc), exc.line, exc.col)
        return self.check_source(text, path)

    def check_source(self, text: str, path: str = "<string>") -> list[dict]:
        """Check already-decoded source text."""
        # The AST is acyclic and dropped after the check: cyclic GC passes over
        # it would only re-scan a large live tree again and again (they made a
        # 5 MB file ~3x slower), so collection pauses for the duration.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._check_text(text, path)
        finally:
            if collecting:
                gc.enable()

    def _check_text(self, text: str, path: str) -> list[dict]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SyntaxWarning/DeprecationWarning noise
                tree = ast.parse(text, filename=path)
        except SyntaxError as exc:
            return self._from_syntax_error(path, text, exc)
        except ValueError as exc:  # 3.11: NUL bytes are a ValueError
            return self._syntax_finding(path, f"source cannot be parsed: {exc}", _nul_line(text), 0)
        except (RecursionError, MemoryError):
            return self._syntax_finding(
                path, "source is nested too deeply for the Python parser; "
                      "split the deeply nested expression or block", 1, 0)
        except Exception as exc:  # e.g. OverflowError: still "Python cannot read this"
            return self._syntax_finding(path, f"source cannot be parsed: {type(exc).__name__}: {exc}", 1, 0)
        ctx = Context(path, tree, text)
        try:
            walk(tree, ctx, self._table, self._leave_function, self._leave_module)
        except (RecursionError, MemoryError):
            return self._syntax_finding(
                path, "source is nested too deeply to analyse; split the deeply nested code", 1, 0)
        except Exception as exc:  # a rule bug must not pass for a clean file
            raise CheckerInternalError(
                f"internal checker error on {path}: {type(exc).__name__}: {exc} "
                f"(please report it together with the file)") from exc
        return self._finish(ctx, text, path)

    # -------------------------------------------------------------- helpers
    def _finish(self, ctx: Context, text: str, path: str) -> list[dict]:
        if not ctx.findings:
            return []
        lines = None
        seen = set()
        out = []
        for rule, line, col, end_line, end_col, message in sorted(
                ctx.findings, key=lambda f: (f[1], f[2], f[0].code)):
            key = (rule.code, line)
            if key in seen:
                continue
            seen.add(key)
            if lines is None:
                lines = _LINE_BREAK.split(text)
            if line - 1 < len(lines) and is_suppressed(rule.code, lines[line - 1]):
                continue
            out.append(_finding(rule, path, line, col, end_line, end_col, message))
        return out

    def _from_syntax_error(self, path: str, text: str, exc: SyntaxError) -> list[dict]:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else 1
        col = exc.offset - 1 if isinstance(exc.offset, int) and exc.offset > 0 else 0
        message = exc.msg or "invalid syntax"
        if "null bytes" in message:
            line, col = _nul_line(text), 0
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        kind = type(exc).__name__
        return self._syntax_finding(path, f"{kind}: {message} (parsed as Python {version})", line, col,
                                    getattr(exc, "end_lineno", None), getattr(exc, "end_offset", None))

    def _syntax_finding(self, path, message, line, col, end_line=None, end_offset=None) -> list[dict]:
        if not self.report_syntax:
            return []
        if not isinstance(end_line, int) or end_line < line:
            end_line, end_col = line, col
        else:
            end_col = end_offset - 1 if isinstance(end_offset, int) and end_offset > 0 else col
            if end_line == line and end_col < col:
                end_col = col
        return [_finding(self._by_code[SYNTAX_RULE], path, line, col, end_line, end_col, message)]


def _finding(rule, path, line, col, end_line, end_col, message) -> dict:
    return {
        "rule": rule.code, "name": rule.name, "severity": rule.severity,
        "category": rule.category, "path": path, "line": line, "col": col,
        "end_line": end_line, "end_col": end_col, "message": message,
        "chapter": rule.chapter, "fix": rule.fix,
    }


def _nul_line(text: str) -> int:
    index = text.find("\0")
    return 1 if index < 0 else len(_LINE_BREAK.findall(text, 0, index)) + 1


_DEFAULT: Checker | None = None


def default_checker() -> Checker:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Checker()
    return _DEFAULT


def check_source(text: str, path: str = "<string>") -> list[dict]:
    """Check source text with every rule."""
    return default_checker().check_source(text, path)


def check_bytes(data: bytes, path: str = "<bytes>") -> list[dict]:
    """Check raw bytes with every rule."""
    return default_checker().check_bytes(data, path)
