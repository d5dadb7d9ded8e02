"""JSON-lines worker: ``python3 -m aioskill_checker --worker``.

One request per line on stdin (UTF-8 JSON object), one response per line on
stdout, flushed after each:

* request: ``{"id": <string|number>, "path": "<display path>",
  "source": "<text>"}`` or ``{..., "source_b64": "<base64 of raw bytes>"}``
  (bytes are decoded as a file would be: BOM, PEP 263 cookie, else UTF-8);
  optional ``"select"`` / ``"ignore"``: lists of rule ids, prefixes or names.
  ``path`` is optional (default ``"<input>"``); other keys are rejected.
* response: ``{"id": ..., "findings": [...]}`` or ``{"id": ..., "error": "..."}``
  (``id`` is ``null`` when the line was not a JSON object with an id).

A malformed line or request gets an error response and the worker keeps
serving; blank lines are skipped. It exits 0 at end of input.
"""

from __future__ import annotations

import base64
import binascii
import json

from .engine import Checker, CheckerInternalError

_ALLOWED = {"id", "path", "source", "source_b64", "select", "ignore"}


class BadRequest(Exception):
    """The request line breaks the protocol; the message says how."""


def serve(stdin, stdout, select=(), ignore=()) -> int:
    checkers: dict[tuple, Checker] = {}

    def checker_for(sel, ign) -> Checker:
        key = (tuple(sel), tuple(ign))
        if key not in checkers:
            checkers[key] = Checker(select=list(sel), ignore=list(ign))
        return checkers[key]

    for raw in stdin:
        if not raw.strip():
            continue
        response = handle_line(raw, checker_for, list(select), list(ignore))
        stdout.write(encode(response))
        stdout.flush()
    return 0


def encode(response: dict) -> bytes:
    try:
        return (json.dumps(response, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from the request: fall back to \u escapes
        return (json.dumps(response) + "\n").encode("ascii")


def handle_line(raw: bytes, checker_for, select, ignore) -> dict:
    request_id = None
    try:
        try:
            request = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise BadRequest("request line is not UTF-8") from None
        except ValueError as exc:
            raise BadRequest(f"request line is not valid JSON: {exc}") from None
        if not isinstance(request, dict):
            raise BadRequest("request must be a JSON object")
        request_id = request.get("id")
        if not isinstance(request_id, (str, int)) or isinstance(request_id, bool):
            request_id = None
            raise BadRequest('request needs an "id" (string or integer)')
        unknown = set(request) - _ALLOWED
        if unknown:
            raise BadRequest(f"unknown request keys {sorted(unknown)}; allowed: {sorted(_ALLOWED)}")
        path = request.get("path", "<input>")
        if not isinstance(path, str):
            raise BadRequest('"path" must be a string')
        sel = _rule_list(request, "select", select)
        ign = _rule_list(request, "ignore", ignore)
        has_text, has_b64 = "source" in request, "source_b64" in request
        if has_text == has_b64:
            raise BadRequest('give exactly one of "source" (text) or "source_b64" (base64 bytes)')
        checker = checker_for(sel, ign)
        if has_text:
            if not isinstance(request["source"], str):
                raise BadRequest('"source" must be a string')
            findings = checker.check_source(request["source"], path)
        else:
            if not isinstance(request["source_b64"], str):
                raise BadRequest('"source_b64" must be a base64 string')
            try:
                data = base64.b64decode(request["source_b64"], validate=True)
            except (binascii.Error, ValueError):
                raise BadRequest('"source_b64" is not valid base64') from None
            findings = checker.check_bytes(data, path)
        return {"id": request_id, "findings": findings}
    except BadRequest as exc:
        return {"id": request_id, "error": str(exc)}
    except CheckerInternalError as exc:
        return {"id": request_id, "error": str(exc)}
    except Exception as exc:  # the worker must outlive any single request
        return {"id": request_id, "error": f"internal worker error: {type(exc).__name__}: {exc}"}


def _rule_list(request, key, default):
    if key not in request:
        return default
    value = request[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRequest(f'"{key}" must be a list of rule ids, prefixes or names')
    return value
