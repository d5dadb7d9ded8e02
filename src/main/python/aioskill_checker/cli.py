"""Command line: ``python3 -m aioskill_checker [options] PATH...``.

Paths are files or directories (walked for ``*.py``, skipping ``.git``,
``venv``, ``.venv``, ``node_modules`` and ``__pycache__``); ``-`` reads stdin
(reported as path ``stdin``). Output formats: ``text`` (flake8 style
``path:line:col: AIO100 message``, 1-based column), ``json`` (one array of
findings), ``sarif`` (2.1.0). ``--rules`` prints the catalog (``text``,
``json`` or ``markdown``); ``--worker`` serves JSON lines (see
:mod:`aioskill_checker.worker`).

Exit status: 0 no findings, 1 findings, 2 usage or I/O error (a missing or
unreadable path, a checker bug); findings of readable files are still printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from . import __version__, catalog
from .engine import Checker, CheckerInternalError
from .sarif import to_sarif

SKIPPED_DIRS = frozenset({".git", "venv", ".venv", "node_modules", "__pycache__"})
STDIN_PATH = "stdin"


def _patterns(values) -> list[str]:
    out = []
    for value in values or ():
        out.extend(p.strip() for p in value.split(",") if p.strip())
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m aioskill_checker",
        description="Check Python files for asyncio anti-patterns (rules: --rules).")
    p.add_argument("paths", nargs="*", metavar="PATH", help="file, directory, or - for stdin")
    p.add_argument("--format", choices=("text", "json", "sarif", "markdown"), default="text",
                   help="output format (markdown: --rules only)")
    p.add_argument("--select", action="append", metavar="IDS",
                   help="only these rule ids, id prefixes or names (comma-separated, repeatable)")
    p.add_argument("--ignore", action="append", metavar="IDS",
                   help="skip these rule ids, id prefixes or names (comma-separated, repeatable)")
    p.add_argument("--rules", action="store_true", help="print the rule catalog and exit")
    p.add_argument("--worker", action="store_true", help="serve JSON-lines requests on stdin")
    p.add_argument("--version", action="version", version=f"aioskill_checker {__version__}")
    return p


def iter_files(path: str, errors: list[str]):
    """Yield Python files under ``path`` in a stable order; collect I/O errors."""
    if os.path.isdir(path):
        def on_error(exc):
            errors.append(f"cannot read {exc.filename}: {exc.strerror}")
        for root, dirs, files in os.walk(path, onerror=on_error):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
            for name in sorted(files):
                if name.endswith(".py"):
                    yield os.path.join(root, name)
    elif os.path.exists(path):
        yield path
    else:
        errors.append(f"cannot read {path}: no such file or directory")


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="backslashreplace")
    if args.rules:
        rendered = {"json": catalog.render_json, "markdown": catalog.render_markdown}.get(
            args.format, catalog.render_text)()
        out.write(rendered + "\n")
        return 0
    select, ignore = _patterns(args.select), _patterns(args.ignore)
    if args.worker:
        from .worker import serve
        return serve(sys.stdin.buffer, sys.stdout.buffer, select, ignore)
    if not args.paths:
        parser().print_usage(sys.stderr)
        sys.stderr.write("error: give at least one PATH (a file, a directory, or - for stdin)\n")
        return 2
    if args.format == "markdown":
        sys.stderr.write("error: --format markdown is only for --rules\n")
        return 2
    checker = Checker(select=select, ignore=ignore)
    errors: list[str] = []
    findings: list[dict] = []
    for path in args.paths:
        if path == "-":
            findings.extend(_check(checker, sys.stdin.buffer.read(), STDIN_PATH, errors))
            continue
        for file in iter_files(path, errors):
            try:
                with open(file, "rb") as handle:
                    data = handle.read()
            except OSError as exc:
                errors.append(f"cannot read {file}: {exc.strerror or exc}")
                continue
            findings.extend(_check(checker, data, file, errors))
    if args.format == "json":
        out.write(json.dumps(findings, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "sarif":
        out.write(json.dumps(to_sarif(findings), indent=2, ensure_ascii=False) + "\n")
    else:
        for f in findings:
            out.write(f"{f['path']}:{f['line']}:{f['col'] + 1}: {f['rule']} {f['message']}\n")
    out.flush()
    for error in errors:
        sys.stderr.write(f"aioskill_checker: {error}\n")
    if errors:
        return 2
    return 1 if findings else 0


def _check(checker: Checker, data: bytes, path: str, errors: list[str]) -> list[dict]:
    try:
        return checker.check_bytes(data, path)
    except CheckerInternalError as exc:
        errors.append(str(exc))
        return []
