"""The command line: exit codes, path handling and the three output formats."""

import json

from checker_process import run_checker

BAD = "import time\n\nasync def fetch():\n    time.sleep(1)\n    await g()\n"
CLEAN = "import asyncio\n\nasync def fetch():\n    await asyncio.sleep(1)\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_zero_and_prints_nothing(tmp_path):
    write(tmp_path / "ok.py", CLEAN)
    result = run_checker("ok.py", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, b"")


def test_findings_exit_one_in_flake8_text_format_with_one_based_column(tmp_path):
    write(tmp_path / "bad.py", BAD)
    result = run_checker("bad.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode() == "bad.py:4:5: AIO100 time.sleep() blocks the event loop inside coroutine 'fetch'\n"


def test_missing_path_exits_two_but_still_reports_other_files(tmp_path):
    write(tmp_path / "bad.py", BAD)
    result = run_checker("bad.py", "missing.py", cwd=tmp_path)
    assert result.returncode == 2
    assert b"AIO100" in result.stdout
    assert b"missing.py" in result.stderr


def test_no_paths_is_a_usage_error(tmp_path):
    result = run_checker(cwd=tmp_path)
    assert result.returncode == 2
    assert b"PATH" in result.stderr


def test_unknown_option_is_a_usage_error(tmp_path):
    assert run_checker("--no-such-option", "x.py", cwd=tmp_path).returncode == 2


def test_directories_are_walked_skipping_vendor_and_cache_dirs(tmp_path):
    write(tmp_path / "pkg" / "a.py", BAD)
    write(tmp_path / "pkg" / "sub" / "b.py", BAD)
    write(tmp_path / "pkg" / "notes.txt", BAD)
    for skipped in (".git", "venv", ".venv", "node_modules", "__pycache__"):
        write(tmp_path / "pkg" / skipped / "c.py", BAD)
    result = run_checker("--format", "json", "pkg", cwd=tmp_path)
    assert result.returncode == 1
    paths = sorted(f["path"].replace("\\", "/") for f in json.loads(result.stdout))
    assert paths == ["pkg/a.py", "pkg/sub/b.py"]


def test_stdin_is_read_for_dash():
    result = run_checker("-", stdin=BAD.encode())
    assert result.returncode == 1
    assert result.stdout.decode().startswith("stdin:4:5: AIO100 ")


def test_json_format_is_one_array_of_findings(tmp_path):
    write(tmp_path / "bad.py", BAD)
    findings = json.loads(run_checker("--format", "json", "bad.py", cwd=tmp_path).stdout)
    assert [(f["rule"], f["line"], f["col"]) for f in findings] == [("AIO100", 4, 4)]
    clean = write(tmp_path / "ok.py", CLEAN)
    assert json.loads(run_checker("--format", "json", str(clean)).stdout) == []


def test_select_and_ignore_options(tmp_path):
    write(tmp_path / "bad.py", BAD + "    input()\n")
    ignored = run_checker("--ignore", "AIO100", "bad.py", cwd=tmp_path)
    assert b"AIO100" not in ignored.stdout and b"AIO105" in ignored.stdout
    selected = run_checker("--select", "AIO100,AIO999", "bad.py", cwd=tmp_path)
    assert b"AIO105" not in selected.stdout and b"AIO100" in selected.stdout
    assert run_checker("--select", "AIO105", "--ignore", "AIO1", "bad.py", cwd=tmp_path).returncode == 0


def test_syntax_error_file_is_a_finding_not_a_crash(tmp_path):
    (tmp_path / "py2.py").write_bytes(b'print "hi"\n\xff\xfe\x00')
    result = run_checker("py2.py", cwd=tmp_path)
    assert result.returncode == 1
    assert b"AIO000" in result.stdout
    assert b"Traceback" not in result.stderr


def test_sarif_output_has_what_github_code_scanning_needs(tmp_path):
    write(tmp_path / "src" / "bad file.py", BAD)
    result = run_checker("--format", "sarif", "src", cwd=tmp_path)
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "aioskill" and driver["version"] and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert "AIO100" in ids and "AIO000" in ids
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"].endswith("#" + rule["id"].lower())
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    [res] = run["results"]
    assert res["ruleId"] == "AIO100" and driver["rules"][res["ruleIndex"]]["id"] == "AIO100"
    assert res["level"] == "error" and "time.sleep()" in res["message"]["text"]
    location = res["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "src/bad%20file.py"
    assert location["region"] == {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 18}


def test_sarif_uri_is_relative_for_absolute_paths_under_the_working_directory(tmp_path):
    bad = write(tmp_path / "bad.py", BAD)
    sarif = json.loads(run_checker("--format", "sarif", str(bad), cwd=tmp_path).stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "bad.py"


def test_rules_catalog_text_and_json(tmp_path):
    text = run_checker("--rules")
    assert text.returncode == 0
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead", "Not flagged"):
        assert heading.encode() in text.stdout
    catalog = json.loads(run_checker("--rules", "--format", "json").stdout)
    ids = [r["id"] for r in catalog["rules"]]
    assert ids == sorted(ids) and {"AIO000", "AIO100", "AIO106"} <= set(ids)
    markdown = run_checker("--rules", "--format", "markdown").stdout.decode()
    assert "| [AIO100](#aio100) | blocking-sleep |" in markdown
