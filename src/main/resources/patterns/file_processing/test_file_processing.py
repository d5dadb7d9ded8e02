"""Tests for file_processing on real temporary files."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import aiofiles
import aiofiles.os
import pytest

import file_processing
from file_processing import FileReport, expand_paths, read_report, scan_file, scan_files, write_report

# pytest-asyncio normally arrives through its entry point; when plugin autoloading is
# off (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, as in a sandbox) load it by module name.
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
    pytest_plugins = ["pytest_asyncio.plugin"]


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this pattern as a program: main() calls asyncio.run, which must not share pytest's loop."""
    return subprocess.run(
        [sys.executable, file_processing.__file__, *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def logs(tmp_path: Path) -> list[Path]:
    paths = []
    for n in range(6):
        path = tmp_path / f"app{n}.log"
        lines = [f"INFO request {i} ok" for i in range(50)]
        lines[n * 3] = f"ERROR request {n * 3} failed"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


async def test_scan_counts_lines_words_and_matches(logs):
    report = await scan_file(logs[2], re.compile("ERROR"))
    assert (report.lines, report.words, report.matches) == (50, 200, 1)
    assert report.first_match_lines == [7]
    assert report.error is None


async def test_many_files_give_one_report_each_in_order(logs):
    reports = await scan_files(logs, re.compile("ERROR"), max_open=2)
    assert [r.path for r in reports] == [str(p) for p in logs]
    assert all(r.lines == 50 and r.matches == 1 for r in reports)


async def test_unreadable_files_become_error_entries(logs, tmp_path):
    paths = [logs[0], tmp_path / "missing.log", tmp_path]
    reports = await scan_files(paths)
    assert reports[0].error is None
    assert reports[1].error.startswith("FileNotFoundError")
    assert reports[2].error.startswith("IsADirectoryError")


@pytest.fixture
def binary_log(tmp_path: Path) -> Path:
    path = tmp_path / "binary.log"
    path.write_bytes(b"good line\n\xff\xfe broken \xc3\n")
    return path


@pytest.fixture
def nested_log(tmp_path: Path) -> Path:
    nested = tmp_path / "sub"
    nested.mkdir()
    path = nested / "deep.log"
    path.write_text("x\n")
    return path


@pytest.fixture
def old_report(tmp_path: Path) -> Path:
    destination = tmp_path / "report.jsonl"
    destination.write_text("old content\n")
    return destination


async def test_invalid_utf8_is_replaced_not_fatal(binary_log):
    report = await scan_file(binary_log, None)
    assert report.lines == 2 and report.error is None


async def test_open_files_never_exceed_the_limit(logs, monkeypatch):
    open_now = 0
    peak = 0
    real_scan = file_processing.scan_file

    async def counting_scan(path, pattern, max_listed=10):
        nonlocal open_now, peak
        open_now += 1
        peak = max(peak, open_now)
        try:
            await asyncio.sleep(0.01)
            return await real_scan(path, pattern, max_listed)
        finally:
            open_now -= 1

    monkeypatch.setattr(file_processing, "scan_file", counting_scan)
    await scan_files(logs, max_open=3)
    assert peak == 3


async def test_per_file_timeout_is_reported(logs, monkeypatch):
    async def stuck_scan(path, pattern, max_listed=10):
        await asyncio.sleep(5)

    monkeypatch.setattr(file_processing, "scan_file", stuck_scan)
    reports = await scan_files(logs[:2], file_timeout=0.05)
    assert [r.error for r in reports] == ["timeout", "timeout"]


async def test_report_round_trips_and_replaces_atomically(old_report):
    reports = [FileReport("a", 1, 2, 0), FileReport("b", error="timeout")]
    await write_report(reports, old_report)
    assert not await aiofiles.os.path.exists(old_report.with_name("report.jsonl.tmp"))
    async with aiofiles.open(old_report, encoding="utf-8") as handle:
        text = await handle.read()
    assert [json.loads(line)["path"] for line in text.splitlines()] == ["a", "b"]
    assert await read_report(old_report) == reports


async def test_directories_are_expanded_to_their_files(logs, nested_log, tmp_path):
    found = await expand_paths([tmp_path], "*.log")
    assert set(found) == set(logs) | {nested_log}


def test_program_writes_a_report_and_flags_failures(logs, tmp_path):
    destination = tmp_path / "out.jsonl"
    result = run_script("--pattern", "ERROR", str(destination), str(logs[0]), str(tmp_path / "nope"))
    assert result.returncode == 1
    rows = [json.loads(line) for line in destination.read_text().splitlines()]
    assert rows[0]["matches"] == 1 and rows[1]["error"].startswith("FileNotFoundError")
