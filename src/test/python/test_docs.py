"""docs/rules.md and README.md's rule table are generated from the rule docstrings and cannot drift.

Regenerate with ``python3 tools/gen_docs.py`` (tools/gen_docs.py says how).
"""

from __future__ import annotations

import importlib.util
import re
import urllib.parse

import pytest

from aioskill_checker.catalog import entries
from checker_process import REPO, run_checker

RULES_DOC = REPO / "docs" / "rules.md"
README = REPO / "README.md"


def gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", REPO / "tools" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fresh_markdown() -> str:
    result = run_checker("--rules", "--format", "markdown")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout.decode("utf-8")


def github_anchors(markdown: str) -> set:
    """Anchors GitHub gives the headings of a Markdown file (code fences skipped, repeats numbered)."""
    anchors, counts, fenced = set(), {}, False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        match = None if fenced else re.match(r"^#{1,6} +(.+?)\s*#*\s*$", line)
        if match:
            slug = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower()).replace(" ", "-")
            seen = counts.get(slug, 0)
            counts[slug] = seen + 1
            anchors.add(slug if seen == 0 else f"{slug}-{seen}")
    return anchors


def test_rules_doc_is_the_fresh_output_of_the_checker():
    assert RULES_DOC.exists(), "docs/rules.md is missing: run `python3 tools/gen_docs.py`"
    assert RULES_DOC.read_text(encoding="utf-8") == fresh_markdown(), (
        "docs/rules.md differs from `python3 -m aioskill_checker --rules --format markdown`: "
        "run `python3 tools/gen_docs.py` and commit docs/rules.md")


def test_sarif_help_uris_point_at_headings_of_the_rules_doc():
    anchors = github_anchors(RULES_DOC.read_text(encoding="utf-8"))
    for entry in entries():
        uri = urllib.parse.urlparse(entry["help_uri"])
        assert uri.path.endswith("/docs/rules.md"), entry["help_uri"]
        assert uri.fragment in anchors, f"{entry['id']}: no heading in docs/rules.md has anchor #{uri.fragment}"


def test_table_links_of_the_rules_doc_resolve():
    text = RULES_DOC.read_text(encoding="utf-8")
    anchors = github_anchors(text)
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) == len(entries())
    assert [link for link in links if link not in anchors] == []


def test_readme_rule_table_matches_the_catalog():
    module = gen_docs()
    readme = README.read_text(encoding="utf-8")
    updated = module.with_table(readme, module.rule_table(fresh_markdown()))
    if updated is None:
        pytest.skip("README.md has no <!-- rules:start --> / <!-- rules:end --> markers yet")
    assert updated == readme, "README.md's rule table is stale: run `python3 tools/gen_docs.py`"


def test_table_replacement_keeps_the_rest_of_the_readme_and_is_idempotent():
    module = gen_docs()
    table = module.rule_table(fresh_markdown())
    assert table.startswith("| id |") and "](docs/rules.md#aio100)" in table and "](#" not in table
    readme = "# Title\n\nIntro.\n\n<!-- rules:start -->\nold table\n<!-- rules:end -->\n\n## Next\n"
    once = module.with_table(readme, table)
    assert once == f"# Title\n\nIntro.\n\n<!-- rules:start -->\n{table}\n<!-- rules:end -->\n\n## Next\n"
    assert module.with_table(once, table) == once
    assert module.with_table("# Title\n<!-- rules:start -->\n", table) is None
