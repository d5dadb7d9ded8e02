"""The skill's references agree with the checker, and the checker with its contract.

- Every ```python block of references/api_reference.md (not ```python bad) is
  checked as its own module and must give zero findings: the skill never shows
  code its own checker rejects. Every ```python bad block must still parse, so
  it shows the mistake it names rather than a syntax error.
- Every rule id of the checker's catalog appears in references/review-checklist.md.
- docs/RULES.md is the contract (a copy of ../shared/RULES.md): every rule it
  lists is in the catalog with the same name, severity and category. A rule
  whose family is not merged yet is an expected failure naming the rule, so
  the test tightens by itself when the family lands.
"""

from __future__ import annotations

import ast
import pathlib
import re

import pytest

from aioskill_checker import check_source
from aioskill_checker.catalog import entries

REPO = pathlib.Path(__file__).resolve().parents[3]
API_REFERENCE = REPO / "references" / "api_reference.md"
CHECKLIST = REPO / "references" / "review-checklist.md"
CONTRACT = REPO / "docs" / "RULES.md"
SHARED_CONTRACT = REPO.parent / "shared" / "RULES.md"

SEVERITIES = {"E": "error", "W": "warning", "S": "suggestion"}
CONTRACT_ROW = re.compile(r"^\| (AIO\d{3}) \| ([a-z0-9-]+) \| ([EWS]) \| ([A-Z]+) \|", re.MULTILINE)
FENCE = re.compile(r"^```(\S*)(?:[ \t]+(\S+))?[ \t]*$")
HEADING = re.compile(r"^#{1,6} +(.+?)\s*$")


def code_blocks(path: pathlib.Path) -> list[dict]:
    """Fenced blocks with their language, tag, nearest heading and first line number."""
    blocks, heading, current = [], "(top)", None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if current is None:
            match = FENCE.match(line)
            if match and match.group(1):
                current = {"lang": match.group(1), "tag": match.group(2) or "", "heading": heading,
                           "line": number + 1, "lines": []}
            elif HEADING.match(line):
                heading = HEADING.match(line).group(1)
        elif line.strip() == "```":
            current["source"] = "\n".join(current.pop("lines")) + "\n"
            blocks.append(current)
            current = None
        else:
            current["lines"].append(line)
    assert current is None, f"{path.name}: a code block opened at line {current['line'] - 1} is never closed"
    return blocks


def python_blocks(tag: str) -> list:
    return [pytest.param(block, id=f"L{block['line']}-{block['heading'][:40]}")
            for block in code_blocks(API_REFERENCE) if block["lang"] == "python" and block["tag"] == tag]


def first_line(block: dict) -> str:
    return next((line for line in block["source"].splitlines() if line.strip()), "").strip()


def contract_rules() -> dict:
    return {code: (name, SEVERITIES[sev], category)
            for code, name, sev, category in CONTRACT_ROW.findall(CONTRACT.read_text(encoding="utf-8"))}


def catalog() -> dict:
    return {e["id"]: e for e in entries()}


def test_reference_has_good_and_bad_examples_and_no_unknown_python_tags():
    blocks = [b for b in code_blocks(API_REFERENCE) if b["lang"] == "python"]
    tags = {b["tag"] for b in blocks}
    assert tags <= {"", "bad"}, f"unknown python block tags: {tags - {'', 'bad'}}"
    assert sum(b["tag"] == "" for b in blocks) >= 20 and sum(b["tag"] == "bad" for b in blocks) >= 5


@pytest.mark.parametrize("block", python_blocks(""))
def test_good_reference_block_passes_the_checker(block):
    findings = check_source(block["source"], f"api_reference.md:{block['line']}")
    described = [f"line {f['line'] + block['line'] - 1}: {f['rule']} {f['message']}" for f in findings]
    assert not findings, (f"block under '{block['heading']}' (api_reference.md line {block['line']}, "
                          f"starting `{first_line(block)}`) has findings: {described}")


@pytest.mark.parametrize("block", python_blocks("bad"))
def test_bad_reference_block_parses(block):
    try:
        ast.parse(block["source"])
    except SyntaxError as exc:
        pytest.fail(f"bad example under '{block['heading']}' (line {block['line']}, starting "
                    f"`{first_line(block)}`) does not parse: {exc}")


def test_every_catalog_rule_is_in_the_review_checklist():
    text = CHECKLIST.read_text(encoding="utf-8")
    missing = [code for code in catalog() if not re.search(rf"\b{code}\b", text)]
    assert not missing, f"rule ids missing from references/review-checklist.md: {missing}"


def test_contract_copy_matches_the_shared_contract():
    if not SHARED_CONTRACT.exists():
        pytest.skip(f"{SHARED_CONTRACT} is not beside this checkout")
    text = CONTRACT.read_text(encoding="utf-8")
    body = text.split("-->\n", 1)[1] if text.startswith("<!--") else text
    assert body == SHARED_CONTRACT.read_text(encoding="utf-8"), (
        "docs/RULES.md differs from ../shared/RULES.md: copy the shared contract below the note")


def test_contract_lists_every_catalog_rule():
    listed = set(contract_rules()) | {"AIO000"}  # AIO000 is defined in the contract's prose
    extra = sorted(set(catalog()) - listed)
    assert not extra, f"rules in the catalog that the contract (docs/RULES.md) does not list: {extra}"


def contract_params():
    present = catalog()
    params = []
    for code, expected in sorted(contract_rules().items()):
        marks = [] if code in present else [pytest.mark.xfail(
            strict=False, reason=f"{code} is not in the rule catalog yet (its family is not merged)")]
        params.append(pytest.param(code, expected, marks=marks, id=code))
    return params


@pytest.mark.parametrize("code, expected", contract_params())
def test_contract_rule_is_in_the_catalog_with_its_name_severity_and_category(code, expected):
    present = catalog()
    assert code in present, f"{code} ({expected[0]}) from RULES.md is not in the checker's catalog"
    entry = present[code]
    assert (entry["name"], entry["severity"], entry["category"]) == expected
