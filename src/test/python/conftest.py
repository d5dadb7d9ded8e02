"""Puts src/main/python on sys.path so tests import the checker from the source tree."""

import pathlib
import sys

MAIN = pathlib.Path(__file__).resolve().parents[2] / "main" / "python"
if str(MAIN) not in sys.path:
    sys.path.insert(0, str(MAIN))
