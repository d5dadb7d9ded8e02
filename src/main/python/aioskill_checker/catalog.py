"""The rule catalog, generated from the rule classes and their docstrings.

Entry keys (``--rules --format json``): ``id``, ``name``, ``severity``,
``category``, ``chapter``, ``family``, ``summary`` (first sentence of
"What it does"), ``what``, ``why``, ``example``, ``use_instead``,
``not_flagged`` (the docstring sections, Markdown), ``fix`` and ``help_uri``.
"""

from __future__ import annotations

import json

from . import __version__
from .rules import family_of, rule_instances

INFORMATION_URI = "https://github.com/aioskill/aioskill"
DOCS_URI = INFORMATION_URI + "/blob/main/docs/rules.md"
_KEYS = {"What it does": "what", "Why is this bad?": "why", "Example": "example",
         "Use instead": "use_instead", "Not flagged": "not_flagged"}


def help_uri(code: str) -> str:
    """Stable anchor of a rule in the repository's rule docs."""
    return f"{DOCS_URI}#{code.lower()}"


def entries() -> list[dict]:
    out = []
    for rule in rule_instances():
        entry = {"id": rule.code, "name": rule.name, "severity": rule.severity,
                 "category": rule.category, "chapter": rule.chapter,
                 "family": family_of(rule), "summary": rule.summary()}
        for heading, text in rule.sections().items():
            entry[_KEYS[heading]] = text
        entry["fix"] = rule.fix
        entry["help_uri"] = help_uri(rule.code)
        out.append(entry)
    return out


def render_json() -> str:
    return json.dumps({"version": __version__, "rules": entries()}, indent=2, ensure_ascii=False)


def render_text() -> str:
    parts = []
    for e in entries():
        parts.append(f"{e['id']} {e['name']}  [{e['severity']}, {e['category']}, {e['chapter']}]")
        for heading, key in _KEYS.items():
            parts.append(f"  {heading}")
            parts.extend("    " + line if line else "" for line in e[key].splitlines())
        parts.append(f"  Fix: {e['fix']}")
        parts.append("")
    return "\n".join(parts)


def rule_markdown(e: dict) -> str:
    """One rule's documentation as Markdown (also SARIF help.markdown)."""
    lines = [f"**{e['id']} {e['name']}** ({e['severity']}, {e['category']}, {e['chapter']})", ""]
    for heading, key in _KEYS.items():
        lines += [f"### {heading}", "", e[key], ""]
    lines += ["### Fix", "", e["fix"], ""]
    return "\n".join(lines)


def render_markdown() -> str:
    """docs/rules.md: a table, then one anchored section per rule."""
    rows = ["| id | name | severity | category | chapter | what it flags |",
            "|---|---|---|---|---|---|"]
    body = []
    for e in entries():
        summary = e["summary"].replace("|", "\\|")
        rows.append(f"| [{e['id']}](#{e['id'].lower()}) | {e['name']} | {e['severity']} | "
                    f"{e['category']} | {e['chapter']} | {summary} |")
        body += [f"## {e['id']}", "", rule_markdown(e)]
    return "\n".join(["# aioskill checker rules", "", *rows, "", *body])
