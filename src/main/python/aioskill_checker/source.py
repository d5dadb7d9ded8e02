"""Turning file bytes into source text exactly as CPython does.

``tokenize.detect_encoding`` finds a UTF-8 BOM or a PEP 263 coding cookie on
the first two lines and otherwise assumes UTF-8; the bytes are then decoded
with that codec (``utf-8-sig`` drops the BOM). Any failure is a
:class:`SourceDecodeError` carrying the 1-based line of the problem, which
the engine reports as AIO000.
"""

from __future__ import annotations

import codecs
import io
import tokenize


class SourceDecodeError(Exception):
    """The bytes are not Python source text; ``line`` says where it failed."""

    def __init__(self, message: str, line: int = 1, col: int = 0):
        super().__init__(message)
        self.line = line
        self.col = col


def decode_source(data: bytes) -> str:
    """Decode ``data`` like ``tokenize.open`` would, or raise SourceDecodeError."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        # bad cookie, unknown codec, or BOM disagreeing with the cookie
        first_lines = data.split(b"\n", 2)
        line = 2 if len(first_lines) > 1 and b"coding" in first_lines[1] \
            and b"coding" not in first_lines[0] else 1
        raise SourceDecodeError(f"cannot decode file: {exc}", line) from None
    try:
        codecs.lookup(encoding)
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1)
        raise SourceDecodeError(
            f"cannot decode file as {encoding}: byte {data[exc.start:exc.start + 1]!r} "
            f"at line {line} is invalid (declare the encoding with a PEP 263 coding comment "
            f"or save the file as UTF-8)", line, col) from None
    except LookupError as exc:
        raise SourceDecodeError(f"cannot decode file: {exc}", 1) from None
