"""Benchmark of the aioskill AST checker against the speed of Python's own parser.

Run (from the repository root, with the Debian interpreter)::

    /usr/bin/python3 benchmarks/checker_bench.py [--rounds 3] [--corpus DIR ...]

Default corpus: the standard library under /usr/lib/python3.11 and Debian's
aiohttp sources (/usr/lib/python3/dist-packages/aiohttp). In one process it
prints the number of files and lines, then the median of ``--rounds`` runs of

* floor: read every file and ``ast.parse`` it, keeping nothing;
* checker: read every file and run the full checker (every registered rule);

and their ratio (target <= 2.0, stretch 1.5). For reference it also prints
the floor with the cyclic garbage collector paused, because the checker
pauses it while it holds a tree (see engine.py). A last, separate run with
per-family timers (``Checker(profile=True)``, which adds overhead of its own)
prints the time spent in each rule family; the rest is the shared walk and
semantic model.

Finally it starts a real ``--worker`` subprocess and sends it one ~200-line
corpus file 200 times as a ``source`` request, printing the median round
trip (target: under 5 ms) as a client on the same machine sees it.
"""

from __future__ import annotations

import argparse
import ast
import gc
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src" / "main" / "python"))

from aioskill_checker import Checker  # noqa: E402

DEFAULT_CORPUS = ["/usr/lib/python3.11", "/usr/lib/python3/dist-packages/aiohttp"]
SKIPPED = {"__pycache__", "site-packages", "dist-packages", ".git"}


def corpus_files(roots) -> list[str]:
    files = []
    for root in roots:
        for directory, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
            files.extend(os.path.join(directory, n) for n in sorted(names) if n.endswith(".py"))
    return files


def read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def floor(files, pause_gc: bool = False) -> float:
    start = time.perf_counter()
    for path in files:
        data = read(path)
        if pause_gc:
            gc.disable()
        try:
            ast.parse(data)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
        finally:
            if pause_gc:
                gc.enable()
    return time.perf_counter() - start


def full_check(files, checker: Checker) -> tuple[float, int]:
    start = time.perf_counter()
    count = 0
    for path in files:
        count += len(checker.check_bytes(read(path), path))
    return time.perf_counter() - start, count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", action="append", help="directory to scan (repeatable)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    files = corpus_files(args.corpus or DEFAULT_CORPUS)
    lines = sum(read(p).count(b"\n") for p in files)
    print(f"corpus: {', '.join(args.corpus or DEFAULT_CORPUS)}")
    print(f"files: {len(files)}  lines: {lines}")
    checker = Checker()
    floors, floors_nogc, checks = [], [], []
    findings = 0
    for _ in range(args.rounds):
        floors.append(floor(files))
        floors_nogc.append(floor(files, pause_gc=True))
        elapsed, findings = full_check(files, checker)
        checks.append(elapsed)
    f, fn, c = statistics.median(floors), statistics.median(floors_nogc), statistics.median(checks)
    print(f"floor   read+ast.parse, median of {args.rounds}: {f:.3f} s")
    print(f"floor   same, GC paused (reference):  {fn:.3f} s")
    print(f"checker full, median of {args.rounds}:         {c:.3f} s  ({findings} findings)")
    print(f"ratio checker/floor: {c / f:.2f}   (vs GC-paused floor: {c / fn:.2f})")
    profiled = Checker(profile=True)
    total, _ = full_check(files, profiled)
    print(f"profiled run (timers on): {total:.3f} s")
    for family, seconds in sorted(profiled.timings.items(), key=lambda kv: -kv[1]):
        print(f"  rules/{family}: {seconds:.3f} s")
    print(f"  read + parse + walk + semantic model: {total - sum(profiled.timings.values()):.3f} s")
    worker_latency(files)
    return 0


def worker_latency(files, requests: int = 200) -> None:
    sample = next((p for p in files if 190 <= read(p).count(b"\n") <= 210), files[0])
    source = read(sample).decode("utf-8", "replace")
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(__file__).resolve().parents[1] / "src" / "main" / "python"))
    worker = subprocess.Popen([sys.executable, "-m", "aioskill_checker", "--worker"], env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    times = []
    try:
        for number in range(requests):
            line = json.dumps({"id": number, "path": sample, "source": source}).encode() + b"\n"
            start = time.perf_counter()
            worker.stdin.write(line)
            worker.stdin.flush()
            response = json.loads(worker.stdout.readline())
            times.append(time.perf_counter() - start)
            assert response["id"] == number, response
    finally:
        worker.stdin.close()
        worker.wait(timeout=30)
    lines = source.count("\n")
    print(f"worker round trip, {lines}-line file ({sample}), median of {requests}: "
          f"{statistics.median(times) * 1000:.2f} ms (p90 {sorted(times)[int(requests * 0.9)] * 1000:.2f} ms)")


if __name__ == "__main__":
    sys.exit(main())
