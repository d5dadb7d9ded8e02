"""Our SARIF judged by a real validator, Microsoft's SARIF Multitool, not by our own reading of the spec.

The checker runs with ``--format sarif`` over every fixture and golden file
(so the output holds every rule family that exists, AIO000 included) from the
repository root, as a CI job would. The Multitool's exit code is 0 even for an
invalid file, so the test reads the validator's own SARIF report and asserts
that it holds no result of level error or warning. Then it asserts what GitHub
code scanning needs, which the schema alone does not demand. test_cli.py
checks the exact shape of one small run.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import urllib.parse

import pytest

from checker_process import REPO, run_checker

MULTITOOL = REPO / "tools" / "sarif" / "node_modules" / ".bin" / "sarif-multitool"
INPUTS = ("src/test/python/fixtures", "evals/golden")


@pytest.fixture(scope="module")
def sarif_file(tmp_path_factory):
    result = run_checker("--format", "sarif", *INPUTS, cwd=REPO, timeout=120)
    assert result.returncode == 1, result.stderr.decode(errors="replace")
    path = tmp_path_factory.mktemp("sarif") / "in.sarif"
    path.write_bytes(result.stdout)
    return path


@pytest.fixture(scope="module")
def sarif(sarif_file):
    return json.loads(sarif_file.read_text(encoding="utf-8"))


def test_multitool_finds_no_error_or_warning_in_our_sarif(sarif_file, tmp_path):
    assert MULTITOOL.exists(), (
        f"the SARIF Multitool is not installed at {MULTITOOL.relative_to(REPO)}: run bin/test, "
        "or `npm ci --prefix tools/sarif` (npm registry, then it runs offline)")
    report = tmp_path / "out.sarif"
    run = subprocess.run([str(MULTITOOL), "validate", "-o", str(report), str(sarif_file)],
                         capture_output=True, timeout=180)
    log = (run.stdout + run.stderr).decode(errors="replace")
    assert report.exists(), f"the Multitool wrote no report (exit {run.returncode}):\n{log}"
    problems = []
    for validation_run in json.loads(report.read_text(encoding="utf-8-sig"))["runs"]:
        for result in validation_run.get("results", []):
            # A result without a level is a warning (SARIF 2.1.0, 3.27.10).
            level = result.get("level", "warning")
            if level in ("error", "warning"):
                message = result.get("message", {})
                problems.append(f"{level} {result.get('ruleId')} {message.get('id') or message.get('text')} "
                                f"{message.get('arguments', '')}")
    assert not problems, "the SARIF Multitool rejects our SARIF:\n" + "\n".join(problems)


def test_driver_carries_name_version_and_documented_rules(sarif):
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "aioskill"
    assert driver["version"]
    rules = driver["rules"]
    assert rules, "no rule metadata"
    for rule in rules:
        assert rule["id"].startswith("AIO"), rule
        assert rule["shortDescription"]["text"].strip(), rule["id"]
        assert rule["helpUri"].startswith("https://") and rule["helpUri"].endswith("#" + rule["id"].lower())
    assert len({r["id"] for r in rules}) == len(rules), "duplicate rule ids"


def test_every_result_has_rule_message_and_a_relative_location(sarif):
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert len({r["ruleId"] for r in results}) >= 7, "the fixtures should exercise every merged rule family"
    for result in results:
        where = json.dumps(result)[:300]
        assert result["ruleId"] in rule_ids, where
        assert rule_ids[result["ruleIndex"]] == result["ruleId"], where
        assert result["message"]["text"].strip(), where
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        parsed = urllib.parse.urlparse(uri)
        assert not parsed.scheme and not uri.startswith("/"), f"absolute URI: {uri}"
        assert (REPO / urllib.parse.unquote(uri)).is_file(), f"URI names no file under the repo: {uri}"
        assert location["region"]["startLine"] >= 1, where


def test_every_input_file_with_findings_appears_once_per_rule_and_line(sarif):
    # The contract reports a finding once per (rule, line): SARIF must not duplicate them either.
    seen = set()
    for result in sarif["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        key = (result["ruleId"], location["artifactLocation"]["uri"], location["region"]["startLine"])
        assert key not in seen, f"duplicate result {key}"
        seen.add(key)
    uris = {uri for _, uri, _ in seen}
    assert any(u.startswith("evals/golden/") for u in uris) and any(u.startswith("src/test/python/fixtures/") for u in uris)
    assert "AIO000" in {rule for rule, _, _ in seen}, "the golden syntax-error file should yield AIO000"
    assert pathlib.PurePosixPath(next(iter(uris))).suffix == ".py"
