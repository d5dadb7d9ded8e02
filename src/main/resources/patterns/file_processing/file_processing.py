"""Process many files concurrently with aiofiles.

Each file is streamed line by line with ``async for`` over an ``aiofiles``
handle, so a large file never sits in memory and the event loop is never
blocked by ``open()`` or ``read()`` (aiofiles runs them in a thread, Ch 2-3).
A ``Semaphore`` bounds how many files are open at once, each file has a
timeout, and a file that cannot be read becomes an error entry in the report
rather than failing the run. Results are written as JSON lines to a temporary
file that is renamed into place, so a reader never sees a half-written report.

Run it::

    python3 file_processing.py --pattern ERROR report.jsonl logs/*.log
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import aiofiles
import aiofiles.os

log = logging.getLogger("file_processing")


@dataclass
class FileReport:
    """Line, word and match counts for one file, or the error that stopped reading it."""

    path: str
    lines: int = 0
    words: int = 0
    matches: int = 0
    first_match_lines: list[int] = field(default_factory=list)
    error: str | None = None


async def scan_file(path: Path, pattern: re.Pattern[str] | None, max_listed: int = 10) -> FileReport:
    """Stream one file and count lines, words and lines matching ``pattern``."""
    report = FileReport(str(path))
    async with aiofiles.open(path, mode="r", encoding="utf-8", errors="replace") as handle:
        async for line in handle:
            report.lines += 1
            report.words += len(line.split())
            if pattern is not None and pattern.search(line):
                report.matches += 1
                if len(report.first_match_lines) < max_listed:
                    report.first_match_lines.append(report.lines)
    return report


async def scan_files(
    paths: Sequence[Path],
    pattern: re.Pattern[str] | None = None,
    *,
    max_open: int = 8,
    file_timeout: float = 30.0,
) -> list[FileReport]:
    """Scan every file concurrently (at most ``max_open`` at once); one report per path, in order."""
    semaphore = asyncio.Semaphore(max_open)

    async def guarded(path: Path) -> FileReport:
        async with semaphore:
            try:
                async with asyncio.timeout(file_timeout):
                    return await scan_file(path, pattern)
            except TimeoutError:
                log.warning("%s: timed out after %.1fs", path, file_timeout)
                return FileReport(str(path), error="timeout")
            except (OSError, ValueError) as exc:
                log.warning("%s: %s", path, exc)
                return FileReport(str(path), error=f"{type(exc).__name__}: {exc}")

    outcomes = await asyncio.gather(*(guarded(path) for path in paths), return_exceptions=True)
    reports: list[FileReport] = []
    for path, outcome in zip(paths, outcomes):
        if isinstance(outcome, FileReport):
            reports.append(outcome)
        elif isinstance(outcome, Exception):
            # Anything guarded() did not anticipate still stays attached to its file.
            log.error("%s: unexpected error", path, exc_info=outcome)
            reports.append(FileReport(str(path), error=f"{type(outcome).__name__}: {outcome}"))
        else:
            raise outcome
    return reports


def _expand(paths: Sequence[Path], glob: str) -> list[Path]:
    # Blocking directory walk (stat, listdir); runs in a thread via asyncio.to_thread.
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded.extend(sorted(p for p in path.rglob(glob) if p.is_file()))
        else:
            expanded.append(path)
    return expanded


async def expand_paths(paths: Sequence[Path], glob: str = "*") -> list[Path]:
    """Replace each directory in ``paths`` by the files below it matching ``glob``."""
    async with asyncio.timeout(60):
        return await asyncio.to_thread(_expand, paths, glob)


async def write_report(reports: Sequence[FileReport], destination: Path) -> None:
    """Write JSON lines to ``destination`` atomically (temporary file, then rename)."""
    temporary = destination.with_name(destination.name + ".tmp")
    async with aiofiles.open(temporary, mode="w", encoding="utf-8") as out:
        # One writelines call: the lines are produced and written in aiofiles' worker thread.
        await out.writelines(json.dumps(asdict(report)) + "\n" for report in reports)
        await out.flush()
    await aiofiles.os.replace(temporary, destination)


async def read_report(source: Path) -> list[FileReport]:
    """Read a report written by ``write_report``, streaming its lines."""
    reports = []
    async with aiofiles.open(source, mode="r", encoding="utf-8") as handle:
        async for line in handle:
            if line.strip():
                reports.append(FileReport(**json.loads(line)))
    return reports


async def process(paths: Sequence[Path], destination: Path, pattern: str | None, max_open: int) -> list[FileReport]:
    """Scan ``paths`` and write the report; returns the reports."""
    compiled = re.compile(pattern) if pattern else None
    files = await expand_paths(paths)
    reports = await scan_files(files, compiled, max_open=max_open)
    await write_report(reports, destination)
    failed = sum(1 for r in reports if r.error)
    log.info("scanned %d files (%d failed) into %s", len(reports), failed, destination)
    return reports


def main(argv: Sequence[str] | None = None) -> int:
    """Scan the files given on the command line; exit 1 if any could not be read."""
    parser = argparse.ArgumentParser(description="count lines, words and matches in many files")
    parser.add_argument("--pattern", help="regular expression to count matching lines")
    parser.add_argument("--max-open", type=int, default=8)
    parser.add_argument("report", type=Path, help="where to write the JSON lines report")
    parser.add_argument("files", type=Path, nargs="+", help="files or directories (scanned recursively)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    reports = asyncio.run(process(args.files, args.report, args.pattern, args.max_open))
    return 1 if any(r.error for r in reports) else 0


if __name__ == "__main__":
    raise SystemExit(main())
