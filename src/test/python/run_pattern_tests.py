"""Run every build pattern's own tests the way the sandbox will, and optionally the checker.

For each id in src/main/resources/patterns/index.json this runs, in the pattern's
directory and without a shell:

    PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 python3 -m pytest -q -p no:cacheprovider \
        -p pytest_asyncio.plugin -o asyncio_mode=auto --junitxml=<tmp>

then prints one line per pattern (tests, failures, errors, skipped, seconds). A
skipped test counts as a failure: with plugin autoloading off, an async test
whose plugin did not load is *skipped*, not failed, and must not pass silently.

It also runs ``python3 -m aioskill_checker --format json`` on each pattern
directory and reports the number of findings; any finding fails the run. The
checker comes from --checker DIR (a directory holding the aioskill_checker
package), else from this repository's src/main/python when it is there;
--no-checker skips it.

Usage (from anywhere):

    /usr/bin/python3 src/test/python/run_pattern_tests.py [--checker DIR | --no-checker] [ID ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PATTERNS = ROOT / "src" / "main" / "resources" / "patterns"
PER_PATTERN_TIMEOUT = 120


@dataclass
class Outcome:
    pattern: str
    tests: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    findings: int | None = None
    note: str = ""

    @property
    def ok(self) -> bool:
        clean = self.findings in (None, 0)
        return self.tests > 0 and self.failures == 0 and self.errors == 0 and self.skipped == 0 and clean


def run_tests(pattern: str, python: str) -> Outcome:
    outcome = Outcome(pattern)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "junit.xml"
        command = [
            python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "pytest_asyncio.plugin",
            "-o", "asyncio_mode=auto", f"--junitxml={report}",
        ]
        started = time.monotonic()
        try:
            proc = subprocess.run(
                command, cwd=PATTERNS / pattern, env=env, capture_output=True, text=True,
                timeout=PER_PATTERN_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            outcome.note = f"timed out after {PER_PATTERN_TIMEOUT}s"
            outcome.errors = 1
            return outcome
        outcome.seconds = time.monotonic() - started
        if not report.exists():
            outcome.errors = 1
            outcome.note = (proc.stdout + proc.stderr).strip().splitlines()[-1:] and (proc.stdout + proc.stderr).strip().splitlines()[-1]
            return outcome
        suite = ET.parse(report).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        for field in ("tests", "failures", "errors", "skipped"):
            setattr(outcome, field, int(suite.get(field, "0")))
        if proc.returncode != 0 and not (outcome.failures or outcome.errors):
            outcome.errors = 1
            outcome.note = f"pytest exit code {proc.returncode}"
        if not outcome.ok:
            outcome.note = outcome.note or proc.stdout.strip().splitlines()[-1]
            sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-2000:])
    return outcome


def run_checker(pattern: str, python: str, checker: Path) -> int:
    env = dict(os.environ, PYTHONPATH=str(checker), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [python, "-m", "aioskill_checker", "--format", "json", str(PATTERNS / pattern)],
        env=env, capture_output=True, text=True, timeout=PER_PATTERN_TIMEOUT,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"checker failed on {pattern}: {proc.stderr.strip()}")
    data = json.loads(proc.stdout or "[]")
    findings = data.get("findings", data) if isinstance(data, dict) else data
    for finding in findings:
        sys.stderr.write(f"{finding.get('path')}:{finding.get('line')}: {finding.get('rule')} {finding.get('message')}\n")
    return len(findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run every build pattern's tests (and the checker)")
    parser.add_argument("ids", nargs="*", help="pattern ids (default: all in index.json)")
    parser.add_argument("--checker", type=Path, help="directory containing the aioskill_checker package")
    parser.add_argument("--no-checker", action="store_true", help="run the tests only")
    parser.add_argument("--python", default="/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable)
    args = parser.parse_args(argv)
    checker = args.checker
    if checker is None and not args.no_checker and (ROOT / "src/main/python/aioskill_checker").is_dir():
        checker = ROOT / "src/main/python"
    ids = args.ids or json.loads((PATTERNS / "index.json").read_text())["patterns"]
    outcomes = []
    for pattern in ids:
        outcome = run_tests(pattern, args.python)
        if checker is not None and not args.no_checker:
            outcome.findings = run_checker(pattern, args.python, checker.resolve())
        outcomes.append(outcome)
        checked = "" if outcome.findings is None else f" findings={outcome.findings}"
        print(
            f"{'PASS' if outcome.ok else 'FAIL'} {pattern:<22} tests={outcome.tests:<3} failures={outcome.failures} "
            f"errors={outcome.errors} skipped={outcome.skipped} {outcome.seconds:5.2f}s{checked} {outcome.note}".rstrip(),
            flush=True,
        )
    passed = sum(o.ok for o in outcomes)
    total_tests = sum(o.tests for o in outcomes)
    print(f"{passed}/{len(outcomes)} patterns passed, {total_tests} tests, {sum(o.seconds for o in outcomes):.2f}s")
    return 0 if passed == len(outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
