"""SARIF 2.1.0 output for GitHub code scanning.

Rules carry id, name, short/full description, help (text and Markdown),
helpUri and a default level; results carry ruleId, ruleIndex, level, message
and a physical location with a relative, forward-slash URI and a 1-based
region. Columns are the checker's (ast) columns plus one; ast counts UTF-8
bytes, so on lines with non-ASCII text before the finding the column is
approximate.
"""

from __future__ import annotations

import os
import pathlib
import urllib.parse

from . import __version__
from .catalog import INFORMATION_URI, entries, rule_markdown

LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}


def artifact_uri(path: str) -> str:
    """Relative forward-slash URI for paths under the working directory."""
    candidate = pathlib.Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(pathlib.Path.cwd().resolve())
        except ValueError:
            return candidate.as_uri()
    text = os.path.normpath(str(candidate)).replace(os.sep, "/")
    return urllib.parse.quote(text, safe="/")


def to_sarif(findings: list[dict]) -> dict:
    catalog = entries()
    index = {e["id"]: i for i, e in enumerate(catalog)}
    rules = [{
        "id": e["id"],
        "name": e["name"],
        "shortDescription": {"text": e["summary"]},
        "fullDescription": {"text": " ".join(e["what"].split())},
        "help": {"text": f"{' '.join(e['why'].split())} Fix: {e['fix']}", "markdown": rule_markdown(e)},
        "helpUri": e["help_uri"],
        "defaultConfiguration": {"level": LEVELS[e["severity"]]},
        "properties": {"tags": ["asyncio", e["category"].lower()], "chapter": e["chapter"]},
    } for e in catalog]
    results = []
    for f in findings:
        start_col = f["col"] + 1
        end_col = f["end_col"] + 1
        if f["end_line"] == f["line"] and end_col <= start_col:
            end_col = start_col + 1
        results.append({
            "ruleId": f["rule"],
            "ruleIndex": index[f["rule"]],
            "level": LEVELS[f["severity"]],
            "message": {"text": f"{f['message']}. Fix: {f['fix']}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(f["path"])},
                "region": {"startLine": f["line"], "startColumn": start_col,
                           "endLine": f["end_line"], "endColumn": end_col},
            }}],
        })
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "aioskill", "version": __version__,
                                "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": rules}},
            "results": results,
        }],
    }
