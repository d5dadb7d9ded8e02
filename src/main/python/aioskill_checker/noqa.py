"""``# noqa`` handling with flake8 semantics.

``# noqa`` alone silences every rule on its line; ``# noqa: AIO101,AIO102``
silences only the listed codes (a listed prefix such as ``AIO1`` matches all
codes starting with it, as in flake8); ``# noqa: E501`` leaves AIO rules alone.
Only lines that carry a finding are examined.
"""

from __future__ import annotations

import re

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]*(?:[,\s]+[A-Z]+[0-9]*)*))?",
                   re.IGNORECASE)
_SEP = re.compile(r"[,\s]+")


def suppressed_codes(line: str):
    """None when the line has no noqa, () for a bare noqa, else the listed codes."""
    if "#" not in line:
        return None
    match = _NOQA.search(line)
    if match is None:
        return None
    codes = match.group("codes")
    if not codes:
        return ()
    return tuple(c.upper() for c in _SEP.split(codes.strip()) if c)


def is_suppressed(code: str, line: str) -> bool:
    codes = suppressed_codes(line)
    if codes is None:
        return False
    return not codes or code.startswith(codes)
