"""Runs the checker as a real subprocess, the way users and the JVM do."""

import os
import pathlib
import subprocess
import sys

MAIN = pathlib.Path(__file__).resolve().parents[2] / "main" / "python"
REPO = pathlib.Path(__file__).resolve().parents[3]


def env():
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(MAIN)
    environment["PYTHONIOENCODING"] = "utf-8"
    return environment


def run_checker(*args, stdin=b"", cwd=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "aioskill_checker", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=env(), timeout=timeout)


def start_worker(*args):
    return subprocess.Popen([sys.executable, "-m", "aioskill_checker", "--worker", *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env())
