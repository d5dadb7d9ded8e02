#!/usr/bin/env python3
"""Regenerates the rule docs from the checker's docstrings, so the docs cannot drift from the code.

Usage (from anywhere; any Python 3.11+, the checker is standard library only)::

    python3 tools/gen_docs.py          # write docs/rules.md and README.md's rule table
    python3 tools/gen_docs.py --check  # exit 1 and say what is stale, change nothing

docs/rules.md is exactly the output of
``python3 -m aioskill_checker --rules --format markdown``; SARIF ``helpUri``
anchors (``docs/rules.md#aio100``) point into it. README.md gets the rule table
of that output between the lines ``<!-- rules:start -->`` and
``<!-- rules:end -->``, with its links pointing into docs/rules.md. A README
without both markers is left alone (the command says so).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
CHECKER = REPO / "src" / "main" / "python"
RULES_DOC = REPO / "docs" / "rules.md"
README = REPO / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rules_markdown() -> str:
    """The catalog as Markdown, produced by the checker's own command line."""
    env = dict(os.environ, PYTHONPATH=str(CHECKER), PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-m", "aioskill_checker", "--rules", "--format", "markdown"],
                            capture_output=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"gen_docs: the checker failed to print its catalog:\n{result.stderr.decode()}")
    return result.stdout.decode("utf-8")


def rule_table(markdown: str) -> str:
    """The summary table at the top of docs/rules.md, its anchors turned into links to that file."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| id |"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return "\n".join(line.replace("](#", "](docs/rules.md#") for line in lines[start:end])


def with_table(readme: str, table: str) -> str | None:
    """README text with the table between the markers, or None when the markers are missing."""
    head, found, rest = readme.partition(START)
    if not found or END not in rest:
        return None
    tail = rest.split(END, 1)[1]
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv=None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--check", action="store_true", help="report stale files, change nothing")
    check = args.parse_args(argv).check
    markdown = rules_markdown()
    stale = []
    if not RULES_DOC.exists() or RULES_DOC.read_text(encoding="utf-8") != markdown:
        stale.append(RULES_DOC)
        if not check:
            RULES_DOC.parent.mkdir(parents=True, exist_ok=True)
            RULES_DOC.write_text(markdown, encoding="utf-8")
    readme = README.read_text(encoding="utf-8") if README.exists() else ""
    updated = with_table(readme, rule_table(markdown))
    if updated is None:
        print(f"gen_docs: README.md has no {START} ... {END} markers; its rule table was not touched")
    elif updated != readme:
        stale.append(README)
        if not check:
            README.write_text(updated, encoding="utf-8")
    for path in stale:
        verb = "is stale" if check else "regenerated"
        print(f"gen_docs: {path.relative_to(REPO)} {verb}")
    if check and stale:
        print("gen_docs: run `python3 tools/gen_docs.py` and commit the result")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
