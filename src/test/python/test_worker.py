"""The JSON-lines worker protocol, validated against the schemas in schemas/."""

import base64
import json

import jsonschema
import pytest

from checker_process import REPO, start_worker

SCHEMAS = {name: json.loads((REPO / "schemas" / f"{name}.schema.json").read_text())
           for name in ("finding", "worker-request", "worker-response")}


def validator(name):
    store = {schema["$id"]: schema for schema in SCHEMAS.values()}
    resolver = jsonschema.RefResolver.from_schema(SCHEMAS[name], store=store)
    return jsonschema.Draft202012Validator(SCHEMAS[name], resolver=resolver)


@pytest.fixture
def worker():
    process = start_worker()
    yield process
    process.stdin.close()
    process.wait(timeout=10)
    process.stdout.close()
    process.stderr.close()


def ask(process, line):
    if isinstance(line, dict):
        validator("worker-request").validate(line)
        line = json.dumps(line)
    process.stdin.write(line.encode("utf-8") + b"\n")
    process.stdin.flush()
    response = json.loads(process.stdout.readline())
    validator("worker-response").validate(response)
    return response


SLEEPY = "import time\nasync def fetch():\n    time.sleep(1)\n    await g()\n"


def test_source_request_gets_findings_with_the_id(worker):
    response = ask(worker, {"id": "a1", "path": "app.py", "source": SLEEPY})
    assert response["id"] == "a1"
    assert [(f["rule"], f["line"], f["path"]) for f in response["findings"]] == [("AIO100", 3, "app.py")]


def test_bad_lines_get_error_responses_and_the_worker_stays_up(worker):
    not_json = ask(worker, "this is not json")
    assert not_json["id"] is None and "not valid JSON" in not_json["error"]
    assert ask(worker, "[1, 2]")["id"] is None
    missing_source = ask(worker, json.dumps({"id": 7, "path": "x.py"}))
    assert missing_source["id"] == 7 and "source" in missing_source["error"]
    bad_b64 = ask(worker, json.dumps({"id": 8, "source_b64": "@@@"}))
    assert bad_b64["id"] == 8 and "base64" in bad_b64["error"]
    unknown = ask(worker, json.dumps({"id": 9, "source": "", "sorce": ""}))
    assert "sorce" in unknown["error"]
    non_utf8 = worker.stdin.write(b'{"id": 10, "source": "\xff"}\n')
    worker.stdin.flush()
    assert non_utf8 and json.loads(worker.stdout.readline())["id"] is None
    assert ask(worker, {"id": 11, "source": SLEEPY})["findings"][0]["rule"] == "AIO100"


def test_source_b64_is_decoded_like_a_file_with_a_coding_cookie(worker):
    data = "# -*- coding: cp1252 -*-\nimport time\nasync def caf\u00e9():\n    time.sleep(1)  # \u20ac\n    await g()\n".encode("cp1252")
    response = ask(worker, {"id": 1, "path": "cafe.py", "source_b64": base64.b64encode(data).decode()})
    [finding] = response["findings"]
    assert (finding["rule"], finding["line"]) == ("AIO100", 4)
    assert finding["message"].endswith("'caf\u00e9'")


def test_undecodable_b64_source_is_a_syntax_finding(worker):
    response = ask(worker, {"id": 2, "source_b64": base64.b64encode(b"x = '\xff'\n").decode()})
    assert [f["rule"] for f in response["findings"]] == ["AIO000"]


def test_select_and_ignore_per_request(worker):
    source = SLEEPY + "    input()\n"
    assert [f["rule"] for f in ask(worker, {"id": 1, "source": source, "select": ["AIO105"]})["findings"]] == ["AIO105"]
    assert [f["rule"] for f in ask(worker, {"id": 2, "source": source, "ignore": ["AIO105"]})["findings"]] == ["AIO100"]
    assert "select" in ask(worker, json.dumps({"id": 3, "source": "", "select": "AIO1"}))["error"]


def test_many_requests_on_one_worker(worker):
    for number in range(50):
        assert ask(worker, {"id": number, "source": SLEEPY})["id"] == number


def test_worker_exits_cleanly_at_end_of_input():
    process = start_worker()
    out, err = process.communicate(b'{"id": 1, "source": "x = 1"}\n\n', timeout=30)
    assert process.returncode == 0
    assert [json.loads(line) for line in out.splitlines()] == [{"id": 1, "findings": []}]


def test_findings_of_every_fixture_match_the_finding_schema():
    from aioskill_checker import check_bytes
    check = validator("finding")
    count = 0
    for path in sorted((REPO / "src" / "test" / "python" / "fixtures").glob("*/*.py")):
        for finding in check_bytes(path.read_bytes(), str(path)):
            check.validate(finding)
            count += 1
    assert count > 20
